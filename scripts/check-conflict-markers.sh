#!/usr/bin/env bash
# Fails when a merge-conflict marker is in any tracked file, also inside comments
# (a marker in a Javadoc still compiles, so the build alone does not catch it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
open='<''<<<<<<'; close='>''>>>>>>'
if hits=$(git grep -nE "^[[:space:]/*#-]*(${open}|${close})( |$)" -- .); then
    echo "merge-conflict markers in the tree:" >&2
    echo "$hits" >&2
    exit 1
fi
