"""The extension's stylesheet and the facade's script, for HTML builds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

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


def copy_static_assets(app: Sphinx, env: BuildEnvironment) -> None:
    """Copy the files into ``_static``, once read, before any page is written.

    Copied here rather than added to ``html_static_path``: a changed configuration
    value would make the next build say the configuration changed and read everything.
    Before the pages, so that every page links them with the same checksum (``?v=``),
    in a fresh build as in the next ones.
    """
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name in (CSS_FILE, JS_FILE):
        data = (STATIC / name).read_bytes()
        target = static / name
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)


def setup_assets(app: Sphinx) -> None:
    """Link the assets once the builder is known, copy them before the pages are written."""
    app.connect("builder-inited", add_static_assets)
    app.connect("env-updated", copy_static_assets)
