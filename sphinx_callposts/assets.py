"""The extension's stylesheet and the facade's script, for HTML builds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
CSS_FILE = "callposts.css"
JS_FILE = "callposts.js"


def add_static_assets(app: Sphinx) -> None:
    """The styles for html-format builders; the script only where the facade needs it.

    EPUB gets the styles but no script: its recordings are links.
    """
    if app.builder.format != "html":
        return
    if str(STATIC) not in map(str, app.config.html_static_path):
        app.config.html_static_path.append(str(STATIC))
    app.add_css_file(CSS_FILE)
    if app.config.callposts_youtube == "facade" and not app.builder.name.startswith("epub"):
        app.add_js_file(JS_FILE, loading_method="defer")


def setup_assets(app: Sphinx) -> None:
    """Add the assets once the builder is known."""
    app.connect("builder-inited", add_static_assets)
