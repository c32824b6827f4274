"""One person, one name: the people of the posts matched to each other and to the people file.

Pure Python, no Sphinx. Posts spell people differently ("rhubenov", "Rado Hubenov";
"Holger Koser", "Holger Kosser"). Two spellings are one person when they share a
GitHub login or profile URL, an email, or a name (case and spaces aside); the people
file (``callposts_people``, or ``people.yaml`` beside ``conf.py``) gives a person's
canonical name, other spellings, login, emails, avatar and link, as ABlog's
``blog_authors`` and Hugo's data files do. A person is shown by that name and link
wherever they appear.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .pictures import is_remote
from .post import Person, person_from, safe_url
from .presenters import github_login

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

#: the file beside ``conf.py`` that may hold the people, when ``callposts_people`` is empty
PEOPLE_FILE = "people.yaml"
#: the keys of an entry of the people file
_ENTRY_KEYS = frozenset({"name", "aliases", "github", "login", "email", "avatar", "url"})

#: what makes two spellings one person: ``("login" | "url" | "email" | "name", value)``
IdentityKey = tuple[str, str]
#: the front-matter keys of a post's authors and presenters, the warnings' first
AUTHOR_KEYS = ("authors", "author", "params")
PRESENTER_KEYS = ("presenters", "speakers", "params")


@dataclass(frozen=True)
class Known:
    """A person of the people file.

    :param key: the entry's key, one more spelling of the name
    :param name: the canonical name
    :param aliases: other spellings of the name, the key among them
    """

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    login: str = ""
    emails: tuple[str, ...] = ()
    avatar: str = ""
    url: str = ""

    def person(self) -> Person:
        """The person as the file gives them (a login gives a GitHub link and avatar)."""
        return person_from(self.name, url=self.url, avatar=self.avatar, login=self.login)


def known_people(value: Mapping[Any, Any]) -> list[Known]:
    """The entries of ``callposts_people`` (or the people file), checked.

    ``{"rhubenov": {"name": "Rado Hubenov", "aliases": [...], "github": "rhubenov",
    "email": ..., "avatar": ..., "url": ...}}``; as ABlog's ``blog_authors``, an entry
    may also be a name alone or ``(name, url)``.

    :raises ValueError: an entry that is none of these, saying which
    """
    _need(
        isinstance(value, dict),
        "expected a dict of people, such as {'rhubenov': {'name': 'Rado Hubenov'}}",
    )
    return [_known(str(key), entry) for key, entry in value.items()]


def _known(key: str, entry: Any) -> Known:
    if isinstance(entry, str):
        entry = {"name": entry}
    elif isinstance(entry, (tuple, list)) and len(entry) == 2:
        entry = {"name": entry[0], "url": entry[1]}
    _need(
        isinstance(entry, dict),
        f"the person {key!r} should be a dict (name, aliases, github, email, avatar, url), "
        "a name, or (name, url)",
    )
    unknown = sorted(str(name) for name in entry if str(name).lower() not in _ENTRY_KEYS)
    if unknown:
        raise ValueError(
            f"the person {key!r} has unknown keys {', '.join(unknown)} "
            f"(known: {', '.join(sorted(_ENTRY_KEYS))})"
        )
    fields = {str(name).lower(): value for name, value in entry.items()}

    def text(name: str) -> str:
        value = fields.get(name, "")
        _need(isinstance(value, str), f"the person {key!r}: {name!r} should be text")
        return " ".join(value.split())

    def texts(name: str) -> tuple[str, ...]:
        value = fields.get(name, [])
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ValueError(f"the person {key!r}: {name!r} should be a list of text")
        return tuple(" ".join(item.split()) for item in items if item.strip())

    for name in ("avatar", "url"):
        if text(name) and not safe_url(text(name)):
            raise ValueError(f"the person {key!r}: {name!r} should be an http(s) or relative URL")
    login = (text("github") or text("login")).lstrip("@")
    return Known(
        key=key,
        name=text("name") or key,
        aliases=(key, *texts("aliases")),
        login=login,
        emails=texts("email"),
        avatar=text("avatar"),
        url=text("url"),
    )


def _need(condition: bool, message: str) -> None:
    """A wrong setting, of whatever kind, is a ValueError: the configuration check's."""
    if not condition:
        raise ValueError(message)


def identity_keys(person: Person) -> list[IdentityKey]:
    """What a person is known by: their login or profile URL, their email, their name."""
    keys: list[IdentityKey] = []
    login = person.login or github_login(person.url)
    if login:
        keys.append(("login", login.casefold()))
    if person.url:
        keys.append(url_key(person.url))
    if person.email:
        keys.append(("email", person.email.casefold()))
    if person.name:
        keys.append(("name", name_key(person.name)))
    return keys


def shared_urls(people: Iterable[Person]) -> set[IdentityKey]:
    """The links that people of different full names give: a project's or company's
    home page, not a profile; no one is known by them."""
    names: dict[IdentityKey, set[str]] = {}
    for person in people:
        if person.url and len(person.name.split()) > 1:
            names.setdefault(url_key(person.url), set()).add(name_key(person.name))
    return {key for key, found in names.items() if len(found) > 1}


def url_key(url: str) -> IdentityKey:
    """The identity of a profile link: ``https://x.org/a/`` and ``https://X.org/a`` are one."""
    return "url", url.rstrip("/").casefold()


def name_key(name: str) -> str:
    """Two names are one when they differ in case and spaces only."""
    return "".join(name.split()).casefold()


def _known_keys(known: Known) -> list[IdentityKey]:
    keys = identity_keys(known.person())
    keys += [("email", email.casefold()) for email in known.emails]
    keys += [("name", name_key(alias)) for alias in known.aliases]
    return keys


