"""Text that every output format can hold, and the text a reader sees of HTML.

XML 1.0 forbids most control characters, and no encoder writes a lone surrogate (which
only a JSON or YAML escape such as ``"\\ud800"`` can produce), so such characters are
replaced before any value reaches a page, a feed or a redirect.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

#: what takes the place of a character no page can show
REPLACEMENT = "\ufffd"
#: the characters XML 1.0 forbids (tab, newline and carriage return are allowed), and surrogates
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` with each character that XML 1.0 or UTF-8 cannot hold replaced by U+FFFD."""
    return _UNPRINTABLE.sub(REPLACEMENT, text)


def is_printable(text: str) -> bool:
    """Whether ``text`` holds only characters that XML 1.0 and UTF-8 can hold."""
    return _UNPRINTABLE.search(text) is None


_ELEMENT_NAMES = """
    a abbr address area article aside audio b bdi bdo blockquote body br button canvas caption
    center cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe
    img input ins kbd label legend li link main map mark menu meta meter nav noscript object ol
    optgroup option output p picture pre progress q rp rt ruby s samp script section select
    small source span strike strong style sub summary sup table tbody td template textarea
    tfoot th thead time title tr track tt u ul var video wbr
"""
_BREAKING_NAMES = """
    address article aside blockquote br dd details dialog div dl dt figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot
    th thead tr ul
"""
#: the elements of HTML (WHATWG), by which a front-matter value is told to hold HTML
HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
#: elements that start a new line of text: their tags part words
_BREAKING = frozenset(_BREAKING_NAMES.split())
#: elements whose content a reader never sees as text
_HIDDEN = frozenset({"script", "style", "template", "noscript", "iframe", "object", "title"})
#: the attributes of a tag, as HTML and CommonMark read them: a quoted value holds any
#: character but its quote, "<" and ">" included. Linear in the markup, though an attempt
#: may read on past a "<" inside quotes: a quote maps the three states (outside, in "...",
#: in '...') one to one, so the attempts reading one character are in different states,
#: three at most, and an attempt that meets "<" outside quotes stops there.
TAG_ATTRIBUTES = r"""(?:[^<>"']|"[^"]*"|'[^']*')*"""
# a quoted span holds no attribute, so a name inside a value (alt=" src=x") is not read
_ATTRIBUTE = re.compile(
    r""""[^"]*"|'[^']*'|(?P<name>[^\s"'<>/=]+)"""
    r"""(?:\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'<>`]+)))?"""
)
_VALUES = ("double", "single", "bare")
# the name ends where the attributes begin: no name is tried shorter after a long attempt
_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?=[\s/>]){TAG_ATTRIBUTES}>|<[!?][^<>]*>")
_CLOSING = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _HIDDEN}


@dataclass(frozen=True)
class Attribute:
    """An attribute of a tag.

    :param value: its value, entities decoded; ``""`` when it has none
    :param start: where its value begins in the text read, as written
    :param end: where the value ends
    """

    name: str
    value: str
    start: int
    end: int


def tag_attributes(text: str, offset: int = 0) -> Iterator[Attribute]:
    """Each attribute of the attributes of a tag (``TAG_ATTRIBUTES``), in order.

    :param offset: where ``text`` begins in the markup, added to each position
    """
    for match in _ATTRIBUTE.finditer(text):
        if match.group("name") is None:
            continue
        group = next((name for name in _VALUES if match.group(name) is not None), "")
        start, end = match.span(group) if group else (match.end(), match.end())
        value = html.unescape(match.group(group)) if group else ""
        yield Attribute(match.group("name").lower(), value, offset + start, offset + end)


def has_html(text: str) -> bool:
    """Whether ``text`` opens an HTML element (``<a href="...">``, ``<em>``).

    ``<changes>`` or a stray ``</script>`` opens none: such a text means what it says.
    """
    return any(
        match.group(2).lower() in HTML_ELEMENTS
        for match in _TAG.finditer(text)
        if match.group(2) and not match.group(1)
    )


def html_text(markup: str) -> str:
    """The text a reader sees of HTML: tags and comments left out, entities decoded.

    The contents of scripts, styles and frames are left out; a tag that starts a line
    (``<p>``, ``<br>``, ``<li>``) parts the words around it. Time linear in the markup.
    """
    pieces: list[str] = []
    position = 0
    while (start := markup.find("<", position)) != -1:
        pieces.append(html.unescape(markup[position:start]))
        if markup.startswith("<!--", start):
            end = markup.find("-->", start + 4)
            position = len(markup) if end == -1 else end + 3
            continue
        tag = _TAG.match(markup, start)
        if tag is None:
            pieces.append("<")
            position = start + 1
            continue
        position = tag.end()
        name = (tag.group(2) or "").lower()
        if name in _BREAKING:
            pieces.append(" ")
        elif name in _HIDDEN and not tag.group(1) and not tag.group().endswith("/>"):
            closing = _CLOSING[name].search(markup, position)
            position = len(markup) if closing is None else closing.end()
    pieces.append(html.unescape(markup[position:]))
    return "".join(pieces)


#: the scripts and marks of Chinese, Japanese and Korean text, written without spaces
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f"
)
_CJK_CHARACTER = re.compile(f"[{_CJK}]")
_CJK_WORD = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")
_WORD = re.compile(r"\S+")
#: the languages whose text Hugo counts character by character (``hasCJKLanguage``)
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})


def is_cjk_language(code: str) -> bool:
    """Whether a language code (``zh-CN``, ``ja``, Sphinx's ``zh_TW``) is Chinese, Japanese or Korean."""
    return code.strip().lower().replace("_", "-").split("-")[0] in CJK_LANGUAGES


def word_ends(text: str, cjk: bool = False) -> list[int]:
    """Where each word of ``text`` ends.

    :param cjk: count each CJK character as a word, as Hugo does with ``hasCJKLanguage``
    """
    return [match.end() for match in (_CJK_WORD if cjk else _WORD).finditer(text)]


def ends_in_cjk(text: str) -> bool:
    """Whether the last character of ``text`` is a CJK one (no space goes before an ellipsis)."""
    return bool(text) and _CJK_CHARACTER.match(text[-1]) is not None
