#!/usr/bin/env bash
# Run the test suite (installing what building and testing need first). Extra arguments go to
# pytest: `bash scripts/test.sh -m "not pdf"` skips the PDF tests, `-m pdf` runs them alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/pytest "$@"
