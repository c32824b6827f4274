"""The post model: Hugo front matter in, one typed :class:`Post` out.

Pure Python, no Sphinx: the extension and the ``check`` command share it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from .events import fits_calendar, parse_duration
from .frontmatter import FrontMatter, read_front_matter
from .values import parse_bool

#: Marks a URL that :func:`safe_url` refused, until the caller has warned about it.
UNSAFE = "\0unsafe"
#: Hugo's summaryLength: words in an automatic summary.
SUMMARY_WORDS = 70

# Hugo's key aliases, each chain in order of precedence (resources/page/pagemeta).
DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
_PUBLISH_KEYS = ("publishdate", "pubdate", "published", "date")
_LASTMOD_KEYS = ("lastmod", "modified")
_EXPIRY_KEYS = ("expirydate", "unpublishdate")
#: the keys that name the recording, the first one given wins
RECORDING_KEYS = ("recording", "youtube", "video")
#: the links a post may give besides its recordings: field -> its keys, the first one given wins
LINK_KEYS = {"slides": ("slides",), "notes": ("notes", "minutes"), "agenda": ("agenda",)}
#: the keys that make a post a call (with a time of day in its date), unless ``call: false``
EVENT_KEYS = ("join", "meeting", "duration", "calldate", "status")
#: what ``status`` may say, and its spellings
STATUSES = {
    "cancelled": "cancelled", "canceled": "cancelled",
    "postponed": "postponed", "rescheduled": "rescheduled", "scheduled": "",
}  # fmt: skip
OWN_KEYS = frozenset(
    {
        *DATE_KEYS,
        *_EXPIRY_KEYS,
        "title", "linktitle", "draft", "newssubtitle", "subtitle", "summary", "description",
        "authors", "author", "presenters", "speakers", "tags", "categories", "aliases",
        *RECORDING_KEYS, "params", "url", "slug", *EVENT_KEYS, "call",
        *(key for keys in LINK_KEYS.values() for key in keys),
    }
)  # fmt: skip

_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a, %d %b %Y %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z",
)
# a link's text holds no bracket: were "[" allowed, each "[" of "[[[[..." would scan to the end
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?\s*\)")
_SHORT_HOUR = re.compile(r"^(\d{4}-\d\d-\d\d[ T])(\d)(?=:)")
_PEOPLE_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
# a word with an "@" inside, starting where a word may: each run of text is tried once,
# and neither side can hold the other's "@", so a long run costs its length only
_BYLINE_STOP = r"\s<>()\[\],;&@"
_EMAIL = re.compile(rf"(?<![^{_BYLINE_STOP}])[^{_BYLINE_STOP}]+@[^{_BYLINE_STOP}]+")
_MAILTO = re.compile(r"mailto:", re.IGNORECASE)
_AFTER_KEY = re.compile(r"[:=\]]")
_PARAMS_TABLE = re.compile(r"^\s*\[\s*params\s*\]", re.IGNORECASE)
_PERSON_KEYS = {
    "name": ("name", "displayname", "title"),
    "url": ("url", "link", "website", "homepage"),
    "avatar": ("avatar", "image", "img", "photo"),
    "email": ("email", "mail"),
    "login": ("login", "github", "handle", "username"),
}


@dataclass(frozen=True)
class Person:
    """An author or a presenter."""

    name: str
    url: str = ""
    avatar: str = ""
    email: str = ""
    login: str = ""
    #: the person as the post wrote them, when shown by another name (core/people.py)
    written: Person | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a post's front matter, with the file line it sits on."""

    line: int
    subtype: str
    message: str