class People:
    """Every person of the posts, each spelling matched to one person.

    :param known: the people file's entries
    :param people: the people of the posts, newest post first: of a person the file
        does not know, the name is a full name before a login or handle, then the one
        most posts give, then the first
    """

    def __init__(self, known: Iterable[Known], people: Iterable[Person]) -> None:
        self._parent: dict[IdentityKey, IdentityKey] = {}
        self._known: dict[IdentityKey, Known] = {}
        known = list(known)
        for entry in known:
            keys = _known_keys(entry)
            self._join(keys)
            self._known.setdefault(keys[0], entry)
        people = list(people)
        self._shared = shared_urls(people) - {
            key for entry in known for key in _known_keys(entry) if key[0] == "url"
        }
        spellings: list[Person] = []
        for person in people:
            keys = self._keys(person)
            if keys:
                self._join(keys)
                spellings.append(person)
        # the file's entry of each person, then the members of each, by root
        self._entries = {self._root(key): entry for key, entry in reversed(self._known.items())}
        self._members: dict[IdentityKey, list[Person]] = {}
        for person in spellings:
            self._members.setdefault(self._root(self._keys(person)[0]), []).append(person)
        self._shown: dict[IdentityKey, Person | None] = {}

    def _keys(self, person: Person) -> list[IdentityKey]:
        """:func:`identity_keys` but a link that people of different names give."""
        return [key for key in identity_keys(person) if key not in self._shared]

    def _root(self, key: IdentityKey) -> IdentityKey:
        parent = self._parent.setdefault(key, key)
        while parent != key:
            # halve the path on the way up: later lookups of this key take one step
            self._parent[key] = self._parent.setdefault(parent, parent)
            key, parent = parent, self._parent[parent]
        return key

    def _join(self, keys: list[IdentityKey]) -> None:
        first = self._root(keys[0])
        for key in keys[1:]:
            root = self._root(key)
            if root != first:
                # the smaller key roots the group: the same root whatever the order
                first, root = min(first, root), max(first, root)
                self._parent[root] = first

    def nameless(
        self,
        authors: tuple[Person, ...],
        presenters: tuple[Person, ...],
        line_of: Callable[..., int],
        source: Callable[[], list[str]],
    ) -> list[tuple[int, str]]:
        """``(line, message)`` for each person of a post given by an email alone whom no one
        names: at the line of the email in the front matter, else of its key.

        :param line_of: the line of the first of some front-matter keys that the post gives
        :param source: the post's lines, read only when there is such a person
        """
        found = []
        lines: list[str] | None = None
        # an email given twice ("x@example.org", "mailto:x@example.org"): each at its line
        after: dict[str, int] = {}
        for persons, keys in ((authors, AUTHOR_KEYS), (presenters, PRESENTER_KEYS)):
            for person in persons:
                if self.shown(person) is None:
                    lines = source() if lines is None else lines
                    start = max(line_of(*keys), after.get(person.email, 0))
                    line = email_line(lines, start, person.email)
                    after[person.email] = line + 1
                    found.append((line, nameless_message(keys[0])))
        return found

    def shown(self, person: Person) -> Person | None:
        """The person as shown: the canonical name, link and avatar; None for no name.

        The person's own email stays (shown only where ``callposts_show_emails`` says),
        and their own avatar when the file gives none: a post's local avatar lives in
        that post's folder.
        """
        keys = self._keys(person)
        if not keys:
            return None
        root = self._root(keys[0])
        if root not in self._shown:
            self._shown[root] = self._canonical(root)
        canonical = self._shown[root]
        if canonical is None:
            return None
        entry = self._entries.get(root)
        avatar = canonical.avatar if entry is not None and entry.avatar else ""
        return replace(
            canonical,
            avatar=avatar or person.avatar or canonical.avatar,
            email=person.email,
            written=person.written or person,
        )

    def shown_all(self, persons: Iterable[Person]) -> tuple[Person, ...]:
        """The persons as shown (:meth:`shown`), each once: two spellings of one person
        are one, and a person with no name is left out."""
        shown: dict[str, Person] = {}
        for person in persons:
            one = self.shown(person)
            if one is not None:
                shown.setdefault(one.name, one)
        return tuple(shown.values())

    def _canonical(self, root: IdentityKey) -> Person | None:
        members = self._members.get(root, [])
        entry = self._entries.get(root)
        login = next((p.login for p in members if p.login), "")
        url = next((p.url for p in members if p.url), "")
        # a local avatar lives in its own post's folder: another post's page cannot use it
        avatar = next((p.avatar for p in members if is_remote(p.avatar)), "")
        if entry is not None:
            known = entry.person()
            return replace(
                known,
                login=known.login or login,
                url=known.url or url,
                avatar=known.avatar or avatar,
            )
        logins = {p.login.casefold() for p in members if p.login}
        names = [p.name for p in members if p.name]
        if not names:
            return None
        counts = Counter(name_key(name) for name in names)
        # a full name wins over a login or a handle ("Rado Hubenov" over "rhubenov"),
        # then the name most posts give, then the newest post's
        name = max(
            names,
            key=lambda name: (
                name.casefold() not in logins and len(name.split()) > 1,
                counts[name_key(name)],
            ),
        )
        return Person(name=name, url=url, avatar=avatar, login=login)


def email_line(lines: list[str], start: int, email: str) -> int:
    """The line of ``email`` from line ``start`` on (where its entry's key is), else ``start``."""
    found = (number for number, text in enumerate(lines, 1) if number >= start and email in text)
    return next(found, start)


def nameless_message(key: str) -> str:
    """The warning about an entry of ``key`` that gives an email but no name."""
    return (
        f"an entry of {key!r} gives an email but no name, and neither another "
        "post nor callposts_people names that email: give it a 'name'; "
        "it is left out (an email is never shown)"
    )
