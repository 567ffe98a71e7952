/** The report's stylesheet: light and dark by `prefers-color-scheme`, print-ready, no external assets. */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2330; --muted: #5d6677; --line: #d9dde5; --head: #f3f5f8; --accent: #2f5fd0;
  --win-bg: #e3f5e8; --win-fg: #11602c; --win-line: #5cb87a;
  --lost-fg: #8a6d6d; --merged-bg: #e8effd; --pending-bg: #fff4d6; --pending-line: #d9a400;
  --off-bg: repeating-linear-gradient(135deg, transparent 0 6px, rgba(120,120,120,.12) 6px 12px);
  --error: #b42318; --warning: #a15c00; --info: #2f5fd0;
  --error-bg: #fdecea; --warning-bg: #fff4e0; --info-bg: #eaf0fd;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #14171d; --fg: #e4e7ee; --muted: #9aa3b5; --line: #323846; --head: #1c2029; --accent: #8fb0ff;
    --win-bg: #143823; --win-fg: #8fe0a8; --win-line: #3f9c5e;
    --lost-fg: #b39a9a; --merged-bg: #1b2a47; --pending-bg: #3a3010; --pending-line: #c9a227;
    --off-bg: repeating-linear-gradient(135deg, transparent 0 6px, rgba(200,200,200,.08) 6px 12px);
    --error: #ff8a80; --warning: #ffc46b; --info: #8fb0ff;
    --error-bg: #3a1d1b; --warning-bg: #3a2c12; --info-bg: #1b2540;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 20px 24px 40px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
code { font: 12.5px/1.35 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; overflow-wrap: anywhere; }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 16px; margin: 20px 0 6px; }
header .sub { color: var(--muted); margin: 0; }
.banner { margin: 12px 0; padding: 8px 12px; border-radius: 6px; border: 1px solid; }
.banner.error { background: var(--error-bg); border-color: var(--error); }
.banner.shown { background: var(--warning-bg); border-color: var(--warning); }
.glance { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 4px 20px; margin: 12px 0 0; font-size: 13px; }
.glance div { border-left: 3px solid var(--line); padding: 1px 0 1px 8px; min-width: 0; }
.glance dt { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .04em; }
.glance dd { margin: 0; overflow-wrap: anywhere; }
.from { color: var(--muted); font-size: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; color: var(--muted); font-size: 12px; margin: 0 0 8px; padding: 0; list-style: none; }
.legend span { display: inline-block; width: 14px; height: 14px; vertical-align: -2px; margin-right: 4px; border: 1px solid var(--line); border-radius: 3px; }
.legend .k-win { background: var(--win-bg); border-color: var(--win-line); }
.legend .k-merged { background: var(--merged-bg); }
.legend .k-pending { background: var(--pending-bg); border: 1px dashed var(--pending-line); }
.legend .k-off { background: var(--off-bg); }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: separate; border-spacing: 0; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--head); font-weight: 600; position: sticky; top: 0; }
.matrix { table-layout: fixed; }
.matrix thead th.corner { width: 250px; }
.matrix .n { display: inline-block; min-width: 18px; padding: 0 4px; border-radius: 9px; background: var(--line); font-size: 11px; text-align: center; margin-right: 4px; }
.matrix .path { display: block; font-weight: 400; color: var(--muted); font-size: 11px; overflow-wrap: anywhere; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; padding: 0 6px; border-radius: 9px; background: var(--line); margin-top: 2px; }
.badge.invalid { background: var(--error-bg); color: var(--error); }
.badge.ignored, .badge.excluded { background: var(--head); color: var(--muted); border: 1px solid var(--line); }
.badge.pending-trust { background: var(--pending-bg); color: var(--warning); }
.matrix th[scope="row"] { position: sticky; left: 0; background: var(--bg); z-index: 1; font-weight: 600; border-right: 2px solid var(--line); }
.matrix td.cell code { overflow-wrap: break-word; word-break: normal; white-space: pre-wrap; }
.matrix th[scope="row"] code { font-weight: 600; }
.rule { display: block; color: var(--muted); font-size: 11.5px; font-weight: 400; margin-top: 3px; }
tr.group th { background: var(--head); color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; position: static; }
td.cell.winner { background: var(--win-bg); box-shadow: inset 3px 0 0 var(--win-line); color: var(--win-fg); }
td.cell.winner .mark { font-weight: 700; margin-right: 4px; }
td.cell.overridden del { color: var(--lost-fg); text-decoration-thickness: 1.5px; }
td.cell.merged { background: var(--merged-bg); }
td.cell.pending-trust { background: var(--pending-bg); outline: 1px dashed var(--pending-line); outline-offset: -3px; }
td.off { background: var(--off-bg); }
.why { display: block; color: var(--muted); font-size: 11.5px; margin-top: 2px; }
.secret { font-size: 11px; color: var(--warning); font-weight: 600; margin-left: 4px; }
tr.note td { border-bottom: 1px solid var(--line); padding: 4px 8px 6px 24px; font-size: 12.5px; }
tr.note.error td { background: var(--error-bg); }
tr.note.warning td { background: var(--warning-bg); }
tr.note.info td { background: var(--info-bg); }
.sev { font-weight: 700; text-transform: uppercase; font-size: 11px; margin-right: 4px; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.fix { display: block; }
ol.diags { padding-left: 22px; }
ol.diags li { margin: 0 0 8px; }
.where { color: var(--muted); font-size: 12px; }
a { color: var(--accent); }
.matrix th a.code { font-size: 11px; font-weight: 400; display: inline-block; margin-top: 2px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { padding: 0; font-size: 10px; background: #fff; color: #000; }
  code { font-size: 9px; }
  .scroll { overflow: visible; border: 0; }
  thead th, .matrix th[scope="row"] { position: static; }
  tr, .glance div, ol.diags li { break-inside: avoid; }
  h2 { break-after: avoid; }
  td, th, .badge, .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;
