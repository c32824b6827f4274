"""Hugo's translations by file name: ``post.de.md`` is ``post.md`` in German.

A build is in one language. Its posts are the files without a language suffix, each
read in the build's language where a translation exists; the translations themselves
are never pages of their own, except a post that only exists in the build's language.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from .bundles import glob_matcher

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: Hugo's language keys: ``de``, ``pt-br``, ``zh-hans``
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", re.IGNORECASE)


def split_language(docname: str, languages: Iterable[str]) -> tuple[str, str]:
    """``blog/post.de`` -> ``("blog/post", "de")`` when ``de`` is one of ``languages``,
    else ``(docname, "")``."""
    stem, dot, suffix = posixpath.basename(docname).rpartition(".")
    if dot and stem and suffix.lower() in {language.lower() for language in languages}:
        return posixpath.join(posixpath.dirname(docname), stem), suffix
    return docname, ""


def is_language(code: str) -> bool:
    """Whether ``code`` has the shape of a language key: ``de``, ``pt-br``, ``zh-hans``."""
    return bool(_LANGUAGE.match(code))


def languages_of(translations: Mapping[str, str], content: str, build: str) -> tuple[str, ...]:
    """Every language a project's posts may be written in, the build's first; none
    without ``callposts_translations``, so that ``v1.de.md`` stays a post of its own."""
    if not translations:
        return ()
    found = [build, content, *translations]
    return tuple(dict.fromkeys(code for code in found if code and is_language(code)))


def left_out(docnames: Iterable[str], patterns: list[str], languages: tuple[str, ...]) -> set[str]:
    """The translation files that are no page in a build in ``languages[0]``.

    Every other language's file is left out; the build's own is read in place of its
    original (:func:`translation_file`), and is a page only where there is none.
    """
    if len(languages) < 2:
        return set()
    docnames = set(docnames)
    matches = glob_matcher(patterns)
    found = set()
    for docname in docnames:
        original, language = split_language(docname, languages)
        if language and matches(docname) and (language != languages[0] or original in docnames):
            found.add(docname)
    return found


def translation_file(source: str, language: str) -> str:
    """The file of a post's translation: ``blog/post.md`` -> ``blog/post.de.md``."""
    stem, dot, suffix = source.rpartition(".")
    return f"{stem}.{language}.{suffix}" if dot else f"{source}.{language}"
