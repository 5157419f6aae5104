"""Issue "A report a policy officer trusts, on any screen": the published report in a real headless Chromium, read
as a regional development officer, an analyst in another län and an English-speaking reviewer would: light and
offline, accessible (axe-core, WCAG 2.1 A/AA, every control by keyboard), one year per view, one language per page,
and nothing overlapping at 400 or 1400 px."""

import csv as csv_module
import io
import re
from pathlib import Path

import pytest

from orchestration.cli.browser import Page, find_chromium
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe-4.14.1.min.js"
PAGES = {"sv": "report.html", "en": "report_en.html"}
MAX_BYTES = 2_000_000
LOADED = "document.readyState === 'complete' && !!window.renderAllCharts"
DRAW_ALL = "window.renderAllCharts().then(() => true)"
# The text a reader can see, every data table written out and opened: the page's HTML text minus code samples
# (file names, dataset codes), quotes in the other language (marked lang) and citations (cited titles stay as
# published), plus every text drawn inside a chart (axis titles, ticks, legends, labels).
VISIBLE_TEXT = r"""(() => {
  window.buildAllTables();
  document.querySelectorAll('details').forEach(d => d.open = true);
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('code, script, style, svg').forEach(e => e.remove());
  copy.querySelectorAll('[lang]:not(html), .cite, .chart-source, .sources-cited').forEach(e => e.remove());
  document.body.appendChild(copy);
  const text = copy.innerText;
  copy.remove();
  return text + '\n' + [...document.querySelectorAll('svg text')].map(t => t.textContent).join('\n');
})()"""
CITATIONS = "[...document.querySelectorAll('.cite, .chart-source, .sources-cited')].map(e => e.innerText).join('\\n')"
# words of the other language that prose must not contain (whole words; names of places and titles aside)
FOREIGN = {"sv": ("the", "and", "from", "with", "which", "published", "release", "January", "county", "counties",
                  "edition", "rank", "points", "share"),
           "en": ("län", "Riket", "och", "inte", "utgåva", "procent", "kommun", "kommuner", "företag", "invånare",
                  "poäng", "plats")}
RAW_ID = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")  # a code such as fou_rd_share_brp
PATH = re.compile(r"\b[\w.-]+/[\w.-]+\.(?:csv|tsv|json|xlsx|geojson|py)\b|\b[a-z0-9-]+/[a-z0-9-]+-[a-z0-9-]+\b")
DECIMAL_POINT = re.compile(r"(?<![\d.§])\d+\.\d+(?![\d.])")  # 54.5, not §2.1.1
CONTROLS = ("[...document.querySelectorAll('a[href], button, select, summary, [tabindex]:not([tabindex=\"-1\"])')]"
            ".filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden' && "
            "!(e.closest('details:not([open])') && e.tagName !== 'SUMMARY'))")  # what a closed details hides


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if find_chromium() is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it): the browser tests cannot run here")
    page = Page(tmp_path_factory.mktemp("chromium-profile"), timeout=120)
    yield page
    page.close()


def _open(browser: Page, built, lang: str, width: int = 1400, draw: bool = True) -> Page:
    browser.viewport(width)
    browser.events.clear()
    browser.open((built["publish"] / PAGES[lang]).as_uri(), ready=LOADED)
    if draw:
        assert browser.evaluate(DRAW_ALL, wait=True)
    return browser


@pytest.mark.parametrize("lang", PAGES)
def test_the_report_is_light_offline_and_draws_every_chart(built, browser, lang):
    report = built["publish"] / PAGES[lang]
    assert report.stat().st_size <= MAX_BYTES  # its own charts and data; plotly.js is one file in assets/
    assert (built["publish"] / "assets").is_dir()
    page = _open(browser, built, lang, draw=False)
    first = page.evaluate("document.querySelectorAll('.plot .main-svg').length")
    n = page.evaluate("document.querySelectorAll('figure.chart').length")
    assert n >= 60 and first < n / 2  # charts below the fold wait until they come near the screen
    assert page.evaluate(DRAW_ALL, wait=True)
    assert page.evaluate("[...document.querySelectorAll('figure.chart .plot')].every(p => p.querySelector('.main-svg'))")
    assert page.console_errors() == []
    foreign = [u for u in page.requested_urls() if not u.startswith(("file:", "data:", "about:", "blob:"))]
    assert foreign == []
    types = page.evaluate("[...new Set([...document.querySelectorAll('figure.chart .plot')]"
                          ".flatMap(p => p.data.map(t => t.type)))]")
    assert set(types) <= {"scatter", "bar", "pie"}  # what the vendored bundle draws
    # no chart toolbar (no cloud "share" button, no tab stops a reader does not need)
    assert page.evaluate("document.querySelectorAll('.modebar, [data-title=\"Share chart…\"]').length") == 0


