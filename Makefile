# tat-request. `make test` and `make demo` install what they need and skip what is there.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: bench test lint test-native test-vectors test-generated test-wasm test-js test-bundlers test-e2e test-emulator test-faults pkg tools vectors actions demo fuzz

## Every test suite: format and lint, native tests, wasm-bindgen tests in Node and Chromium,
## and the JS tests against the packed npm package.
test: lint test-generated test-native test-vectors test-wasm test-js test-bundlers test-e2e test-emulator test-faults

tools:
	scripts/ensure-tools.sh wasm node chromium firefox tmux

lint: tools
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	RUSTFLAGS='-C target-feature=+simd128' CARGO_TARGET_DIR=target/simd-test \
	  $(CARGO) clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	# The validation modules of tat-request/validate (scripts/build-pkg.sh): English only, bilingual.
	$(CARGO) clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
	$(CARGO) clippy --target wasm32-unknown-unknown --lib --no-default-features --features zh -- -D warnings
	# The browser's full module (zh-CN texts loaded on demand, no panic hook).
	$(CARGO) clippy --target wasm32-unknown-unknown --lib --no-default-features --features signer,zh-on-demand -- -D warnings

test-native:
	$(CARGO) test --all-targets
	$(CARGO) test --doc

## Requests built by the crate, re-verified by an independent node:crypto implementation.
test-vectors:
	node --test tests/vectors/verify.mjs

## Regenerates tests/vectors/vectors.json from the pinned official SDKs (pip and npm).
vectors:
	tests/vectors/generate.sh

test-wasm: tools
	$(WASM_RUNNER) $(CARGO) test --target wasm32-unknown-unknown --test wasm
	# Node's module is built with SIMD (scripts/build-pkg.sh): its placeholder scan
	# (src/scan.rs) against the plain way, in Node, as it ships. Its own folder: other
	# RUSTFLAGS rebuild everything.
	RUSTFLAGS='-C target-feature=+simd128' CARGO_TARGET_DIR=target/simd-test \
	  $(WASM_RUNNER) $(CARGO) test --target wasm32-unknown-unknown --lib
	WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
	  $(WASM_RUNNER) $(CARGO) test --target wasm32-unknown-unknown --test wasm

## The committed rules of every action are what the generator makes of the official API
## description (downloaded from PyPI, pinned in scripts/fetch-api.sh).
test-generated:
	python3 scripts/gen_actions.py "$$(scripts/fetch-api.sh)" - | diff -u src/rules/generated.rs -
	@echo "src/rules/generated.rs: reproduced exactly"
	python3 scripts/gen_actions.py "$$(scripts/fetch-api.sh)" --client-policy - | diff -u pkg-template/client/actions.mjs -
	@echo "pkg-template/client/actions.mjs: reproduced exactly"
	python3 scripts/gen_actions.py --dts "$$(scripts/fetch-api.sh)" - | diff -u pkg-template/actions.d.ts -
	@echo "pkg-template/actions.d.ts: reproduced exactly"

## Regenerates src/rules/generated.rs and pkg-template/actions.d.ts.
actions:
	python3 scripts/gen_actions.py "$$(scripts/fetch-api.sh)" src/rules/generated.rs
	python3 scripts/gen_actions.py "$$(scripts/fetch-api.sh)" --client-policy pkg-template/client/actions.mjs
	python3 scripts/gen_actions.py --dts "$$(scripts/fetch-api.sh)" pkg-template/actions.d.ts

## Builds the npm package into pkg/.
pkg: tools
	scripts/build-pkg.sh

## The packed package: node:test (ESM, CommonJS, Chromium, Firefox), tsc 5.0 and current on
## the type tests, attw and publint --strict on the tarball.
test-js: pkg
	tests/js/run.sh

## README "Bundlers": pages built by esbuild, rollup, webpack and vite (pinned in
## tests/bundlers/package.json, installed there) load in Chromium; an esbuild Node bundle runs.
test-bundlers: pkg
	tests/bundlers/run.sh

## Side-by-side benchmarks; writes bench/RESULTS.md. Installs the official Node SDK and
## @noble/hashes into bench/node_modules (never part of `make test`).
bench: pkg
	cd bench && if [ ! -d node_modules/tencentcloud-sdk-nodejs-common ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	node bench/run.mjs
	node bench/fleet.mjs

## The console page and its server with the embedded TAT sandbox (PORT, SANDBOX_SPEED,
## TAT_UPSTREAM for relay mode, SANDBOX_EXEC=1 for local instances that really run scripts,
## SANDBOX_FAULTS and SANDBOX_SEED for fault injection (www/README.md "Fault injection");
## see README "Console").
demo: pkg
	node www/server.mjs

## The console: sandbox and relay (node:test), then the page end to end in headless Chromium,
## its main flows in headless Firefox, its views and their accessibility audit (axe-core).
## Screenshots go to target/screenshots/ (SCREENSHOT_DIR=docs/screenshots refreshes the committed ones).
test-e2e: pkg
	node --test --test-reporter=spec tests/e2e/sandbox.test.mjs tests/e2e/fleet.test.mjs tests/e2e/server.test.mjs tests/e2e/console.test.mjs tests/e2e/console-warnings.test.mjs tests/e2e/outcome.test.mjs
	node --test --test-reporter=spec tests/e2e/firefox.test.mjs tests/e2e/shell-firefox.test.mjs
	node --test --test-reporter=spec tests/e2e/views.test.mjs tests/e2e/schedule.test.mjs tests/e2e/shell.test.mjs

## The emulator: every action of api.json (downloaded, pinned), its bounds, and the official
## clients (Python SDK, tccli, Node SDK; pinned, installed into tests/emulator/) against the bin.
test-emulator: pkg
	tests/emulator/install-clients.sh
	node --test --test-reporter=spec tests/emulator/actions.test.mjs tests/emulator/clock.test.mjs tests/emulator/bounds.test.mjs tests/emulator/clients.test.mjs
	node --test --test-reporter=spec tests/emulator/shell-session.test.mjs tests/emulator/exec.test.mjs tests/emulator/cli.test.mjs

## The client against the emulator's fault injection (--faults): one fault of every kind on
## every mutating action, polling outages, credentials, abort, and fleets of 1,000 instances at
## 10% faults over six seeds; executions counted from the emulator's own records.
test-faults: pkg
	node --test --test-reporter=spec tests/faults/single.test.mjs tests/faults/fleet.test.mjs

## Fuzzing (cargo-fuzz on the nightly toolchain, installed when missing): each target runs for
## FUZZ_SECONDS (default 60) from the committed seeds in fuzz/corpus/<target>/; new inputs go
## to the ignored fuzz/target/corpus/<target>/, crashes to the ignored fuzz/artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := validate_json params_parse placeholders build_request json_reader
fuzz:
	command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/corpus/$$t; \
	  $(CARGO) +nightly fuzz run $$t target/corpus/$$t corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1; \
	done
