"""Tags and people as Hugo's taxonomies: a slug per term, and the posts filed under each.

Pure Python: the Sphinx side turns each :class:`Term` into a page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .post import Person, Post

_NOT_SLUG = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[\s_-]+")


def slugify(text: str) -> str:
    """A term's URL name, as Hugo's ``urlize``: lowercase words joined by ``-``.

    A term of no letters or digits at all gets a short hash, so it still has a page.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    # letters of every script stay: \w holds no path separator nor dot
    slug = _SPACES.sub("-", _NOT_SLUG.sub("", folded)).strip("-")
    if slug:
        return slug
    return "term-" + hashlib.sha1(text.encode("utf8", "surrogatepass")).hexdigest()[:8]


@dataclass
class Term:
    """A tag or a person, and the posts under it.

    :param slug: the term's URL name
    :param name: the name shown, as the first post gave it
    :param person: the person's details (their own URL), for a person
    :param posts: the posts under the term, in the order they were given
    """

    slug: str
    name: str
    person: Person | None = None
    posts: list[Post] = field(default_factory=list)


def tags_of(posts: Iterable[Post]) -> dict[str, Term]:
    """``slug -> Term`` for every tag of the posts."""
    terms: dict[str, Term] = {}
    for post in posts:
        for tag in dict.fromkeys(slugify(tag) + "\0" + tag for tag in post.tags):
            slug, _sep, name = tag.partition("\0")
            term = terms.setdefault(slug, Term(slug, name))
            if not term.posts or term.posts[-1] is not post:
                term.posts.append(post)
    return terms


def people_of(posts: Iterable[Post]) -> dict[str, Term]:
    """``slug -> Term`` for every author and presenter of the posts."""
    terms: dict[str, Term] = {}
    for post in posts:
        for person in (*post.authors, *post.presenters):
            slug = slugify(person.name)
            term = terms.setdefault(slug, Term(slug, person.name, person))
            if term.person is not None and not term.person.url and person.url:
                term.person = person  # a later post may give the link an earlier one left out
            if not term.posts or term.posts[-1] is not post:
                term.posts.append(post)
    return terms
