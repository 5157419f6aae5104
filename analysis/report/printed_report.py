"""What the printed METRIC report itself concludes: its summary, strengths, challenges and recommendations, quoted
and cited, each linked to the evidence in this report."""

from __future__ import annotations

from analysis.report.data import ReportData
from analysis.report.html import e
from analysis.report.texts import TEXT

QUOTES = {"sv": ("”", "”"), "en": ("“", "”")}  # Swedish typography quotes with ” at both ends


def printed_findings(page, data: ReportData, lang: str) -> None:
    t = TEXT[lang]
    page.add(f"<section id='printed-report' aria-labelledby='printed-report-h'><h2 id='printed-report-h'>"
             f"{e(t['printed_report'])}</h2>")
    if not len(data.findings):
        page.add(f"<p>{e(t['no_printed_report'])}</p></section>")
        return
    anchors = {d: f"dim-{d}" for d in data.dimensions["dimension_id"]} | {"clusters": "clusters", "data": "data"}
    names = data.dimensions.set_index("dimension_id")["name_sv" if lang == "sv" else "name_en"]
    blocks = []
    for kind in ("summary", "strength", "challenge", "recommendation"):
        rows = data.findings[data.findings["kind"] == kind].sort_values("position")
        if not len(rows):
            continue
        items = []
        for r in rows.itertuples():
            title = r.title_sv if lang == "sv" else r.title_en
            text = r.text_sv if lang == "sv" else r.text_en
            said = (f"<b>{e(title)}</b>" if title else "") + (" " if title and text else "") + \
                (f"{QUOTES[lang][0]}{e(text)}{QUOTES[lang][1]}" if text else "")
            if lang == "en":
                original = ": ".join(x for x in (r.title_sv, r.text_sv) if x)
                said += f" <span class='orig'>{e(t['original'])}: <q lang='sv'>{e(original)}</q></span>"
            links = ", ".join(f"<a href='#{anchors[x]}'>{e(names.get(x, t.get(x, x)))}</a>"
                              for x in r.evidence.split() if x in anchors)
            cite = f"§{r.section}" if r.section[0].isdigit() else r.section
            items.append(f"<li>{said} <span class='cite'>({e(t['metric_report'])}, {e(cite)})</span>"
                         + (f" <span class='small'>→ {links}</span>" if links else "") + "</li>")
        blocks.append(f"<div class='findings'><h3>{e(t['findings_' + kind])}</h3><ul>{''.join(items)}</ul></div>")
    page.add(f"<p class='small'>{e(t['printed_report_note'])}</p><div class='finding-grid'>{''.join(blocks)}</div>"
             "</section>")
