"""The extension's directives and roles in a Markdown page, looked for as the build does.

A page is parsed (:mod:`.page_directives`, with MyST-Parser) only when it may hold one,
so that ``check`` imports neither docutils nor MyST-Parser for the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .core.post import normalise_keys
from .core.shortcodes import Context, page_params, rewrite

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .core.frontmatter import FrontMatter
    from .core.post import Post
    from .core.shortcodes import Handler

#: ``options of a {callposts} directive -> why it lists no post``, ``""`` when it lists some
EmptyListing = Callable[[Mapping[str, Any]], str]
#: ``(site-absolute image URI, whether in raw HTML) -> the build's warning``, ``""`` for none
MissingImage = Callable[[str, bool], str]
#: ``site-absolute link target -> the build's warning``, ``""`` for one a page answers
UnansweredLink = Callable[[str], str]
#: what a page holds when it may use a directive or role of the extension
MARKERS = ("{youtube", "{callposts", "{youtube-embed}")
#: an image from the site's root, roughly: Markdown's, a link definition's, a ``src``
_SITE_IMAGE = re.compile(
    r"""(?:\]\(\s*<?|\]:\s*<?|\bsrc\s*=\s*["']?|\{(?:figure|image)\}\s+)(/[^\s)"'<>]*)"""
)

#: a link from the site's root, roughly: Markdown's or a link definition's (``//`` is a host)
_SITE_LINK = re.compile(r"(?:\]\(\s*<?|\]:\s*<?)(/(?!/)[^\s)>]*)")


def may_hold_markup(text: str) -> bool:
    """Whether a page may hold a directive or role of the extension."""
    return any(marker in text for marker in MARKERS)


def page_markup_problems(
    text: str,
    front: FrontMatter,
    post: Post,
    *,
    handlers: Mapping[str, Handler] | None = None,
    shortcodes: bool = True,
    docname: str | None = None,
    why_empty: EmptyListing | None = None,
    missing_image: MissingImage | None = None,
    unanswered_link: UnansweredLink | None = None,
) -> Iterator[tuple[int, str]]:
    """:func:`.page_directives.markup_problems` of a Markdown page, in the body the build parses.

    The build rewrites the shortcodes first (line for line): a shortcode may hide a fence
    in a code block. A page is parsed when it names a directive or role of the extension
    itself: one that only a site's own shortcode writes is left to the build.

    :param front: the page's front matter, read
    :param post: the page read as a post, for the ``param`` shortcode
    :param handlers: the site's own shortcode handlers, by name
    :param shortcodes: whether the build rewrites shortcodes (``callposts_shortcodes``)
    :param docname: the page, from which ``:section:`` paths start; ``None``: unknown
    :param why_empty: why a listing of the page shows no post (:data:`EmptyListing`);
        ``None``: the project's posts are unknown, left to the build
    :param missing_image: the warning for an image from the site's root that the build
        will not find (:data:`MissingImage`); ``None``: images are not checked
    :param unanswered_link: the warning for a site-absolute link that no page answers
        (:data:`UnansweredLink`); ``None``: links are not checked
    """
    # parsed for its images only when one of them may be missing: most pages import no MyST
    # (an image of raw HTML is never missing where the same Markdown one is not)
    if missing_image is not None and not any(
        missing_image(match[1], False) for match in _SITE_IMAGE.finditer(text)
    ):
        missing_image = None
    if unanswered_link is not None and not any(
        unanswered_link(match[1]) for match in _SITE_LINK.finditer(text)
    ):
        unanswered_link = None
    # a page that names none: the built-in shortcodes write only directives they checked
    if not may_hold_markup(text) and missing_image is None and unanswered_link is None:
        return
    body = "\n".join(text.split("\n")[front.lines :])
    if shortcodes:
        context = Context(
            docname=docname or "",
            warn=lambda message, line: None,  # check reports these through shortcode_problems
            handlers=handlers or {},
            params=normalise_keys(page_params(front.data, post if front.format else None)),
        )
        body = rewrite(body, context, front.lines + 1)
    # MyST-Parser and docutils are imported only for a page that needs them
    from .page_directives import markup_problems

    yield from markup_problems(
        body, front.lines + 1, docname, why_empty, missing_image, unanswered_link
    )
