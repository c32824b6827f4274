"""The extension's stylesheet and the facade's script, for HTML builds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).parents[1] / "static"
CSS_FILE = "callposts.css"
JS_FILE = "callposts.js"


def add_static_assets(app: Sphinx) -> None:
    """The styles for html-format builders; the script only where the facade needs it.

    EPUB gets the styles but no script: its recordings are links.
    """
    if app.builder.format != "html":
        return
    app.add_css_file(CSS_FILE)
    if app.config.callposts_youtube == "facade" and not app.builder.name.startswith("epub"):
        app.add_js_file(JS_FILE, loading_method="defer")


def copy_static_assets(app: Sphinx, exception: Exception | None) -> None:
    """Copy the files into ``_static``.

    Copied here rather than added to ``html_static_path``: a changed configuration
    value would make the next build say the configuration changed and read everything.
    """
    if exception is None and app.builder.format == "html":
        for name in (CSS_FILE, JS_FILE):
            copy_asset_file(STATIC / name, Path(app.outdir) / "_static")


def setup_assets(app: Sphinx) -> None:
    """Link the assets once the builder is known, copy them once the pages are written."""
    app.connect("builder-inited", add_static_assets)
    app.connect("build-finished", copy_static_assets)
