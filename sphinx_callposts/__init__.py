"""Hugo community-call posts in Sphinx: page headers, privacy-first recordings, listings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Wire the features into Sphinx."""
    from sphinx.locale import get_translation

    from .core.i18n import use_translator
    from .sphinx.assets import setup_assets
    from .sphinx.calendar import setup_calendar
    from .sphinx.code_blocks import setup_code_blocks
    from .sphinx.config import setup_config
    from .sphinx.confine import setup_confine
    from .sphinx.details import setup_details
    from .sphinx.dirhtml import setup_dirhtml
    from .sphinx.embed import setup_embed
    from .sphinx.epub import setup_epub
    from .sphinx.feed import setup_feed
    from .sphinx.header import setup_header
    from .sphinx.heading_ids import setup_heading_ids
    from .sphinx.linkcheck import setup_linkcheck
    from .sphinx.linkify import setup_linkify
    from .sphinx.links import setup_links
    from .sphinx.listing import setup_listing
    from .sphinx.metadata import setup_metadata
    from .sphinx.nav import setup_nav
    from .sphinx.oldurls import setup_old_urls
    from .sphinx.pages import setup_pages
    from .sphinx.pending import setup_pending
    from .sphinx.people import setup_people
    from .sphinx.pictures import setup_pictures
    from .sphinx.players import setup_players
    from .sphinx.rawhtml import setup_raw_html
    from .sphinx.recordings import setup_recordings
    from .sphinx.redirect_files import setup_redirect_files
    from .sphinx.redirects import setup_redirects
    from .sphinx.shortcodes import setup_shortcodes
    from .sphinx.sitemap import setup_sitemap
    from .sphinx.sources import setup_sources
    from .sphinx.static import setup_static
    from .sphinx.store import setup_collector
    from .sphinx.taxonomy import setup_taxonomy
    from .sphinx.term_feeds import setup_term_feeds
    from .sphinx.term_index import setup_term_index
    from .sphinx.toc import setup_toc
    from .sphinx.translations import setup_translations
    from .sphinx.upcoming import setup_upcoming
    from .sphinx.view import setup_view
    from .sphinx.writer import setup_writer

    if "myst_parser" not in app.extensions:
        app.setup_extension("myst_parser")
    app.add_message_catalog("sphinx_callposts", str(Path(__file__).parent / "locale"))
    use_translator(get_translation("sphinx_callposts"))
    setup_config(app)
    setup_assets(app)
    setup_pages(app)
    setup_shortcodes(app)
    setup_details(app)
    setup_header(app)
    setup_confine(app)
    setup_embed(app)
    setup_recordings(app)
    setup_players(app)
    setup_collector(app)
    setup_view(app)
    setup_pending(app)  # before the features that answer its event
    setup_epub(app)
    setup_toc(app)
    setup_listing(app)
    setup_nav(app)
    setup_writer(app)  # before the features that answer its event
    setup_feed(app)
    setup_upcoming(app)
    setup_calendar(app)
    setup_metadata(app)
    setup_linkcheck(app)
    setup_redirects(app)
    setup_redirect_files(app)
    setup_sitemap(app)
    setup_raw_html(app)
    setup_heading_ids(app)
    setup_linkify(app)
    setup_sources(app)
    setup_old_urls(app)
    setup_links(app)
    setup_dirhtml(app)
    setup_people(app)
    setup_taxonomy(app)
    setup_term_feeds(app)
    setup_term_index(app)
    setup_pictures(app)
    setup_static(app)
    setup_translations(app)
    setup_code_blocks(app)
    return {
        "version": __version__,
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
