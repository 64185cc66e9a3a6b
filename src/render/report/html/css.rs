//! The dashboard's stylesheet, inline in the page: the system font stack
//! (no web fonts), a fluid layout that folds to one column on a phone,
//! tables that scroll sideways inside their wrapper, and a print style
//! without dark backgrounds that keeps each card on one page. The status
//! colours are the strategy map's Okabe-Ito pairs, so both agree.

use std::fmt::Write as _;

use crate::render::map::{STATUSES, colours, status_key};

const BASE: &str = r#":root {
  --ink: #1b2430; --muted: #5b6573; --line: #dfe3e8; --page: #f3f5f8;
  --card: #ffffff; --soft: #f8f9fb; --accent: #0072B2;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.wrap { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
.masthead { background: #1f2b3a; color: #ffffff; padding: 26px 0 18px; }
.masthead h1 { margin: 0; font-size: 28px; line-height: 1.2; letter-spacing: -0.01em; }
.subtitle { margin: 6px 0 0; color: #c9d3df; }
nav ul { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; margin: 16px 0 0; padding: 0; }
nav a { color: #ffffff; text-decoration: none; border-bottom: 1px solid #7f93aa; font-size: 14px; }
nav a:hover, nav a:focus { border-bottom-color: #ffffff; }
main { padding-bottom: 32px; }
h2 { font-size: 22px; margin: 36px 0 14px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 18px; margin: 30px 0 12px; display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
.team.sub-team { margin-left: 24px; }
h4 { font-size: 16px; margin: 0; line-height: 1.35; }
h5 { font-size: 14.5px; margin: 0; line-height: 1.35; font-weight: 600; }
.id { color: var(--muted); font-weight: 600; font-variant-numeric: tabular-nums; margin-right: 2px; }
.muted { color: var(--muted); }
.chip { font-size: 13px; font-weight: 600; color: var(--muted); background: #e8ecf1; border-radius: 6px; padding: 1px 8px; }
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 16px 18px; margin: 0 0 16px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.06);
}
.card-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
.card-head .right { display: flex; gap: 8px; align-items: center; flex-shrink: 0; }
.score { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.meta { margin: 4px 0 0; color: var(--muted); font-size: 13.5px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 14px; margin: 0 0 16px; }
.stat { margin: 0; }
.stat .label { display: block; font-size: 12px; letter-spacing: 0.05em; text-transform: uppercase; color: var(--muted); }
.stat .value { display: block; font-size: 30px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.stat .note { display: block; font-size: 13px; color: var(--muted); }
.pair { display: inline-block; white-space: nowrap; margin: 1px 8px 1px 0; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.status {
  display: inline-flex; align-items: center; gap: 6px; white-space: nowrap;
  font-size: 12.5px; font-weight: 600; line-height: 1.6; padding: 0 9px; border-radius: 999px;
  color: var(--ink); background: var(--bg); border: 1px solid var(--fg);
}
.status::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--fg); }
.flag { font-size: 12.5px; font-weight: 600; color: #8a4b00; background: #fff4df; border: 1px solid #E69F00; border-radius: 999px; padding: 0 8px; white-space: nowrap; }
.progress { margin: 10px 0 2px; }
.track { position: relative; height: 10px; background: #e6e9ee; border-radius: 5px; }
.fill { height: 100%; border-radius: 5px; background: var(--fg); min-width: 0; }
.pace { position: absolute; top: -4px; bottom: -4px; width: 2px; margin-left: -1px; background: var(--ink); }
.pct { margin: 4px 0 0; font-size: 13px; font-variant-numeric: tabular-nums; }
.krs { list-style: none; margin: 14px 0 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 14px; }
.kr { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
.kr .meta { font-size: 13px; }
.kr .note, .objective > .note { margin: 6px 0 0; font-size: 13px; font-style: italic; color: var(--muted); overflow-wrap: anywhere; }
figure { margin: 10px 0 0; }
svg.chart { display: block; width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted); margin-top: 2px; }
.key::before { content: ""; display: inline-block; width: 18px; height: 0; margin-right: 5px; vertical-align: middle; border-top: 2px solid var(--accent); }
.key.pace-key::before { border-top: 2px dashed #7a7a7a; }
.key.forecast-key::before { border-top: 2px dashed #CC79A7; }
.key.bound-key::before { border-top: 2px dashed #009E73; }
.milestone { margin: 10px 0 0; font-weight: 600; }
.bsc-objectives { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 16px; }
.bsc-objectives .card { margin: 0; }
.measures { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px; margin-top: 12px; }
.measure { margin: 0; background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
.measure svg { display: block; width: 100%; height: auto; margin: 0 auto 4px; }
.measure figcaption { font-size: 12.5px; line-height: 1.4; overflow-wrap: anywhere; }
.measure figcaption strong { display: block; font-size: 13px; }
.measure .status { margin: 3px 0; }
.table-wrap { overflow-x: auto; margin: 12px 0 0; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; background: var(--card); }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody th { font-weight: 600; }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); background: var(--soft); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.map-wrap { overflow-x: auto; background: #ffffff; border: 1px solid var(--line); border-radius: 10px; padding: 10px; }
.map-wrap svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.tree, .tree ul { list-style: none; padding-left: 18px; margin: 4px 0; }
.tree { padding-left: 0; }
.skipped code, footer code, .notices { overflow-wrap: anywhere; }
.notices { margin: 20px 0 0; padding: 10px 16px 10px 34px; background: #fff4d6; border: 1px solid #e0b84c; border-radius: 10px; }
.notices li { margin: 2px 0; }
footer { color: var(--muted); font-size: 13px; padding-top: 8px; padding-bottom: 28px; border-top: 1px solid var(--line); }
@media (max-width: 600px) {
  body { font-size: 14px; }
  .wrap { padding: 0 12px; }
  .masthead h1 { font-size: 22px; }
  .card { padding: 12px; }
  .card-head { flex-direction: column; gap: 6px; }
  .krs, .bsc-objectives { grid-template-columns: 1fr; }
  .stat .value { font-size: 24px; }
}
@media print {
  body { background: #ffffff; font-size: 10.5pt; }
  .masthead { background: #ffffff; color: #000000; padding: 0 0 8px; border-bottom: 2px solid #000000; }
  .subtitle { color: #333333; }
  nav { display: none; }
  .wrap { max-width: none; padding: 0; }
  .card, .kr, .measure, figure, tr, .stat { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .card { box-shadow: none; }
  .kr, .measure, tbody th { font-weight: 600; }
thead th { background: #ffffff; }
  .status, .fill, .pace, .track, .chip, .flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .table-wrap, .map-wrap { overflow: visible; }
}
"#;

/// The stylesheet: the base rules, then one rule per status setting its
/// colour pair (`--fg` the line or fill, `--bg` the tint behind words).
pub(super) fn stylesheet() -> String {
    let mut out = BASE.to_owned();
    for status in STATUSES {
        let (stroke, fill) = colours(status);
        let _ = writeln!(
            out,
            ".s-{} {{ --fg: {stroke}; --bg: {fill}; }}",
            status_key(status)
        );
    }
    out
}
