#!/usr/bin/env bash
# Checks how Mermaid 11 (the major version GitHub renders; ```mermaid
# `info` ``` on GitHub shows the exact one) lays out `okr map --format
# mermaid`: it draws okr's output with Mermaid's own renderer in headless
# Chromium and reads the drawn positions back. For examples/acme (with and
# without --okrs) and tests/map/fifteen:
#   - the lanes' subgraphs are drawn top to bottom in okr.yaml's order, each
#     title above the next;
#   - every strategic objective of lane k sits above every one of lane k+1;
#   - in a lane without links inside it, the objectives share one row.
# With a file argument it also writes a PNG of the acme map there.
#
# Needs Node.js with npm (mermaid@11 and puppeteer-core are installed into
# a temporary folder) and Chromium; without them it says so and exits 0.
#
# Usage: scripts/check-mermaid-layout.sh [acme-map.png]
#        (exit 0 all good or skipped, 1 a check failed)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
chromium=$(command -v chromium || command -v chromium-browser || true)
if ! command -v node >/dev/null || ! command -v npm >/dev/null || [ -z "$chromium" ]; then
    echo "check-mermaid-layout: Node.js, npm and Chromium are needed; skipped" >&2
    exit 0
fi
png=${1:-}
case "$png" in /*|'') ;; *) png="$PWD/$png" ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && cargo build --quiet)
okr="${CARGO_TARGET_DIR:-$root/target}/debug/okr"
export OKR_AS_OF=2026-11-28

cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund mermaid@11 puppeteer-core@23 >/dev/null

"$okr" map "$root/examples/acme" --format mermaid > acme.mmd
"$okr" map "$root/examples/acme" --format mermaid --okrs 2026-Q4 > acme-okrs.mmd
"$okr" map "$root/tests/map/fifteen" --format mermaid > fifteen.mmd

cat > page.html <<'EOF'
<!doctype html>
<html><head><meta charset="utf-8">
<script src="node_modules/mermaid/dist/mermaid.min.js"></script>
</head><body style="margin:0;background:#fff"><div id="out"></div></body></html>
EOF

cat > check.mjs <<'EOF'
import puppeteer from 'puppeteer-core';
import { readFileSync } from 'node:fs';

const [, , chromium, png, ...files] = process.argv;
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    '--allow-file-access-from-files'],
});
let failures = 0;
const fail = (file, message) => {
  failures += 1;
  console.error(`${file}: ${message}`);
};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  // Lanes in okr's order, with their strategic objectives (o_ ids) and
  // whether a link joins two objectives of the lane.
  const lanes = [];
  let lane = null;
  for (const line of text.split('\n')) {
    let m;
    if ((m = line.match(/^\s+subgraph (\w+)\[/))) {
      lane = { id: m[1], nodes: [] };
      lanes.push(lane);
    } else if (/^\s+end$/.test(line)) {
      lane = null;
    } else if (lane && (m = line.match(/^\s+(o_\w+)\["/))) {
      lane.nodes.push(m[1]);
    }
  }
  const links = [...text.matchAll(/^\s+(o_\w+) -\.?-> (o_\w+)$/gm)].map((m) => [m[1], m[2]]);
  for (const l of lanes) {
    l.inner = links.some(([a, b]) => l.nodes.includes(a) && l.nodes.includes(b));
  }

  const page = await browser.newPage();
  await page.setViewport({ width: 1600, height: 1200 });
  await page.goto(`file://${process.cwd()}/page.html`);
  const drawn = await page.evaluate(async (text, lanes) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const { svg } = await mermaid.render('map', text);
    document.getElementById('out').innerHTML = svg;
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const node = (id) =>
      box(document.querySelector(`#out g.node[id^="map-flowchart-${id}-"], #out g.node[id^="flowchart-${id}-"]`));
    const cluster = (id) => {
      const g = document.querySelector(`#out g.cluster[id$="${id}"], #out g.cluster[id="${id}"]`);
      return { box: box(g), label: box(g && g.querySelector('.cluster-label')) };
    };
    const svgBox = box(document.querySelector('#out svg'));
    return {
      size: svgBox,
      lanes: lanes.map((l) => ({ ...cluster(l.id), nodes: l.nodes.map((n) => [n, node(n)]) })),
    };
  }, text, lanes);
  lanes.forEach((l, k) => {
    const d = drawn.lanes[k];
    if (!d.box || !d.label) return fail(file, `no subgraph ${l.id} drawn`);
    for (const [n, b] of d.nodes) if (!b) fail(file, `no node ${n} drawn`);
    if (k + 1 < lanes.length) {
      const next = drawn.lanes[k + 1];
      if (next.label && !(d.label.bottom <= next.label.top)) {
        fail(file, `the title of ${l.id} is not above the title of ${lanes[k + 1].id}`);
      }
      const low = Math.max(...d.nodes.filter(([, b]) => b).map(([, b]) => b.bottom));
      const high = Math.min(...next.nodes.filter(([, b]) => b).map(([, b]) => b.top));
      if (!(low <= high)) {
        fail(file, `an objective of ${l.id} (bottom ${low}) is not above every one of ${lanes[k + 1].id} (top ${high})`);
      }
    }
    for (const [n, b] of d.nodes) {
      if (b && !(d.label.bottom <= b.top)) fail(file, `${n} is not below its lane title`);
    }
    if (!l.inner) {
      const centres = d.nodes.filter(([, b]) => b).map(([, b]) => (b.top + b.bottom) / 2);
      if (Math.max(...centres) - Math.min(...centres) > 2) {
        fail(file, `the objectives of ${l.id} are not on one row`);
      }
    }
  });
  if (png && file === 'acme.mmd') {
    await page.setViewport({
      width: Math.ceil(drawn.size.right) + 16,
      height: Math.ceil(drawn.size.bottom) + 16,
    });
    await page.screenshot({ path: png, fullPage: true });
    console.log(`wrote ${png}`);
  }
  await page.close();
  console.log(`${file}: ${lanes.length} lanes top to bottom in order: checked`);
}
await browser.close();
process.exit(failures ? 1 : 0);
EOF

node check.mjs "$chromium" "$png" acme.mmd acme-okrs.mmd fifteen.mmd
