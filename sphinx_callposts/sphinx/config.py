"""The ``callposts_*`` configuration values, checked once at ``config-inited``."""

from __future__ import annotations

import copy
import re
from datetime import timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from sphinx.util import logging

from ..core.events import load_zone
from ..core.post import safe_url

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import tzinfo

    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

WARNING_TYPE = "callposts"

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
    "callposts_tags_url": ("tags", "html", frozenset({str}), None),
    "callposts_people_url": ("people", "html", frozenset({str}), None),
    "callposts_timezone": ("UTC", "env", frozenset({str}), None),
    "callposts_call_duration": (60, "html", frozenset({int}), None),
    "callposts_raw_html": ("keep", "env", frozenset({str}), ("keep", "escape")),
    "callposts_permalinks": ({}, "html", frozenset({dict}), None),
    "callposts_site_url": ("", "html", frozenset({str}), None),
    "callposts_embed_paths": ([], "env", frozenset({list, tuple}), None),
    "callposts_listing_terms": (10, "html", frozenset({int}), None),
}

#: the longest call, in minutes, that ``callposts_call_duration`` may give
MAX_CALL_MINUTES = 7 * 24 * 60
#: a folder of the output: segments of letters, digits, ``._~+@-``, neither ``.`` nor ``..``
_FOLDER_SEGMENT = re.compile(r"[\w.~+@-]+")
#: Hugo's newer ``permalinks`` form nests a table of patterns under these keys
_PERMALINK_KINDS = ("page", "section")


def setup_config(app: Sphinx) -> None:
    """Register the configuration values and their check."""
    for name, (default, rebuild, types, _choices) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
    # before any other handler of the event reads a value, and before Sphinx's type check
    app.connect("config-inited", check_config, priority=100)


def check_config(app: Sphinx, config: Config) -> None:
    """Warn about each value of a wrong type or out of range, and put the default instead."""
    for name, (default, _rebuild, types, choices) in CONFIG_VALUES.items():
        value = getattr(config, name)
        try:
            checked = _check_value(name, value, types, choices)
        except ValueError as exc:
            warn(
                f"{name} = {_shown(value)}: {exc}; using {default!r}",
                _location(app, name),
                "config",
            )
            checked = copy.deepcopy(default)
        if checked is not value:
            setattr(config, name, checked)


def _check_value(
    name: str, value: Any, types: frozenset[type], choices: tuple[str, ...] | None
) -> Any:
    """The value to use (``value`` itself or its normal form).

    :raises ValueError: when it cannot be used
    """
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
    return (
        "\\" in path
        or any(ord(char) < 32 or ord(char) == 127 for char in path)
        or ".." in path.split("/")
    )


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


def _site_url(value: str) -> str:
    """An http(s) URL with a host, or ``""``."""
    if value.strip() and not (safe_url(value) and urlsplit(value.strip()).scheme):
        raise ValueError("expected an http(s) address, such as 'https://example.org/'")
    return value


def _zone(value: str) -> str:
    load_zone(value)
    return value


def _minutes(value: int) -> int:
    if not 1 <= value <= MAX_CALL_MINUTES:
        raise ValueError(f"expected a number of minutes between 1 and {MAX_CALL_MINUTES} (a week)")
    return value


#: name -> check beyond the type: returns the value to use, raises ValueError
_VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "callposts_pattern": _strings,
    "callposts_embed_paths": _strings,
    "callposts_shortcode_handlers": _string_table,
    "callposts_permalinks": _permalinks,
    "callposts_tags_url": _folder,
    "callposts_people_url": _folder,
    "callposts_site_url": _site_url,
    "callposts_timezone": _zone,
    "callposts_call_duration": _minutes,
}


def _shown(value: Any) -> str:
    """A value as a warning shows it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _location(app: Sphinx, name: str) -> str | None:
    """``conf.py:line`` where ``name`` is set, or ``None`` (set with ``-D``, or not found)."""
    if name in app.config.overrides or not app.confdir:
        return None
    path = Path(app.confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    setting = re.compile(rf"\s*{name}\s*(?::[^=]*)?=")
    # the last assignment is the one that counts
    number = max((i for i, line in enumerate(lines, 1) if setting.match(line)), default=None)
    return f"{path}:{number}" if number else None


def call_zone(config: Config) -> tzinfo:
    """The zone of times without an offset, and the one shown to readers (``callposts_timezone``)."""
    try:
        return load_zone(config.callposts_timezone)
    except ValueError:
        return timezone.utc  # check_config has warned


def warn(message: str, location: Any, subtype: str) -> None:
    """Log a warning of the extension, typed so that ``suppress_warnings`` works.

    :param location: a node, ``(docname, line)``, or ``"path:line"``
    :param subtype: the ``callposts.<subtype>`` it is filed under
    """
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype)
