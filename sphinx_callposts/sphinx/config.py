"""The ``callposts_*`` configuration values, checked once at ``config-inited``."""

from __future__ import annotations

from datetime import timezone
from typing import TYPE_CHECKING, Any, Literal

from sphinx.util import logging

from ..core.events import load_zone

if TYPE_CHECKING:
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
}


def setup_config(app: Sphinx) -> None:
    """Register the configuration values and their check."""
    for name, (default, rebuild, types, _choices) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    """Warn about values out of range and fall back to the default."""
    if isinstance(config.callposts_pattern, str):
        config.callposts_pattern = [config.callposts_pattern]
    for name, (default, _rebuild, _types, choices) in CONFIG_VALUES.items():
        value = getattr(config, name)
        if choices and value not in choices:
            warn(
                f"{name} = {value!r} is not one of {', '.join(map(repr, choices))}; using {default!r}",
                None,
                "config",
            )
            setattr(config, name, default)
    try:
        load_zone(config.callposts_timezone)
    except ValueError as exc:
        warn(f"callposts_timezone: {exc}; using 'UTC'", None, "config")
        config.callposts_timezone = "UTC"
    if not 1 <= config.callposts_call_duration <= 7 * 24 * 60:
        warn(
            f"callposts_call_duration = {config.callposts_call_duration!r} is not a number "
            "of minutes between 1 and a week; using 60",
            None,
            "config",
        )
        config.callposts_call_duration = 60


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
