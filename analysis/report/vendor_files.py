"""The report's vendored files (``analysis/report/vendor/``, licences and versions in its README): plotly.js's
basic bundle, one file of the release that every page beside it loads by a relative path (``assets/``), so the
pages stay offline and each carries only its own charts; and its Swedish locale, inlined in the Swedish page.
No plotting library is imported here, so the publish step can check a reusable release without loading plotly."""

from pathlib import Path

VENDOR = Path(__file__).parent / "vendor"
PLOTLY_JS = VENDOR / "plotly-basic-4.1.1.min.js"
PLOTLY_ASSET = f"assets/{PLOTLY_JS.name}"
PLOTLY_LOCALE_SV = VENDOR / "plotly-locale-sv-3.7.0.js"
