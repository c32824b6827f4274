"""A Sphinx project as the check command sees it: ``conf.py`` values and Markdown documents.

``conf.py`` is run as Sphinx runs it (Python, from its own folder, with ``tags``), and
the documents are found as Sphinx finds them (source suffixes, ``exclude_patterns``),
without importing Sphinx. The ``callposts_*`` values and their checks are here too, so
that the build (:mod:`sphinx_callposts.sphinx.config`) and ``check`` read them alike.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from .anchors import ID_STYLES
from .bundles import classify, glob_matcher, leaf_bundle_files
from .events import LONGEST_CALL, load_zone
from .people import known_people
from .post import safe_url
from .selection import parse_call_rules
from .translations import is_language, languages_of, left_out

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

CONF_FILE = "conf.py"

#: name: (default, rebuild, types, allowed values or None)
CONFIG_VALUES: dict[
    str, tuple[object, Literal["env", "html"], frozenset[type], tuple[str, ...] | None]
] = {
    "callposts_pattern": ([], "env", frozenset({list, tuple, str}), None),
    "callposts_drafts": (False, "env", frozenset({bool}), None),
    "callposts_show_emails": (False, "env", frozenset({bool}), None),
    "callposts_avatars": ("all", "env", frozenset({str}), ("all", "local", "none")),
    "callposts_date_format": ("", "env", frozenset({str}), None),
    "callposts_presenters_heading": ("Presenters", "env", frozenset({str}), None),
    "callposts_shortcodes": (True, "env", frozenset({bool}), None),
    "callposts_shortcode_handlers": ({}, "env", frozenset({dict}), None),
    "callposts_youtube": ("facade", "html", frozenset({str}), ("facade", "iframe", "link")),
    "callposts_youtube_thumbnails": (False, "html", frozenset({bool}), None),
    "callposts_future": ("upcoming", "html", frozenset({str}), ("upcoming", "hide", "show")),
    "callposts_redirects": (True, "html", frozenset({bool}), None),
    "callposts_redirect_files": ([], "html", frozenset({list, tuple}), None),
    "callposts_tags_url": ("tags", "html", frozenset({str}), None),
    "callposts_people_url": ("people", "html", frozenset({str}), None),
    "callposts_people": ({}, "env", frozenset({dict}), None),
    "callposts_neighbours": ("auto", "html", frozenset({str, bool}), None),
    "callposts_timezone": ("UTC", "env", frozenset({str}), None),
    "callposts_call_duration": (60, "html", frozenset({int}), None),
    "callposts_raw_html": ("keep", "env", frozenset({str}), ("keep", "escape")),
    "callposts_linkify": (True, "env", frozenset({bool}), None),
    "callposts_heading_ids": ("github", "env", frozenset({str, bool}), None),
    "callposts_permalinks": ({}, "html", frozenset({dict}), None),
    "callposts_site_url": ("", "html", frozenset({str}), None),
    "callposts_hugo_paths": ({}, "html", frozenset({dict}), None),
    "callposts_embed_paths": ([], "env", frozenset({list, tuple}), None),
    "callposts_static": ([], "env", frozenset({list, tuple}), None),
    "callposts_listing_terms": (10, "html", frozenset({int}), None),
    "callposts_calls": ([], "env", frozenset({list, tuple, dict, str}), None),
    "callposts_calendar": (True, "html", frozenset({bool}), None),
    "callposts_organizer": ("", "html", frozenset({str, dict}), None),
    "callposts_feeds": ([], "html", frozenset({list, tuple}), None),
    "callposts_feed_length": (20, "html", frozenset({int, type(None)}), None),
    "callposts_cjk": (False, "env", frozenset({bool}), None),
    "callposts_translations": ({}, "env", frozenset({dict}), None),
    "callposts_content_language": ("en", "env", frozenset({str}), None),
    "callposts_content_language_in_subdir": (False, "html", frozenset({bool}), None),
    "callposts_disable_path_to_lower": (False, "html", frozenset({bool}), None),
}

#: the longest call, in minutes, that ``callposts_call_duration`` may give: a ``duration``'s
MAX_CALL_MINUTES = LONGEST_CALL // timedelta(minutes=1)
#: a folder of the output: segments of letters, digits, ``._~+@-``, neither ``.`` nor ``..``
_FOLDER_SEGMENT = re.compile(r"[\w.~+@-]+")
#: Hugo's newer ``permalinks`` form nests a table of patterns under these keys
_PERMALINK_KINDS = ("page", "section")


def checked_value(name: str, value: Any) -> Any:
    """The value of a ``callposts_*`` setting to use: ``value`` itself or its normal form.

    :raises ValueError: when it cannot be used; the message says what would be
    """
    _default, _rebuild, types, choices = CONFIG_VALUES[name]
    if not _has_type(value, types):
        raise ValueError(f"expected {' or '.join(sorted(t.__name__ for t in types))}")
    if choices is not None and value not in choices:
        raise ValueError(f"not one of {', '.join(map(repr, choices))}")
    check = _VALIDATORS.get(name)
    return check(value) if check else value


def _has_type(value: Any, types: frozenset[type]) -> bool:
    # True is an int to Python, not a number of minutes to anyone
    return isinstance(value, tuple(types)) and not (isinstance(value, bool) and bool not in types)


def _strings(value: Any) -> list[str]:
    """A list of strings: one string alone, or a list or tuple of strings."""
    items = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(item, str) for item in items):
        raise ValueError("expected a list of strings")
    return items


def _folders(value: Any) -> list[str]:
    """A list of folders on this machine: strings without control characters."""
    folders = _strings(value)
    if any(_has_control(folder) for folder in folders):
        raise ValueError("a folder holds a control character")
    return folders


def _has_control(text: str) -> bool:
    return any(ord(char) < 32 or ord(char) == 127 for char in text)


def _string_table(value: dict[Any, Any]) -> dict[Any, Any]:
    """A dict whose keys and values are strings."""
    if not all(isinstance(key, str) and isinstance(item, str) for key, item in value.items()):
        raise ValueError("expected a dict of strings to strings")
    return value


def _permalinks(value: dict[Any, Any]) -> dict[Any, Any]:
    """Hugo's ``permalinks``: section -> pattern, or ``page``/``section`` -> such a table."""
    for key, pattern in value.items():
        if key in _PERMALINK_KINDS and isinstance(pattern, dict):
            _permalinks(_string_table(pattern))
        elif not isinstance(key, str) or not isinstance(pattern, str):
            raise ValueError(
                'expected a dict of sections to patterns, such as {"blog": "/:section/:slug/"}'
            )
        elif _has_unsafe_path(pattern):
            raise ValueError(
                f"the pattern {pattern!r} holds '..', a backslash or a control character"
            )
    return value


