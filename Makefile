# tat-request: `make test` and `make demo` install what they need and skip what is there.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo

.PHONY: test test-native lint demo
test: lint test-native

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

test-native:
	$(CARGO) test --all-targets

demo:
	@echo "The console page arrives with issue 5; for now: make test"
