"""Links that Hugo posts write from the old site's root (``/docs/x/``, ``/#calendar``).

MyST makes them pending references that no page resolves, and warns. Here, before
MyST resolves them: a link to a page of the project, or to a post's old URL (its
permalink, ``url`` or alias), goes to that page, in any builder; any other one goes
to the old site, ``callposts_site_url``; without it, one warning says what to set.
With ``callposts_site_url``, a relative link of a post or section page that no page of
the project answers is read as it was on the old site: one to a Markdown file
(``../../adopter/_index.md``, the old site's other content) as the URL Hugo gave that
file, any other (``../adopter/``) from the page's old URL, as a browser read it there.
Both start from the page's Hugo content path (``callposts_hugo_paths``), not its folder
here.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join

from ..core.oldurls import answering_page, site_key, site_paths_of, unanswered_link
from ..core.permalinks import content_path
from .config import warn
from .oldurls import language_folder, own_old_urls
from .store import store_of, view_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.oldurls import OldURL

_MARKDOWN = (".md", ".markdown")


def site_paths(env: BuildEnvironment) -> Mapping[str, str]:
    """``site key -> docname`` of every page's path (here, and in Hugo's content folder)
    and every old URL (:class:`.view.BuildView`)."""
    return view_of(env).site_paths


def find_site_paths(env: BuildEnvironment, urls: Iterable[OldURL]) -> dict[str, str]:
    """:func:`site_paths`, worked out from the documents and the old URLs."""
    return site_paths_of(env.found_docs, urls, env.config.callposts_hugo_paths)


def path_on_old_site(url: str, site: str) -> str:
    """The site path of a link into the old site (``https://old.site/base/blog/x/#a`` with
    ``site`` ``https://old.site/base/`` -> ``/blog/x/#a``), ``""`` for any other link.

    ``http`` and ``https`` are one site, as a host's cases are.
    """
    try:
        link, old = urlsplit(url), urlsplit(site)
        same_host = link.hostname == old.hostname and link.port == old.port
    except ValueError:
        return ""
    if link.scheme.lower() not in {"http", "https"} or not same_host or link.query:
        return ""
    base = "/" + old.path.strip("/") + "/" if old.path.strip("/") else "/"
    path = link.path if link.path.endswith("/") or "." in link.path else link.path + "/"
    if not path.startswith(base):
        return ""
    return "/" + path[len(base) :] + (f"#{link.fragment}" if link.fragment else "")


def hugo_path_of_file(target: str, docname: str) -> str:
    """The site path Hugo gave a Markdown file linked relatively, ``""`` for any other link."""
    path, _hash, fragment = target.partition("#")
    if path.startswith("/") or not path.endswith(_MARKDOWN):
        return ""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
    if joined == ".." or joined.startswith("../"):
        return ""
    stem = joined.rsplit(".", 1)[0]
    for index in ("_index", "index"):
        if stem == index or stem.endswith("/" + index):
            stem = stem[: -len(index)]
    url = "/" + stem.strip("/") + "/" if stem.strip("/") else "/"
    return url + (f"#{fragment}" if fragment else "")


def path_from_old_url(target: str, old_url: str) -> str:
    """The site path a relative link led to from a page's old URL, as a browser reads it:
    ``../adopter/`` from ``/blog/2022/x/`` -> ``/blog/2022/adopter/``."""
    path, _hash, fragment = target.partition("#")
    folder = old_url if old_url.endswith("/") else posixpath.dirname(old_url) + "/"
    joined = posixpath.normpath(posixpath.join(folder, path))
    if path.endswith("/") or posixpath.basename(path) in {".", ".."}:
        joined = joined.rstrip("/") + "/"
    return joined + (f"#{fragment}" if fragment else "")


class SiteLinks(SphinxPostTransform):
    """Resolve the old site's links before MyST's reference resolver (priority 9) warns."""

    default_priority = 8

    def run(self, **kwargs: object) -> None:
        docname = self.env.docname
        # a relative link is only the old site's when there is one: else it is broken here
        hugo_page = bool(self.config.callposts_site_url) and docname in store_of(self.env).kinds
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst" or node.get("refdomain"):
                continue
            target = node["reftarget"]
            if target.startswith("/") and not target.startswith("//"):
                self.resolve(node, target)
            elif hugo_page and (site_path := self.old_site_path(target)):
                self.resolve(node, site_path)
        if self.config.callposts_site_url:
            for reference in list(self.document.findall(nodes.reference)):
                self.bring_home(reference)

    def old_site_path(self, target: str) -> str:
        """The site path a relative link of a Hugo page led to, ``""`` for a link that is
        no path or that MyST resolves here (a document, by its docname)."""
        docname = self.env.docname
        site_path = hugo_path_of_file(
            target, content_path(docname, self.config.callposts_hugo_paths)
        )
        if site_path:
            # Hugo gave the file its URL in the page's language, under that one's folder
            folder = language_folder(self.config)
            return f"/{folder}{site_path}" if folder else site_path
        path = target.partition("#")[0]
        if "/" not in path or docname_join(docname, path.rstrip("/")) in self.env.all_docs:
            return ""
        old_url = own_old_urls(self.env).get(docname)
        return path_from_old_url(target, old_url) if old_url else ""

    def bring_home(self, reference: nodes.reference) -> None:
        """A link to a page's old URL with the old site's domain goes to the page here.

        Any other link to the old site stays as it is, and so does one to an anchor the
        page here does not have.
        """
        path = path_on_old_site(reference.get("refuri", ""), self.config.callposts_site_url)
        if not path:
            return
        path, _hash, fragment = path.partition("#")
        page = site_paths(self.env).get(site_key(path))
        if page is None or (fragment and not _has_anchor(self.env, page, fragment)):
            return
        # MyST's resolver takes the link's text from an inline, as MyST itself makes it
        text = nodes.inline("", "", *reference.children, classes=["xref", "myst"])
        xref = addnodes.pending_xref(
            "", text, reftype="myst", refdomain="doc", refexplicit=True,
            reftarget=page, reftargetid=fragment or None, refdoc=self.env.docname,
        )  # fmt: skip
        xref.source, xref.line = reference.source, reference.line
        reference.replace_self(xref)

    def resolve(self, node: addnodes.pending_xref, target: str) -> None:
        """Point the link at the page here, or at the old site."""
        fragment = target.partition("#")[2]
        page = answering_page(target, site_paths(self.env))
        site = self.config.callposts_site_url
        if page is not None and not (
            fragment and site and not _has_anchor(self.env, page, fragment)
        ):
            node["refdomain"] = "doc"
            node["reftarget"] = page
            node["reftargetid"] = fragment or None
            return
        content = node.children if node.astext() else [nodes.literal(target, target)]
        if site:
            reference = nodes.reference("", "", refuri=site.rstrip("/") + target, internal=False)
            reference += content
            node.replace_self(reference)
            return
        warn(unanswered_link(target), node, "link")
        node.replace_self(content)


def _has_anchor(env: BuildEnvironment, docname: str, fragment: str) -> bool:
    """Whether a page has a heading anchor or label by that name."""
    if fragment in env.metadata.get(docname, {}).get("myst_slugs", {}):
        return True
    label = env.domaindata.get("std", {}).get("anonlabels", {}).get(fragment)
    return bool(label and label[0] == docname)


def setup_links(app: Sphinx) -> None:
    """Resolve the old site's links in every builder."""
    app.add_post_transform(SiteLinks)
