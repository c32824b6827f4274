"""Hugo shortcodes rewritten to MyST before parsing, line numbers kept.

Hugo posts carry ``{{< youtube ID >}}``, ``{{< figure ... >}}``, ``{{< ref ... >}}``
and their kin, which MyST would print as text. At ``source-read`` every Markdown
document is rewritten by the :mod:`.scanner`, with the :mod:`.builtin` shortcodes and
the project's own.

A project adds its own shortcodes with ``callposts_shortcode_handlers``::

    callposts_shortcode_handlers = {"youtube-80": "mysite.shortcodes:youtube_80"}

where the function takes a :class:`Shortcode` and returns MyST Markdown, or raises
:class:`ShortcodeError` for a located warning.
"""

from __future__ import annotations

import importlib
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import warn
from ..details import setup_details
from ..frontmatter import read_front_matter
from ..pages import TEMP_POST, is_markdown
from ..post import normalise_keys
from .builtin import page_params
from .model import Context, Handler, Shortcode, ShortcodeError
from .scanner import rewrite, shortcode_problems

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = [
    "Context",
    "Handler",
    "Shortcode",
    "ShortcodeError",
    "find_document",
    "import_handler",
    "load_handlers",
    "page_params",
    "rewrite_shortcodes",
    "setup_shortcodes",
    "shortcode_problems",
]


def rewrite_shortcodes(
    text: str,
    docname: str,
    config: Config,
    *,
    env: BuildEnvironment | None = None,
    params: Mapping[str, Any] | None = None,
    source: str = "",
    first_line: int = 1,
) -> str:
    """Rewrite the Hugo shortcodes of a Markdown body to MyST, keeping its line count.

    :param text: Markdown without front matter
    :param docname: the page the text ends up in (``ref`` links resolve from there)
    :param config: the Sphinx config (``callposts_shortcode_handlers``)
    :param env: the build environment, to resolve ``ref``/``relref`` to documents
    :param params: the page's front matter, for ``param``
    :param source: the file the text comes from, when it is not ``docname``'s source;
        warnings then name it
    :param first_line: the file line of the text's first line
    """

    def locate(line: int) -> Any:
        return f"{source}:{line}" if source else (docname, line)

    context = Context(
        docname=docname,
        warn=lambda message, line: warn(message, locate(line), "shortcode"),
        handlers=load_handlers(config.callposts_shortcode_handlers),
        params=normalise_keys(params or {}),
        find_doc=(lambda path: find_document(env, docname, path)) if env else (lambda path: None),
    )
    return rewrite(text, context, first_line)


def find_document(env: BuildEnvironment, docname: str, path: str) -> str | None:
    """A ``project:`` link target for a Hugo ``ref`` path, or ``None``.

    As Hugo does, a path is tried relative to the page, then from the root; and since
    the Hugo content folder may sit anywhere in the Sphinx project, a path that
    matches the end of exactly one document is found too.
    """
    path, _sep, anchor = path.partition("#")
    clean = path.strip().removesuffix("/")
    stem = re.sub(r"\.(md|markdown|rst|html)$", "", clean)
    folder = posixpath.dirname(docname)
    bases = [stem.lstrip("/")] if stem.startswith("/") else [posixpath.join(folder, stem), stem]
    candidates = [
        name
        for base in bases
        for name in (
            posixpath.normpath(base),
            posixpath.normpath(base) + "/index",
            posixpath.normpath(base) + "/_index",
        )
    ]
    found = next((name for name in candidates if name in env.found_docs), None)
    if found is None and stem.strip("/"):
        tail = "/" + stem.strip("/")
        matches = [
            name
            for name in sorted(env.found_docs)
            if f"/{name}".endswith(tail) or f"/{name}".endswith(tail + "/index")
        ]
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        return None
    relative = Path(env.doc2path(found)).relative_to(Path(env.srcdir)).as_posix()
    return f"project:/{relative}" + (f"#{anchor}" if anchor else "")


def import_handler(target: str) -> Any:
    """What ``"module:function"`` names; the caller checks that it is callable.

    :raises ImportError, AttributeError, ValueError: when it cannot be imported
    """
    module, _sep, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


_loaded: dict[tuple[tuple[str, str], ...], dict[str, Handler]] = {}


def load_handlers(spec: Mapping[str, str]) -> dict[str, Handler]:
    """Import the project's handlers (``{"name": "module:function"}``), once.

    One that cannot be imported gives a warning, and its shortcode stays unknown.
    """
    key = tuple(sorted((str(k), str(v)) for k, v in spec.items()))
    if key in _loaded:
        return _loaded[key]
    handlers = {}
    for name, target in key:
        try:
            handler = import_handler(target)
        except (ImportError, AttributeError, ValueError) as exc:
            warn(
                f"callposts_shortcode_handlers: cannot import {target!r} for {name!r}: {exc}",
                None,
                "config",
            )
            continue
        if callable(handler):
            handlers[name] = handler
        else:
            warn(f"callposts_shortcode_handlers: {target!r} is not a function", None, "config")
    _loaded[key] = handlers
    return handlers


def rewrite_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: rewrite a Markdown document's shortcodes, front matter skipped."""
    if not app.config.callposts_shortcodes or not is_markdown(app, docname):
        return
    text = source[0]
    if "{{" not in text:
        return
    front = read_front_matter(text)
    skip = front.lines
    lines = text.split("\n")
    body = "\n".join(lines[skip:])
    params = page_params(front.data, app.env.temp_data.get(TEMP_POST))
    rewritten = rewrite_shortcodes(
        body, docname, app.config, env=app.env, params=params, first_line=skip + 1
    )
    source[0] = "\n".join([*lines[:skip], rewritten])


def check_handlers(app: Sphinx, config: Config) -> None:
    """Import the handlers at ``config-inited``, so a bad entry is reported once per build."""
    _loaded.clear()
    load_handlers(config.callposts_shortcode_handlers)


def setup_shortcodes(app: Sphinx) -> None:
    """Register the ``source-read`` rewriter and the ``callposts-details`` directive."""
    app.connect("config-inited", check_handlers)
    app.connect("source-read", rewrite_source)
    setup_details(app)
