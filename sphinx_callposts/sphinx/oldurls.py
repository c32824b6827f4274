"""The old site's URLs of the posts and section pages, for redirects and links.

Each post had, on the Hugo site, the URL that its ``url``, its section's
``permalinks`` pattern, its ``slug`` or its path gave it, plus its ``aliases``;
each section page answered at its folder. Computed once per build and process
from the store, so that neither redirects nor links cost a look at every post.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.bundles import POST, SECTION
from ..core.permalinks import Page, hugo_url, section_of, unknown_tokens
from .config import warn
from .store import section_folder, store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: the key of :attr:`OldURL.key` for an alias
ALIAS = "aliases"
_CACHE = "old-urls"


@dataclass(frozen=True)
class OldURL:
    """One URL at which the old site served a page.

    :param path: as written (an alias may be relative to the page's folder) or as made
    :param key: the front-matter key or setting that gives it: ``aliases``, ``url``,
        ``slug``, ``permalinks``, or ``""`` for Hugo's default path
    """

    docname: str
    title: str
    path: str
    key: str

    @property
    def is_alias(self) -> bool:
        """Whether the old site redirected from it, rather than served the page there."""
        return self.key == ALIAS


def old_urls(env: BuildEnvironment, config: Config) -> tuple[OldURL, ...]:
    """The old URLs of every published post and every section page."""
    store = store_of(env)
    key = (id(store.posts), len(store.posts), store.build_now)
    cached = store.cache.get(_CACHE)
    if cached is None or cached[0] != key:
        cached = store.cache[_CACHE] = (key, _old_urls(env, config))
    return cached[1]


def _old_urls(env: BuildEnvironment, config: Config) -> tuple[OldURL, ...]:
    store = store_of(env)
    permalinks = config.callposts_permalinks
    sections = {section_folder(name) for name, kind in store.kinds.items() if kind == SECTION}
    found: list[OldURL] = []
    for docname, kind in sorted(store.kinds.items()):
        if docname not in env.found_docs:
            continue
        if kind == SECTION:
            title = env.titles[docname].astext() if docname in env.titles else docname
            page = Page(docname, title, section=section_folder(docname), is_section=True)
            found.append(OldURL(docname, title, *hugo_url(page, permalinks)))
            continue
        post = store.posts.get(docname)
        if kind != POST or post is None or (post.draft and not config.callposts_drafts):
            continue
        page = Page(
            docname, post.title, post.slug, post.url, post.date,
            section=section_of(docname, sections.__contains__),
        )  # fmt: skip
        found.append(OldURL(docname, post.title, *hugo_url(page, permalinks)))
        found += [OldURL(docname, post.title, alias, ALIAS) for alias in post.aliases]
    return tuple(found)


def line_of(env: BuildEnvironment, old: OldURL) -> int:
    """The front-matter line that gives an old URL."""
    keys = {"permalinks": ("slug", "title"), "": ()}.get(old.key, (old.key,))
    return store_of(env).line_of(old.docname, *keys)


def check_permalinks(app: Sphinx, config: Config) -> None:
    """Warn about ``callposts_permalinks`` patterns with tokens Hugo does not know."""
    patterns = config.callposts_permalinks
    nested = [value for value in patterns.values() if isinstance(value, dict)]
    for table in (patterns, *nested):
        for section, pattern in table.items():
            if isinstance(pattern, str) and (unknown := unknown_tokens(pattern)):
                warn(
                    f"callposts_permalinks[{section!r}] = {pattern!r}: unknown "
                    f"token(s) {', '.join(':' + name for name in unknown)} are kept as written",
                    None,
                    "config",
                )


def setup_old_urls(app: Sphinx) -> None:
    """Check the ``permalinks`` patterns once the configuration is read."""
    app.connect("config-inited", check_permalinks)
