#!/usr/bin/env bash
# CoreMark on `tinysim run` at the five levels of issue 13, against the silicon figures.
#   scripts/coremark.sh COREMARK_DIR [OUT]
# COREMARK_DIR holds CoreMark's sources (core_main.c ...; fetched outside this repository, never
# committed); OUT (default target-coremark) receives the ELFs and each run's console log.
# Builds with golden-tests/src/test/firmware/coremark/Makefile (tinysim's own port) and prints
# level, iterations, cycles, CoreMark/MHz, silicon CoreMark/MHz and the error in %.
# Environment: ITERATIONS (2000), DCACHE (1), TINYSIM_JAVA_OPTS (e.g. -Dtinysim.cycleModel=v2),
# TINYSIM_RUN_OPTS (e.g. --cycle-report), TINYSIM_JAR (default harness/target/tinysim.jar).
# Exits 1 if a level fails to build, run or validate.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="$root/golden-tests/src/test/firmware/coremark"
jar="${TINYSIM_JAR:-$root/harness/target/tinysim.jar}"

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: scripts/coremark.sh COREMARK_DIR [OUT]" >&2
    exit 2
fi
coremark_dir="$(cd "$1" 2>/dev/null && pwd)" || { echo "coremark.sh: no directory '$1'" >&2; exit 2; }
[ -f "$coremark_dir/core_main.c" ] || { echo "coremark.sh: $coremark_dir holds no core_main.c" >&2; exit 2; }
out="$(mkdir -p "${2:-target-coremark}" && cd "${2:-target-coremark}" && pwd)"
[ -f "$jar" ] || { echo "coremark.sh: $jar missing: mvn -q -B -o package -DskipTests" >&2; exit 2; }

make -s -C "$port" COREMARK_DIR="$coremark_dir" OUT="$out" \
    ITERATIONS="${ITERATIONS:-2000}" DCACHE="${DCACHE:-1}" >"$out/build.log" 2>&1 \
    || { cat "$out/build.log" >&2; echo "coremark.sh: build failed" >&2; exit 1; }

failed=0
printf '%-8s %10s %14s %13s %9s %8s\n' level iterations cycles CoreMark/MHz silicon error
while IFS=$'\t' read -r level flags silicon; do
    case "$level" in '#'*|'') continue ;; esac
    log="$out/coremark-$level.log"
    # shellcheck disable=SC2086 # the option variables are word lists
    if ! java ${TINYSIM_JAVA_OPTS:-} -jar "$jar" run ${TINYSIM_RUN_OPTS:-} "$out/coremark-$level.elf" \
        >"$log" 2>&1 </dev/null; then
        echo "coremark.sh: $level did not validate or did not exit 0: see $log" >&2
        failed=1
        continue
    fi
    iterations="$(awk -F: '/^Iterations  /{gsub(/ /,"",$2); print $2}' "$log")"
    cycles="$(awk -F: '/^Total ticks/{gsub(/ /,"",$2); print $2}' "$log")"
    awk -v l="$level" -v i="$iterations" -v c="$cycles" -v s="$silicon" 'BEGIN {
        m = i * 1e6 / c
        printf "%-8s %10d %14d %13.3f %9.3f %+7.1f%%\n", l, i, c, m, s, (m / s - 1) * 100 }'
done <"$port/levels.tsv"
exit "$failed"
