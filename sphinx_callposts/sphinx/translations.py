"""Translations of posts (``post.de.md``): read in the build's language, linked by ``hreflang``.

A build in German reads ``post.de.md`` in place of ``post.md``, under the original's
page name, so that every language's build has the page at the same path; each
language's build lives where ``callposts_translations`` says.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from docutils import nodes
from sphinx.locale import get_translation

from ..core.translations import languages_of, split_language, translation_file
from .store import store_of
from .urls import page_url, site_url

if TYPE_CHECKING:
    from typing import Any

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinx_callposts")


def build_languages(config: Config) -> tuple[str, ...]:
    """The languages posts may be written in, the build's first."""
    return languages_of(
        config.callposts_translations, config.callposts_content_language, config.language or "en"
    )


def read_translation(
    env: BuildEnvironment, docname: str, text: str
) -> tuple[str, str, tuple[str, ...]]:
    """The text of a post in the build's language, the file it came from, and every
    language the post is written in (its original's first).

    :return: ``(text, file, languages)``; ``file`` is ``""`` for the original
    """
    languages = build_languages(env.config)
    if len(languages) < 2:
        return text, "", ()
    if language := split_language(docname, languages)[1]:
        return text, "", (language,)  # a post only in this language: no other to link
    source = str(env.doc2path(docname))
    content = env.config.callposts_content_language
    found = [content] + [
        language
        for language in languages
        if language != content and Path(translation_file(source, language)).is_file()
    ]
    build = languages[0]
    own = translation_file(source, build)
    if build not in found[1:]:  # the build's language is the content's, or no file has it
        return text, "", tuple(found)
    env.note_dependency(own)
    try:
        return Path(own).read_text(encoding="utf-8-sig"), own, tuple(found)
    except (OSError, UnicodeDecodeError):
        return text, "", tuple(found)


def other_languages(app: Sphinx, docname: str) -> list[tuple[str, str]]:
    """``(language, URL)`` of each other language's build that holds the post."""
    post = store_of(app.env).posts.get(docname)
    if post is None or not post.languages:
        return []
    sites = app.config.callposts_translations
    build = build_languages(app.config)[0]
    uri = app.builder.get_target_uri(docname)
    return [
        (language, site_url(sites[language], uri))
        for language in post.languages
        if language != build and language in sites
    ]


def language_name(language: str) -> str:
    """``de`` -> ``Deutsch``: the language's name in itself, else its code."""
    try:
        return Locale.parse(language.replace("-", "_")).get_display_name() or language
    except (ValueError, UnknownLocaleError):
        return language


def show_languages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: "Also in: Deutsch" under a translated post's header."""
    links = other_languages(app, docname)
    header = next(
        (node for node in doctree.findall(nodes.container) if "callpost-header" in node["classes"]),
        None,
    )
    if not links or header is None:
        return
    line = nodes.paragraph("", _("Also in:") + " ", classes=["callpost-languages"])
    for number, (language, url) in enumerate(links):
        if number:
            line += nodes.Text(", ")
        line += nodes.reference("", language_name(language), refuri=url, hreflang=language)
    header += line


def add_alternates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``<link rel="alternate" hreflang>`` for each other language."""
    links = other_languages(app, pagename)
    own = page_url(app.builder, pagename)
    if links and own:
        links.append((build_languages(app.config)[0], own))
    if not links:
        return
    tags = "".join(
        f'<link rel="alternate" hreflang="{escape(language)}" href="{escape(url)}">\n'
        for language, url in links
    )
    context["metatags"] = context.get("metatags", "") + tags


def setup_translations(app: Sphinx) -> None:
    """Link each translated post to its other languages."""
    app.connect("doctree-resolved", show_languages, priority=700)
    app.connect("html-page-context", add_alternates)