@pytest.mark.parametrize("lang", PAGES)
@pytest.mark.parametrize("width", [400, 1400])
def test_axe_core_finds_nothing_with_best_practices_every_chart_drawn_and_table_opened(built, browser, lang, width):
    page = _open(browser, built, lang, width=width)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true); window.buildAllTables()")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']}}).then(r => r.violations.map(v => v.id + ': ' + v.nodes.length + ' ' + "
        "v.nodes[0].target.join(' ')))", wait=True)
    assert violations == []


def test_every_control_is_reachable_by_tab(built, browser):
    page = _open(browser, built, "sv", draw=False)
    n = page.evaluate(f"(() => {{ const c = {CONTROLS}; c.forEach((e, i) => e.dataset.k = i); "
                      "document.activeElement.blur(); window.scrollTo(0, 0); return c.length; })()")
    assert n > 100
    reached = set()
    for _ in range(n + 20):
        page.press_tab()
        k = page.evaluate("document.activeElement && document.activeElement.dataset.k")
        if k is not None:
            reached.add(int(k))
    missed = page.evaluate(f"{CONTROLS}.filter(e => !{sorted(reached)}.includes(+e.dataset.k))"
                           ".map(e => e.tagName + ' ' + (e.id || e.className) + ' ' + e.textContent.slice(0, 40))")
    assert missed == []
    # the first stop skips to the content; the map's controls are real selects
    assert page.evaluate("document.querySelector('a.skip').dataset.k") == "0"
    assert page.evaluate("[...document.querySelectorAll('#map select')].length") == 2


@pytest.mark.parametrize("lang", PAGES)
def test_the_card_the_profile_and_the_map_show_the_same_edition_and_agree(built, browser, lang, con):
    page = _open(browser, built, lang)
    edition = int(re.search(r"(\d{4})", page.evaluate("document.querySelector('#key-findings h2').textContent"))[1])
    score, rank, low, high, against = con.execute(
        "select score, rank, rank_low, rank_high, against_reference from analysis.index_scores where level = 'county' "
        "and unit = 'overall' and region_code = '24' and edition = ? and year = ?", [edition, edition]).fetchone()
    latest = con.execute("select max(edition) from analysis.index_scores where level = 'county' and unit = 'overall' "
                         "and region_code = '24' and score is not null and is_edition_year").fetchone()[0]
    assert edition == latest
    card = page.evaluate("document.querySelector('.card.overall').innerText")
    number = f"{score:.1f}".replace(".", "," if lang == "sv" else ".")
    assert str(edition) in card and number in card and re.search(rf"\b{int(rank)} (av|of) 21\b", card)
    assert re.search(rf"(plats|rank) {int(low)}–{int(high)}", card)  # how sure: the rank's interval
    words = {"near": ("nära riket", "near Sweden"), "clearly_above": ("tydligt över riket", "clearly above Sweden"),
             "clearly_below": ("tydligt under riket", "clearly below Sweden")}[against]
    assert words[0 if lang == "sv" else 1] in card  # against Riket, from the ratio scale's interval
    caption = page.evaluate("document.querySelector('#index-map .chart-title').textContent")
    label = page.evaluate("document.querySelector('#index-map .plot').data.map(t => t.text)"
                          ".find(x => x && x.startsWith(%r))" % ("Västerbottens län" if lang == "sv" else
                                                                  "Västerbotten County"))
    assert str(edition) in caption and number in label and re.search(rf"\b{int(rank)} (av|of) 21\b", label)
    assert page.evaluate("document.getElementById('map-edition').value") == str(edition)
    # how to read "against Riket" is defined beside the card, by the interval; no group name borrowed from RIS
    legend = page.evaluate("document.querySelector('dl.groups').innerText")
    assert "interval" in legend and not re.search(r"ledande|framväxande|leader|emerging", card + legend)
    # the profile: all eleven dimensions, every one with a rank and its interval or said plainly not to be judged
    rows = page.evaluate("[...document.querySelectorAll('#key-findings table.profile tbody tr')]"
                         ".map(r => r.innerText)")
    assert len(rows) == 12  # the overall index and METRIC's eleven dimensions
    # the first screen says what the score rests on: how many indicators, in how many dimensions, and their years
    used = con.execute("select count(*), count(distinct dimension_id), list(distinct year_used order by year_used) "
                       "from analysis.index_inputs where level = 'county' and status = 'used' and edition = ? "
                       "and year = ?", [edition, edition]).fetchone()
    basis = page.evaluate("document.querySelector('#key-findings p.basis').innerText")
    assert re.search(rf"\b{used[0]} (av|of)\b", basis) and re.search(rf"\b{used[1]} (dimensioner|dimensions)", basis)
    assert all(f"({int(y)})" in basis for y in used[2]), basis
    for row in rows[1:]:
        assert re.search(r"(plats|rank) \d+–\d+|(plats|rank) \d+ (i minst|in at least)|(Bedöms inte|Not judged)"
                         r"|(en indikator: de publicerade|one indicator: the order of the published)", row), row