def _has_unsafe_path(path: str) -> bool:
    """Whether a path could leave the output folder or break a file name."""
    return "\\" in path or _has_control(path) or ".." in path.split("/")


def _hugo_paths(value: dict[Any, Any]) -> dict[str, str]:
    """Docs folder -> the content path it had in Hugo, both without their end slashes."""
    if not all(isinstance(key, str) and isinstance(item, str) for key, item in value.items()):
        raise ValueError('expected docs folders to Hugo content paths: {"community/calls": "blog"}')
    paths = {}
    for folder, content in value.items():
        unsafe = next((path for path in (folder, content) if _has_unsafe_path(path)), None)
        if unsafe is not None:
            raise ValueError(f"{unsafe!r} holds '..', a backslash or a control character")
        paths[folder.strip().strip("/")] = content.strip().strip("/")
    return paths


def _folder(value: str) -> str:
    """A folder inside the output, such as ``tags`` or ``community/tags``; ``""`` for none."""
    folder = value.strip().rstrip("/")
    if folder and not all(
        _FOLDER_SEGMENT.fullmatch(part) and part.strip(".") for part in folder.split("/")
    ):
        raise ValueError(
            "expected a folder inside the output, such as 'tags' or 'community/tags' "
            "(letters, digits, '._~+@-', no '..', not absolute)"
        )
    return value


def _people(value: dict[Any, Any]) -> dict[Any, Any]:
    """The people file's entries (:func:`.people.known_people`), checked."""
    known_people(value)
    return value


