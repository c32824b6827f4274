"""The presenters named in a post's "Presenters" section, linked or not.

Hugo posts name their presenters in prose: "This call was led by [A](url) and B". A
paragraph arrives here as pieces, plain text and links; every link is a presenter, and
so is every name that stands in the list the links stand in, linked or not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeAlias

from .post import Person, person_from

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

#: a paragraph's text, or one of its links as ``(text, url)``
Piece: TypeAlias = "str | tuple[str, str]"

_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# a sentence ends at . ! ? after more than an initial ("Alexander D. Kanevskiy")
_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])[.!?](?=\s|$)")
_PARENTHESES = re.compile(r"\([^()]*\)")
_BLANKS = re.compile(r"\s+")
_QUOTES = "\"':!?\u201c\u201d\u2018\u2019"
#: lowercase words that stand inside names ("Raymond de Jong")
_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "du",
        "del",
        "der",
        "den",
        "dos",
        "das",
        "la",
        "le",
        "van",
        "von",
        "ten",
        "ter",
    }
)


def presenters_from(paragraphs: Iterable[Sequence[Piece]]) -> tuple[Person, ...]:
    """Every person named in the first sentence of each paragraph, in order, once each.

    In a sentence's list of names (joined by ``,`` ``;`` ``&`` ``and``), a link is a
    person; a plain-text item gives the run of capitalised words nearest to the list:
    the last one in the item that opens the list ("... led by Jens Schneider"), the
    first one in the others ("Lothar Gesslein from SAP").
    """
    people: dict[str, Person] = {}
    for paragraph in paragraphs:
        for person in _sentence_people(_first_sentence(paragraph)):
            people.setdefault(person.name.casefold(), person)
    return tuple(people.values())


def _first_sentence(pieces: Sequence[Piece]) -> list[Piece]:
    sentence: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, tuple):
            sentence.append(piece)
            continue
        # one space for each run of blanks: a separator's \s* would rescan a long run at each
        text = _BLANKS.sub(" ", _PARENTHESES.sub(" ", piece))
        end = _SENTENCE_END.search(text)
        if end:
            sentence.append(text[: end.start()])
            break
        sentence.append(text)
    return sentence


def _sentence_people(sentence: list[Piece]) -> list[Person]:
    # items of the list: ("text", None) or (text, url) for a link; a link ends its item
    items: list[list[Piece]] = [[]]
    for piece in sentence:
        if isinstance(piece, tuple):
            items[-1].append(piece)
            continue
        parts = _SEPARATOR.split(piece)
        items[-1].append(parts[0])
        items += [[part] for part in parts[1:]]
    people: list[Person] = []
    for index, item in enumerate(items):
        links = [piece for piece in item if isinstance(piece, tuple)]
        if links:
            people += [
                person_from(text, url=url, login=github_login(url))
                for text, url in links
                if text.strip()
            ]
            continue
        name = _name_in(" ".join(piece for piece in item if isinstance(piece, str)), index == 0)
        if name:
            people.append(person_from(name))
    return people


def _name_in(text: str, opens_list: bool) -> str:
    """The capitalised words (and particles between them) at the list's side of ``text``.

    :param opens_list: the item opens the list: its name ends it ("... led by A")
    """
    words = [raw.strip(_QUOTES) for raw in text.split()]
    if opens_list:
        words.reverse()
    run: list[str] = []
    for word in words:
        is_name = word[:1].isupper() or (word.startswith("@") and len(word) > 1)
        if is_name or (run and word in _PARTICLES):
            run.append(word)
        else:
            break
    if opens_list:
        run.reverse()
    # a name starts and ends with a name, not with a particle
    while run and run[-1] in _PARTICLES:
        run.pop()
    while run and run[0] in _PARTICLES:
        run.pop(0)
    return " ".join(run)


def github_login(url: str) -> str:
    """The login of a GitHub profile URL (``https://github.com/login``), else ``""``."""
    prefix = "https://github.com/"
    rest = url[len(prefix) :].strip("/") if url.startswith(prefix) else ""
    return rest if rest and "/" not in rest else ""
