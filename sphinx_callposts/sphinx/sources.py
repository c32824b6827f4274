"""The sources Sphinx reads: posts that are not UTF-8 left out, and the posts read first.

Sphinx reads every source strictly as UTF-8, and one undecodable byte in one post ends
the whole build. Before the documents are read, each post and section page to read is
checked: one that does not decode is left out of the build (a toctree that names it
warns, as for any missing page).

Sphinx purges each document before reading it, and its toctree collector's purge copies
its record of every page that the toctrees read so far name. When a toctree of every
post (the root's glob, a section page) is read before the posts, each post's purge
copies all of them, and that garbage makes Python's collector walk the whole heap again
and again: reading grows as the square of the posts (half the CPU time of a plain
10,000-post build). Reading the posts first leaves the long copies to the few pages
read after them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.bundles import POST
from .config import warn
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def leave_out_undecodable(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Drop the posts and section pages that Sphinx could not decode from the build."""
    kinds = store_of(env).kinds
    encoding = app.config.source_encoding
    for docname in [name for name in docnames if name in kinds]:
        problem = _undecodable(Path(env.doc2path(docname)), encoding)
        if problem:
            line, exc = problem
            warn(
                f"the file is not {encoding} ({exc}); it is left out of the build",
                (docname, line),
                "source",
            )
            docnames.remove(docname)
            env.project.docnames.discard(docname)


def _undecodable(path: Path, encoding: str) -> tuple[int, Exception] | None:
    """``(line, error)`` where the file stops decoding, or None (unreadable: Sphinx says so)."""
    try:
        data = path.read_bytes()
        data.decode(encoding)
    except OSError:
        return None
    except (UnicodeDecodeError, LookupError) as exc:
        return data[: getattr(exc, "start", 0)].count(b"\n") + 1, exc
    return None


def read_posts_first(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Read the posts before the other pages, each group in Sphinx's order."""
    kinds = store_of(env).kinds
    docnames.sort(key=lambda name: kinds.get(name) != POST)


def setup_sources(app: Sphinx) -> None:
    """Check the posts to read, and order them, before Sphinx reads them."""
    app.connect("env-before-read-docs", leave_out_undecodable, priority=100)
    app.connect("env-before-read-docs", read_posts_first)
