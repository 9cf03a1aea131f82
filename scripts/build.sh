#!/usr/bin/env bash
# Build the whole site with its PDFs into site/ (installing what building needs first). The new
# site replaces site/ only when everything succeeded (scripts/build.py).
#   bash scripts/build.sh            build into site/
#   bash scripts/build.sh serve      live preview on http://127.0.0.1:8000 (PDFs skipped)
#   ROADMAP_LANGUAGE=kk bash scripts/build.sh serve   preview one language only (fast, for translators)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "${1:-build}" = serve ]; then
  exec .venv/bin/mkdocs serve "${@:2}"
fi
exec .venv/bin/python scripts/build.py "${@:2}"
