"""The catalogs: every word the extension shows is in the template, and in German."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).parents[1] / "sphinx_callposts"
LOCALE = PACKAGE / "locale"


def test_the_template_holds_every_translatable_string():
    """docs/configuration.md says how to regenerate it; this fails until someone does."""
    extracted = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords={"_": None}
        )
    }
    with (LOCALE / "sphinx_callposts.pot").open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    assert extracted == template


def test_the_german_catalog_follows_the_template():
    with (LOCALE / "sphinx_callposts.pot").open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    with (LOCALE / "de" / "LC_MESSAGES" / "sphinx_callposts.po").open("rb") as file:
        german = read_po(file)
    assert {message.id for message in german if message.id} == template
    assert not german.obsolete
