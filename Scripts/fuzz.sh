#!/usr/bin/env bash
# Fuzzes the expression, formula and spec parsers for ten minutes (or APERY_FUZZ_SECONDS) per property.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
APERY_FUZZ_SECONDS="${APERY_FUZZ_SECONDS:-600}" swift test --skip-build --filter ParserFuzzTests
