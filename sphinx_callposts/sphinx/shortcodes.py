"""Hugo shortcodes rewritten to MyST at ``source-read``, line numbers kept.

The grammar and the rewriting are the core's (:mod:`sphinx_callposts.core.shortcodes`);
this module feeds them the page: its front matter for ``param``, the documents that
``ref`` links find, the project's own handlers, and located warnings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.bundles import bundle_resource
from ..core.frontmatter import FrontMatter, read_front_matter
from ..core.post import normalise_keys
from ..core.shortcodes import Context, Handler, import_handlers, page_params, rewrite
from ..core.shortcodes.refs import old_site_path, ref_document
from .config import config_location, warn

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..core.post import Post

#: what the rewriting can use, and the extension that brings it
_FEATURES = {"mermaid": "sphinxcontrib.mermaid", "tabs": "sphinx_design"}

__all__ = [
    "find_document",
    "has_rewritable",
    "load_handlers",
    "rewrite_shortcodes",
    "setup_shortcodes",
]


def has_rewritable(text: str) -> bool:
    """Whether a Markdown text may hold a shortcode, a GitHub alert or a mermaid fence."""
    return "{{" in text or "[!" in text or "mermaid" in text


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

    page = Path(source) if source else Path(env.doc2path(docname)) if env else None

    def find_resource(name: str) -> str | None:
        found = bundle_resource(page, name) if page else None
        if found is None or env is None:
            return None
        folder = Path(env.doc2path(docname)).parent
        return Path(os.path.relpath(found, folder)).as_posix()

    context = Context(
        docname=docname,
        warn=lambda message, line: warn(message, locate(line), "shortcode"),
        handlers=load_handlers(config.callposts_shortcode_handlers),
        params=normalise_keys(params or {}),
        find_doc=(lambda path: find_document(env, docname, path)) if env else (lambda path: None),
        find_resource=find_resource,
        features=frozenset(
            feature
            for feature, extension in _FEATURES.items()
            if extension in getattr(config, "extensions", ())
        ),
    )
    return rewrite(text, context, first_line)


def find_document(env: BuildEnvironment, docname: str, path: str) -> str | None:
    """A ``project:`` link target for a Hugo ``ref`` path (:func:`ref_document`), or ``None``.

    With ``callposts_site_url``, a path from the content root that no document answers
    is the old site's page: its site-absolute URL, which :mod:`.links` sends there.
    """
    found = ref_document(docname, path, env.found_docs, env.config.callposts_hugo_paths)
    if found is None:
        return old_site_path(path) or None if env.config.callposts_site_url else None
    anchor = path.partition("#")[2]
    relative = Path(env.doc2path(found)).relative_to(Path(env.srcdir)).as_posix()
    return f"project:/{relative}" + (f"#{anchor}" if anchor else "")


_loaded: dict[tuple[tuple[str, str], ...], dict[str, Handler]] = {}


def load_handlers(spec: Mapping[str, str], location: str | None = None) -> dict[str, Handler]:
    """Import the project's handlers (``{"name": "module:function"}``), once.

    One that cannot be imported gives a warning, and its shortcode stays unknown.

    :param location: where ``conf.py`` sets them, for the warnings
    """
    key = tuple(sorted((str(k), str(v)) for k, v in spec.items()))
    if key in _loaded:
        return _loaded[key]
    handlers, problems = import_handlers(spec)
    for problem in problems:
        warn(problem, location, "config")
    _loaded[key] = handlers
    return handlers


def rewrite_body(
    app: Sphinx, docname: str, text: str, post: Post | None = None, front: FrontMatter | None = None
) -> str:
    """A Markdown page with its shortcodes rewritten, its front matter left alone.

    :param post: the post the page is, if it is one, for ``param``
    :param front: the page's front matter, when it has been read already
    """
    # the fast path: nothing to rewrite
    if not app.config.callposts_shortcodes or not has_rewritable(text):
        return text
    front = front or read_front_matter(text)
    lines = text.split("\n")
    body = "\n".join(lines[front.lines :])
    rewritten = rewrite_shortcodes(
        body, docname, app.config, env=app.env,
        params=page_params(front.data, post), first_line=front.lines + 1,
    )  # fmt: skip
    return "\n".join([*lines[: front.lines], rewritten])


def check_handlers(app: Sphinx, config: Config) -> None:
    """Import the handlers at ``config-inited``, so a bad entry is reported once per build."""
    _loaded.clear()
    location = config_location(app, "callposts_shortcode_handlers")
    load_handlers(config.callposts_shortcode_handlers, location)


def setup_shortcodes(app: Sphinx) -> None:
    """Import the project's handlers once per build."""
    app.connect("config-inited", check_handlers)
