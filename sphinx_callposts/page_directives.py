"""The extension's directives and roles in a Markdown page, checked as the build checks them.

``check`` finds them with MyST-Parser's own markdown-it parser and reads each option
block with MyST's own parser, so that a fence, a role or an option is taken where the
build takes it, and no further: MyST-Parser's parser does not import Sphinx.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from docutils.parsers.rst.states import MarkupError
from docutils.utils import unescape
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

from .core.listing_options import listing_problems
from .core.pictures import image_sources
from .core.video import role_problems, video_problems
from .directive_syntax import ListingSyntax, YouTubeSyntax
from .page_markup import EmptyListing, MissingImage, UnansweredLink, may_hold_markup

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils.parsers.rst import Directive
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


#: the directives of the extension, by MyST fence name, with their syntax and warning type
DIRECTIVES: dict[str, tuple[type[Directive], str]] = {
    "{youtube}": (YouTubeSyntax, "youtube"),
    "{callposts-youtube}": (YouTubeSyntax, "youtube"),
    "{callposts}": (ListingSyntax, "listing"),
}
ROLES = frozenset({"youtube", "callposts-youtube", "youtube-embed"})


@cache
def markdown_parser() -> MarkdownIt:
    """MyST's parser, with MyST's default configuration."""
    return create_md_parser(MdParserConfig(), RendererHTML)


def markup_problems(
    body: str,
    first_line: int = 1,
    docname: str | None = None,
    why_empty: EmptyListing | None = None,
    missing_image: MissingImage | None = None,
    unanswered_link: UnansweredLink | None = None,
) -> Iterator[tuple[int, str]]:
    """``(line, message)`` for each warning the build gives on the page's directives and roles.

    Whether a ``:section:`` holds posts needs every post: ``why_empty`` answers it.

    :param body: the Markdown the build parses, without front matter
    :param first_line: the file line of the body's first line
    :param docname: the page, from which ``:section:`` paths start; ``None``: unknown
    :param why_empty: why a listing shows no post, from its options; ``None``: not asked
    :param missing_image: the warning for an image the build will not find; ``None``:
        images are not checked
    :param unanswered_link: the warning for a site-absolute link that no page answers;
        ``None``: links are not checked
    """
    if not may_hold_markup(body) and missing_image is None and unanswered_link is None:
        return
    for token in markdown_parser().parse(body):
        # MyST numbers a block's lines from 1, and gives an inline role its block's line
        line = token.map[0] + first_line if token.map else 0
        if token.type == "fence":
            yield from directive_problems(token, line, docname, why_empty)
        if missing_image is not None:
            for uri, in_html in image_uris(token):
                if message := missing_image(uri, in_html):
                    yield line, f"{message} [callposts.image]"
        if unanswered_link is not None:
            for target in site_links(token):
                if message := unanswered_link(target):
                    yield line, f"{message} [callposts.link]"
        for child in token.children or []:
            if child.type == "myst_role" and child.meta.get("name") in ROLES:
                for message in role_problems(unescape(child.content)):
                    yield line, f"{message} [callposts.youtube]"


def site_links(token: Token) -> Iterator[str]:
    """The targets of a block's Markdown links from the site's root (``/docs/x/``), which
    MyST hands to Sphinx as references to resolve (``//host/x`` is another site)."""
    for child in token.children or []:
        href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
        if href.startswith("/") and not href.startswith("//"):
            yield href


def image_uris(token: Token) -> Iterator[tuple[str, bool]]:
    """``(uri, in raw HTML)`` of each image of a block: Markdown's, a figure's or an image
    directive's, and each ``<img src>`` of its HTML."""
    if token.type == "fence":
        name, *argument = token.info.strip().split(maxsplit=1) or [""]
        if name in ("{figure}", "{image}") and argument:
            yield argument[0].strip(), False
    elif token.type == "html_block":
        yield from ((src, True) for _start, _end, src in image_sources(token.content))
    for child in token.children or []:
        if child.type == "image":
            yield str(child.attrs.get("src", "")), False
        elif child.type == "html_inline":
            yield from ((src, True) for _start, _end, src in image_sources(child.content))


def directive_problems(
    token: Token, line: int, docname: str | None, why_empty: EmptyListing | None = None
) -> Iterator[tuple[int, str]]:
    """The warnings of one fence, when it is one of the extension's directives."""
    name, *argument = token.info.strip().split(maxsplit=1) or [""]
    if name not in DIRECTIVES:
        return
    syntax, subtype = DIRECTIVES[name]
    try:
        parsed = parse_directive_text(syntax, "".join(argument), token.content, line=line)
    except MarkupError as exc:
        yield line, f"Directive {name[1:-1]!r}: {exc} [docutils]"  # an error, as in the build
        return
    for warning in parsed.warnings:
        where = warning.lineno if warning.lineno is not None else line
        yield where, f"{name[1:-1]!r}: {warning.msg} [myst.{warning.type.value}]"
    if syntax is YouTubeSyntax:
        problems = video_problems(parsed.arguments[0], parsed.options)
    else:
        problems = listing_problems(parsed.options, docname)
        if not problems and why_empty and (why := why_empty(parsed.options)):
            problems = [why]
    for message in problems:
        yield line, f"{message} [callposts.{subtype}]"
