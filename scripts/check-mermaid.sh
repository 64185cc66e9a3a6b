#!/usr/bin/env bash
# Checks `okr map --format mermaid`, and the map in the Markdown report,
# with Mermaid's own parser, where Node.js is present (cargo test does not
# need it; CI may run it when Node is there).
#
# It installs mermaid@11 and jsdom with npm into a temporary folder (Mermaid
# sanitizes labels with DOMPurify, which needs a DOM, so jsdom provides
# `window` under Node; no browser is needed), then for the output on
# examples/acme (with and without --okrs), on tests/map/fifteen (15
# objectives, 25 links, backwards and within-lane links), on a copy of
# examples/acme with a hostile title and an objective named `end`, and on
# the map in `okr report --format markdown` of both:
#   - mermaid.parse() accepts it as a flowchart;
#   - Mermaid's flowchart database holds as many nodes, links and subgraphs
#     as okr wrote (so no label swallowed a node or a link);
#   - every label, decoded the way Mermaid decodes entities and parsed as
#     HTML, holds no element but <br>, and the hostile title reads back
#     exactly as written.
#
# Usage: scripts/check-mermaid.sh        (exit 0 all good, 1 a check failed)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "check-mermaid: Node.js and npm are needed; skipped" >&2
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && cargo build --quiet)
okr="${CARGO_TARGET_DIR:-$root/target}/debug/okr"
export OKR_AS_OF=2026-11-28

cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund mermaid@11 jsdom@24 >/dev/null

"$okr" map "$root/examples/acme" --format mermaid > acme.mmd
"$okr" map "$root/examples/acme" --format mermaid --okrs 2026-Q4 > acme-okrs.mmd
"$okr" map "$root/tests/map/fifteen" --format mermaid > fifteen.mmd

cp -r "$root/examples/acme" hostile
# Entities in every syntax Mermaid decodes, and its own placeholders
# (ﬂ°° for &#, ¶ß for ;), must read back as written, never as U+202E.
title='<script>alert(1)</script> & "q" #quot; `md` style:#a; \N #8238;x &#x202E;y #rlm;z ﬂ°°8238¶ß'
TITLE="$title" node -e '
const fs = require("fs");
const path = "hostile/strategy.yaml";
const title = JSON.stringify(process.env.TITLE);
fs.writeFileSync(path, fs.readFileSync(path, "utf8")
  .replace("title: Grow recurring revenue", "title: " + title)
  .replace("- id: C3", "- id: \"end\"")
  .replace("contributes_to: [C1, C3]", "contributes_to: [C1, end]"));
'
"$okr" map hostile --format mermaid --okrs 2026-Q4 > hostile.mmd

# The map that ends `okr report --format markdown` is the same flowchart,
# inside a fence.
fenced() { awk '/^```mermaid$/ { inside = 1; next } /^```$/ { inside = 0 } inside'; }
"$okr" report "$root/examples/acme" --format markdown | fenced > report.mmd
"$okr" report hostile --format markdown | fenced > report-hostile.mmd

cat > check.mjs <<'EOF'
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

// Mermaid stores `#name;` entities in a private form and decodes them
// when it draws a label (decodeEntities in mermaid's utils).
const decode = (text) =>
  text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');

let failures = 0;
const fail = (file, message) => {
  failures += 1;
  console.error(`${file}: ${message}`);
};

const [, , ...args] = process.argv;
for (const arg of args) {
  const [file, expectId, expectText] = arg.split('|');
  const text = readFileSync(file, 'utf8');
  try {
    const parsed = await mermaid.parse(text);
    if (parsed.diagramType !== 'flowchart-v2') fail(file, `parsed as ${parsed.diagramType}`);
  } catch (e) {
    fail(file, `mermaid.parse: ${e.message ?? e}`);
    continue;
  }
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const lines = text.split('\n');
  const nodes = lines.filter((l) => /^\s+[ok]_\w+[[(]"/.test(l)).length;
  const links = lines.filter((l) => /^\s+\w+ (-->|<-\.-|---|~~~) \w+$/.test(l)).length;
  const subgraphs = lines.filter((l) => /^\s+subgraph /.test(l)).length;
  const counts = [db.getVertices().size, db.getEdges().length, db.getSubGraphs().length];
  if (counts.join() !== [nodes, links, subgraphs].join()) {
    fail(file, `mermaid read ${counts} nodes/links/subgraphs, okr wrote ${[nodes, links, subgraphs]}`);
  }
  for (const [id, vertex] of db.getVertices()) {
    const div = document.createElement('div');
    div.innerHTML = decode(vertex.text);
    const elements = [...div.querySelectorAll('*')].map((e) => e.tagName.toLowerCase());
    if (elements.some((t) => t !== 'br')) fail(file, `${id}: the label makes elements ${elements}`);
    if (id === expectId) {
      const shown = div.innerHTML.split('<br>')[0];
      div.innerHTML = shown;
      if (div.textContent !== expectText) {
        fail(file, `${id} reads ${JSON.stringify(div.textContent)}, not ${JSON.stringify(expectText)}`);
      }
    }
  }
  console.log(`${file}: ${counts[0]} nodes, ${counts[1]} links, ${counts[2]} subgraphs: ok`);
}
process.exit(failures ? 1 : 0);
EOF

node check.mjs acme.mmd acme-okrs.mmd fifteen.mmd "hostile.mmd|o_F1|F1 $title" \
    report.mmd "report-hostile.mmd|o_F1|F1 $title"