@pytest.mark.parametrize("lang", PAGES)
def test_no_visible_text_is_in_the_other_language_or_a_code_or_a_path(built, browser, lang, con):
    page = _open(browser, built, lang)
    text = page.evaluate(VISIBLE_TEXT)
    assert "Västerbotten" in text
    # Europe's regions keep the names Eurostat gives them ("Northern and Western"): place names, not prose
    for (name,) in con.execute("select region_name from marts.dim_region where country_code <> 'SE' "
                               "order by length(region_name) desc").fetchall():
        text = text.replace(name, "")
    assert sorted(set(RAW_ID.findall(text))) == []  # no code is ever shown to a reader
    assert PATH.findall(text) == []  # nor a file path or a repository name
    words = set(re.findall(r"[^\W\d_]+(?:'[a-z]+)?", text))
    assert sorted(words & set(FOREIGN[lang])) == []
    assert "\u2212" in text and not re.search(r"(?<![\w\d–])-\d", text)  # one minus sign, U+2212
    if lang == "sv":
        names = text.replace("Industry 4.0", "Industry").replace("CC BY 4.0", "CC BY")
        assert DECIMAL_POINT.findall(names) == []  # 54,5 on the Swedish page, never 54.5
        from analysis.report.labels import _CITATION_SV
        cited = page.evaluate(CITATIONS)
        left = [english for english, swedish in _CITATION_SV if english != swedish and english.strip() in cited
                 and len(english.strip()) > 6]
        assert left == []  # the words around cited titles are translated
    else:
        assert " län" not in text.replace("Swedish original", "")


@pytest.mark.parametrize("lang", PAGES)
def test_survey_tiles_say_the_answer_they_count_and_survey_charts_draw_their_intervals(built, browser, lang):
    page = _open(browser, built, lang)
    tiles = page.evaluate("[...document.querySelectorAll('.tile[data-answer]')].map(t => "
                          "[t.dataset.answer, t.querySelector('.big').textContent])")
    assert len(tiles) >= 5  # a survey share's tile headlines the answer it counts: "Inga / inget: över 40 %"
    assert all(big.startswith(answer + ": ") for answer, big in tiles), tiles
    bars = page.evaluate("[...document.querySelectorAll('figure.chart .plot')].filter(p => p.data.some(t => "
                         "t.type === 'bar' && t.error_x && t.error_x.array)).length")
    assert bars >= 15  # the intervals are drawn, not only on hover
    heat = page.evaluate("document.querySelectorAll('table.heat td.h').length")
    assert heat > 100  # the relative development shows its values


