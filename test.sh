#!/usr/bin/env bash
# Set up a fresh machine if needed (with test tools), then run the test suite.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --test
.venv/bin/python -m pytest "$@"