def _auto_or_bool(value: str | bool) -> str | bool:
    """``"auto"``, ``True`` or ``False``."""
    if value != "auto" and not isinstance(value, bool):
        raise ValueError("expected 'auto', True or False")
    return value


def _site_url(value: str) -> str:
    """An http(s) URL with a host, or ``""``."""
    url = value.strip()
    if url and not (safe_url(url) and urlsplit(url).scheme):
        raise ValueError("expected an http(s) address, such as 'https://example.org/'")
    return url


def _organizer(value: str | dict[Any, Any]) -> str | dict[str, str]:
    """A name, or ``{"name": ..., "url": ...}`` with an http(s) URL."""
    if isinstance(value, str):
        return " ".join(value.split())
    name, url = value.get("name"), value.get("url", "")
    unknown = [key for key in value if key not in {"name", "url"}]
    if unknown or not isinstance(name, str) or not name.strip() or not isinstance(url, str):
        raise ValueError('expected a name, or {"name": ..., "url": ...} of strings')
    return {"name": " ".join(name.split()), "url": _site_url(url)}


def _language(value: str) -> str:
    if not is_language(value):
        raise ValueError("expected a language code, such as 'en' or 'pt-br'")
    return value


def _translations(value: dict[Any, Any]) -> dict[str, str]:
    """Language codes, each to the http(s) address of its build."""
    for language, url in _string_table(value).items():
        _language(language)
        if not url.strip():
            raise ValueError(f"{language!r}: expected an http(s) address, not nothing")
        _site_url(url)
    return {language: url.strip() for language, url in value.items()}


def _call_rules(value: Any) -> list[Any]:
    """Docname globs and ``{"title": ..., "tags": [...]}`` rules, as a list."""
    parse_call_rules(value)
    return [value] if isinstance(value, (str, dict)) else list(value)


def _zone(value: str) -> str:
    load_zone(value)
    return value


def _at_least_one(value: int) -> int:
    if value < 1:
        raise ValueError("expected a number of at least 1")
    return value


def _minutes(value: int) -> int:
    if not 1 <= value <= MAX_CALL_MINUTES:
        raise ValueError(f"expected a number of minutes between 1 and {MAX_CALL_MINUTES} (a week)")
    return value


#: the hosts that ``callposts_redirect_files`` writes a file of redirects for
REDIRECT_HOSTS = ("netlify", "nginx", "apache", "readthedocs")


def _redirect_hosts(value: Any) -> list[str]:
    """Known hosts, each once."""
    return _some_of(value, REDIRECT_HOSTS, "host")


#: the pages that ``callposts_feeds`` gives a feed of their own, besides listing pages
FEED_KINDS = ("tags", "people")


def _feed_kinds(value: Any) -> list[str]:
    """Known kinds of pages, each once."""
    return _some_of(value, FEED_KINDS, "kind")


def _some_of(value: Any, known: tuple[str, ...], what: str) -> list[str]:
    """A list of strings out of ``known``, each once."""
    items = _strings(value)
    unknown = [item for item in items if item not in known]
    if unknown:
        raise ValueError(
            f"unknown {what}(s) {', '.join(map(repr, unknown))}: expected some of "
            f"{', '.join(map(repr, known))}"
        )
    return list(dict.fromkeys(items))


def _feed_length(value: int | None) -> int | None:
    """A number of entries from 1, or None: every post."""
    return value if value is None else _at_least_one(value)


def _heading_ids(value: str | bool) -> str | bool:
    """One of Hugo's ``autoHeadingIDType`` values, or False for none."""
    if value is not False and value not in ID_STYLES:
        raise ValueError(f"expected one of {', '.join(map(repr, ID_STYLES))} or False")
    return value


