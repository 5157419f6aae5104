"""The report page: one self-contained HTML file per language, readable offline, by keyboard and on a phone.

The page holds its HTML first and its scripts last: plotly.js (only its basic trace types, vendored in
``vendor/``), its Swedish locale, and a small script that draws each chart as it comes near the screen, repaints
the map from its own controls and writes a chart's data table as CSV. Every chart is a ``figure`` with its title as
caption, its source, its data table and downloads; nothing interactive sits inside an image role, and the charts
have no toolbar (no cloud upload, no tab stops a reader does not need)."""

from __future__ import annotations

import dataclasses
import json
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from analysis.report import analysis_sections as A
from analysis.report import figures as F
from analysis.report import labels as L
from analysis.report.data import ReportData
from analysis.report.europe_section import europe_section
from analysis.report.first_screen import key_findings
from analysis.report.html import cell, e, table
from analysis.report.numbers import SEPARATORS
from analysis.report.printed_report import printed_findings
from analysis.report.sections import dimension_sections
from analysis.report.texts import TEXT

from analysis.report.vendor_files import PLOTLY_ASSET, PLOTLY_LOCALE_SV
# the trace types the vendored bundle draws (plotly.js-basic-dist-min): a figure with another type fails the
# report's build, not a reader's browser
BUNDLED_TRACES = {"bar", "pie", "scatter"}

_CSS = """
*{box-sizing:border-box}
html{font-size:16px}
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#222;background:#fafafa;overflow-wrap:break-word;
line-height:1.45}
.skip{position:absolute;left:-10000px;top:0;background:#fff;color:#0b3d5c;padding:8px 12px;z-index:10}
.skip:focus{left:8px;top:8px}
header{background:#0b3d5c;color:#fff;padding:24px 40px}header a{color:#ffd479}
header h1{margin:0 0 8px 0;font-size:clamp(22px,6vw,32px)}
main{max-width:1120px;margin:0 auto;padding:20px 40px}
h2{border-bottom:2px solid #0b3d5c;padding-bottom:4px;margin-top:40px;hyphens:auto;font-size:clamp(20px,5vw,24px)}
h3{hyphens:auto}
a{color:#0b5c8f}
:focus-visible{outline:3px solid #d55e00;outline-offset:2px}
.lead{font-size:17px}
figure{margin:14px 0}
.chart{background:#fff;border:1px solid #d0d7de;border-radius:4px;padding:8px 10px;max-width:100%}
.chart figcaption{font-weight:bold;color:#0b3d5c;font-size:15px}
.chart .caption-note{display:block;font-weight:normal;color:#555;font-size:13px}
.plot{width:100%}.plot-scroll{overflow-x:auto}
.chart-source,.chart-notes{font-size:12px;color:#555;margin:4px 0}
table{border-collapse:collapse;margin:10px 0;font-size:13px;background:#fff}
caption{text-align:left;font-weight:bold;color:#0b3d5c;padding:4px 0}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef3f7}
.wide{max-width:100%;overflow-x:auto}
details.chart-data{font-size:12px;padding:2px 0}details summary{cursor:pointer;color:#0b5c8f}
button{font:inherit;font-size:13px;margin:4px 8px 4px 0;padding:4px 10px;border:1px solid #0b5c8f;
background:#fff;color:#0b5c8f;border-radius:3px;cursor:pointer}
code{font-family:Consolas,monospace;font-size:12px;background:#f2f2f2;padding:0 2px}
.note{background:#fff8e1;border-left:4px solid #b26b00;padding:8px 14px}
.statement{font-size:13px;margin:4px 0}.cite,.orig{color:#595959;font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px;margin:14px 0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;color:#222}
.card h3{font-size:15px;margin:0 0 6px 0;color:#0b3d5c}.big{font-size:24px;font-weight:bold}
.small{font-size:13px;color:#555}.card.overall{border:2px solid #0b3d5c}.index-line{margin-top:8px}
dl.groups{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 10px;font-size:14px}
dl.groups div{display:contents}dl.groups dt{font-weight:bold}dl.groups dd{margin:0}
table.profile td:first-child{font-weight:bold}
.controls{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0}.controls select{font:inherit;padding:2px 4px}
.tile{background:#fff;border:1px solid #d0d7de;border-left:4px solid #0072b2;border-radius:4px;padding:10px 14px}
.tile figcaption{font-weight:bold;color:#0b3d5c;margin-bottom:4px}
.indicator{margin:22px 0}.definition{font-size:14px;margin:2px 0}
.latest{font-size:13px;color:#555;margin:2px 0}.latest.old{color:#8a4b00;font-weight:bold}
.finding-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.findings{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:4px 14px;font-size:14px}
.findings h3{margin:8px 0 4px 0;color:#0b3d5c;font-size:15px}.findings li{margin:6px 0}
table.heat td.h{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.heat th[scope=row]{font-weight:normal;max-width:320px}
nav ul{columns:2}tr.band-top td{background:#dff0d8}tr.band-middle td{background:#fcf8e3}
tr.band-bottom td{background:#f2dede}p.back{text-align:right;margin:.5em 0 0;font-size:.9em}
@media (max-width:600px){header{padding:16px}main{padding:12px}nav ul{columns:1}
.cards,.finding-grid{grid-template-columns:1fr}}
@media print{details{display:block}.skip,button,.controls,p.back{display:none}
body.print-profile main>:not(#key-findings),body.print-profile #key-findings figure.chart,
body.print-profile nav{display:none}
body.print-profile #key-findings>p.lead,body.print-profile #key-findings>p.small,
body.print-profile .card.legend .small,body.print-profile table.profile td:nth-child(n+5),
body.print-profile table.profile th:nth-child(n+5){display:none}
body.print-profile{font-size:7.5pt;line-height:1.3}body.print-profile header{padding:0 0 4pt}
body.print-profile header h1{font-size:14pt;margin:0}body.print-profile h2{font-size:11pt;margin:4pt 0}
body.print-profile h3{font-size:9pt;margin:2pt 0}body.print-profile .card *{font-size:7.5pt;line-height:1.3}
body.print-profile .card .big{font-size:13pt}body.print-profile .cards{gap:6px;margin:6px 0;
grid-template-columns:repeat(3,1fr)}body.print-profile .card{break-inside:avoid;padding:6px}
body.print-profile table{font-size:7pt}body.print-profile td,body.print-profile th{padding:2px 4px}
@page{size:A4;margin:10mm}}
"""

