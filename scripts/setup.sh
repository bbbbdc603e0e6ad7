#!/usr/bin/env bash
# Set up everything fazhi needs on a fresh Debian machine: system packages, a virtualenv, torch (CPU),
# and fazhi with all extras. Idempotent: a second run only re-installs when setup.py changed.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=${PYTHON:-python3}
# python3-venv: Debian's and Ubuntu's python3 cannot create a virtualenv without it (no ensurepip).
# libreoffice-*-nogui: LibreOffice without its desktop, which converts Word 97-2003 .doc, WPS .wps, Excel .xls and
# WPS .et files for the loaders (writer: .doc/.wps, calc: .xls/.et).
APT_PACKAGES="python3-venv fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim redis-server chromium
  libreoffice-writer-nogui libreoffice-calc-nogui"

need_apt=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || need_apt="$need_apt $p"; done
if [ -n "$need_apt" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # `env` because sudo drops DEBIAN_FRONTEND from the environment, and a package's questions would hang.
  apt_install() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
  echo "setup: installing Debian packages:$need_apt" >&2
  if ! $SUDO apt-get update -qq; then
    echo "setup: warning: apt-get update failed; could not install$need_apt; tests that need them will be skipped" >&2
  elif ! apt_install $need_apt; then
    # apt installs all or nothing: one name this release lacks (Ubuntu has no `chromium`) must not stop the rest.
    failed=""
    for p in $need_apt; do apt_install "$p" || failed="$failed $p"; done
    [ -z "$failed" ] || echo "setup: warning: could not install$failed; tests that need them will be skipped" >&2
  fi
fi

stamp="$VENV/.fazhi-installed"
if [ ! -f "$stamp" ] || [ setup.py -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  # torch first; the constraint keeps every later resolve on it. PyPI's Linux torch is the CUDA build (~2.5 GB of
  # nvidia-* wheels): TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu (where that index is reachable) gets the
  # CPU build instead. Only pip's configured indexes are asked unless it is set: build machines reach no other host.
  torch_index=${TORCH_INDEX_URL:-}
  if [ -n "$torch_index" ]; then
    "$VENV/bin/python" -m pip install -q -c constraints.txt --extra-index-url "$torch_index" torch==2.13.0
  else
    "$VENV/bin/python" -m pip install -q -c constraints.txt torch==2.13.0
  fi
  "$VENV/bin/python" -m pip install -q -c constraints.txt -e ".[all,test]"
  touch "$stamp"
fi
