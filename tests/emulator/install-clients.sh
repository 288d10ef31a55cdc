#!/usr/bin/env bash
# Installs the official clients that tests/emulator/clients.test.mjs drives against the
# emulator, pinned, into project-local gitignored folders: tccli (which pins
# tencentcloud-sdk-python, whose `tencentcloud.common` is the Python SDK's CommonClient) into
# tests/emulator/.venv, and the Node SDK's common client into tests/emulator/node_modules.
# Later runs check the versions and work offline.
set -euo pipefail
cd "$(dirname "$0")"

TCCLI="tccli==3.1.189.1"            # the version scripts/fetch-api.sh takes api.json from
PY_SDK="tencentcloud-sdk-python==3.1.195"   # what that tccli requires; same as tests/vectors
NODE_SDK="tencentcloud-sdk-nodejs-common@4.1.220"  # same as tests/vectors

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(not (m.version("tccli") == sys.argv[1] and m.version("tencentcloud-sdk-python") == sys.argv[2]))' \
    "${TCCLI##*==}" "${PY_SDK##*==}" 2>/dev/null; then
  .venv/bin/pip install --quiet --disable-pip-version-check "$TCCLI" "$PY_SDK"
fi

if [ "$(node -p 'try { require("./node_modules/tencentcloud-sdk-nodejs-common/package.json").version } catch { "" }')" != "${NODE_SDK##*@}" ]; then
  npm install --prefix . --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$NODE_SDK"
fi
