"""Docutils nodes for the pieces of a post: its date, its people, its tags.

The header and the listings are built from these standard nodes, so every builder
renders (and escapes) them; the one node of our own is the date, a ``<time>`` in HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.i18n import format_date

from ..core.dates import local_date, local_time
from ..core.events import has_time_of_day, in_zone, iso_datetime
from ..core.pictures import is_remote
from .config import call_zone

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

    from ..core.post import Person, Post

_ = get_translation("sphinx_callposts")

#: the attribute of a tag's or name's node that holds ``(kind, name)``: a link to their page
TERM = "callposts_term"
TAGS, PEOPLE = "tags", "people"


class callpost_date(nodes.inline):  # noqa: N801
    """A date; ``datetime`` holds its ISO form. Other builders render it as inline text."""


def visit_callpost_date_html(self: HTML5Translator, node: callpost_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_callpost_date_html(self: HTML5Translator, node: callpost_date) -> None:
    self.body.append("</time>")


def human_date(value: datetime, config: Config) -> str:
    """A date for readers: ``callposts_date_format``, else the language's long date."""
    if config.callposts_date_format:
        return format_date(config.callposts_date_format, date=value, language=config.language)
    return local_date(value, "long", config.language)


def iso_date(value: datetime, timed: bool | None = None) -> str:
    """ISO 8601, the offset to the minute; the date alone when no time of day was given.

    :param timed: whether a time of day was given; None: guessed, midnight being none
    """
    if not (has_time_of_day(value) if timed is None else timed):
        return value.date().isoformat()
    return iso_datetime(value)


def date_node(value: datetime, config: Config, classes: Iterable[str] = ()) -> callpost_date:
    """A ``<time datetime>`` node showing the date for readers."""
    node = callpost_date("", human_date(value, config), classes=list(classes))
    node["datetime"] = iso_date(value)
    return node


def human_time(value: datetime, config: Config) -> str:
    """Date, time and zone for readers, in ``callposts_timezone``: "January 21, 2027, 15:00 UTC"."""
    local = in_zone(value, call_zone(config))
    return f"{human_date(local, config)}, {clock_time(value, config)}"


def clock_time(value: datetime, config: Config) -> str:
    """The time and zone of a call, in ``callposts_timezone``: "15:00 UTC"."""
    local = in_zone(value, call_zone(config))
    clock = local_time(local, "short", config.language)
    return f"{clock} {local.tzname() or config.callposts_timezone}"


def time_node(
    value: datetime, config: Config, classes: Iterable[str] = (), timed: bool | None = None
) -> callpost_date:
    """A ``<time datetime>`` with the date, time and zone of a call.

    Its class ``callpost-time`` lets the extension's script show it in the reader's zone.

    :param timed: whether the post gave a time of day (its ``timed``); None: guessed, as
        midnight, from the value alone
    """
    if not (has_time_of_day(value) if timed is None else timed):
        return date_node(value, config, classes)
    node = callpost_date("", human_time(value, config), classes=[*classes, "callpost-time"])
    node["datetime"] = iso_datetime(in_zone(value, call_zone(config)))
    return node


#: the word of a call's ``status``, translated when shown
STATUS_WORDS = {
    "cancelled": lambda: _("Cancelled"),
    "postponed": lambda: _("Postponed"),
    "rescheduled": lambda: _("Rescheduled"),
}


def status_badge(status: str) -> list[nodes.Node]:
    """A call's status as a badge ("Cancelled"), or nothing for a call as planned."""
    if status not in STATUS_WORDS:
        return []
    word = STATUS_WORDS[status]()
    return [nodes.inline("", word, classes=["callposts-badge", f"callposts-status-{status}"])]


def join_node(url: str, classes: Iterable[str] = ()) -> nodes.reference:
    """The link to join a call."""
    return nodes.reference("", _("Join the call"), refuri=url, classes=["callpost-join", *classes])


#: the links a post may give besides its recordings (:data:`~..core.post.LINK_KEYS`)
LINK_WORDS = {
    "slides": lambda: _("Slides"), "notes": lambda: _("Notes"), "agenda": lambda: _("Agenda"),
}  # fmt: skip


def link_node(kind: str, url: str, classes: Iterable[str] = ()) -> nodes.reference:
    """The link to a post's slides, notes or agenda (``kind``), named for what it is."""
    return nodes.reference(
        "", LINK_WORDS[kind](), refuri=url, classes=[f"callposts-{kind}", *classes]
    )


def separated(items: Iterable[nodes.Node], separator: str = " · ") -> list[nodes.Node]:
    """``items`` with ``separator`` between each two."""
    result: list[nodes.Node] = []
    for item in items:
        result += [nodes.Text(separator), item] if result else [item]
    return result


def post_links(post: Post) -> list[tuple[str, str]]:
    """``(what, url)`` of the slides, notes and agenda that the post gives, in that order."""
    return [(LINK_WORDS[kind](), url) for kind in LINK_WORDS if (url := getattr(post, kind))]


def person_nodes(person: Person, config: Config, avatar: bool = True) -> list[nodes.Node]:
    """A person's avatar and name, the name linked to their own URL when there is one.

    Where people pages are made, the name links to the person's page instead.
    """
    result: list[nodes.Node] = []
    if avatar and shows_avatar(person.avatar, config):
        result.append(avatar_node(person))
    name: nodes.Element
    if person.url:
        name = nodes.reference("", person.name, refuri=person.url, classes=["callpost-person"])
    else:
        name = nodes.inline("", person.name, classes=["callpost-person"])
    result.append(term_node(name, PEOPLE, person.name))
    if person.email and config.callposts_show_emails:
        email = nodes.reference("", person.email, refuri=f"mailto:{person.email}")
        result += [nodes.Text(" <"), email, nodes.Text(">")]
    return result


def avatar_node(person: Person) -> nodes.image:
    """A person's avatar, a decoration beside their name."""
    return nodes.image("", uri=person.avatar, alt="", loading="lazy", classes=["callpost-avatar"])


def shows_avatar(url: str, config: Config) -> bool:
    """Whether an avatar is shown: ``callposts_avatars`` may keep out remote ones.

    "local" keeps a page free of requests to other hosts (GitHub's avatars, say).
    """
    if not url or config.callposts_avatars == "none":
        return False
    return config.callposts_avatars == "all" or not is_remote(url)


def people_nodes(people: Iterable[Person], config: Config, avatar: bool = True) -> list[nodes.Node]:
    """People separated by commas."""
    result: list[nodes.Node] = []
    for index, person in enumerate(people):
        if index:
            result.append(nodes.Text(", "))
        result += person_nodes(person, config, avatar)
    return result


def tag_nodes(tags: Iterable[str]) -> list[nodes.Node]:
    """Tags as inline nodes, one class per tag kind."""
    result: list[nodes.Node] = []
    for index, tag in enumerate(tags):
        if index:
            result.append(nodes.Text(" "))
        result.append(term_node(nodes.inline("", tag, classes=["callpost-tag"]), TAGS, tag))
    return result


def term_node(node: nodes.Element, kind: str, name: str) -> nodes.Element:
    """Mark a tag's or person's node, so that it links to their page where there is one."""
    node[TERM] = (kind, name)
    return node