#: name -> check beyond the type: returns the value to use, raises ValueError
_VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "callposts_redirect_files": _redirect_hosts,
    "callposts_pattern": _strings,
    "callposts_embed_paths": _folders,
    "callposts_static": _folders,
    "callposts_shortcode_handlers": _string_table,
    "callposts_permalinks": _permalinks,
    "callposts_tags_url": _folder,
    "callposts_people_url": _folder,
    "callposts_people": _people,
    "callposts_neighbours": _auto_or_bool,
    "callposts_site_url": _site_url,
    "callposts_hugo_paths": _hugo_paths,
    "callposts_timezone": _zone,
    "callposts_call_duration": _minutes,
    "callposts_listing_terms": _at_least_one,
    "callposts_feeds": _feed_kinds,
    "callposts_feed_length": _feed_length,
    "callposts_calls": _call_rules,
    "callposts_organizer": _organizer,
    "callposts_heading_ids": _heading_ids,
    "callposts_translations": _translations,
    "callposts_content_language": _language,
}


def value_to_use(name: str, value: Any) -> tuple[Any, str | None]:
    """The value of a ``callposts_*`` setting to use, and the warning if it is not ``value``'s.

    :returns: ``(value or its normal form, None)``, or ``(a copy of the default, why)``
    """
    try:
        return checked_value(name, value), None
    except ValueError as exc:
        default = CONFIG_VALUES[name][0]
        shown = repr(value)
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        return copy.deepcopy(default), f"{name} = {shown}: {exc}; using {default!r}"


def setting_line(conf: str, name: str) -> int | None:
    """The line of ``conf.py``'s text that sets ``name`` last (the one that counts), if any."""
    setting = re.compile(rf"\s*{name}\s*(?::[^=]*)?=")
    lines = conf.splitlines()
    return max((i for i, line in enumerate(lines, 1) if setting.match(line)), default=None)


#: the paths Sphinx never reads as documents (``sphinx.project.EXCLUDE_PATHS``)
SPHINX_EXCLUDED = ("**/_sources", ".#*", "**/.#*", "*.lproj/**")


class ConfError(Exception):
    """A ``conf.py`` that cannot be run."""


class Tags(set[str]):
    """The ``tags`` that Sphinx hands ``conf.py``: none set, as in a plain build."""

    def has(self, tag: str) -> bool:
        return tag in self

    def add(self, tag: str) -> None:
        super().add(tag)

    def remove(self, tag: str) -> None:
        self.discard(tag)


