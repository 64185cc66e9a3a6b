#!/usr/bin/env bash
# Renders the dashboard of examples/acme (`okr report --format html`, as of
# 2026-11-28) and photographs it with headless Chromium into
# docs/dashboard.png, the picture in the README.
#
# Usage: scripts/screenshot.sh [OUT.png] [WIDTH,HEIGHT]
#        (default docs/dashboard.png at 1200,2000; 390,1800 shows a phone)
# Exit codes: 0 written, 2 Chromium is missing (apt-get install chromium).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/dashboard.png}
size=${2:-1200,2000}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "screenshot: chromium is needed: apt-get install chromium" >&2
    exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && cargo build --release --quiet)
okr="${CARGO_TARGET_DIR:-$root/target}/release/okr"
"$okr" report "$root/examples/acme" --as-of 2026-11-28 --format html -o "$work/report.html" -q

# Chromium's own logging (D-Bus, GPU) is noise here; its exit code is not.
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$size" --screenshot="$work/shot.png" \
    "file://$work/report.html" 2>/dev/null >/dev/null
mv "$work/shot.png" "$out"
echo "wrote $out"
