#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there.
#   scripts/ensure-tools.sh wasm      the wasm32 target and the pinned wasm-bindgen-cli
#   scripts/ensure-tools.sh node      the npm dev tools (wasm-opt, esbuild, tsc and tsc 5.0, playwright-core, puppeteer-core, axe-core, attw, publint)
#   scripts/ensure-tools.sh chromium  Debian's chromium, chromium-driver and a CJK font (never a download)
#   scripts/ensure-tools.sh firefox   Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi
#   scripts/ensure-tools.sh tmux      Debian's tmux: the terminal `tat-request shell` is tested on
set -euo pipefail
cd "$(dirname "$0")/.."

want_bindgen() { sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml; }

for what in "$@"; do
  case "$what" in
    wasm)
      rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
      v=$(want_bindgen)
      if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $v"; then
        # Not --locked: a pinned transitive version is missing from the registry here.
        cargo install wasm-bindgen-cli --version "$v"
      fi
      ;;
    node)
      if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        npm ci --no-audit --no-fund
      fi
      ;;
    chromium)
      # fonts-wqy-microhei: without a CJK font the Chinese screenshots show empty boxes.
      if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -qi wqy; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
      fi
      ;;
    firefox)
      # The system Firefox: puppeteer-core (a dev dependency) launches it and downloads nothing.
      if ! command -v firefox-esr >/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq firefox-esr >/dev/null
      fi
      ;;
    tmux)
      if ! command -v tmux >/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq tmux >/dev/null
      fi
      ;;
    *) echo "ensure-tools: unknown '$what'" >&2; exit 2 ;;
  esac
done