def test_the_map_controls_repaint_the_map_and_link_to_the_view(built, browser):
    page = _open(browser, built, "sv")
    before = page.evaluate("document.querySelector('#index-map .plot').data.map(t => t.fillcolor).join()")
    unit = page.evaluate("[...document.querySelectorAll('#map-unit option')].map(o => o.value)[1]")
    page.evaluate(f"(() => {{ const s = document.getElementById('map-unit'); s.value = {unit!r}; "
                  "s.dispatchEvent(new Event('change')); })()")
    page.evaluate("new Promise(r => setTimeout(() => r(true), 300))", wait=True)
    after = page.evaluate("document.querySelector('#index-map .plot').data.map(t => t.fillcolor).join()")
    caption = page.evaluate("document.querySelector('#index-map .chart-title').textContent")
    assert after != before and page.evaluate(f"document.querySelector('#map-unit option[value=\"{unit}\"]')"
                                             ".textContent") in caption
    assert page.evaluate("location.hash").startswith(f"#map={unit}:")
    # the link opens the same view
    link = page.evaluate("location.href")
    browser.open(link, ready=LOADED + " && document.getElementById('map-unit').value === " + repr(unit))


def _csv(text: str, sep: str) -> list[list[str]]:
    return list(csv_module.reader(io.StringIO(text), delimiter=sep))


@pytest.mark.parametrize("lang", PAGES)
def test_a_chart_downloads_as_a_csv_a_spreadsheet_opens_in_the_pages_language_with_raw_values(built, browser, lang,
                                                                                               con):
    page = _open(browser, built, lang, draw=False)
    sep, comma = (";", ",") if lang == "sv" else (",", ".")
    # an indicator's chart: every published value unrounded, a column for each bound, numbers as numbers
    indicator, value = con.execute(
        "select indicator_id, value from marts.fct_indicator_values where region_code = '24' and value_kind = 'figure' "
        "and indicator_id = 'fou_rd_expenditure_per_inhabitant' and value <> round(value, 1) order by year limit 1"
    ).fetchone()
    csv = page.evaluate(f"window.chartCsv(document.querySelector('#ind-{indicator} figure.chart'))")
    header, *rows = _csv(csv, sep)
    assert len(header) >= 6 and all(len(r) == len(header) for r in rows), csv[:300]
    column = header.index("Värde" if lang == "sv" else "Value")
    values = {float(r[column].replace(comma, ".")) for r in rows if r[column]}
    assert any(abs(v - value) < 1e-6 * abs(value) for v in values)  # not the rounded figure the table shows
    assert any(comma in r[column] for r in rows) and not any(" " in r[column] or "\u00a0" in r[column] for r in rows)
    # the map of the index: the rank's interval and the place against Riket's interval in columns of their own
    csv = page.evaluate("window.chartCsv(document.getElementById('index-map'))")
    header, *rows = _csv(csv, sep)
    assert len(rows) == 21 and len(header) == 9
    assert all(int(r[3]) <= int(r[2]) <= int(r[4]) for r in rows)  # rank within its interval, each a number
    # a table without raw values still writes numbers a spreadsheet reads as numbers
    csv = page.evaluate("window.tableCsv((() => { const d = document.querySelector('#key-findings figure.chart "
                        "details'); d.open = true; window.buildAllTables(); return d.querySelector('table'); })())")
    lines = csv.strip().splitlines()
    assert len(lines) >= 2 and sep in lines[0]
    assert page.evaluate("!!document.querySelector('figure.chart details button.csv')")


@pytest.mark.parametrize("lang", PAGES)
def test_a_chart_downloads_as_an_image_for_a_slide_with_its_title_and_source(built, browser, lang):
    page = _open(browser, built, lang, draw=False)
    page.evaluate("document.getElementById('map-unit').value = 'fou'; "
                  "document.getElementById('map-unit').dispatchEvent(new Event('change'))")
    image = page.evaluate("window.chartImage(document.getElementById('index-map')).then(i => ({width: i.width, "
                          "height: i.height, plotWidth: i.plotWidth, plotHeight: i.plotHeight, title: i.title, "
                          "source: i.source, png: i.canvas.toDataURL('image/png').slice(0, 22)}))", wait=True)
    assert image["png"] == "data:image/png;base64,"
    assert image["width"] == 2 * image["plotWidth"] and image["height"] > 2 * image["plotHeight"]  # twice, with bands
    title = " ".join(image["title"])
    caption = page.evaluate("document.querySelector('#index-map figcaption').innerText")
    assert title == " ".join(caption.split()) and ("FoU" in title or "R&D" in title)  # the dimension it shows
    assert re.search(r"\b20\d\d\b", title) and image["source"]  # the edition, and where the data come from


