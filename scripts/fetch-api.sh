#!/usr/bin/env bash
# Fetches the official TAT API description (tccli's api.json, pinned) into target/tccli/.
# It is downloaded, never committed: scripts/gen_actions.py turns it into src/rules/generated.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
version=3.1.189.1
out=target/tccli/$version
api=$out/tccli/services/tat/v20201028/api.json
if [ ! -f "$api" ]; then
  mkdir -p "$out"
  python3 -m pip download --quiet --no-deps --dest "$out" "tccli==$version"
  python3 -m zipfile -e "$out"/tccli-"$version"-*.whl "$out" >/dev/null
fi
echo "$api"
