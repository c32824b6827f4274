"""The ``callposts_*`` configuration values, checked once at ``config-inited``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

WARNING_TYPE = "callposts"

#: name: (default, rebuild, types, allowed values or None)
CONFIG_VALUES: dict[str, tuple[object, str, frozenset[type], tuple[str, ...] | None]] = {
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


def warn(message: str, location: Any, subtype: str) -> None:
    """Log a warning of the extension, typed so that ``suppress_warnings`` works.

    :param location: a node, ``(docname, line)``, or ``"path:line"``
    :param subtype: the ``callposts.<subtype>`` it is filed under
    """
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype)