@pytest.mark.parametrize("width", [400, 1400])
@pytest.mark.parametrize("lang", PAGES)
def test_nothing_overlaps_a_chart_title_and_no_title_breaks_mid_word(built, browser, lang, width):
    page = _open(browser, built, lang, width=width)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width  # no sideways scroll
    overlaps = page.evaluate(r"""(() => {
      const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      const out = [];
      document.querySelectorAll('figure.chart').forEach(f => {
        const title = f.querySelector('figcaption').getBoundingClientRect();
        f.querySelectorAll('.plot, .plot-scroll, .chart-source, details').forEach(e => {
          if (hit(title, e.getBoundingClientRect())) out.push(f.id + ' ' + e.className); });
      });
      return out; })()""")
    assert overlaps == []
    # inside every chart: no legend entry, axis title, tick label or note over another, none cut off by the chart
    collisions = page.evaluate(r"""(() => {
      const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      const kinds = {legend: '.legend .legendtext', xtitle: '.g-xtitle text, .g-x2title text',
                     ytitle: '.g-ytitle text, .g-y2title text', xtick: '.xtick text, .x2tick text',
                     ytick: '.ytick text, .y2tick text', note: '.annotation-text'};
      const out = [];
      document.querySelectorAll('figure.chart').forEach(f => {
        const boxes = Object.entries(kinds).map(([k, sel]) => [k, [...f.querySelectorAll(sel)]
          .map(e => [e.textContent, e.getBoundingClientRect()]).filter(([, r]) => r.width > 0)]);
        boxes.forEach(([ka, A], i) => boxes.slice(i).forEach(([kb, B], j) => A.forEach(([ta, a], ia) => B.forEach(
          ([tb, b], ib) => { if ((j > 0 || ia < ib) && !(ka === 'legend' && kb === 'legend') && hit(a, b))
                              out.push(`${f.id}: ${ta} / ${tb}`); }))));
        const svg = f.querySelector('.main-svg'); if (!svg) return;
        const s = svg.getBoundingClientRect();
        f.querySelectorAll('.g-xtitle text, .g-ytitle text, .legendtext, .annotation-text').forEach(t => {
          const r = t.getBoundingClientRect();
          if (r.width && (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1))
            out.push(`${f.id}: ${t.textContent} cut off`); });
      });
      return out; })()""")
    assert collisions == []
    broken = page.evaluate(r"""(() => {
      const out = [];
      document.querySelectorAll('.chart-title, h1, h2, h3').forEach(el => {
        const node = el.firstChild; if (!node || node.nodeType !== 3) return;
        const re = /[^\s\-–/]+/g; let m;  // a line may break at a hyphen or a dash
        while ((m = re.exec(node.textContent))) {
          const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
          if (r.getClientRects().length > 1 && m[0].length < 25) out.push(m[0]);
        }
      });
      return out; })()""")
    assert broken == []  # a word that fits the screen never breaks across lines
    # every chart fits the screen, or scrolls sideways inside its own keyboard-focusable region (a plot that
    # needs its width, such as the profile of 21 län, rather than squeezing them into one blob)
    widths = page.evaluate("[...document.querySelectorAll('figure.chart .main-svg')].map(s => "
                           "s.closest('.plot-scroll') ? s.closest('.plot-scroll').getBoundingClientRect().width : "
                           "s.getBoundingClientRect().width)")
    assert max(widths) <= width
    profile = page.evaluate("document.querySelector('#key-findings .main-svg').getBoundingClientRect().width")
    assert profile >= 600  # wide enough to tell five similar län apart
    page.evaluate("window.scrollTo(0, 0)")
    shot = page.screenshot(ARTIFACTS / f"{PAGES[lang].replace('.html', '')}-{width}.png")
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("lang", PAGES)
def test_the_europe_section_places_the_nuts2_region_among_europes_regions_with_its_intervals(built, browser, lang,
                                                                                             con):
    page = _open(browser, built, lang)
    row = con.execute("select s.rank, s.rank_low, s.rank_high, s.eu_group, "
                      "(select count(rank) from analysis.index_scores as n where n.level = 'europe' and "
                      "n.edition = s.edition and n.year = s.year and n.unit = 'overall') "
                      "from analysis.index_scores as s where s.level = 'europe' and s.unit = 'overall' "
                      "and s.region_code = 'SE33' and s.is_edition_year order by s.edition desc limit 1").fetchone()
    rank, low, high, group, n = row
    card = page.evaluate("document.querySelector('#europe .card.overall').innerText")
    words = {"sv": (f"plats {int(rank)} av {n}", f"plats {int(low)}–{int(high)}", "av EU", "måttlig"),
             "en": (f"rank {int(rank)} of {n}", f"rank {int(low)}–{int(high)}", "of the EU", "moderate")}[lang]
    assert all(w in card for w in words), card
    assert group == "moderate"
    # the profile draws the region's intervals; the peers table lists five regions; the map draws every region
    assert page.evaluate("[...document.querySelectorAll('#europe figure.chart .plot')].some(p => p.data.some(t => "
                         "t.error_x && t.error_x.array && t.error_x.array.length))")
    assert page.evaluate("document.querySelectorAll('#europe-peers ~ .wide table tbody tr').length") >= 5
    polygons = page.evaluate("document.querySelector('#europe-map .plot').data.filter(t => t.fill === 'toself')"
                             ".length")
    assert polygons == 242