@dataclass(frozen=True)
class Post:
    """A community-call post, as read from its front matter and its body."""

    docname: str
    title: str
    link_title: str = ""
    date: datetime | None = None
    #: the front matter gave the date a time of day: a call at midnight is no all-day event
    timed: bool = False
    publish_date: datetime | None = None
    lastmod: datetime | None = None
    expiry: datetime | None = None
    draft: bool = False
    subtitle: str = ""
    authors: tuple[Person, ...] = ()
    presenters: tuple[Person, ...] = ()
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    #: old URL paths of the ``aliases`` key
    aliases: tuple[str, ...] = ()
    #: the ``url`` and ``slug`` of front matter, as written (core/permalinks.py resolves them)
    url: str = ""
    slug: str = ""
    summary: str = ""
    #: what search engines and social cards show: ``description``, else ``summary``
    description: str = ""
    #: the recording named in front matter (an id or URL), as written
    recording: str = ""
    #: YouTube ids of the post's recordings: the front matter's, then the body's, in order
    recordings: tuple[str, ...] = ()
    #: the title the post gives each of :attr:`recordings` (a shortcode's ``title``), or ``""``
    recording_titles: tuple[str, ...] = ()
    #: the ``slides``, ``notes`` (or ``minutes``) and ``agenda`` links: http(s) URLs
    slides: str = ""
    notes: str = ""
    agenda: str = ""
    #: where to join the call
    join: str = ""
    #: the post's picture: a path from the source folder, or an http(s) URL (metadata only)
    picture: str = ""
    #: how long the call lasts, when front matter says (else ``callposts_call_duration``)
    duration: timedelta | None = None
    #: what front matter says: a call (``call: true`` or an event key), not one, or nothing
    call: bool | None = None
    #: whether the post is a call: front matter's word, else ``callposts_calls``; every
    #: feature asks this one field (:func:`~.selection.with_call_rules` sets it)
    is_call: bool = False
    #: when the call is held (``callDate``), when it differs from the post's publication
    call_date: datetime | None = None
    call_timed: bool = False
    #: ``cancelled``, ``postponed``, ``rescheduled`` or ``""``
    status: str = ""
    #: the languages the post is written in, its original's first (core/translations.py)
    languages: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def updated(self) -> datetime | None:
        """``lastmod`` when it is later than the post's date."""
        if self.lastmod and self.date and self.lastmod > self.date:
            return self.lastmod
        return None

    @property
    def start(self) -> datetime | None:
        """When the call starts: its ``callDate``, else the post's date."""
        return self.call_date or self.date

    @property
    def start_timed(self) -> bool:
        """Whether the call's start has a time of day (else it is an all-day event)."""
        return self.call_timed if self.call_date else self.timed

    @property
    def listed_date(self) -> datetime | None:
        """The date listings show and sort by: a call's start, a blog post's date."""
        return self.start if self.is_call else self.date

    @property
    def listed_timed(self) -> bool:
        """Whether :attr:`listed_date` has a time of day."""
        return self.start_timed if self.is_call else self.timed

    @property
    def in_calendar(self) -> bool:
        """Whether the call's start and end can be written in every zone (years 1 to 9999)."""
        return self.start is not None and fits_calendar(self.start, self.duration)

    @property
    def shown_subtitle(self) -> str:
        """The subtitle, unless it only restates a date: the date line says it once."""
        if self.date and subtitle_date(self.subtitle):
            return ""
        return self.subtitle

    def with_page_data(self, **changes: Any) -> Post:
        """A copy with what was read off the parsed page (presenters, summary...)."""
        return replace(self, **changes)