# Draws each chart when its figure comes within 600 px of the screen (or before printing, or when something calls
# window.renderAllCharts(), which returns a promise of every chart drawn); repaints the map from its controls (and
# the link to the view in the address); writes a table as CSV; downloads a chart as PNG.
_PAGE_SCRIPT = r"""
(function () {
  var T = JSON.parse(document.getElementById('chart-template').textContent);
  var LANG = document.documentElement.lang;
  if (LANG === 'sv' && window.PlotlyLocaleSv) { Plotly.register(window.PlotlyLocaleSv); }
  var CONFIG = {displayModeBar: false, responsive: true, scrollZoom: false, doubleClick: false, showTips: false,
                locale: LANG};
  var figures = Array.prototype.slice.call(document.querySelectorAll('figure.chart'));
  // an axis of years (a tick a year over a range) keeps a label a year only where each has about 38 px
  function thinYears(layout, width) {
    Object.keys(layout).forEach(function (k) {
      var a = layout[k];
      if (!/^xaxis\d*$/.test(k) || !a || a.tickformat !== 'd' || a.dtick !== 1 || !a.range) return;
      var room = Math.max(width - 110, 120), years = a.range[1] - a.range[0];
      var step = Math.ceil(years * 38 / room);
      step = step <= 1 ? 1 : step <= 2 ? 2 : step <= 5 ? 5 : 10;
      // room at the ends (about 26 px), so the first year's label clears the value axis's labels
      var pad = Math.max(0, 26 * (years + 1) / room - 0.5, step > 1 ? 0.3 * step : 0);
      layout[k] = Object.assign({}, a, {dtick: step, tick0: a.range[0] + 0.5,  // ticks from the first year on
                                        range: [a.range[0] - pad, a.range[1] + pad]});
    });
  }
  // on a narrow screen a long legend entry breaks into lines instead of running off the chart
  function wrapNames(data, width) {
    var n = Math.max(24, Math.floor((width - 60) / 7));
    data.forEach(function (t) {
      if (typeof t.name !== 'string' || t.name.length <= n || t.name.indexOf('<br>') >= 0) return;
      var lines = [''];
      t.name.split(' ').forEach(function (w) {
        var last = lines[lines.length - 1];
        if (last && (last + ' ' + w).length > n) lines.push(w); else lines[lines.length - 1] = last ? last + ' ' + w : w;
      });
      t.name = lines.join('<br>');
    });
  }
  function render(f) {
    if (f.drawn) return f.drawn;
    var spec = JSON.parse(f.querySelector('script.chart-spec').textContent);
    var layout = Object.assign({template: T}, spec.layout);
    var width = f.querySelector('.plot').clientWidth;
    thinYears(layout, width);
    if (width < 600) wrapNames(spec.data, width);
    f.drawn = Plotly.newPlot(f.querySelector('.plot'), spec.data, layout, CONFIG);
    return f.drawn;
  }
  window.renderAllCharts = function () { return Promise.all(figures.map(render)); };
  var WORDS = JSON.parse(document.getElementById('page-words').textContent);
  function fillTable(details) {
    var f = details.closest('figure.chart'), slot = details.querySelector('div.wide');
    if (!f || !slot || (details.built && !f.tableChanged)) return;
    var spec = f.tableData || JSON.parse(f.querySelector('script.chart-spec').textContent).table;
    var table = document.createElement('table'), head = table.createTHead().insertRow(), body = table.createTBody();
    spec.columns.forEach(function (c) { var th = document.createElement('th'); th.scope = 'col'; th.textContent = c;
                                        head.appendChild(th); });
    spec.rows.forEach(function (r, i) {
      var tr = body.insertRow(); if (spec.classes) tr.className = spec.classes[i];
      r.forEach(function (v) { tr.insertCell().textContent = v; }); });
    slot.innerHTML = ''; slot.appendChild(table);
    if (!details.built) {
      [['csv', WORDS.csv, details.dataset.csv], ['png', WORDS.png, details.dataset.png]].forEach(function (b) {
        var button = document.createElement('button'); button.type = 'button'; button.className = b[0];
        button.textContent = b[1]; button.dataset.file = b[2]; details.appendChild(button); });
    }
    details.built = true; f.tableChanged = false;
    scrollable(details);
  }
  // a region that scrolls sideways (a wide table on a phone) can be reached and scrolled by keyboard: it takes
  // focus, as a named region, only while it actually scrolls
  function uniqueName(name) {  // a region's name differs from its section's and from every other region's
    var used = Array.prototype.map.call(document.querySelectorAll('[aria-label]'), function (x) {
      return x.getAttribute('aria-label'); });
    var n = 1, candidate = name;
    while (used.indexOf(candidate) >= 0) { n += 1; candidate = name + ' (' + n + ')'; }
    return candidate;
  }
  function scrollable(root) {
    (root || document).querySelectorAll('.wide').forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) {
        if (w.getAttribute('tabindex') === null) {
          var named = w.closest('figure, section');
          var label = named && named.querySelector('figcaption, h2, h3');
          var caption = w.querySelector('caption');
          var text = (caption || label || {textContent: ''}).textContent.replace(/\s+/g, ' ').trim().slice(0, 100);
          w.setAttribute('tabindex', '0'); w.setAttribute('role', 'region'); w.dataset.scrolls = '1';
          w.setAttribute('aria-label', uniqueName(WORDS.table + ': ' + (text || '–')));
        }
      } else if (w.dataset.scrolls) {
        w.removeAttribute('tabindex'); w.removeAttribute('role'); w.removeAttribute('aria-label');
        delete w.dataset.scrolls;
      }
    });
  }
  // the län's profile on one printed page (RIS's regional profile): the first screen's cards and table only
  document.addEventListener('click', function (ev) {
    if (!ev.target.closest('button.print-profile')) return;
    document.body.classList.add('print-profile');
    window.print();
  });
  window.addEventListener('afterprint', function () { document.body.classList.remove('print-profile'); });
  var resized;
  window.addEventListener('resize', function () { clearTimeout(resized); resized = setTimeout(scrollable, 200); });
  document.addEventListener('toggle', function (ev) { if (ev.target.open) scrollable(ev.target); }, true);
  scrollable();
  window.buildAllTables = function () {
    document.querySelectorAll('figure.chart details.chart-data').forEach(fillTable); scrollable(); };
  document.querySelectorAll('figure.chart details.chart-data').forEach(function (d) {
    d.addEventListener('toggle', function () { if (d.open) fillTable(d); }); });
  window.addEventListener('beforeprint', function () {  // the whole report printed: every table and chart
    if (document.body.classList.contains('print-profile')) return;
    window.buildAllTables(); window.renderAllCharts();
  });
  if ('IntersectionObserver' in window) {
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (x) { if (x.isIntersecting) { seen.unobserve(x.target); render(x.target); } });
    }, {rootMargin: '600px 0px'});
    figures.forEach(function (f) { seen.observe(f); });
  } else { window.renderAllCharts(); }

  // a download a spreadsheet opens as the page's language expects: Swedish with ';' between fields and a decimal
  // comma, English with ',' and a decimal point; numbers as numbers (a chart's raw values and interval bounds, each
  // in a column of its own, where the chart carries them), UTF-8 with a byte-order mark
  var SEP = LANG === 'sv' ? ';' : ',';
  var SV_NUMBER = /^[\u2212-]?\d{1,3}( \d{3})*(,\d+)?$/, EN_NUMBER = /^[\u2212-]?\d{1,3}(,\d{3})*(\.\d+)?$/;
  function csvCell(v) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return LANG === 'sv' ? String(v).replace('.', ',') : String(v);
    v = String(v).replace(/\u00a0/g, ' ');
    if (LANG === 'sv' && SV_NUMBER.test(v)) return v.replace(/ /g, '').replace('\u2212', '-');
    if (LANG === 'en' && EN_NUMBER.test(v)) return v.replace(/,/g, '').replace('\u2212', '-');
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;  // never a formula
    return (v.indexOf(SEP) >= 0 || /["\n\r]/.test(v)) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csvOf(rows) {  // the header is the first row
    return rows.map(function (r) { return r.map(csvCell).join(SEP); }).join('\r\n') + '\r\n';
  }
  function tableCsv(table) {
    return csvOf(Array.prototype.map.call(table.rows, function (row) {
      return Array.prototype.map.call(row.cells, function (c) { return c.textContent; }); }));
  }
  window.tableCsv = tableCsv;
  window.chartCsv = function (f) {
    var spec = JSON.parse(f.querySelector('script.chart-spec').textContent);
    if (spec.csv) return csvOf([spec.csv.columns].concat(spec.csv.rows));
    var d = f.querySelector('details.chart-data');
    if (!d.querySelector('table')) fillTable(d);
    return tableCsv(d.querySelector('table'));
  };
  // a chart as an image for a slide: twice the screen's resolution, with its title (the caption, which says the
  // year, edition or dimension shown), and its source below; the axis titles carry the units
  function lines(ctx, text, width) {
    var out = [], line = '';
    text.split(/\s+/).forEach(function (w) {
      var next = line ? line + ' ' + w : w;
      if (line && ctx.measureText(next).width > width) { out.push(line); line = w; } else { line = next; }
    });
    if (line) out.push(line);
    return out;
  }
  window.chartImage = function (f) {
    return render(f).then(function () {
      var gd = f.querySelector('.plot'), w = gd.offsetWidth, h = gd.offsetHeight, S = 2;
      return Plotly.toImage(gd, {format: 'png', width: w, height: h, scale: S}).then(function (url) {
        return new Promise(function (resolve) {
          var img = new Image();
          img.onload = function () {
            var canvas = document.createElement('canvas'), ctx = canvas.getContext('2d'), pad = 12 * S;
            var caption = f.querySelector('figcaption').innerText.replace(/\s+/g, ' ').trim();
            var source = f.querySelector('.chart-source');
            source = source ? source.innerText.replace(/\s+/g, ' ').trim() : '';
            ctx.font = 'bold ' + 15 * S + 'px Arial, Helvetica, sans-serif';
            var head = lines(ctx, caption, w * S - 2 * pad);
            ctx.font = 11 * S + 'px Arial, Helvetica, sans-serif';
            var foot = source ? lines(ctx, source, w * S - 2 * pad) : [];
            var top = pad + head.length * 20 * S, bottom = foot.length * 15 * S + pad;
            canvas.width = w * S; canvas.height = top + h * S + bottom;
            ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, canvas.width, canvas.height);
            ctx.fillStyle = '#222222'; ctx.textBaseline = 'top';
            ctx.font = 'bold ' + 15 * S + 'px Arial, Helvetica, sans-serif';
            head.forEach(function (l, i) { ctx.fillText(l, pad, pad + i * 20 * S); });
            ctx.drawImage(img, 0, top);
            ctx.fillStyle = '#444444'; ctx.font = 11 * S + 'px Arial, Helvetica, sans-serif';
            foot.forEach(function (l, i) { ctx.fillText(l, pad, top + h * S + i * 15 * S); });
            resolve({canvas: canvas, width: canvas.width, height: canvas.height,
                     plotWidth: w, plotHeight: h, title: head, source: foot});
          };
          img.src = url;
        });
      });
    });
  };
  function save(name, blob) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = name; document.body.appendChild(a); a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  document.addEventListener('click', function (ev) {
    var b = ev.target.closest('button');
    if (!b) return;
    var f = b.closest('figure.chart');
    if (!f) return;
    if (b.classList.contains('csv')) {
      save(b.dataset.file || 'data.csv', new Blob(['\ufeff' + window.chartCsv(f)], {type: 'text/csv;charset=utf-8'}));
    } else if (b.classList.contains('png')) {
      window.chartImage(f).then(function (image) {
        image.canvas.toBlob(function (blob) { save((b.dataset.file || 'chart') + '.png', blob); }, 'image/png');
      });
    }
  });

  // each map (the län's, Europe's) repaints from its own controls: a script.map-settings element names its unit
  // select, its edition select (or a fixed edition) and its figure; the choice travels in the address (#map=...)
  function colour(v, score) {
    var x = Math.min(Math.max(score / 100, 0), 1) * (v.length - 1);
    var i = Math.min(Math.floor(x), v.length - 2), a = v[i], b = v[i + 1], out = '#';
    for (var k = 1; k < 7; k += 2) {
      var p = parseInt(a.substr(k, 2), 16), q = parseInt(b.substr(k, 2), 16);
      out += ('0' + Math.round(p + (x - i) * (q - p)).toString(16)).slice(-2);
    }
    return out;
  }
  function number(x) { return x.toFixed(1).replace('.', LANG === 'sv' ? ',' : '.'); }
  function setupMap(settings) {
    var M = JSON.parse(settings.textContent);
    var unit = document.getElementById(settings.dataset.unit);
    var edition = settings.dataset.edition ? document.getElementById(settings.dataset.edition) : null;
    var mapFigure = document.getElementById(settings.dataset.figure);
    if (!unit || !mapFigure) return;
    function year() { return edition ? edition.value : M.edition; }
    function paint() {
      var cells = M.paint[unit.value + ':' + year()] || [], w = M.words;
      var fills = [], labels = [];
      M.names.forEach(function (name, i) {
        var c = cells[i];
        if (!c) { fills.push('#dddddd'); labels.push(name + ': ' + w.no_score); return; }
        fills.push(colour(M.viridis, c[0]));
        labels.push(name + ': ' + number(c[0]) + ' ' + w.points + ', ' + c[2] + ', ' + c[3]);
      });
      mapFigure.querySelector('.chart-title').textContent =
        w.title.replace('{year}', year()).replace('{what}', M.units[unit.value]);
      var rows = M.names.map(function (n, i) { return [n, cells[i]]; }).filter(function (r) { return r[1]; });
      rows.sort(function (a, b) { return a[1][1] - b[1][1]; });
      var base = JSON.parse(mapFigure.querySelector('script.chart-spec').textContent).table;
      mapFigure.tableData = {columns: base.columns, rows: rows.map(function (r) {
        return [r[0], number(r[1][0]), r[1][2], r[1][4] === null ? '' : String(r[1][4]), r[1][3]]; })};
      mapFigure.tableChanged = true;
      var details = mapFigure.querySelector('details');
      if (details.built) fillTable(details);
      render(mapFigure).then(function () {
        var idx = M.names.map(function (_, i) { return i; });
        Plotly.restyle(mapFigure.querySelector('.plot'), {fillcolor: fills, text: labels, name: labels}, idx);
      });
    }
    function fromHash() {
      var m = new RegExp('^#' + M.hash + '=([a-z_]+):(\\d{4})$').exec(location.hash);
      if (m && M.units[m[1]] && (edition ? edition.querySelector('option[value="' + m[2] + '"]') : m[2] === M.edition)) {
        unit.value = m[1]; if (edition) edition.value = m[2]; paint(); mapFigure.scrollIntoView();
      }
    }
    [unit, edition].forEach(function (s) { if (s) s.addEventListener('change', function () {
      history.replaceState(null, '', '#' + M.hash + '=' + unit.value + ':' + year()); paint(); }); });
    fromHash();
  }
  Array.prototype.forEach.call(document.querySelectorAll('script.map-settings'), setupMap);
})();
"""


