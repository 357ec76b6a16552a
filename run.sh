#!/usr/bin/env bash
# Set up a fresh machine if needed, then run the main job: `delib extract` on samples/ into outputs/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/delib extract "$@"