def now() -> datetime:
    """The build's "now": ``SOURCE_DATE_EPOCH`` when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(float(epoch), tz=timezone.utc)
    return datetime.now(tz=timezone.utc)


def safe_url(value: str) -> str:
    """``value`` when it is an http(s) or a relative URL, else ``""``.

    Relative URLs must not smuggle a scheme (``javascript:``) or control characters.
    """
    url = value.strip()
    if not url or any(ord(char) < 32 or char in "\\<>\"'` " for char in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme:
        return url if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""
    return "" if url.startswith("//") else url


def parse_date(value: Any, zone: tzinfo = timezone.utc) -> datetime:
    """A timezone-aware datetime from any of Hugo's date forms.

    :param zone: the zone of a date or time without an offset (``callposts_timezone``)

    :raises ValueError: for a value that is no date
    """
    return parse_moment(value, zone)[0]


def parse_moment(value: Any, zone: tzinfo = timezone.utc) -> tuple[datetime, bool]:
    """:func:`parse_date`, and whether the value gave a time of day (not a date alone)."""
    if isinstance(value, datetime):
        result, timed = value, True
    elif isinstance(value, date):
        result, timed = datetime.combine(value, time()), False
    elif isinstance(value, str) and value.strip():
        result, timed = _parse_date_string(value.strip())
    else:
        raise ValueError(f"{value!r} is not a date")
    return (result if result.tzinfo else result.replace(tzinfo=zone)), timed


def subtitle_date(text: str) -> date | None:
    """The date a subtitle consists of (``newsSubtitle: March 25, 2022``), else None."""
    try:
        return parse_date(text).date() if text.strip() else None
    except (ValueError, OverflowError):
        return None


def subtitle_problem(post: Post, line: int) -> Problem | None:
    """A subtitle that gives another day than the post's date and its call's, which the
    page shows."""
    day = subtitle_date(post.subtitle)
    dates = [moment.date() for moment in (post.call_date, post.date) if moment]
    if day is None or not dates or day in dates:
        return None
    if post.call_date and post.date:
        dated = f"the call is dated {dates[0].isoformat()} and the post {dates[1].isoformat()}"
        shown = "the page shows those dates"
    else:
        dated = f"the {'call' if post.call_date else 'post'} is dated {dates[0].isoformat()}"
        shown = f"the page shows the {'call' if post.call_date else 'post'}'s date"
    return Problem(line, "subtitle", f"the subtitle says {post.subtitle!r} but {dated}; {shown}")


def _parse_date_string(text: str) -> tuple[datetime, bool]:
    try:
        return datetime.combine(date.fromisoformat(text), time()), False
    except ValueError:
        pass
    try:
        iso = _SHORT_HOUR.sub(r"\g<1>0\2", text)
        return datetime.fromisoformat(iso.replace("Z", "+00:00").replace("z", "+00:00")), True
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        if parsed := _strptime(text, fmt):
            return parsed, "%H" in fmt
    raise ValueError(f"{text!r} is not a date Hugo understands (use YYYY-MM-DD)")


def _strptime(text: str, fmt: str) -> datetime | None:
    try:
        return datetime.strptime(text, fmt)
    except ValueError:
        return None


def _written_keys(data: Mapping[str, Any]) -> dict[str, str]:
    """``lowercase key -> the key as written``, as :func:`normalise_keys` takes them."""
    written = {str(key).lower(): str(key) for key in data}
    params = next((v for k, v in data.items() if str(k).lower() == "params"), None)
    if isinstance(params, Mapping):
        for key in params:
            written.setdefault(str(key).lower(), str(key))
    return written


def normalise_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """Lowercase the keys, and lift ``params.*`` to the top where the top is silent."""
    keys = {str(key).lower(): value for key, value in data.items()}
    params = keys.get("params")
    if isinstance(params, Mapping):
        for key, value in params.items():
            keys.setdefault(str(key).lower(), value)
    return keys


def build_post(
    docname: str, data: Mapping[str, Any], line_of: Any = None, zone: tzinfo = timezone.utc
) -> tuple[Post, list[Problem]]:
    """Make a :class:`Post` from front matter, with the problems found on the way.

    :param docname: the page the post is
    :param data: the front matter mapping, keys in any case
    :param line_of: ``key -> line`` for located problems (default: line 1)
    :param zone: the zone of dates without an offset
    """
    line_of = line_of or (lambda key: 1)
    problems: list[Problem] = []
    keys = normalise_keys(data)
    written = _written_keys(data)

    def name(key: str) -> str:
        """The key as the post wrote it (``callDate``), quoted for a message."""
        return repr(written.get(key, key))

    def warn(key: str, subtype: str, message: str) -> None:
        problems.append(Problem(line_of(key), subtype, message))

    def text(key: str) -> str:
        value = keys.get(key)
        if value is None:
            return ""
        if isinstance(value, (str, int, float, date)) and not isinstance(value, bool):
            return " ".join(str(value).split())
        warn(key, "frontmatter", f"{name(key)} should be text, not {type(value).__name__}")
        return ""

    dates: dict[str, datetime | None] = {}
    timed: dict[str, bool] = {}
    for key in (*DATE_KEYS, *_EXPIRY_KEYS):
        if keys.get(key) not in (None, ""):
            try:
                dates[key], timed[key] = parse_moment(keys[key], zone)
            except (ValueError, OverflowError) as exc:
                warn(key, "date", f"invalid {name(key)}: {exc}")

    def first_date(chain: tuple[str, ...]) -> datetime | None:
        return next((dates[key] for key in chain if dates.get(key)), None)

    date_key = next((key for key in DATE_KEYS if dates.get(key)), "")
    call_date, call_timed = _call_date(keys, zone, warn, name)
    is_timed = timed.get(date_key, False)
    call = _call_word(keys, is_timed, warn)

    title = text("title")
    if not title:
        warn("title", "title", "the post has no 'title' in its front matter")
    extra = {key: value for key, value in keys.items() if key not in OWN_KEYS}
    aliases = _strings(keys, "aliases", warn)

    post = Post(
        docname=docname,
        join=_http_url(keys, ("join", "meeting"), text, warn, name),
        duration=_duration(
            keys.get("duration"),
            lambda why: warn("duration", "frontmatter", f"invalid {name('duration')}: {why}"),
        ),
        title=title,
        link_title=text("linktitle") or title,
        date=first_date(DATE_KEYS),
        timed=is_timed,
        call=call,
        is_call=bool(call),
        call_date=call_date,
        call_timed=call_timed,
        status=_status(keys, text, warn, name, call=bool(call)),
        publish_date=first_date(_PUBLISH_KEYS),
        lastmod=first_date(_LASTMOD_KEYS),
        expiry=first_date(_EXPIRY_KEYS),
        draft=_boolean(
            keys.get("draft"),
            lambda: warn("draft", "frontmatter", "'draft' should be true or false"),
        ),
        subtitle=text("newssubtitle") or text("subtitle"),
        authors=_people(keys, ("authors", "author"), warn),
        presenters=_people(keys, ("presenters", "speakers"), warn),
        tags=_strings(keys, "tags", warn),
        categories=_strings(keys, "categories", warn),
        aliases=aliases,
        url=text("url"),
        slug=text("slug"),
        summary=text("summary") or text("description"),
        description=text("description") or text("summary"),
        recording=next(filter(None, map(text, RECORDING_KEYS)), ""),
        slides=_http_url(keys, LINK_KEYS["slides"], text, warn, name),
        notes=_http_url(keys, LINK_KEYS["notes"], text, warn, name),
        agenda=_http_url(keys, LINK_KEYS["agenda"], text, warn, name),
        extra=extra,
    )
    if post.start and not post.in_calendar:
        key = "calldate" if call_date else date_key
        warn(key, "date", _beyond_calendar(name(key), keys[key]))
    return post, problems


def _call_word(keys: dict[str, Any], timed: bool, warn: Any) -> bool | None:
    """Whether front matter makes the post a call: ``call``, else a time of day or an event key.

    Hugo's ``type`` picks layouts, not calls: it says nothing here.
    """
    if keys.get("call") not in (None, ""):
        try:
            return bool(parse_bool(keys["call"], empty=False))
        except ValueError:
            warn("call", "frontmatter", "'call' should be true or false; ignored")
    if timed or any(keys.get(key) not in (None, "") for key in EVENT_KEYS):
        return True
    return None


def _call_date(
    keys: dict[str, Any], zone: tzinfo, warn: Any, name: Any
) -> tuple[datetime | None, bool]:
    """The ``callDate`` (or ``params.callDate``), and whether it gives a time of day."""
    value = keys.get("calldate")
    if value in (None, ""):
        return None, False
    try:
        return parse_moment(value, zone)
    except (ValueError, OverflowError) as exc:
        warn("calldate", "date", f"invalid {name('calldate')}: {exc}")
        return None, False


def _status(keys: dict[str, Any], text: Any, warn: Any, name: Any, call: bool) -> str:
    """``cancelled``, ``postponed`` or ``rescheduled``; anything else is warned about.

    :param call: the front matter makes the post a call (a ``status`` does, unless
        ``call: false``), which an unknown status leaves it
    """
    value = text("status").lower()
    if not value or value in STATUSES:
        return STATUSES.get(value, "")
    choices = ", ".join(sorted(filter(None, set(STATUSES.values()))))
    still = ", but the post is still a call, as planned" if call else ""
    warn(
        "status",
        "frontmatter",
        f"{name('status')} {value!r} is not one of {choices}; ignored{still}",
    )
    return ""


def _beyond_calendar(key: str, value: Any) -> str:
    return (
        f"{key} {value} is too close to year 1 or 9999: the call's end or its time in "
        "another zone would leave the years a date can hold; the post keeps its date, "
        "without a calendar entry"
    )


#: what :func:`parse_post` finds: the front matter, the post, and every problem of the post
Parsed = tuple[FrontMatter, Post, list[Problem]]


def parse_post(docname: str, text: str, zone: tzinfo = timezone.utc) -> Parsed:
    """A page's front matter parsed into its post, once: :func:`read_post` can reuse it."""
    front = read_front_matter(text)
    post, found = build_post(docname, front.data, partial(key_line, front, text), zone)
    return front, post, found


