#include "report/html_style.hpp"

namespace fulcrum {

// System fonts only: the page must not fetch anything. Colour is never the
// only signal: every badge and chart mark also carries a word or a number.
const char* html_stylesheet() {
    return R"css(:root {
  --ink: #1d2433; --muted: #5b6475; --rule: #d5dae3; --paper: #ffffff; --wash: #f4f6f9;
  --approve: #1e7b45; --conditions: #9a6100; --defer: #3d5a80; --reject: #b3261e;
  --critical: #7f1d1d; --high: #c2410c; --medium: #b7791f; --low: #2f855a; --info: #64748b;
  --cio: #2b6cb0; --ciso: #b83280; --joint: #4a5568;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; color: var(--ink); background: var(--wash);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.45; }
main { max-width: 1500px; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.4rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 0 0 0.6rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
p { margin: 0.3rem 0 0.6rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.86em;
  background: var(--wash); padding: 0 0.25em; border-radius: 3px; overflow-wrap: anywhere; }
.kicker { color: var(--muted); font-size: 0.9rem; margin: 0; }
.card { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px; padding: 1.1rem 1.3rem;
  margin: 0 0 1.2rem; }
.verdict { border-left: 10px solid var(--defer); display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr);
  gap: 1.2rem; align-items: start; }
.verdict.approve { border-left-color: var(--approve); }
.verdict.approve_with_conditions { border-left-color: var(--conditions); }
.verdict.reject { border-left-color: var(--reject); }
.decision-word { font-size: 1.6rem; font-weight: 700; margin: 0 0 0.3rem; }
.approve .decision-word { color: var(--approve); }
.approve_with_conditions .decision-word { color: var(--conditions); }
.defer .decision-word { color: var(--defer); }
.reject .decision-word { color: var(--reject); }
.rationale { font-size: 1.05rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 0.6rem; margin: 0.8rem 0 0; }
.figure-box { border: 1px solid var(--rule); border-radius: 6px; padding: 0.5rem 0.7rem; background: var(--wash); }
.figure-box dt { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; }
.figure-box dd { margin: 0; font-size: 1.35rem; font-weight: 650; }
.figure-box dd small { font-size: 0.8rem; font-weight: 400; color: var(--muted); display: block; }
.alert { border: 1px solid var(--reject); background: #fdecea; color: var(--reject); border-radius: 6px;
  padding: 0.5rem 0.8rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; margin: 0.3rem 0 0.8rem; }
caption { text-align: left; color: var(--muted); font-size: 0.85rem; padding-bottom: 0.3rem; caption-side: top; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em;
  color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
tfoot th, tfoot td { border-top: 2px solid var(--ink); border-bottom: none; font-weight: 650; }
.badge { display: inline-block; border-radius: 999px; padding: 0.05rem 0.55rem; font-size: 0.78rem; font-weight: 650;
  color: #fff; white-space: nowrap; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); }
.sev-medium { background: var(--medium); } .sev-low { background: var(--low); } .sev-info { background: var(--info); }
.status { font-size: 0.85rem; color: var(--muted); white-space: nowrap; }
.views { display: grid; grid-template-columns: 1fr; gap: 1.2rem; margin-bottom: 1.2rem; }
.views > .card { margin: 0; min-width: 0; }
@media (min-width: 1100px) { .views { grid-template-columns: 1fr 1fr; } .views > .joint { grid-column: 1 / -1; } }
@media (min-width: 1400px) { .views { grid-template-columns: 1fr 1fr 1fr; } .views > .joint { grid-column: auto; } }
@media (min-width: 1100px) { .views.pair { grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); } }
.view-cio { border-top: 6px solid var(--cio); } .view-ciso { border-top: 6px solid var(--ciso); }
.joint { border-top: 6px solid var(--joint); }
.score { font-size: 2.2rem; font-weight: 700; line-height: 1; }
.score small { font-size: 1rem; color: var(--muted); font-weight: 400; }
figure { margin: 0.5rem 0 1rem; }
figure svg { width: 100%; height: auto; display: block; max-width: 560px; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.3rem; }
svg text { font-family: inherit; }
ol.questions li, ul.plain li { margin-bottom: 0.4rem; }
.field { color: var(--muted); font-size: 0.85rem; }
th .field { font-weight: 400; }
a { color: inherit; text-decoration-color: #9aa3b2; }
.risk-detail { border-top: 1px solid var(--rule); padding-top: 0.6rem; margin-top: 0.8rem; }
.risk-detail:first-of-type { border-top: none; margin-top: 0; }
.refs { color: var(--muted); font-size: 0.85rem; }
.toc a { color: inherit; }
footer { color: var(--muted); font-size: 0.82rem; margin-top: 1.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 760px) { .verdict { grid-template-columns: 1fr; } main { padding: 0.8rem; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10pt; }
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  .card { border: none; border-radius: 0; padding: 0; margin: 0 0 6mm; }
  .verdict { border-left-width: 4mm; padding-left: 4mm; grid-template-columns: 3fr 2fr; }
  .views { grid-template-columns: 1fr; }
  .views > .joint { grid-column: auto; }
  .view-cio, .view-ciso, .joint { border-top-width: 2mm; padding-top: 2mm; }
  h2, h3 { break-after: avoid; }
  figure, tr, .figure-box, .risk-detail { break-inside: avoid; }
  .proposal + .proposal { break-before: page; }
  .details { break-before: page; }
  figure svg { max-width: 100mm; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";
}

} // namespace fulcrum
