"""The ``callposts_*`` configuration values, checked once at ``config-inited``."""

from __future__ import annotations

import warnings
from datetime import timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..core.conf import (
    CONF_FILE,
    CONFIG_VALUES,
    setting_line,
    value_to_use,
)
from ..core.events import load_zone
from ..core.warning_types import WARNING_TYPES

if TYPE_CHECKING:
    from datetime import tzinfo

    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

WARNING_TYPE = "callposts"

__all__ = [
    "CONFIG_VALUES",
    "call_zone",
    "check_config",
    "config_location",
    "setup_config",
    "warn",
]


def setup_config(app: Sphinx) -> None:
    """Register the configuration values and their check."""
    for name, (default, rebuild, types, _choices) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
    # before any other handler of the event reads a value, and before Sphinx's type check
    app.connect("config-inited", check_config, priority=100)


def check_config(app: Sphinx, config: Config) -> None:
    """Warn about each value of a wrong type or out of range, and put the default instead.

    The checks are the core's, which the check command applies to ``conf.py`` too.
    """
    for name in CONFIG_VALUES:
        value = getattr(config, name)
        checked, problem = value_to_use(name, value)
        if problem:
            warn(problem, config_location(app, name), "config")
        if checked is not value:
            setattr(config, name, checked)


def config_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:line`` where ``name`` is set, or ``None`` (set with ``-D``, or not found)."""
    if name in app.config.overrides or not app.confdir:
        return None
    path = Path(app.confdir, CONF_FILE)
    try:
        line = setting_line(path.read_text(encoding="utf-8"), name)
    except (OSError, UnicodeDecodeError):
        return None
    return f"{path}:{line}" if line else None


def call_zone(config: Config) -> tzinfo:
    """The zone of times without an offset, and the one shown to readers (``callposts_timezone``)."""
    try:
        return load_zone(config.callposts_timezone)
    except ValueError:
        return timezone.utc  # check_config has warned


def warn(message: str, location: Any, subtype: str) -> None:
    """Log a warning of the extension, typed so that ``suppress_warnings`` works.

    :param location: a node, ``(docname, line)``, or ``"path:line"``
    :param subtype: the ``callposts.<subtype>`` it is filed under, one of
        :data:`..core.warning_types.WARNING_TYPES`
    """
    if subtype not in WARNING_TYPES:
        warnings.warn(f"callposts.{subtype} is no known warning type", RuntimeWarning, 2)
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype)