def key_line(front: FrontMatter, text: str, *keys: str) -> int:
    """The line of the first of ``keys`` (lowercase) the front matter gives: at the top,
    or under ``params`` (which :func:`normalise_keys` lifts); else the block's first line.
    """
    params = next((v for k, v in front.data.items() if str(k).lower() == "params"), None)
    nested = {str(key).lower() for key in params} if isinstance(params, Mapping) else set()
    for key in keys:
        if key in front.key_lines:
            return front.key_lines[key]
        if key in nested:
            return _params_key_line(front, text, key)
    return 1


def _params_key_line(front: FrontMatter, text: str, key: str) -> int:
    """The line of ``key`` under ``params:`` (YAML, JSON) or ``[params]`` (TOML), else
    the line of ``params``."""
    lines = text.split("\n", front.lines)[: front.lines]
    start = front.key_lines.get("params")
    if start is None:  # a TOML table, where the top-level keys end
        table = (n for n, line in enumerate(lines, 1) if _PARAMS_TABLE.match(line))
        start = next(table, 1)
    later = [line for line in front.key_lines.values() if line > start]
    end = min(later, default=len(lines) + 1)
    pattern = re.compile(rf"""(?:^|[\s{{,])["']?{re.escape(key)}["']?\s*[:=]""", re.IGNORECASE)
    for number in range(start, end):
        line = lines[number - 1]
        if number > start and front.format == "toml" and line.lstrip().startswith("["):
            break
        # on the line of params itself, what follows its key: a flow mapping
        if pattern.search(_AFTER_KEY.split(line, 1)[-1] if number == start else line):
            return number
    return start


