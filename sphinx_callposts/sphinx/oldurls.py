"""The old site's URLs of the posts and section pages, for redirects and links.

What they are is :mod:`..core.oldurls`'s to say; here they are read off the store,
once per build and process, so that neither redirects nor links cost a look at every
post.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.bundles import POST, SECTION
from ..core.oldurls import OldPage, OldURL
from ..core.oldurls import old_urls as old_urls_of
from ..core.permalinks import unknown_tokens
from ..core.translations import split_language
from .config import warn
from .store import store_of, view_of
from .translations import build_languages

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def old_urls(env: BuildEnvironment) -> tuple[OldURL, ...]:
    """The old URLs of every published post and every section page."""
    return view_of(env).old_urls


def find_old_urls(env: BuildEnvironment, config: Config) -> tuple[OldURL, ...]:
    """:func:`old_urls`, worked out (for :class:`.view.BuildView`)."""
    return old_urls_of(
        old_pages(env, build_languages(config)),
        config.callposts_permalinks,
        drafts=config.callposts_drafts,
        hugo_paths=config.callposts_hugo_paths,
        lower=not config.callposts_disable_path_to_lower,
        language=language_folder(config),
    )


def language_folder(config: Config) -> str:
    """The folder the old site served this build's language under (``de``), ``""`` for
    its root: every language but the default one, and that too with
    ``callposts_content_language_in_subdir``; none without translations."""
    languages = build_languages(config)
    in_folder = languages and (
        languages[0] != config.callposts_content_language
        or config.callposts_content_language_in_subdir
    )
    return languages[0] if in_folder else ""


def own_old_urls(env: BuildEnvironment) -> Mapping[str, str]:
    """``docname -> the URL the old site served the page at`` (not an alias)."""
    return view_of(env).own_old_urls


def find_own_old_urls(urls: Iterable[OldURL]) -> dict[str, str]:
    """:func:`own_old_urls`, worked out from every old URL."""
    own: dict[str, str] = {}
    for old in urls:
        if not old.is_alias:
            own.setdefault(old.docname, old.path)
    return own


def old_pages(env: BuildEnvironment, languages: tuple[str, ...] = ()) -> Iterator[OldPage]:
    """What the old URLs of each post read and each section page depend on.

    :param languages: the build's language first, when posts have translations: the old
        site of another language than the posts' files had only their translations
    """
    store = store_of(env)
    content = env.config.callposts_content_language
    for docname, kind in store.kinds.items():
        if docname not in env.found_docs:
            continue
        if kind == SECTION:
            title = env.titles[docname].astext() if docname in env.titles else docname
            yield OldPage(docname, kind, title)
        elif kind == POST and (post := store.posts.get(docname)) is not None:
            path, language = split_language(docname, languages)
            if (
                languages
                and languages[0] != content
                and languages[0]
                not in {
                    language,
                    *post.languages[1:],
                }
            ):
                continue  # not translated: the old site in this language had no such page
            yield OldPage(
                docname, kind, post.title, post.slug, post.url, post.date, post.aliases,
                post.draft, path if language else "",
            )  # fmt: skip


def line_of(env: BuildEnvironment, old: OldURL) -> int:
    """The front-matter line that gives an old URL."""
    return store_of(env).line_of(old.docname, *old.line_keys)


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
