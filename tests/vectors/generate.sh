#!/usr/bin/env bash
# Regenerates tests/vectors/vectors.json from the official SDKs, pinned below so that the
# output is reproducible. Installs them on first use (pip into .venv, npm into node_modules;
# both are gitignored); later runs work offline.
set -euo pipefail
cd "$(dirname "$0")"

PY_SDK="tencentcloud-sdk-python-common==3.1.195"
NODE_SDK="tencentcloud-sdk-nodejs-common@4.1.220"

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# pip answers from the local install when the pinned version is already there.
.venv/bin/pip install --quiet --disable-pip-version-check "$PY_SDK"

if [ "$(node -p 'try { require("./node_modules/tencentcloud-sdk-nodejs-common/package.json").version } catch { "" }')" != "${NODE_SDK##*@}" ]; then
  npm install --no-save --no-audit --no-fund --loglevel=error "$NODE_SDK"
fi

.venv/bin/python generate.py
