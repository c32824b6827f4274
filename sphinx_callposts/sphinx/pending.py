"""Pages still to rewrite, kept on disk until they are written: a killed build loses none.

Sphinx saves the environment after reading and before writing. The pages the extension
asks to rewrite (listings, neighbours, sections) only differ from what is on disk in
memory: a build killed while writing would leave them stale for good, since the next
build sees nothing new. So each build notes, beside the saved environment (one note per
builder, as builders that share it write different pages), every page it reads or asks
to rewrite, before writing any, and forgets them once the build has finished; a build
that finds the note rewrites them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .store import store_of
from .writer import write_output

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the event whose handlers return the pages that must be rewritten in this build
PAGES_TO_REWRITE = "callposts-pages-to-rewrite"
#: the note of the pages still to write, in the doctree folder, by builder
PENDING = "callposts-pending-{builder}.txt"


def _note(app: Sphinx) -> Path:
    return Path(app.doctreedir) / PENDING.format(builder=app.builder.name)


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember the documents this build reads: they are written later, or must be."""
    store_of(env).reading = set(docnames)


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the features' pages to rewrite, and those a killed build left."""
    pages = {page for found in app.emit(PAGES_TO_REWRITE, env) for page in found or ()}
    pages = (pages | _left(app)) & env.found_docs
    reading = store_of(env).reading
    # written before the environment is saved, so a kill at any later point finds it
    # JSON, not lines or words: a document's name may hold a space or a line break
    note = _note(app)
    write_output(note.parent, note.name, json.dumps(sorted(pages | reading), indent=0))
    return sorted(pages)


def _left(app: Sphinx) -> set[str]:
    """The pages that a killed build left unwritten."""
    try:
        text = _note(app).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return set()
    try:
        left = json.loads(text)
    except ValueError:
        left = None
    if not isinstance(left, list):  # as releases before 0.2 wrote it, a name a line
        return set(text.splitlines())
    return {name for name in left if isinstance(name, str)}


def forget_written(app: Sphinx, exception: Exception | None) -> None:
    """Every page is written: nothing is pending any more."""
    if exception is None:
        _note(app).unlink(missing_ok=True)


def forget_before_packing(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """HTML builders: every document is written; forget them before the output is packed.

    EPUB packs the output folder next, before the build finishes, and with it the doctree
    folder when that lies inside (``sphinx-build -b epub SRC OUT``), where the note would
    be one more file of unknown type.
    """
    _note(app).unlink(missing_ok=True)
    return []


def setup_pending(app: Sphinx) -> None:
    """Register the event the features answer, and keep its pages until written."""
    app.add_event(PAGES_TO_REWRITE)
    app.connect("env-before-read-docs", note_reading, priority=900)
    app.connect("env-get-updated", pages_to_rewrite)
    # before the files of the extension are written, which do not depend on it
    app.connect("build-finished", forget_written, priority=900)
    app.connect("html-collect-pages", forget_before_packing)
