#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds and runs every module's tests
# (Java suites, host-built C kernel tests, test firmwares on the emulated board).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/check-conflict-markers.sh"
cd "$root"
exec mvn -B verify "$@"