def read_post(
    docname: str,
    text: str,
    *,
    section: bool = False,
    zone: tzinfo = timezone.utc,
    parsed: Parsed | None = None,
) -> tuple[FrontMatter, Post, list[Problem]]:
    """The front matter and post of a page's raw text, with the problems to report.

    :param section: the page is a section page, which may go untitled, as in Hugo
    :param zone: the zone of dates without an offset
    :param parsed: :func:`parse_post` of the same text and zone, when done already
    """
    front, post, found = parsed or parse_post(docname, text, zone)
    problems = [
        Problem(line, "frontmatter", message) for line, message in (*front.errors, *front.notes)
    ]
    # a broken block has already said why there is no title
    problems += [p for p in found if p.subtype != "title" or not (section or front.errors)]
    if subtitle := subtitle_problem(post, key_line(front, text, "newssubtitle", "subtitle")):
        problems.append(subtitle)
    return front, post, problems


def _http_url(keys: dict[str, Any], names: tuple[str, ...], text: Any, warn: Any, name: Any) -> str:
    """The http(s) URL of the first of ``names`` given (``join``, else ``meeting``...).

    Also read under ``params``; anything but an http(s) URL is warned about and left out.
    """
    key = next((key for key in names if keys.get(key) not in (None, "")), "")
    value = text(key) if key else ""
    if value and not (safe_url(value) and urlsplit(value).scheme):
        warn(key, "url", f"{name(key)} should be an http(s) URL, not {value!r}; ignored")
        return ""
    return value