def find_confdir(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` that holds a ``conf.py``."""
    path = path.resolve()
    for folder in [path, *path.parents] if path.is_dir() else path.parents:
        if (folder / CONF_FILE).is_file():
            return folder
    return None


def run_conf(confdir: Path, source: str | None = None) -> dict[str, Any]:
    """The names that ``conf.py`` defines, run from its folder as Sphinx runs it.

    :param source: the text to run in its place, as if the file held it
    :raises ConfError: when it cannot be read or raises
    """
    filename = confdir / CONF_FILE
    namespace: dict[str, Any] = {"__file__": str(filename), "tags": Tags()}
    try:
        text = filename.read_bytes() if source is None else source
        code = compile(text, str(filename), "exec")
        cwd = Path.cwd()
        os.chdir(confdir)
        try:
            exec(code, namespace)  # noqa: S102 - conf.py is Python, as Sphinx runs it
        finally:
            os.chdir(cwd)
    except SystemExit as exc:
        raise ConfError(f"{filename}: exits ({exc.code})") from None
    except Exception as exc:  # noqa: BLE001 - whatever conf.py raises is reported
        raise ConfError(f"{filename}: {type(exc).__name__}: {exc}") from None
    return namespace


@dataclass
class Project:
    """A Sphinx project: its source folder and the ``conf.py`` values check needs."""

    srcdir: Path
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, confdir: Path) -> Project:
        """The project whose ``conf.py`` sits in ``confdir``."""
        return cls(confdir.resolve(), run_conf(confdir))

    def get(self, name: str, default: Any) -> Any:
        """A value of ``conf.py``; a ``callposts_*`` one checked (its default if it cannot be used)."""
        if name not in CONFIG_VALUES or name not in self.values:
            return self.values.get(name, default)
        return value_to_use(name, self.values[name])[0]

    def config_problems(self) -> list[tuple[int, str]]:
        """``(line of conf.py, message)`` for each ``callposts_*`` value that cannot be used."""
        try:
            conf = (self.srcdir / CONF_FILE).read_text(encoding="utf-8", errors="replace")
        except OSError:
            conf = ""
        found = {
            name: value_to_use(name, self.values[name])[1]
            for name in CONFIG_VALUES
            if name in self.values
        }
        return sorted(
            (setting_line(conf, name) or 1, problem) for name, problem in found.items() if problem
        )

    @property
    def patterns(self) -> list[str]:
        pattern = self.get("callposts_pattern", [])
        return [pattern] if isinstance(pattern, str) else list(pattern)

    @property
    def markdown_suffixes(self) -> tuple[str, ...]:
        """The suffixes MyST parses: ``.md``, and any ``source_suffix`` mapped to markdown."""
        suffixes = self.get("source_suffix", {})
        mapped = (
            [s for s, kind in suffixes.items() if kind == "markdown"]
            if isinstance(suffixes, dict)
            else []
        )
        return tuple(dict.fromkeys([".md", *mapped]))

    @property
    def excluded(self) -> Callable[[str], bool]:
        """Paths that are no documents, as in Sphinx: ``exclude_patterns``, the templates and
        the HTML assets' folders, and Sphinx's own (``_sources``, editors' lock files).

        Hidden files are documents to Sphinx, and so here.
        """
        folders = [
            str(path).rstrip("/")
            for name in ("templates_path", "html_static_path", "html_extra_path")
            for path in self.get(name, [])
        ]
        return glob_matcher([*SPHINX_EXCLUDED, *self.get("exclude_patterns", []), *folders])

    def docname(self, path: Path) -> str | None:
        """The docname of a Markdown file of the project, or ``None`` for any other file."""
        try:
            relative = path.resolve().relative_to(self.srcdir).as_posix()
        except ValueError:
            return None
        suffix = next((s for s in self.markdown_suffixes if relative.endswith(s)), None)
        parts = relative.split("/")
        excluded = self.excluded
        if suffix is None or any(excluded("/".join(parts[: i + 1])) for i in range(len(parts))):
            return None  # a folder excluded excludes what it holds
        return relative.removesuffix(suffix)

    def page_kinds(self, sources: Mapping[str, str] | None = None) -> dict[str, str]:
        """Each post and section page of the project, by docname: ``POST`` or ``SECTION``.

        :param sources: :meth:`sources`, when they are found already
        """
        markdown = self.markdown_suffixes
        found = self.sources() if sources is None else sources
        docnames = [name for name, suffix in found.items() if suffix in markdown]
        return classify(docnames, self.patterns)

    def sources(self) -> dict[str, str]:
        """Every document of the project, by docname: the suffix of its file.

        As the build finds them: files with a source suffix (``.rst``, the Markdown ones,
        any of ``source_suffix``) outside what :attr:`excluded` leaves out, and not the
        resources of a leaf bundle.
        """
        excluded = self.excluded
        suffixes = self.source_suffixes
        found: dict[str, str] = {}
        for folder, dirs, files in os.walk(self.srcdir):
            base = Path(folder).relative_to(self.srcdir).as_posix().removeprefix(".").lstrip("/")
            dirs[:] = [d for d in dirs if not excluded(f"{base}/{d}".lstrip("/"))]
            for name in files:
                relative = f"{base}/{name}".lstrip("/")
                suffix = next((s for s in suffixes if name.endswith(s)), None)
                if suffix and not excluded(relative):
                    found.setdefault(relative.removesuffix(suffix), suffix)
        # the other Markdown files of a leaf bundle are its resources, as the build has it
        paths = {name: self.srcdir / f"{name}{suffix}" for name, suffix in found.items()}
        for name in leaf_bundle_files(paths, self.patterns):
            del found[name]
        languages = languages_of(
            self.get("callposts_translations", {}),
            self.get("callposts_content_language", "en"),
            self.get("language", "en") or "en",
        )
        for name in left_out(found, self.patterns, languages):
            del found[name]
        return found

    @property
    def source_suffixes(self) -> tuple[str, ...]:
        """The suffixes of the project's documents: ``.rst``, ``.md``, ``source_suffix``."""
        given = self.get("source_suffix", {})
        names = list(given) if isinstance(given, (dict, list, tuple)) else [given]
        return tuple(dict.fromkeys([".rst", *self.markdown_suffixes, *map(str, names)]))
