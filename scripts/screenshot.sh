#!/usr/bin/env bash
# Photographs examples/acme (as of 2026-11-28) with headless Chromium for
# the README:
#   scripts/screenshot.sh [OUT.png] [WIDTH,HEIGHT]
#       the dashboard (`okr report --format html`), default
#       docs/dashboard.png at 1200,2000 (390,1800 shows a phone);
#   scripts/screenshot.sh --map [OUT.png]
#       the SVG strategy map (`okr map`) at its own size, default
#       docs/strategy-map.png;
#   scripts/screenshot.sh --mermaid [OUT.png]
#       the Mermaid map as Mermaid 11 draws it (by
#       scripts/check-mermaid-layout.sh, which needs Node.js and npm),
#       default docs/strategy-map-mermaid.png.
# Exit codes: 0 written, 1 a check failed, 2 Chromium is missing
# (apt-get install chromium).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mode=dashboard
case "${1:-}" in
    --map) mode=map; shift ;;
    --mermaid) mode=mermaid; shift ;;
esac
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "screenshot: chromium is needed: apt-get install chromium" >&2
    exit 2
fi
if [ "$mode" = mermaid ]; then
    out=${1:-$root/docs/strategy-map-mermaid.png}
    exec "$root/scripts/check-mermaid-layout.sh" "$out"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && cargo build --quiet)
okr="${CARGO_TARGET_DIR:-$root/target}/debug/okr"
if [ "$mode" = map ]; then
    out=${1:-$root/docs/strategy-map.png}
    "$okr" map "$root/examples/acme" --as-of 2026-11-28 -o "$work/map.svg" >/dev/null
    # The picture at the SVG's own width and height.
    size=$(sed -n 's/^<svg[^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$work/map.svg" | head -1)
    page="$work/map.svg"
else
    out=${1:-$root/docs/dashboard.png}
    size=${2:-1200,2000}
    "$okr" report "$root/examples/acme" --as-of 2026-11-28 --format html -o "$work/report.html" -q
    page="$work/report.html"
fi

# Chromium's own logging (D-Bus, GPU) is noise here; its exit code is not.
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$work/profile" \
    --window-size="$size" --screenshot="$work/shot.png" \
    "file://$page" 2>/dev/null >/dev/null
mv "$work/shot.png" "$out"
echo "wrote $out"
