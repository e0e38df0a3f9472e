#!/usr/bin/env bash
# Renders the HTML report of two bundled press releases and screenshots it with headless
# Chromium into docs/html-report.png, the picture the README shows. Run after changing the page.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product omtale
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Exit code 1 is expected: the fixtures have errors.
.build/debug/omtale check --format html --output "$work/rapport.html" \
    fixtures/press/14-forkortelser.txt fixtures/press/10-de-fem-regioner.txt || [ $? -eq 1 ]
mkdir -p docs
chromium --headless --disable-gpu --no-sandbox --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size=1280,2000 --screenshot="$PWD/docs/html-report.png" "file://$work/rapport.html"
echo "wrote docs/html-report.png"
