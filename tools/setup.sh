#!/usr/bin/env bash
# Set up Pintuan Quest in this checkout: Debian packages (when missing), a virtual environment at .venv and
# the package. `--test` adds the test dependencies. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# What Qt needs even offscreen, what a real X window needs, Chinese fonts, and Python with venv.
PACKAGES=(
  ca-certificates python3 python3-venv python3-pip
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  libxkbcommon-x11-0 xvfb xauth fonts-noto-cjk fonts-noto-color-emoji
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Pintuan Quest needs Python 3.11 or newer; $("$python" --version 2>&1) found." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
  rm -rf .venv
  "$python" -m venv .venv
fi

spec="."
[ $want_test -eq 1 ] && spec=".[test]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" 2>&1 \
  | grep -v "^WARNING: Location" || true
.venv/bin/python -c 'import app, PySide6, sqlalchemy, alembic, PIL, qasync, platformdirs' \
  || { echo "The installation is incomplete: see the messages above." >&2; exit 1; }
