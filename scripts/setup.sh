#!/usr/bin/env bash
# Installs what tinysim needs on a Debian machine that has Java 17 and Maven:
# Unicorn 2 (libunicorn2), the Arm bare-metal toolchain and newlib, make and the
# host C compiler (native cycle hook, kernel tests), Fashion-MNIST (bundled models' data set)
# Chromium (renders HTML reports to PNG in tests) and gdb-multiarch (`tinysim debug`, its CI
# test). Idempotent: installs only what is missing.
set -euo pipefail

packages=(libunicorn2 gcc-arm-none-eabi libnewlib-arm-none-eabi make gcc dataset-fashion-mnist chromium gdb-multiarch)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
    echo "tinysim setup: installing ${missing[*]}" >&2
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "tinysim setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
        sudo_cmd=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -q >/dev/null
    "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in java mvn arm-none-eabi-gcc make gcc; do
    command -v "$tool" >/dev/null || { echo "tinysim setup: '$tool' is still missing" >&2; exit 1; }
done