def test_the_europe_map_control_repaints_the_map_and_links_to_the_view(built, browser):
    page = _open(browser, built, "en")
    before = page.evaluate("document.querySelector('#europe-map .plot').data.map(t => t.fillcolor).join()")
    unit = page.evaluate("[...document.querySelectorAll('#europe-map-unit option')].map(o => o.value)[1]")
    page.evaluate(f"(() => {{ const s = document.getElementById('europe-map-unit'); s.value = {unit!r}; "
                  "s.dispatchEvent(new Event('change')); })()")
    page.evaluate("new Promise(r => setTimeout(() => r(true), 300))", wait=True)
    after = page.evaluate("document.querySelector('#europe-map .plot').data.map(t => t.fillcolor).join()")
    caption = page.evaluate("document.querySelector('#europe-map .chart-title').textContent")
    assert after != before and page.evaluate(f"document.querySelector('#europe-map-unit option[value=\"{unit}\"]')"
                                             ".textContent") in caption
    assert page.evaluate("location.hash").startswith(f"#europe={unit}:")
    link = page.evaluate("location.href")
    browser.open(link, ready=LOADED + " && document.getElementById('europe-map-unit').value === " + repr(unit))


@pytest.mark.parametrize("lang", PAGES)
def test_the_profile_prints_on_one_page_and_the_report_leads_back_to_its_contents(built, browser, lang):
    import base64

    page = _open(browser, built, lang, draw=False)
    assert page.evaluate("!!document.querySelector('#key-findings button.print-profile')")
    page.evaluate("document.body.classList.add('print-profile')")  # what the button sets before printing
    pdf = base64.b64decode(browser.call("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                                              "printBackground": True}, session=True)["data"])
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # A4, one sheet: the cards and the profile table
    page.evaluate("document.body.classList.remove('print-profile')")
    # every section ends with the way back to the contents, and the profile's dimensions lead to their sections
    sections, backs = page.evaluate("[document.querySelectorAll('main section').length, "
                                    "document.querySelectorAll('main section > p.back a[href=\"#toc-h\"]').length]")
    assert sections > 20 and backs == sections
    links = page.evaluate("[...document.querySelectorAll('#key-findings table.profile tbody a')].map(a => "
                          "a.getAttribute('href'))")
    assert len(links) == 11 and all(page.evaluate(f"!!document.querySelector('{h}')") for h in links)