@cache
def _locale_sv() -> str:
    """The Swedish locale (a CommonJS module) as a global the page registers with plotly."""
    return ("(function(){var module={exports:{}};" + PLOTLY_LOCALE_SV.read_text(encoding="utf-8")
            + "\nwindow.PlotlyLocaleSv=module.exports;})();")


def _json(value) -> str:
    """JSON for a script element (compact; ``</`` cannot close the element)."""
    return json.dumps(value, cls=PlotlyJSONEncoder, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


def chart_table(fig: go.Figure) -> pd.DataFrame:
    """A figure's data as a table: one row per point (series, x, y) or per heatmap cell (y, x, value); filled
    polygons (map shapes) and empty helper traces are left out."""
    rows = []
    for trace in fig.data:
        name = getattr(trace, "name", None) or ""
        if trace.type == "heatmap" and trace.z is not None:
            for y, zs in zip(trace.y, trace.z):
                for x, z in zip(trace.x, zs):
                    rows.append({"series": y, "x": x, "value": z})
        elif trace.type in ("scatter", "bar") and getattr(trace, "fill", None) != "toself":
            xs = list(trace.x) if trace.x is not None else []
            ys = list(trace.y) if trace.y is not None else []
            for x, y in zip(xs, ys):
                if x is not None and y is not None:
                    rows.append({"series": name, "x": x, "value": y})
    return pd.DataFrame(rows, columns=["series", "x", "value"])


def raw(value):
    """A value for a download: a number unrounded (to ten significant digits, more than any source publishes), a
    missing one empty, anything else as text."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(f"{float(value):.10g}")
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    return str(value)


class Page:
    def __init__(self, lang: str):
        self.lang = lang
        self.parts: list[str] = []
        self.n_charts = 0

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def chart(self, fig: go.Figure, table: pd.DataFrame | None = None, source: str | None = None,
              source_is_html: bool = False, notes=(), caption_note: str | None = None,
              anchor: str | None = None, download: pd.DataFrame | None = None,
              row_classes: list[str] | None = None) -> None:
        """A chart as a figure: its title as caption (with a note, e.g. the year it shows), the plot (drawn when it
        comes near the screen, hidden from screen readers: the table beside it carries the same data), its source
        and notes, and its data as a collapsed table with a CSV and a PNG download. ``table``: the data to show
        (by default one row per point of the traces); ``download``: the same data unrounded, a number or a bound
        per column, for the CSV (by default the traces' points; without either the CSV is the table shown)."""
        t = TEXT[self.lang]
        unknown = {trace.type for trace in fig.data} - BUNDLED_TRACES
        if unknown:
            raise ValueError(f"the report's plotly.js bundle cannot draw {sorted(unknown)}")
        self.n_charts += 1
        n = self.n_charts
        fid = anchor or f"fig-{n}"
        title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else f"{t['chart']} {n}"
        meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
        spec = fig.to_plotly_json()
        layout = spec["layout"]
        for key in ("template", "title", "meta"):
            layout.pop(key, None)
        layout["separators"] = SEPARATORS[self.lang]
        layout.setdefault("legend", {}).update(itemclick=False, itemdoubleclick=False)
        height = int(layout.get("height") or F.HEIGHT)
        if table is None:
            data = chart_table(fig).rename(columns={"series": t["series"], "x": t["x"], "value": t["value"]})
            download = data if download is None else download
        else:
            data = table
        plot = f"<div class='plot' aria-hidden='true' style='height:{height}px"
        if meta.get("min_width"):
            plot = (f"<div class='plot-scroll' tabindex='0' role='region' aria-label='{e(title)}'>" + plot
                    + f";min-width:{int(meta['min_width'])}px'></div></div>")
        else:
            plot += "'></div>"
        source_html = ""
        if source:
            source_html = f"<p class='chart-source'>{e(t['source'])}: {source if source_is_html else e(source)}</p>"
        notes_html = "".join(f"<p class='chart-notes'>{e(x)}</p>" for x in notes)
        note = f"<span class='caption-note'>{e(caption_note)}</span>" if caption_note else ""
        # the data table travels as JSON beside the chart and is written out when a reader opens it (or before
        # printing): the same data as HTML markup would double the page
        rows = [[cell(v, self.lang) for v in row] for row in data.itertuples(index=False)]
        payload = {"data": spec["data"], "layout": layout,
                   "table": {"columns": [str(c) for c in data.columns], "rows": rows}}
        if row_classes is not None:  # e.g. a ranking's bands, coloured as the table is written out
            payload["table"]["classes"] = list(row_classes)
        if download is not None:
            payload["csv"] = {"columns": [str(c) for c in download.columns],
                              "rows": [[raw(v) for v in row] for row in download.itertuples(index=False)]}
        self.add(f"<figure class='chart' id='{e(fid)}' aria-labelledby='{e(fid)}-t'>"
                 f"<figcaption id='{e(fid)}-t'><span class='chart-title'>{e(title)}</span>{note}</figcaption>"
                 f"{plot}{source_html}{notes_html}"
                 f"<details class='chart-data' data-csv='{e(fid)}.csv' data-png='{e(fid)}'><summary>"
                 f"{e(t['chart_data'])} ({len(rows)} {e(t['rows'])})</summary><div class='wide'></div></details>"
                 f"<script type='application/json' class='chart-spec'>{_json(payload)}</script></figure>")


def build_report(data: ReportData, lang: str, other_file: str) -> tuple[str, int]:
    """The report as one HTML string, and the number of charts in it."""
    t = TEXT[lang]
    name_col = "name_sv" if lang == "sv" else "name_en"
    if lang == "en":  # the catalogue's English says län and Riket; the English page says county and Sweden
        data = dataclasses.replace(data, indicators=data.indicators.assign(
            name_en=data.indicators["name_en"].map(L.english_terms),
            definition=data.indicators["definition"].map(L.english_terms)))
    page = Page(lang)
    names_by_id = data.indicators.set_index("indicator_id")[name_col]
    region = L.region(data.region_name, lang)
    other_lang = "en" if lang == "sv" else "sv"
    page.add(f"<a class='skip' href='#main'>{e(t['skip'])}</a>"
             f"<header><h1>{e(t['title'].format(region=region))}</h1>"
             f"<p>{e(t['subtitle'].format(n_ind=len(data.indicators)))}</p>"
             f"<p>{e(t['generated'])}: {e(data.generated_at)} · "
             f"<a href='{e(other_file)}' hreflang='{other_lang}' lang='{other_lang}'>{e(t['other'])}</a> · "
             f"<a href='#toc-h'>{e(t['toc'])}</a></p></header><main id='main'>")
    synthetic = "is_synthetic" in data.values and data.values["is_synthetic"].fillna(False).astype(bool).any()
    if synthetic:
        page.add(f"<p class='note'>{e(t['synthetic_note'])}</p>")
    key_findings(page, data, lang)
    europe_section(page, data, lang)
    printed_findings(page, data, lang)
    page.add(f"<section id='reading' aria-labelledby='reading-h'><h2 id='reading-h'>{e(t['reading'])}</h2>"
             f"<p>{e(t['intro'])}</p><p class='note'>{e(t['synthetic_note' if synthetic else 'honesty'])}</p>"
             f"<p class='note'>{e(t['survey_note'])}</p></section>")
    toc = [f'<li><a href="#dim-{d.dimension_id}">{e(getattr(d, name_col))}</a></li>'
           for d in data.dimensions.itertuples()]
    toc += [f'<li><a href="#{a}">{e(t[k])}</a></li>' for a, k in
            (("europe", "europe_heading"), ("development", "development"), ("pca", "pca"), ("clusters", "clusters"),
             ("similar", "similar_heading"), ("data", "data"))]
    page.add(f"<nav aria-labelledby='toc-h'><h2 id='toc-h'>{e(t['toc'])}</h2><ul>{''.join(toc)}</ul></nav>")
    counts = data.values.groupby("dimension_id")["value_kind"].value_counts().unstack(fill_value=0)
    overview = pd.DataFrame({
        t["dimension"]: data.dimensions[name_col],
        t["indicators"]: data.dimensions["n_indicators"],
        t["figures"]: [int(counts.get("figure", pd.Series()).get(d, 0)) for d in data.dimensions["dimension_id"]],
        t["statements"]: [int(counts.get("qualitative", pd.Series()).get(d, 0))
                          for d in data.dimensions["dimension_id"]],
    })
    page.add(f"<section id='overview' aria-labelledby='overview-h'><h2 id='overview-h'>{e(t['overview'])}</h2>"
             f"<div class='wide'>{table(overview, lang)}</div></section>")
    dimension_sections(page, data, lang)
    A.development(page, data, names_by_id, lang)
    A.pca(page, data, names_by_id, lang)
    A.clusters(page, data, names_by_id, lang)
    A.similar(page, data, lang)
    A.data_quality(page, data, names_by_id, synthetic, lang)
    page.add("</main>")
    template = F.TEMPLATE.to_plotly_json()  # {"layout": ...}: a plotly template, applied to every chart
    head = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(t['title'].format(region=region))}</title><style>{_CSS}</style></head><body>")
    words = {"csv": t["download_csv"], "png": t["download_png"], "table": t["table_region"]}
    scripts = (f"<script type='application/json' id='chart-template'>{_json(template)}</script>"
               f"<script type='application/json' id='page-words'>{_json(words)}</script>"
               f"<script src='{PLOTLY_ASSET}'></script>" + (f"<script>{_locale_sv()}</script>" if lang == "sv" else "")
               + f"<script>{_PAGE_SCRIPT}</script>")
    # every section ends with the way back to the contents (the page is about 90 screens long)
    body = "".join(page.parts).replace("</section>", f"<p class='back'><a href='#toc-h'>↑ {e(t['toc'])}</a></p>"
                                                     "</section>")
    return head + body + scripts + "</body></html>", page.n_charts
