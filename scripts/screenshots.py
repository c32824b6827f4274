"""Screenshots of the docs' demo calls in the themes users pick, light and dark.

Builds ``docs/`` once per theme and photographs a post page and the listing in
headless Chromium (Debian's ``chromium``). The pictures go to
``docs/_static/screenshots/``, where the README and the theming page show them::

    pip install -e ".[testing,themes]"
    python scripts/screenshots.py            # every installed theme
    python scripts/screenshots.py furo       # one theme
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, Browser

OUT = ROOT / "docs" / "_static" / "screenshots"
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme"]
#: themes with a dark mode of their own (the others stay light whatever the reader asks)
DARK = {"furo", "pydata_sphinx_theme", "sphinx_book_theme"}
PAGES = {
    "post": "calls/2026/2026-06-18-privacy-video.html",
    "listing": "calls/_index.html",
    "cards": "listings.html#cards-demo",
}
VIEWPORT = (1100, 820)


def build(theme: str, outdir: Path) -> None:
    """The docs, built with ``theme``; SOURCE_DATE_EPOCH keeps "now" fixed (2026-11-26)."""
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"html_theme={theme}",
         "-d", str(outdir / ".doctrees"), str(ROOT / "docs"), str(outdir)],
        check=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1795651200"},
    )  # fmt: skip


def shoot(theme: str, site: Path, browser: Browser) -> list[Path]:
    """Photograph each page of ``PAGES`` in light (and dark, where the theme has it)."""
    written = []
    for name, path in PAGES.items():
        for scheme in ("light", "dark") if theme in DARK else ("light",):
            file, _sep, anchor = path.partition("#")
            uri = (site / file).as_uri() + (f"#{anchor}" if anchor else "")
            with browser.open(uri, *VIEWPORT, dark=scheme == "dark") as tab:
                tab.settle_images()
                if anchor:  # some themes scroll their own container, not the window
                    tab.evaluate(
                        f"document.getElementById({anchor!r})?.scrollIntoView({{behavior: 'instant'}})"
                    )
                target = OUT / f"{theme}-{name}-{scheme}.png"
                tab.screenshot(target)
            written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("themes", nargs="*", default=THEMES, help="themes to photograph")
    args = parser.parse_args()
    if not CHROMIUM:
        sys.exit("chromium is not installed (apt-get install chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        browser = Browser(Path(tmp) / "profile")
        try:
            for theme in args.themes:
                if importlib.util.find_spec(theme) is None:
                    print(f"{theme}: not installed, skipped")
                    continue
                site = Path(tmp) / theme
                build(theme, site)
                for path in shoot(theme, site, browser):
                    print(path.relative_to(ROOT))
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
