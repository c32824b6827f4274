"""The one writer of the files the extension puts beside Sphinx's pages: feeds, alias pages.

Each feature answers the ``callposts-output-files`` event with the files it wants. The
writer gives every path to one of them, never to a path that a page, an
``html_extra_path`` file or a file it did not write already holds (nor to a path inside,
or around, one of those), and warns, naming what holds the path, instead. Pages that a
feature has Sphinx write (tags and people pages) claim their path first, with
:func:`claim_page`. What it wrote is recorded in the output folder, per builder as
Sphinx's ``.buildinfo`` is, with a hash of each file, and so are the paths of the
build's pages: a later build removes only those of its files that still hold what it
wrote, and may replace them or a page that an earlier build wrote and no longer does.
The pages a feature has Sphinx write are recorded the same way, with what each showed
(:func:`made_page`): an unchanged one is not written again, a stale one is removed
only while it holds what Sphinx wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from ..core.permalinks import short_path
from .config import warn
from .store import view_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..core.oldurls import Redirect

_ = get_translation("sphinx_callposts")

#: the builders whose output is a tree of files that a web server serves
HTML_BUILDERS = frozenset({"html", "dirhtml"})
#: the event whose handlers return the :class:`OutputFile` objects they want written
OUTPUT_FILES = "callposts-output-files"
#: the record of the files written, in the output folder
RECORD = ".callposts-files"


@dataclass(frozen=True)
class OutputFile:
    """A file that a feature wants under the output folder.

    :param path: the file under the output folder, ``/``-separated
    :param text: what it holds
    :param name: how a warning names it, e.g. ``the feed calls/atom.xml``
    :param location: where the warning goes when it cannot be written, and where it comes from
    :param subtype: the warning's ``callposts.<subtype>``
    :param rank: files of a lower rank take a contested path first
    """

    path: str
    text: str
    name: str
    location: tuple[str, int] | str
    subtype: str
    rank: int = 0


@dataclass(frozen=True)
class MadePage:
    """A page that a feature had Sphinx write (the tags and people pages), as recorded.

    :param stamp: what the page showed, as its feature hashes it; ``""`` while it is
        being written again
    :param hashes: the hashes of its file as written (while it is being written again,
        the earlier one's)
    """

    stamp: str
    hashes: frozenset[str] = frozenset()


@dataclass
class Record:
    """What earlier builds wrote.

    :param files: ``path -> hashes`` of the extension's files
    :param pages: the paths of the pages Sphinx wrote
    :param leftovers: ``path -> hash`` of the pages an earlier build wrote and no
        document writes any more, as they were when their document went
    :param made: the pages that features had Sphinx write (:func:`made_page`)
    """

    files: dict[str, set[str]] = field(default_factory=dict)
    pages: set[str] = field(default_factory=set)
    leftovers: dict[str, str] = field(default_factory=dict)
    made: dict[str, MadePage] = field(default_factory=dict)


def output_path(builder: Builder, docname: str) -> str:
    """The page's file under the output folder, ``/``-separated."""
    # string slicing, not Path.relative_to: this runs for every page of a build
    outfile = str(builder.get_outfilename(docname))  # type: ignore[attr-defined]  # html family
    outdir = str(builder.outdir)
    return outfile[len(outdir) :].lstrip(os.sep).replace(os.sep, "/")


class OutputFolder:
    """The output folder, whose folders' real paths are looked up once each.

    A build's feeds, calendars and redirect pages sit in a few hundred folders: looking
    up each file's whole path again, link by link, was most of an incremental build.
    """

    def __init__(self, outdir: str | Path) -> None:
        self.root = Path(outdir).resolve()
        self._real: dict[str, Path] = {"": self.root}

    def inside(self, relpath: str) -> Path | None:
        """The file ``relpath`` names, or None when it would leave the folder."""
        if not relpath or "\0" in relpath or PurePosixPath(relpath).is_absolute():
            return None
        folder, _sep, name = relpath.rpartition("/")
        try:
            real = self._real.get(folder)
            if real is None:
                real = self._real[folder] = (self.root / folder).resolve()
            target = real / name
            if name in ("", ".", "..") or target.is_symlink():
                target = target.resolve()
        except (OSError, ValueError):
            return None
        if target == self.root or not target.is_relative_to(self.root):
            return None
        return target


def inside(outdir: str | Path, relpath: str) -> Path | None:
    """The file ``relpath`` names under ``outdir``, or None when it would leave it."""
    return OutputFolder(outdir).inside(relpath)


def write_output(outdir: str | Path | OutputFolder, relpath: str, text: str | bytes) -> bool:
    """Write ``text`` to ``relpath`` under ``outdir``; refuse any path that leaves it.

    An unchanged file is left alone, so that its date stays that of the change; a
    changed one is replaced at once, never left half written.

    :returns: whether the file now holds ``text``
    """
    folder = outdir if isinstance(outdir, OutputFolder) else OutputFolder(outdir)
    target = folder.inside(relpath)
    if target is None:
        return False
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        if holds(target, data):
            return True
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.callposts-tmp")
        partial.write_bytes(data)
        partial.replace(target)
    except (OSError, ValueError):  # ValueError: a name the file system cannot encode
        return False
    return True


def holds(target: Path, data: bytes) -> bool:
    """Whether a file holds ``data`` already (its size first: most changes change it)."""
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except (OSError, ValueError):
        return False


def digest(data: bytes) -> str:
    """The hash the record keeps of a file."""
    return hashlib.sha256(data).hexdigest()


def read_record(outdir: str | Path) -> Record:
    """What earlier builds wrote (or were about to write)."""
    try:
        text = (Path(outdir) / RECORD).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Record()
    try:
        saved = json.loads(text)
        files, pages = saved["files"], saved.get("pages", ())
        leftovers, made = saved.get("leftovers", {}), saved.get("made", {})
        return Record(
            {str(path): {str(hashed) for hashed in hashes} for path, hashes in files.items()},
            {str(path) for path in pages},
            {str(path): str(hashed) for path, hashed in leftovers.items()},
            {
                str(path): MadePage(str(stamp), frozenset(map(str, hashes)))
                for path, (stamp, hashes) in made.items()
            },
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return _read_lines(text)


def _read_lines(text: str) -> Record:
    """The record as releases before 0.2 wrote it, one ``hash path`` a line."""
    record = Record()
    for line in text.splitlines():
        hashed, _sep, path = line.partition(" ")
        if path:
            record.files.setdefault(path, set()).add(hashed)
    return record


def save_record(outdir: str | Path, record: Record) -> None:
    """Replace the record at once: a build killed here leaves the old or the new one."""
    # JSON, not lines: a file name may hold any character, a line break included
    saved = {
        "files": {path: sorted(hashes) for path, hashes in sorted(record.files.items())},
        "pages": sorted(record.pages),
        "leftovers": dict(sorted(record.leftovers.items())),
        "made": {
            path: [page.stamp, sorted(page.hashes)] for path, page in sorted(record.made.items())
        },
    }
    write_output(outdir, RECORD, json.dumps(saved, indent=0))


def owned(path: Path, record: Record, relpath: str) -> bool:
    """Whether the file holds what this extension wrote there."""
    try:
        return path.is_file() and digest(path.read_bytes()) in record.files.get(relpath, ())
    except (OSError, ValueError):
        return False


def parents(relpath: str) -> Iterator[str]:
    """The folders of a path, innermost first: ``a/b/c`` -> ``a/b``, ``a``."""
    folder = posixpath.dirname(relpath)
    while folder:
        yield folder
        folder = posixpath.dirname(folder)


class Claims:
    """Which paths of the output folder are taken, and by what.

    The pages' paths are added on first use (:func:`claims_of`), once the builder knows
    them, and the features' as they claim theirs.
    """

    def __init__(self) -> None:
        #: the pages and ``html_extra_path`` files are in
        self.filled = False
        self.files: dict[str, str] = {}
        self.folders: dict[str, str] = {}
        #: the paths of the pages Sphinx writes, documents or not
        self.pages: set[str] = set()
        #: ``(path, holder, docname)`` of every document whose page another one's overwrites
        self.clashes: list[tuple[str, str, str]] = []

    def add(self, relpath: str, holder: str) -> None:
        """Note that ``holder`` (a description for warnings) takes ``relpath``."""
        self.files.setdefault(relpath, holder)
        for folder in parents(relpath):
            self.folders.setdefault(folder, holder)

    def holder(self, relpath: str) -> str:
        """What takes the path, a folder around it or a file inside it; ``""`` when free."""
        if relpath in self.files:
            return self.files[relpath]
        if relpath in self.folders:
            return self.folders[relpath]
        return next((self.files[f] for f in parents(relpath) if f in self.files), "")


@dataclass
class OutputState:
    """What the writing of one build settles as it goes, kept in its :class:`.view.BuildView`.

    :param claims: the paths of the output folder taken so far
    :param redirects: the old URLs' redirects, once resolved (they warn, once a build)
    :param made: ``path -> stamp`` of the pages features have Sphinx write (:func:`made_page`)
    :param rewritten: those of them that Sphinx writes again
    :param made_before: the pages that the last build made, as recorded
    :param pages_made: the features had their pages made in this build (a build that
        finds nothing out of date writes no page, and before Sphinx 8 makes none)
    """

    claims: Claims = field(default_factory=Claims)
    redirects: tuple[Redirect, ...] | None = None
    made: dict[str, str] = field(default_factory=dict)
    rewritten: set[str] = field(default_factory=set)
    made_before: dict[str, MadePage] | None = None
    pages_made: bool = False


def add_page_claims(app: Sphinx, claims: Claims) -> None:
    """Add the paths of Sphinx's pages and of the ``html_extra_path`` files."""
    builder, env = app.builder, app.env
    for docname in sorted(env.found_docs):
        source = os.path.relpath(env.doc2path(docname), env.srcdir).replace(os.sep, "/")
        relpath = output_path(builder, docname)
        if relpath in claims.pages:
            # dirhtml writes a/b.md and a/b/index.md to the same a/b/index.html
            claims.clashes.append((relpath, claims.files[relpath], docname))
        claims.add(relpath, _("the page {path}").format(path=f"{source}:1"))
        claims.pages.add(relpath)
    for pagename in sphinx_pages(app):
        relpath = output_path(builder, pagename)
        claims.add(relpath, _("Sphinx's page {path}").format(path=relpath))
        claims.pages.add(relpath)
    for relpath, source in extra_files(app):
        claims.add(relpath, _("the file {path} (html_extra_path)").format(path=source))
    claims.filled = True


def sphinx_pages(app: Sphinx) -> list[str]:
    """The pages Sphinx writes besides the documents: indices, search, additional pages."""
    builder, config = app.builder, app.config
    pages = list(getattr(config, "html_additional_pages", {}))
    if getattr(builder, "search", False):
        pages.append("search")
    if builder.get_builder_config("use_index", "html"):
        pages += ["genindex", "genindex-all"] if config.html_split_index else ["genindex"]
    pages += [name for name, *_rest in getattr(builder, "domain_indices", ())]
    return pages


def claims_of(app: Sphinx) -> Claims:
    """The paths taken so far in this build: pages, ``html_extra_path`` files, and
    pages claimed by the features."""
    claims = view_of(app.env).output.claims
    # the HTML builder knows its index pages once it prepares writing, after the view
    if not claims.filled:
        add_page_claims(app, claims)
    return claims


def is_free(app: Sphinx, relpath: str) -> bool:
    """Whether no page and no ``html_extra_path`` file holds the path (or one inside it)."""
    return not claims_of(app).holder(relpath)


def claim_page(app: Sphinx, relpath: str, holder: str) -> str:
    """Take ``relpath`` for a page that a feature has Sphinx write (``html-collect-pages``).

    Called before the page is handed to Sphinx, in the process that writes it.

    :param holder: how a warning names the page and where it comes from,
        e.g. ``the page of tag 'foo' (calls/a.md:4)``
    :returns: ``""`` when the path is now the page's, else what already holds it:
        the page must then not be written
    """
    claims = claims_of(app)
    taken = claims.holder(relpath) or name_problem(relpath)
    if not taken:
        claims.add(relpath, holder)
        claims.pages.add(relpath)
    return taken


def made_page(app: Sphinx, relpath: str, stamp: str) -> bool:
    """Note a page that a feature has Sphinx write in this build, its path claimed first
    (:func:`claim_page`); :func:`forget_stale_pages` is called once all are noted.

    :param stamp: what the page shows, hashed: the page is written again when it changes
    :returns: whether Sphinx must write it: not when the last build wrote it showing
        ``stamp`` and its file still holds what was written
    """
    output = view_of(app.env).output
    if output.made_before is None:
        output.made_before = read_record(app.builder.outdir).made
    output.made[relpath] = stamp
    last = output.made_before.get(relpath)
    if last and last.stamp == stamp and _digest_of(app.builder.outdir, relpath) in last.hashes:
        return False
    output.rewritten.add(relpath)
    return True


def forget_stale_pages(app: Sphinx) -> list[str]:
    """Remove the pages that the last build made and this one does not, each while it
    holds what was written, and record this build's before Sphinx writes them.

    A page whose file a page of the project or an ``html_extra_path`` file now takes is
    left to it.

    :returns: the stale pages kept because their file changed since it was written
    """
    outdir, output = app.builder.outdir, view_of(app.env).output
    output.pages_made = True
    record = read_record(outdir)
    before = record.made
    claims = claims_of(app)
    record.made = {}
    for path in output.made:
        last = before.get(path, MadePage(""))
        # until Sphinx has written it again, the file is known by the earlier hashes
        record.made[path] = MadePage("", last.hashes) if path in output.rewritten else last
    save_record(outdir, record)
    kept = []
    folder = OutputFolder(outdir)
    for path, page in sorted(before.items()):
        if path in output.made or claims.holder(path):
            continue  # most of them: looked up on disk only when stale
        target = folder.inside(path)
        if target is None or not target.is_file():
            continue
        if _digest_of(outdir, path) in page.hashes:
            remove_output(outdir, path)
        else:
            kept.append(path)
    return kept


def written_pages(app: Sphinx, before: Record) -> dict[str, MadePage]:
    """The record of the pages features had Sphinx write, once it has written them."""
    output = view_of(app.env).output
    if not output.pages_made:
        return dict(before.made)  # this build made none: the last build's stay
    made = {}
    for path, stamp in output.made.items():
        hashed = _digest_of(app.builder.outdir, path)
        if path in output.rewritten:
            made[path] = MadePage(stamp, frozenset({hashed} if hashed else ()))
        elif path in before.made:
            made[path] = before.made[path]
    return made


def name_problem(relpath: str) -> str:
    """Why no file system holds a path, ``""`` when one does."""
    if any(ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF for char in relpath):
        return _("a path no file system holds")
    if short_path(relpath) != relpath:
        return _("a name longer than a file system allows")
    return ""


def extra_files(app: Sphinx) -> Iterator[tuple[str, str]]:
    """``(path under the output folder, source)`` of every ``html_extra_path`` file."""
    confdir = Path(app.confdir)
    for entry in getattr(app.config, "html_extra_path", ()):
        root = confdir / entry
        if root.is_file():
            yield root.name, str(entry)
            continue
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                yield path.relative_to(root).as_posix(), os.path.relpath(path, confdir)


def remove_output(outdir: str | Path, relpath: str) -> None:
    """Remove a file of the output folder, and the folders that only held it."""
    root = Path(outdir).resolve()
    target = inside(root, relpath)
    if target is None:
        return
    try:
        target.unlink()
        for folder in target.parents:
            if folder == root or not folder.is_relative_to(root) or any(folder.iterdir()):
                break
            folder.rmdir()
    except OSError:
        pass


def write_files(app: Sphinx, exception: Exception | None) -> None:
    """Write what the features want, at the end of an HTML or dirhtml build."""
    builder = app.builder
    if exception or builder.name not in HTML_BUILDERS:
        return
    wanted: list[OutputFile] = [file for files in app.emit(OUTPUT_FILES) for file in files or ()]
    outdir = builder.outdir
    folder = OutputFolder(outdir)
    claims = claims_of(app)
    warn_clashes(claims)
    chosen = choose(app, wanted, claims, folder)
    before = read_record(outdir)
    texts = {file.path: file.text.encode("utf-8", "surrogatepass") for file in chosen}
    hashes = {path: digest(data) for path, data in texts.items()}
    # until this build is done, its files and the earlier ones are both known as its own
    during = Record({path: set(hashed) for path, hashed in before.files.items()})
    for path, hashed in hashes.items():
        during.files.setdefault(path, set()).add(hashed)
    during.pages = before.pages | claims.pages
    during.leftovers = leftovers = leftover_pages(outdir, before, claims)
    during.made = before.made
    if during != before:
        save_record(outdir, during)
    for path in sorted(set(before.files) - set(texts)):
        target = folder.inside(path)
        if target is not None and owned(target, before, path):
            remove_output(outdir, path)
    after = Record(pages=set(claims.pages), made=written_pages(app, before))
    for file in chosen:
        data = texts[file.path]
        target = folder.inside(file.path)
        # a file that holds what this build writes is the build's, whoever wrote it
        if target is not None and holds(target, data):
            after.files[file.path] = {hashes[file.path]}
        elif problem := obstacle(outdir, file.path, before, leftovers):
            refuse(file, problem)
        elif write_output(folder, file.path, data):
            after.files[file.path] = {hashes[file.path]}
        else:
            refuse(file, _("cannot be written to {path}").format(path=file.path))
    after.leftovers = {
        path: hashed for path, hashed in leftovers.items() if path not in after.files
    }
    if after != during:
        save_record(outdir, after)


def leftover_pages(outdir: str | Path, before: Record, claims: Claims) -> dict[str, str]:
    """``path -> hash`` of the pages of earlier builds that no document writes any more.

    Hashed when their document goes, so that a later build replaces one only while it
    holds what Sphinx wrote, never a file someone changed since.
    """
    leftovers = {
        path: hashed
        for path, hashed in before.leftovers.items()
        if path not in claims.pages and _digest_of(outdir, path) == hashed
    }
    for path in sorted(before.pages - claims.pages - set(leftovers)):
        hashed = _digest_of(outdir, path)
        if hashed:
            leftovers[path] = hashed
    return leftovers


def choose(
    app: Sphinx, wanted: Iterable[OutputFile], claims: Claims, folder: OutputFolder
) -> list[OutputFile]:
    """The files to write: each takes its path unless a page or another file has it."""
    chosen: list[OutputFile] = []
    for file in sorted(wanted, key=lambda file: (file.rank, file.path)):
        holder = claims.holder(file.path)
        problem = name_problem(file.path)
        if problem:
            refuse(file, _("has {problem}").format(problem=problem))
        elif holder:
            refuse(file, _("collides with {holder}").format(holder=holder))
        elif folder.inside(file.path) is None:
            refuse(file, _("escapes the output folder"))
        else:
            chosen.append(file)
            claims.add(file.path, f"{file.name} ({_place(app, file.location)})")
    return chosen


def obstacle(outdir: str | Path, relpath: str, before: Record, leftovers: dict[str, str]) -> str:
    """Why a file on disk keeps the extension from writing ``relpath``, ``""`` if none does."""
    target = Path(outdir, relpath)
    try:
        blocking = next((f for f in parents(relpath) if Path(outdir, f).is_file()), "")
        if target.is_dir():
            return _("collides with the folder {path}").format(path=relpath)
        if target.exists() and not owned(target, before, relpath):
            if relpath in leftovers:
                return ""  # a page of an earlier build, of a document gone since
            return _(
                "collides with the file {path}, which the extension did not write "
                "(remove it, or build into an empty output folder, to have it written)"
            ).format(path=relpath)
    except (OSError, ValueError) as error:
        return _("cannot be written to {path} ({error})").format(path=relpath, error=error)
    if blocking:
        return _("collides with the file {path}").format(path=blocking)
    return ""


def warn_clashes(claims: Claims) -> None:
    """Warn about the documents that the builder writes to the same file."""
    for relpath, holder, docname in claims.clashes:
        warn(
            _(
                "this page and {holder} are both written to {path}: one overwrites the "
                "other; rename or move one of them"
            ).format(holder=holder, path=relpath),
            (docname, 1),
            "collision",
        )


def _digest_of(outdir: str | Path, relpath: str) -> str:
    """The hash of a file of the output folder, ``""`` when there is none."""
    try:
        return digest(Path(outdir, relpath).read_bytes())
    except (OSError, ValueError):
        return ""


def refuse(file: OutputFile, problem: str) -> None:
    """Warn that a file is not written, and why."""
    warn(
        _("{name} {problem}; not written").format(name=file.name, problem=problem),
        file.location,
        file.subtype,
    )


def _place(app: Sphinx, location: tuple[str, int] | str) -> str:
    """``file:line`` of a warning's location, the file relative to the source folder."""
    if isinstance(location, tuple):
        source = os.path.relpath(app.env.doc2path(location[0]), app.env.srcdir)
        return f"{source.replace(os.sep, '/')}:{location[1]}"
    return str(location)


def setup_writer(app: Sphinx) -> None:
    """Register the event the features answer and write their files when a build finishes."""
    app.add_event(OUTPUT_FILES)
    app.connect("build-finished", write_files)
