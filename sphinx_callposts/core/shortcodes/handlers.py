"""Which function renders a shortcode: the project's own, else the built-in ones."""

from __future__ import annotations

from .builtin import BUILTINS
from .docsy import DOCSY
from .model import Context, Shortcode, ShortcodeError

_BUILT_IN = {**BUILTINS, **DOCSY}


def render(shortcode: Shortcode, context: Context, destination: bool = False) -> str | None:
    """MyST for a shortcode, or ``None`` (with a warning) when it stays as text.

    :param destination: the shortcode stands in a link's destination, ``[text](HERE)``
    """
    handler = context.handlers.get(shortcode.name)
    builtin = _BUILT_IN.get(shortcode.name)
    if handler is None and builtin is None:
        context.warn(f"unknown Hugo shortcode {shortcode.name!r} left as text", shortcode.line)
        return None
    try:
        result = (
            handler(shortcode) if handler else builtin(shortcode, context, destination)  # type: ignore[misc]  # one is set
        )
    except ShortcodeError as exc:
        context.warn(str(exc), shortcode.line)
        return None
    except Exception as exc:  # noqa: BLE001 (a project's handler must not stop the build)
        context.warn(f"the handler of {shortcode.name!r} failed: {exc!r}", shortcode.line)
        return None
    if not isinstance(result, str):
        context.warn(
            f"the handler of {shortcode.name!r} returned {type(result).__name__}, not text",
            shortcode.line,
        )
        return None
    return result
