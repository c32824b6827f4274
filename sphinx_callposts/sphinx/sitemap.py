"""Beside sphinx-sitemap: each post's ``lastmod``, section pages at their URL, and no
redirect page in ``sitemap.xml``.

sphinx-sitemap (2.x) lists every page it sees written, at a URL it makes from the page's
name, with a ``<lastmod>`` only from git (``sitemap_show_lastmod`` with
sphinx-last-updated-by-git); it has no hook for either. So, once it has written
``sitemap.xml``, its entries are amended: a post gets the date Hugo's sitemap gives it
(``lastmod``, else its date), a section page in ``dirhtml`` the folder it is served at
(:mod:`.dirhtml`), and the URL of a redirect page, should one ever be listed, is dropped.
Connected only when ``sphinx_sitemap`` is loaded.
"""

from __future__ import annotations

from datetime import timezone
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from .redirects import old_url_redirects
from .store import store_of
from .writer import HTML_BUILDERS

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: after sphinx-sitemap's own ``build-finished`` handler, which has the default, 500
_AFTER_SITEMAP = 800


def sitemap_link(app: Sphinx, docname: str) -> str:
    """The link sphinx-sitemap makes of a page's name (its ``add_html_link``)."""
    if isinstance(app.builder, DirectoryHTMLBuilder):
        if docname == "index":
            return ""
        return docname.removesuffix("index") if docname.endswith("/index") else docname + "/"
    suffix = app.config.html_file_suffix
    return docname + (".html" if suffix is None else suffix)


def file_link(app: Sphinx, relpath: str) -> str:
    """The link of a file of the output as a page's link would be: ``a/index.html`` is
    ``a/`` in ``dirhtml``."""
    if isinstance(app.builder, DirectoryHTMLBuilder) and (
        relpath == "index.html" or relpath.endswith("/index.html")
    ):
        return relpath.removesuffix("index.html")
    return relpath


def sitemap_url(app: Sphinx, link: str) -> str:
    """The URL sphinx-sitemap writes for a link (``sitemap_url_scheme``)."""
    config = app.config
    site = config.site_url or config.html_baseurl
    language = f"{config.language}/" if config.language else ""
    version = f"{config.version}/" if config.version else ""
    url: str = site + config.sitemap_url_scheme.format(lang=language, version=version, link=link)
    return url


def w3c_time(when: datetime) -> str:
    """A sitemap's ``lastmod``, in UTC as sphinx-sitemap writes git's."""
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def page_entries(app: Sphinx) -> dict[str, tuple[str, str]]:
    """``URL sphinx-sitemap lists -> (the page's URL, its lastmod or "")`` of every post
    and section page."""
    store = store_of(app.env)
    entries = {}
    for docname in store.kinds:
        if docname not in app.env.found_docs:
            continue
        post = store.posts.get(docname)
        when = (post.lastmod or post.date) if post is not None else None
        url = sitemap_url(app, app.builder.get_target_uri(docname))
        entries[sitemap_url(app, sitemap_link(app, docname))] = (
            url,
            w3c_time(when) if when else "",
        )
    return entries


def amend_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """Give posts their ``lastmod``, section pages their URL; leave out redirect pages."""
    path = Path(app.outdir) / app.config.sitemap_filename
    if exception or app.builder.name not in HTML_BUILDERS or not path.is_file():
        return
    ElementTree.register_namespace("", SITEMAP_NS)
    tree = ElementTree.parse(path)
    root = tree.getroot()
    entries = page_entries(app)
    redirects = {
        sitemap_url(app, file_link(app, redirect.file))
        for redirect in old_url_redirects(app)
        if redirect.file
    }
    for url in root.findall(f"{{{SITEMAP_NS}}}url"):
        loc = url.find(f"{{{SITEMAP_NS}}}loc")
        if loc is None or not loc.text:
            continue
        if loc.text in redirects:
            root.remove(url)
        elif loc.text in entries:
            loc.text, when = entries[loc.text]
            lastmod = url.find(f"{{{SITEMAP_NS}}}lastmod")
            if when and lastmod is None:
                lastmod = ElementTree.Element(f"{{{SITEMAP_NS}}}lastmod")
                url.insert(list(url).index(loc) + 1, lastmod)
            if when and lastmod is not None:
                lastmod.text = when
    indent = app.config.sitemap_indent
    if isinstance(indent, int) and indent > 0:
        ElementTree.indent(root, space=indent * " ")
    tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")


def connect_sitemap(app: Sphinx) -> None:
    """Amend the sitemap when sphinx-sitemap is one of the extensions."""
    if "sphinx_sitemap" in app.extensions:
        app.connect("build-finished", amend_sitemap, priority=_AFTER_SITEMAP)


def setup_sitemap(app: Sphinx) -> None:
    """Look for sphinx-sitemap once every extension is loaded."""
    app.connect("builder-inited", connect_sitemap)
