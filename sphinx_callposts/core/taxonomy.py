"""Tags and people as Hugo's taxonomies: a page name per term, and the posts filed under each.

Pure Python: the Sphinx side turns each :class:`Term` into a page. A term's page name
is Hugo's (``urlize``), made one safe path segment; two terms that Hugo keeps apart
keep apart here, and two that would still share a name (``R&D`` and ``RD``, which Hugo
merges) are told apart by a stable suffix (:func:`name_pages`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .permalinks import short_segment, urlize
from .selection import newest_first, visible

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from .post import Person, Post

#: what Hugo keeps in a path besides letters, digits and marks (``/`` and ``\`` aside)
#: the folders Hugo makes of ``/`` and ``\``: one path segment here
_SEPARATORS = re.compile(r"[/\\]")
#: the page names of each folder's own pages, which no term takes
RESERVED = frozenset({"index"})

#: a term's identity: Hugo's path of its name, and its characters but spaces and hyphens
TermKey = tuple[str, str]


def term_key(name: str) -> TermKey:
    """What makes two names one term (one page).

    Names that differ in case, spaces or hyphens only are one term, as in Hugo
    (``Machine Learning``, ``machine-learning``); names that differ in any other
    character are two, even where Hugo's path drops it (``R&D``, ``RD``).
    """
    folded = unicodedata.normalize("NFC", name).lower()
    return urlize(folded), "".join(char for char in folded if char != "-" and not char.isspace())


def page_name(key: TermKey) -> str:
    """The page name a term wants: Hugo's path, as one path segment a web server serves.

    Hugo's folders (``TCP/IP``) are joined by ``-``; ``%`` goes, and dots and hyphens
    at either end of a part (a leading dot makes a hidden file, which many servers
    refuse); a name of no letters or digits gets a short hash, so it still has a page;
    a name too long for a file system is shortened with a hash.
    """
    parts = (part.strip(".-") for part in _SEPARATORS.split(key[0].replace("%", "")))
    name = "-".join(part for part in parts if part)
    if not name:
        return "term-" + _hash(key)[:8]
    return short_segment(name)


def _hash(key: TermKey) -> str:
    return hashlib.sha1("\0".join(key).encode("utf8", "surrogatepass")).hexdigest()


@dataclass
class Term:
    """A tag or a person, and the posts under it.

    :param key: the term's identity (:func:`term_key`)
    :param name: the name shown, as the first post gave it
    :param person: the person's details (their own URL), for a person
    :param posts: the posts under the term, in the order they were given
    :param slug: the name of its page, once :func:`name_pages` has given it
    """

    key: TermKey
    name: str
    person: Person | None = None
    posts: list[Post] = field(default_factory=list)
    slug: str = ""

    def add(self, post: Post) -> None:
        """File ``post`` under the term, once."""
        if not self.posts or self.posts[-1] is not post:
            self.posts.append(post)


@dataclass(frozen=True)
class Clash:
    """A term that did not get the page name it wanted.

    :param term: the term, whose ``slug`` is the name it got
    :param wanted: the name it wanted
    :param holder: the term that holds that name; None for a reserved name
    """

    term: Term
    wanted: str
    holder: Term | None


def tags_of(posts: Iterable[Post]) -> dict[TermKey, Term]:
    """``key -> Term`` for every tag of the posts (without page names)."""
    terms: dict[TermKey, Term] = {}
    for post in posts:
        for tag in post.tags:
            key = term_key(tag)
            term = terms.get(key)
            if term is None:
                term = terms[key] = Term(key, tag)
            term.add(post)
    return terms


def people_of(posts: Iterable[Post]) -> dict[TermKey, Term]:
    """``key -> Term`` for every author and presenter of the posts (without page names)."""
    terms: dict[TermKey, Term] = {}
    for post in posts:
        for person in (*post.authors, *post.presenters):
            key = term_key(person.name)
            term = terms.get(key)
            if term is None:
                term = terms[key] = Term(key, person.name, person)
            elif term.person is not None and not term.person.url and person.url:
                term.person = person  # a later post may give the link an earlier one left out
            term.add(post)
    return terms


def term_pages(
    posts: Iterable[Post], kinds: Iterable[str], drafts: bool, when: datetime
) -> tuple[dict[str, dict[TermKey, Term]], dict[str, list[Clash]]]:
    """The terms of each kind (``tags``, ``people``) that has pages, each with its page
    name, and those that did not get the one they wanted, from the posts published at
    ``when``: newest first, so a term's name is the one its latest post gives.

    :param drafts: drafts are published (``callposts_drafts``)
    """
    published = sorted((post for post in posts if visible(post, drafts, when)), key=newest_first)
    finders = {"tags": tags_of, "people": people_of}
    terms = {kind: finders[kind](published) for kind in kinds}
    return terms, {kind: name_pages(found.values()) for kind, found in terms.items()}


def name_pages(terms: Iterable[Term]) -> list[Clash]:
    """Give each term its page name (``slug``); the terms that did not get the one they wanted.

    Of the terms that want one name, the one that spells it keeps it (``NET`` keeps
    ``net``, ``.NET`` does not), else the first in order of their keys; the others,
    and a term that wants a reserved name (``index``), get ``-`` and a hash of their
    key: the same whatever other terms come and go.
    """
    wanting: dict[str, list[Term]] = {}
    for term in terms:
        wanting.setdefault(page_name(term.key), []).append(term)
    taken = set(wanting) | RESERVED
    clashes: list[Clash] = []
    for wanted, group in sorted(wanting.items()):
        group.sort(key=lambda term: (term.key[1] != wanted.replace("-", ""), term.key))
        holder = None if wanted in RESERVED else group.pop(0)
        if holder is not None:
            holder.slug = wanted
        for term in group:
            term.slug = _suffixed(wanted, term.key, taken)
            taken.add(term.slug)
            clashes.append(Clash(term, wanted, holder))
    return clashes


def _suffixed(wanted: str, key: TermKey, taken: set[str]) -> str:
    digest = _hash(key)
    for length in range(6, len(digest) + 1):
        name = f"{wanted}-{digest[:length]}"
        if name not in taken:
            break
    return name


def clash_message(clash: Clash, folder: str) -> str:
    """The warning about a term whose page is not at the name it wanted, in ``folder``."""
    what, kind = ("tag", "tags") if clash.term.person is None else ("person", "people")
    if clash.holder is None:
        reason = f"{folder}/{clash.wanted} is the index of the {kind}"
    else:
        reason = f"the {what} {clash.holder.name!r} has the same page name, {folder}/{clash.wanted}"
    return f"the {what} {clash.term.name!r} has its page at {folder}/{clash.term.slug}: {reason}"


def term_keys(term: Term) -> tuple[str, ...]:
    """The front-matter keys that name the term in its newest post, where a warning about
    it points: ``tags``, or the presenters or authors."""
    if term.person is None:
        return ("tags",)
    presenting = any(term_key(person.name) == term.key for person in term.posts[0].presenters)
    return ("presenters",) if presenting else ("authors", "author")
