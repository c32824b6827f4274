"""The one true/false vocabulary of front matter, shortcode parameters and directive options."""

from __future__ import annotations

_WORDS = {
    "true": True, "yes": True, "on": True, "1": True,
    "false": False, "no": False, "off": False, "0": False,
}  # fmt: skip


def parse_bool(value: object, empty: bool | None = None) -> bool | None:
    """A YAML boolean, or a word: ``true``/``yes``/``on``/``1`` or ``false``/``no``/``off``/``0``.

    :param empty: what a missing or empty value means
    :raises ValueError: for anything else
    """
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if not text:
        return empty
    if text in _WORDS:
        return _WORDS[text]
    raise ValueError(f"{value!r} is not true or false")
