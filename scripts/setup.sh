#!/usr/bin/env bash
# Set up everything fazhi needs on a fresh Debian machine: system packages, a virtualenv, torch (CPU),
# and fazhi with all extras. Idempotent: a second run only re-installs when setup.py changed.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=${PYTHON:-python3}
APT_PACKAGES="fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim redis-server chromium"

need_apt=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || need_apt="$need_apt $p"; done
if [ -n "$need_apt" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing Debian packages:$need_apt" >&2
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need_apt >/dev/null \
    || echo "setup: warning: could not install$need_apt; tests that need them will be skipped" >&2
fi

stamp="$VENV/.fazhi-installed"
if [ ! -f "$stamp" ] || [ setup.py -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  # torch first, from the CPU build; the constraint keeps every later resolve on it.
  "$VENV/bin/python" -m pip install -q -c constraints.txt torch==2.13.0
  "$VENV/bin/python" -m pip install -q -c constraints.txt -e ".[all,test]"
  touch "$stamp"
fi