def _duration(value: Any, on_error: Any) -> timedelta | None:
    if value in (None, ""):
        return None
    try:
        return parse_duration(value)
    except (ValueError, OverflowError) as exc:
        on_error(str(exc))
        return None


def _boolean(value: Any, on_error: Any) -> bool:
    try:
        return bool(parse_bool(value, empty=False))
    except ValueError:
        on_error()
        return False


def _strings(keys: dict[str, Any], key: str, warn: Any) -> tuple[str, ...]:
    value = keys.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        warn(key, "frontmatter", f"{key!r} should be a list of strings, not {type(value).__name__}")
        return ()
    strings = []
    for item in value:
        if isinstance(item, str) and item.strip():
            strings.append(" ".join(item.split()))
        else:
            warn(key, "frontmatter", f"{key!r} holds {item!r}, which is not a string; ignored")
    return tuple(dict.fromkeys(strings))


def _people(keys: dict[str, Any], names: tuple[str, ...], warn: Any) -> tuple[Person, ...]:
    key = next((name for name in names if keys.get(name) not in (None, "", [])), None)
    if key is None:
        return ()
    value = keys[key]
    items = value if isinstance(value, list) else [value]
    people: list[Person] = []
    for item in items:
        if isinstance(item, str):
            found = parse_people(item)
        elif isinstance(item, Mapping):
            found = [person] if (person := _person_from_mapping(item)) else []
            if not found:
                warn(key, "people", f"an entry of {key!r} has no name: {dict(item)!r}")
        else:
            found = []
            warn(key, "people", f"{key!r} holds {item!r}, which is neither a name nor a mapping")
        for person in found:
            if person.url == UNSAFE or person.avatar == UNSAFE:
                warn(
                    key,
                    "url",
                    f"{person.name!r} in {key!r}: only http(s) and relative URLs are used",
                )
                person = replace(
                    person,
                    url="" if person.url == UNSAFE else person.url,
                    avatar="" if person.avatar == UNSAFE else person.avatar,
                )
            people.append(person)
    return tuple(people)


