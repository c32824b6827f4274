"""Bare URLs in text, found as Hugo's Markdown (Goldmark's linkify extension) finds them.

Hugo turns ``https://example.org/x``, ``www.example.org`` and ``someone@example.org`` in a
post's text into links. Goldmark's rules (``extension/linkify.go``) are not
linkify-it's, which MyST's ``linkify`` uses: Goldmark wants a dotted host (no
``http://localhost``), never links a bare ``README.md``, links ``www.`` hosts over
``https`` (Hugo's ``linkifyProtocol``) and links e-mail addresses. Pure Python, no Sphinx.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

# Goldmark's own patterns; Python's re and Go's regexp pick the same leftmost-first match
_PATH = r"[-a-zA-Z0-9@:%_+.~#$!?&/=();,'\">^{}\[\]`]*"
_URL = re.compile(
    r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?]" + _PATH + ")?"
)
_WWW = re.compile(
    r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?:[/#?]" + _PATH.replace("$", "") + ")?"
)
_EMAIL_CHARACTERS = frozenset(string.ascii_letters + string.digits + ".!#$%&'*+/=?^_`{|}~-")
_EMAIL_LOCAL = re.compile(r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+")
_EMAIL_DOMAIN = re.compile(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
_ENTITY_END = re.compile(r"&[a-zA-Z0-9]+;$")
#: the characters after which a link may start (Goldmark's triggers: white space, ``*_~(``)
_TRIGGERS = frozenset(" \t\n\v\f\r*_~(")
_URL_START = re.compile(r"(?<![^ \t\n\v\f\r*_~(])(?:https?:|ftp:|www\.)")
#: what a link never ends with
_TRAILING = "?!.,:*_~"
#: Hugo's ``markup.goldmark.extensions.linkifyProtocol``: the scheme given to ``www.`` links
WWW_SCHEME = "https"


@dataclass(frozen=True)
class BareLink:
    """A bare URL or e-mail address in some text: ``text[start:end]`` links to ``url``."""

    start: int
    end: int
    url: str


def bare_links(text: str) -> Iterator[BareLink]:
    """Each bare URL, ``www.`` host and e-mail address of ``text``, as Goldmark links them.

    ``text`` is a run of text that starts a line or follows other markup (emphasis, a
    link, inline HTML): a link may start at its first character, after white space or
    after one of ``*_~(``, and anywhere right after another link.
    """
    end = 0
    for start in _starts(text):
        if start < end:
            continue
        link = _link_at(text, start)
        while link is not None:  # right after a link, the next may start
            yield link
            end = link.end
            link = _link_at(text, end) if end < len(text) else None


def _starts(text: str) -> list[int]:
    """Where a link may start: URLs and ``www.`` after a trigger, e-mail addresses.

    An address is tried where its run of address characters first follows a trigger,
    as Goldmark tries it; finding the runs backwards from each ``@`` keeps this linear.
    """
    starts = [match.start() for match in _URL_START.finditer(text)]
    at = text.find("@")
    while at >= 0:
        first = at
        while first > 0 and text[first - 1] in _EMAIL_CHARACTERS:
            first -= 1
        starts += [
            start
            for start in range(first, at)
            if (start == 0 or text[start - 1] in _TRIGGERS)
            and text[start] not in string.punctuation
        ][:1]
        at = text.find("@", at + 1)
    return sorted(starts)


def _link_at(text: str, start: int) -> BareLink | None:
    """The link that starts at ``start``, if one does."""
    end, kind = _url_end(text, start)
    if end is None:
        end, kind = _email_end(text, start), "mailto"
        if end is None:
            return None
    end = _trim_trailing(text, start, end)
    label = text[start:end]
    url = {"www": f"{WWW_SCHEME}://{label}", "mailto": f"mailto:{label}"}.get(kind, label)
    return BareLink(start, end, url)


def _url_end(text: str, start: int) -> tuple[int | None, str]:
    """Where a URL starting at ``start`` ends, and its kind: ``""`` or ``"www"``."""
    match = None
    kind = ""
    if text.startswith(("http:", "https:", "ftp:"), start):
        match = _URL.match(text, start)
    if match is None and text.startswith("www.", start):
        match, kind = _WWW.match(text, start), "www"
    if match is None:
        return None, kind
    end = match.end()
    last = text[end - 1]
    if last == ".":
        end -= 1
    elif last == ")":
        closing = text.count(")", start, end) - text.count("(", start, end)
        if closing > 0:
            end -= closing
    elif last == ";" and (entity := _ENTITY_END.search(text, start, end)):
        end = entity.start()
    return end, kind


def _email_end(text: str, start: int) -> int | None:
    """Where an e-mail address starting at ``start`` ends, if one starts there."""
    if text[start] in string.punctuation:
        return None
    local = _EMAIL_LOCAL.match(text, start)
    if local is None or not text.startswith("@", local.end()):
        return None
    at = local.end()
    domain = _EMAIL_DOMAIN.match(text, at + 1)
    if domain is None:
        return None
    end = domain.end()
    if "." not in text[at : end - 1]:
        return None
    if text[end - 1] == ".":
        end -= 1
    if text[end : end + 1] in ("-", "_"):
        return None
    return end


def _trim_trailing(text: str, start: int, end: int) -> int:
    """``end`` moved back over the punctuation that ends a sentence, not a link."""
    last = end - 1
    while last > start and text[last] in _TRAILING:
        last -= 1
    return last + 1
