#!/usr/bin/env bash
# Dhrystone 2.1 on `tinysim run` in [SL]'s placements (code in flash, SRAM1 or ITCM; caches on and
# off), against the published DMIPS of an STM32F723 at 216 MHz (emulator/CYCLE_MODEL.md, [SL]).
#   scripts/dhrystone.sh DHRY_DIR [OUT]
# DHRY_DIR holds dhry.h, dhry_1.c and dhry_2.c (fetched outside this repository, never committed);
# OUT (default target-dhrystone) receives the ELFs and each run's console log.
# Builds with golden-tests/src/test/firmware/dhrystone/Makefile (tinysim's own port) and runs every
# configuration twice: the fast default and --exact-icache --exact-dcache. Prints per configuration
# cycles per run, DMIPS at 216 MHz (runs/s / 1757), published DMIPS and the error; then the ratios
# of ratios.tsv (which the memory side decides) against the published ones.
# Environment: RUNS (20000), DHRY_OPT (-O2 -fno-inline), TINYSIM_JAVA_OPTS, TINYSIM_JAR.
# Exits 1 if a configuration fails to build, run or give Dhrystone's expected final values.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="$root/golden-tests/src/test/firmware/dhrystone"
jar="${TINYSIM_JAR:-$root/harness/target/tinysim.jar}"

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: scripts/dhrystone.sh DHRY_DIR [OUT]" >&2
    exit 2
fi
dhry_dir="$(cd "$1" 2>/dev/null && pwd)" || { echo "dhrystone.sh: no directory '$1'" >&2; exit 2; }
[ -f "$dhry_dir/dhry_1.c" ] || { echo "dhrystone.sh: $dhry_dir holds no dhry_1.c" >&2; exit 2; }
out="$(mkdir -p "${2:-target-dhrystone}" && cd "${2:-target-dhrystone}" && pwd)"
[ -f "$jar" ] || { echo "dhrystone.sh: $jar missing: mvn -q -B -o package -DskipTests" >&2; exit 2; }

make_args=(DHRY_DIR="$dhry_dir" OUT="$out" RUNS="${RUNS:-20000}")
[ -n "${DHRY_OPT:-}" ] && make_args+=(DHRY_OPT="$DHRY_OPT")
make -s -C "$port" "${make_args[@]}" >"$out/build.log" 2>&1 \
    || { cat "$out/build.log" >&2; echo "dhrystone.sh: build failed" >&2; exit 1; }

# One run: prints cycles per run, or fails naming the log.
cycles_per_run() { # config mode-name options...
    local config="$1" mode="$2"
    shift 2
    local log="$out/dhrystone-$config.$mode.log"
    # shellcheck disable=SC2086 # the option variable is a word list
    if ! java ${TINYSIM_JAVA_OPTS:-} -jar "$jar" run "$@" "$out/dhrystone-$config.elf" >"$log" 2>&1 </dev/null; then
        echo "dhrystone.sh: $config ($mode) failed or gave wrong final values: see $log" >&2
        return 1
    fi
    awk '/^dhrystone: / { printf "%.3f\n", $6 / $4 }' "$log"
}

failed=0
results="$out/results.tsv"
: >"$results"
printf '%-10s %11s %8s %10s %8s %13s %8s\n' config cycles/run DMIPS published error exact-cyc/run exact
while IFS=$'\t' read -r config _place _caches published; do
    case "$config" in '#'*|'') continue ;; esac
    fast="$(cycles_per_run "$config" fast)" || { failed=1; continue; }
    exact="$(cycles_per_run "$config" exact --exact-icache --exact-dcache)" || { failed=1; continue; }
    printf '%s\t%s\t%s\t%s\n' "$config" "$fast" "$exact" "$published" >>"$results"
    awk -v c="$config" -v f="$fast" -v e="$exact" -v p="$published" 'BEGIN {
        d = 216e6 / f / 1757
        printf "%-10s %11.1f %8.1f %10d %+7.1f%% %13.1f %+7.1f%%\n", c, f, d, p, (d / p - 1) * 100, e, (e / f - 1) * 100 }'
done <"$port/configs.tsv"

echo
printf '%-26s %8s %8s %10s %8s\n' 'ratio (DMIPS A / B)' model exact published error
while IFS=$'\t' read -r name a b; do
    case "$name" in '#'*|'') continue ;; esac
    awk -F'\t' -v n="$name" -v a="$a" -v b="$b" '
        { fast[$1] = $2; exact[$1] = $3; pub[$1] = $4 }
        END {
            if (!(a in fast) || !(b in fast)) { printf "%-26s %8s\n", n, "(not run)"; exit }
            m = fast[b] / fast[a]; x = exact[b] / exact[a]; p = pub[a] / pub[b]
            printf "%-26s %8.2f %8.2f %10.2f %+7.1f%%\n", n, m, x, p, (m / p - 1) * 100 }' "$results"
done <"$port/ratios.tsv"
exit "$failed"