def parse_people(text: str) -> list[Person]:
    """People from a string: names, ``@handles`` and Markdown links, joined by , & and.

    An email is never a name: it is the email of the name written right before it
    (``Jane Doe <jane@example.org>``), else a person known by that email alone, as is
    a ``mailto:`` link's address (``[Bob](mailto:bob@example.org)``: Bob, with that email).
    """
    # one space for each run of blanks: a separator's \s* would rescan a long run at each blank
    # split() with two groups yields: text, link name, link url, text, ...
    pieces = _MD_LINK.split(" ".join(text.split()))
    people: list[Person] = []
    for index in range(0, len(pieces), 3):
        found = _byline_people(pieces[index])
        # "[Kai](https://github.com/kai) <kai@example.org>": the link's person's email
        after_link = people and pieces[index].lstrip().startswith(("<", "("))
        if after_link and found and not found[0].name and not people[-1].email:
            people[-1] = replace(people[-1], email=found[0].email)
            found = found[1:]
        # "bob@example.org <bob@example.org>": one person, given twice
        people += [p for n, p in enumerate(found) if n == 0 or p != found[n - 1]]
        if index + 2 < len(pieces) and pieces[index + 1].strip():
            name, url = pieces[index + 1], pieces[index + 2]
            email = email_of(url)
            people.append(_named_person(name, url="" if email else url, email=email))
    return people


def _byline_people(text: str) -> list[Person]:
    """The people of a byline's text, an email given to the name right before it."""
    people: list[Person] = []
    start = 0
    for match in _EMAIL.finditer(text):
        email = email_of(match[0])
        if not email:
            continue
        before = text[start : match.start()]
        closing = {"<": ">", "(": ")"}.get(before[-1:])
        bracketed = closing is not None and text[match.end() : match.end() + 1] == closing
        *names, name = _PEOPLE_SEPARATOR.split(before[:-1] if bracketed else before)
        people += [person_from(part) for part in names if part.strip()]
        people.append(person_from(name, email=email))
        start = match.end() + bracketed
    people += [person_from(part) for part in _PEOPLE_SEPARATOR.split(text[start:]) if part.strip()]
    return people


def email_of(text: str) -> str:
    """The address of ``text`` when it is an email or a ``mailto:`` link, else ``""``."""
    address = _MAILTO.sub("", text.strip(), count=1).partition("?")[0].rstrip(".")
    local, at, domain = address.partition("@")
    return address if local and at and domain and " " not in address else ""


def _named_person(name: str, **fields: str) -> Person:
    """:func:`person_from`, but a name that is an email (or ends in ``<email>``) is none."""
    email = email_of(name)
    if email:
        return person_from("", **{**fields, "email": email})
    found = _byline_people(" ".join(name.split()))
    if len(found) == 1 and found[0].email:
        return person_from(found[0].name, **{**fields, "email": found[0].email})
    return person_from(name, **fields)


def person_from(
    name: str, url: str = "", avatar: str = "", email: str = "", login: str = ""
) -> Person:
    """A :class:`Person`, with a GitHub profile and avatar for a ``@handle`` or login."""
    name = " ".join(name.split())
    if not login and name.startswith("@") and _GITHUB_LOGIN.fullmatch(name[1:]):
        login = name = name[1:]
    login = login.lstrip("@")
    if login and _GITHUB_LOGIN.fullmatch(login):
        url = url or f"https://github.com/{login}"
        avatar = avatar or f"https://github.com/{login}.png?size=64"
    else:
        login = ""
    return Person(
        name=name or login,
        url=_checked_url(url),
        avatar=_checked_url(avatar),
        email=email,
        login=login,
    )


def _checked_url(url: str) -> str:
    return (safe_url(url) or UNSAFE) if url.strip() else ""


def _person_from_mapping(item: Mapping[str, Any]) -> Person | None:
    lowered = {str(key).lower(): value for key, value in item.items()}
    fields = {
        name: next(
            (str(lowered[key]).strip() for key in keys if isinstance(lowered.get(key), (str, int))),
            "",
        )
        for name, keys in _PERSON_KEYS.items()
    }
    if email := email_of(fields["url"]):
        fields["url"], fields["email"] = "", fields["email"] or email
    fields["email"] = email_of(fields["email"]) or fields["email"]
    if not fields["name"]:
        fields["name"] = fields["login"]
    person = _named_person(**fields)
    # an email alone: the person gets the name another post or the people file gives it
    return person if person.name or person.email else None
