"""``sphinx-callposts check PATH...``: check posts before a build.

The same code as the extension reads the front matter and rewrites the Hugo shortcodes,
and the project's ``conf.py`` says which files are posts and which shortcodes the site
adds, so what passes here builds without a warning from the extension.
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass, field, replace
from datetime import timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .core.bundles import POST, SECTION
from .core.conf import CONF_FILE, CONFIG_VALUES, ConfError, Project, find_confdir, setting_line
from .core.confine import RefusedFileError, read_confined, real_folders
from .core.events import load_zone
from .core.frontmatter import read_front_matter
from .core.listing_options import listed_folder
from .core.markdown import embedded_files, h1_title, headings, starts_with_h1
from .core.oldurls import (
    OldPage,
    OldURL,
    answering_page,
    old_urls,
    resolve,
    site_paths_of,
    unanswered_link,
)
from .core.people import (
    PEOPLE_FILE,
    People,
    known_people,
)
from .core.permalinks import untitled_title
from .core.pictures import first_image, missing_picture, missing_site_image
from .core.post import RECORDING_KEYS, Problem, normalise_keys, now, read_post
from .core.scan import gives_no_date, no_date_message
from .core.selection import ListingSpec, PostsByFolder
from .core.shortcodes import import_handler, import_handlers, page_params, shortcode_problems
from .core.taxonomy import clash_message, term_keys, term_pages
from .core.video import parse_video
from .page_markup import page_markup_problems

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
    from datetime import tzinfo

    from .core.frontmatter import FrontMatter
    from .core.post import Post
    from .core.shortcodes import Handler
    from .page_markup import EmptyListing, MissingImage, UnansweredLink

    #: the build's warning for a post's picture, from its URL and the post's folder
    MissingPicture = Callable[[str, Path], str]

SECTION_NAMES = {"_index.md"}
#: a Markdown document of the project that is neither a post nor a section page
DOCUMENT = "document"
_BARE_RST_CALLPOST = re.compile(r"^[ \t]*\.\.[ \t]+callpost::[ \t]*$", re.MULTILINE)
#: the type at the end of a problem, as the build's warning shows it: ``[callposts.url]``
_WARNING_TYPE = re.compile(r"\[([\w-]+)(?:\.([\w-]+))?\]$")

EXIT_CODES = """\
exit codes:
  0  no problem
  1  problems, each printed as 'file:line: message [callposts.<type>]'
  2  usage error: an unknown option, a path that does not exist, a conf.py that fails
"""


def problems_in(
    path: Path,
    handlers: Mapping[str, Handler] | None = None,
    *,
    section: bool | None = None,
    shortcodes: bool = True,
    embed_paths: Iterable[str] = (),
    page: bool = True,
    refs: Refs | None = None,
    missing_image: MissingImage | None = None,
    missing_picture: MissingPicture | None = None,
) -> Iterator[tuple[int, str]]:
    """``(line, message)`` for each problem of one Markdown file.

    :param handlers: the site's own shortcode handlers, by name
    :param section: whether the file is a section page (default: named ``_index.md``)
    :param shortcodes: whether the build rewrites shortcodes (``callposts_shortcodes``)
    :param embed_paths: the folders besides the source folder that ``{callpost}`` may read
    :param page: whether the file is a post or section page; any other Markdown document
        is checked for what the build checks there, its shortcodes and embedded files
    :param refs: where ``ref`` shortcodes look; without it, every target is taken as found
    :param missing_image: the build's warning for an image from the site's root that it
        will not find; ``None``: images are not checked
    :param missing_picture: the build's warning for a post's picture (``images``) that it
        will not find, from the picture's URL and the post's folder; ``None``: not checked
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        yield 1, f"cannot read: {exc}"
        return
    if path.suffix == ".rst":
        yield from rst_problems(text)
        return
    embeds = Embeds(path, embed_paths)
    yield from embeds.unreadable(text)
    for line, chain in embeds.cycles(text):
        names = " -> ".join(os.path.relpath(link, path.parent) for link in chain)
        yield line, f"the post embeds itself ({names}); skipped [callposts.directive]"
    if section is None:
        section = path.name in SECTION_NAMES
    front, post, problems = read_post(path.stem, text, section=section)
    # as in a build: a page whose {callpost} brings the post is checked through that file
    if page and (front.format or not embedded_files(text)):
        if not section:
            problems += recording_problems(front, post)
            if missing_picture and (message := missing_picture(picture_of(front), path.parent)):
                problems.append(Problem(front.line_of("images"), "image", message))
        for problem in problems:
            yield problem.line, f"{problem.message} [callposts.{problem.subtype}]"
    if shortcodes and "{{" in text:
        body = "\n".join(text.split("\n")[front.lines :])
        params = page_params(front.data, post if front.format else None)
        for line, message in shortcode_problems(
            body,
            handlers=handlers,
            params=params,
            first_line=front.lines + 1,
            docname=refs.docname if refs else "",
            docnames=refs.docnames if refs else None,
            old_site=bool(refs and refs.old_site),
            hugo_paths=refs.hugo_paths if refs else None,
            page=path,
        ):
            yield line, f"{message} [callposts.shortcode]"
    yield from page_markup_problems(
        text,
        front,
        post,
        handlers=handlers,
        shortcodes=shortcodes,
        docname=refs.docname if refs else None,
        why_empty=refs.why_empty if refs else None,
        missing_image=missing_image if page else None,
        unanswered_link=refs.unanswered_link if refs else None,
    )


@dataclass(frozen=True)
class Refs:
    """What ``ref`` shortcodes of a page find: the project's documents, the old site.

    :param docname: the page, from which relative ``ref`` paths start
    :param docnames: every document of the project
    :param old_site: ``callposts_site_url`` is set, so a path no document answers goes there
    :param why_empty: why a ``{callposts}`` listing of the page shows no post
    :param hugo_paths: ``callposts_hugo_paths``: where the docs' folders were in Hugo
    :param unanswered_link: the build's warning for a site-absolute link that no page
        answers; ``None``: such links go to the old site, and are not checked
    """

    docname: str
    docnames: Collection[str]
    old_site: bool
    why_empty: EmptyListing | None = None
    hugo_paths: Mapping[str, str] = field(default_factory=dict)
    unanswered_link: UnansweredLink | None = None


class Embeds:
    """The files a page's ``{callpost}`` directives name, found as a build finds them.

    Every file is found from the page's folder, or from the source folder (the one with
    ``conf.py``) for a path that starts with ``/``, and read only where the build reads it
    (:func:`..core.confine.read_confined`).

    :param embed_paths: the project's ``callposts_embed_paths``
    """

    def __init__(self, path: Path, embed_paths: Iterable[str] = ()) -> None:
        self.start = path.resolve()
        self.srcdir = find_confdir(self.start) or self.start.parent
        self.folders = real_folders([self.srcdir, *(self.srcdir / p for p in embed_paths)])

    def target(self, page: Path, argument: str) -> Path:
        if argument.startswith("/"):
            return (self.srcdir / argument.lstrip("/")).resolve()
        return (page.parent / argument).resolve()

    def unreadable(self, text: str) -> Iterator[tuple[int, str]]:
        """``(line, message)`` for each embedded file that the build cannot read."""
        for line, argument in embedded_files(text):
            if problem := self.read(self.target(self.start, argument))[1]:
                yield line, f"cannot read the post {argument!r}: {problem} [callposts.directive]"

    def read(self, path: Path) -> tuple[str, str]:
        """``(text, "")`` of a file to embed, or ``("", why it is not read)``."""
        try:
            return read_confined(path, self.folders), ""
        except (RefusedFileError, OSError, UnicodeDecodeError) as exc:
            return "", str(exc)

    def cycles(self, text: str) -> Iterator[tuple[int, list[Path]]]:
        """``(line, files)`` for each ``{callpost}`` of the page that leads back to it."""
        for line, argument in embedded_files(text):
            # a walk with a stack of its own: embedded files may nest without end
            stack, seen = [[self.start, self.target(self.start, argument)]], set()
            while stack:
                chain = stack.pop()
                if chain[-1] == self.start:
                    yield line, chain
                    break
                if chain[-1] in seen:
                    continue
                seen.add(chain[-1])
                inner = self.read(chain[-1])[0]
                stack.extend(
                    [*chain, self.target(chain[-1], arg)] for _line, arg in embedded_files(inner)
                )


def picture_of(front: FrontMatter) -> str:
    """The first entry of a post's ``images``, its picture, as the build reads it."""
    return first_image(normalise_keys(front.data).get("images"))


def recording_problems(front: FrontMatter, post: Post) -> list[Problem]:
    """The post's own problems that its build finds: no date, a recording that is none."""
    problems = []
    if gives_no_date(front):
        problems.append(Problem(1, "date", no_date_message(post)))
    if post.recording:
        try:
            parse_video(post.recording)
        except ValueError as exc:
            problems.append(Problem(front.line_of(*RECORDING_KEYS), "youtube", str(exc)))
    return problems


def rst_problems(text: str) -> Iterator[tuple[int, str]]:
    """``(line, message)`` for each bare ``callpost`` directive of a reStructuredText page."""
    for match in _BARE_RST_CALLPOST.finditer(text):
        yield (
            text.count("\n", 0, match.start()) + 1,
            (
                "callpost without a file only places the header of a Markdown post; "
                "this page is reStructuredText [callposts.directive]"
            ),
        )


def markdown_files(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """``(path given, file)``: the files named, and the Markdown and rST files below the folders."""
    for path in paths:
        if path.is_dir():
            found = sorted(file for file in path.rglob("*") if file.suffix in {".md", ".rst"})
            yield from ((path, file) for file in found)
        else:
            yield path, path


def handler_option(spec: str) -> tuple[str, Handler]:
    """``--handler name=module:function``: the shortcode's name and its function."""
    name, _sep, target = (part.strip() for part in spec.partition("="))
    try:
        handler = import_handler(target)
    except (ImportError, AttributeError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"cannot import {target!r}: {exc}") from None
    if not name or not callable(handler):
        raise argparse.ArgumentTypeError(f"{spec!r} names no function as name=module:function")
    return name, handler


class Site:
    """What one project's ``conf.py`` says: its posts, section pages and shortcodes.

    :param project: the project, or ``None`` for a folder of posts without ``conf.py``:
        there, every Markdown file with front matter is a post or, by Hugo's rules, a
        section page
    :param root: the folder of posts, when there is no project
    """

    def __init__(
        self, project: Project | None, handlers: Mapping[str, Handler], root: Path | None = None
    ) -> None:
        self.implicit = project is None
        self.project = project or Project(root or Path(), {"callposts_pattern": ["**"]})
        #: every document the project's build reads, with its suffix (:meth:`Project.sources`)
        self.documents: dict[str, str] = self.project.sources()
        self.kinds = self.project.page_kinds(self.documents)
        self.handlers: dict[str, Handler] = {}
        #: ``(line, message)`` about ``conf.py`` itself
        self.problems: list[tuple[int, str]] = []
        if not self.implicit:
            self.problems += [
                (line, f"{message} [callposts.config]")
                for line, message in self.project.config_problems()
            ]
            self._import_handlers()
        self.handlers.update(handlers)
        self.shortcodes = bool(self.project.get("callposts_shortcodes", True))
        self.embed_paths: list[str] = list(self.project.get("callposts_embed_paths", []))
        self._old_url_problems: dict[Path, list[tuple[int, str]]] | None = None
        self._nameless: dict[Path, list[tuple[int, str]]] | None = None
        self._posts_by_folder: PostsByFolder | None = None
        self._html_files: frozenset[str] | None = None
        self._site_paths: dict[str, str] | None = None
        self._pages: dict[str, tuple[OldPage, FrontMatter, Post | None]] | None = None
        self._old_urls: tuple[OldURL, ...] | None = None
        self._people: People | None = None
        self._taxonomy: dict[Path, list[tuple[int, str]]] | None = None

    def _import_handlers(self) -> None:
        """The site's own shortcode handlers, each that cannot serve a problem of conf.py,
        at the line the build names."""
        key = "callposts_shortcode_handlers"
        handlers, problems = import_handlers(self.project.get(key, {}))
        conf = self.conf.read_text(encoding="utf-8", errors="replace")
        line = setting_line(conf, key) or 1
        self.handlers.update(handlers)
        self.problems += [(line, f"{problem} [callposts.config]") for problem in problems]

    @property
    def conf(self) -> Path:
        return self.project.srcdir / CONF_FILE

    def refs(self, path: Path) -> Refs | None:
        """Where the ``ref`` shortcodes and site-absolute links of a page of the project
        look; ``None`` without one."""
        docname = self.project.docname(path)
        if self.implicit or docname is None:
            return None
        old_site = bool(self.project.get("callposts_site_url", ""))
        return Refs(
            docname,
            self.documents,
            old_site,
            partial(self.listing_emptiness, docname=docname),
            self.hugo_paths,
            None if old_site else self.unanswered_link,
        )

    def unanswered_link(self, target: str) -> str:
        """The build's warning for a site-absolute link (``/docs/x/``) that no page of the
        project answers, by its path or an old URL; ``""`` for one a page answers."""
        if self._site_paths is None:
            self._site_paths = site_paths_of(self.documents, self.old_urls, self.hugo_paths)
        return "" if answering_page(target, self._site_paths) else unanswered_link(target)

    @property
    def hugo_paths(self) -> Mapping[str, str]:
        """``callposts_hugo_paths``: where the docs' folders were in Hugo's content."""
        value: Mapping[str, str] = self.project.get("callposts_hugo_paths", {})
        return value

    @property
    def old_urls(self) -> tuple[OldURL, ...]:
        """The old URLs of every post and section page, as the build finds them."""
        if self._old_urls is None:
            self._old_urls = old_urls(
                (page for page, _front, _post in self.pages.values()),
                self.project.get("callposts_permalinks", {}),
                drafts=bool(self.project.get("callposts_drafts", False)),
                hugo_paths=self.hugo_paths,
                lower=not self.project.get("callposts_disable_path_to_lower", False),
            )
        return self._old_urls

    def missing_image(self, uri: str, in_html: bool) -> str:
        """The build's warning for an image from the site's root that neither the source
        folder nor ``callposts_static`` holds, ``""`` for any other."""
        if self.implicit or (in_html and self.project.get("callposts_raw_html", "") == "escape"):
            return ""
        srcdir = self.project.srcdir
        return missing_site_image(uri, srcdir, srcdir, self.project.get("callposts_static", []))

    def missing_picture(self, url: str, folder: Path) -> str:
        """The build's warning for a post's picture that no place holds, ``""`` for any other."""
        if self.implicit:
            return ""
        srcdir = self.project.srcdir
        return missing_picture(
            url, folder, srcdir, srcdir, self.project.get("callposts_static", [])
        )

    def listing_emptiness(self, options: Mapping[str, Any], docname: str) -> str:
        """Why a ``{callposts}`` listing of the page lists no post, as the build says it:
        no post in its ``:section:`` folder, or none there with its ``:tags:``."""
        value = options.get("section")
        section = listed_folder(value, docname) if value is not None else None
        if value is not None and section is None:
            return ""  # outside the docs: warned as such
        tags = str(options.get("tags", ""))
        spec = ListingSpec(
            section=section,
            tags=tuple(tag.strip().lower() for tag in tags.split(",") if tag.strip()),
        )
        return self.posts_by_folder.why_filtered_out(spec)

    @property
    def posts_by_folder(self) -> PostsByFolder:
        """Every post of the project, by the folders above it, read once."""
        if self._posts_by_folder is None:
            self._posts_by_folder = PostsByFolder(
                post for _page, _front, post in self.pages.values() if post
            )
        return self._posts_by_folder

    def suppresses(self, message: str) -> bool:
        """Whether ``suppress_warnings`` keeps the build from giving this problem's
        warning (``callposts``, ``callposts.*`` or ``callposts.url``), as Sphinx reads it."""
        typed = _WARNING_TYPE.search(message)
        suppressed = self.project.get("suppress_warnings", [])
        if typed is None or not isinstance(suppressed, (list, tuple, set)):
            return False
        kind, subtype = typed.groups()
        return bool({kind, f"{kind}.*", f"{kind}.{subtype}"} & set(suppressed))

    def is_document(self, path: Path) -> bool:
        """Whether a file is a Markdown document that the project's build reads."""
        return not self.implicit and self.project.docname(path) in self.documents

    def old_url_problems(self, path: Path) -> list[tuple[int, str]]:
        """``(line, message)`` for the old URLs of a post or section page that the build
        warns about: aliases that are no path, old URLs too long for a file name, and old
        URLs that another page of the project wants too."""
        if self._old_url_problems is None:
            self._old_url_problems = {}
            for problem in resolve(self.old_urls, self.html_file, self.is_free)[1]:
                front = self.pages[problem.old.docname][1]
                message = f"{problem.message} [callposts.{problem.subtype}]"
                found = self._old_url_problems.setdefault(self.path_of(problem.old.docname), [])
                found.append((front.line_of(*problem.old.line_keys), message))
        return self._old_url_problems.get(path.resolve(), [])

    def nameless_problems(self, path: Path) -> list[tuple[int, str]]:
        """``(line, message)`` for each person of a post given by an email alone whom no
        post of the project and no people file names, as the build warns."""
        if self._nameless is None:
            self._nameless = {}
            for _page, front, post in self.pages.values():
                if post is None:
                    continue
                file = self.path_of(post.docname)
                source = partial(_lines_of, file)
                found = self.people.nameless(post.authors, post.presenters, front.line_of, source)
                if found:
                    self._nameless[file] = [
                        (line, f"{message} [callposts.people]") for line, message in found
                    ]
        return self._nameless.get(path.resolve(), [])

    def taxonomy_problems(self, path: Path) -> list[tuple[int, str]]:
        """``(line, message)`` for each tag or person whose page the HTML build gives
        another name than the one it wanted (``R&D`` and ``RD``), at their newest post."""
        if self._taxonomy is None:
            self._taxonomy = {}
            read = {
                docname: (front, post)
                for docname, (_page, front, post) in self.pages.items()
                if post
            }
            shown = (
                replace(
                    post,
                    authors=self.people.shown_all(post.authors),
                    presenters=self.people.shown_all(post.presenters),
                )
                for _front, post in read.values()
            )
            settings = {"tags": "callposts_tags_url", "people": "callposts_people_url"}
            given = {
                kind: str(self.project.get(setting, CONFIG_VALUES[setting][0])).strip().strip("/")
                for kind, setting in settings.items()
            }
            folders = {kind: folder for kind, folder in given.items() if folder}
            drafts = bool(self.project.get("callposts_drafts", False))
            _terms, clashes = term_pages(shown, folders, drafts, now())
            for kind, found in clashes.items():
                for clash in found:
                    docname = clash.term.posts[0].docname
                    line = read[docname][0].line_of(*term_keys(clash.term))
                    message = f"{clash_message(clash, folders[kind])} [callposts.taxonomy]"
                    self._taxonomy.setdefault(self.path_of(docname), []).append((line, message))
        return self._taxonomy.get(path.resolve(), [])

    @property
    def people(self) -> People:
        """Every person of the project's posts, matched as the build matches them."""
        if self._people is None:
            posts = [post for _page, _front, post in self.pages.values() if post]
            self._people = People(
                known_people(self._people_setting()),
                (person for post in posts for person in (*post.authors, *post.presenters)),
            )
        return self._people

    def _people_setting(self) -> Any:
        """``callposts_people``, else a valid ``people.yaml`` beside ``conf.py``."""
        value = self.project.get("callposts_people", {})
        if value or self.implicit:
            return value
        try:
            value = (
                yaml.safe_load((self.project.srcdir / PEOPLE_FILE).read_text(encoding="utf-8-sig"))
                or {}
            )
            known_people(value)
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):
            return {}  # the build reports a broken file
        return value

    @property
    def pages(self) -> dict[str, tuple[OldPage, FrontMatter, Post | None]]:
        """``docname -> (old page, front matter, post)`` of every post and section page,
        read once, as the build keeps it: of a page that embeds posts, the last one."""
        if self._pages is None:
            self._pages = {page.docname: (page, front, post) for page, front, post in self._read()}
        return self._pages

    def _read(self) -> Iterator[tuple[OldPage, FrontMatter, Post | None]]:
        """What each post and section page's old URLs depend on, the front matter that
        gives them, and the post (``None`` for a section page), read as the build reads them."""
        zone = self.zone
        for docname, kind in self.kinds.items():
            path = self.path_of(docname)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # reported as unreadable
            page, front, post = old_page(docname, kind, text, zone)
            embedded = embedded_files(text) if kind == POST else []
            if front.format or not (self.implicit or embedded):
                yield page, front, post
            # a {callpost} file brings the post, front matter and all; the last one stays
            embeds = Embeds(path, self.embed_paths)
            for _line, argument in embedded:
                target = embeds.target(embeds.start, argument)
                post_text, problem = embeds.read(target)
                if not problem:
                    yield old_page(docname, kind, post_text, zone, untitled=target.stem)

    def path_of(self, docname: str) -> Path:
        """The file of a document of the project."""
        suffix = self.documents.get(docname, ".md")
        return (self.project.srcdir / f"{docname}{suffix}").resolve()

    def html_file(self, docname: str) -> str:
        """The file the html builder writes a document at."""
        suffix = self.project.get("html_file_suffix", None)
        return f"{docname}{suffix if isinstance(suffix, str) else '.html'}"

    def is_free(self, relpath: str) -> bool:
        """Whether no document of the project is written at ``relpath`` by the html builder."""
        if self._html_files is None:
            self._html_files = frozenset(map(self.html_file, self.documents))
        return relpath not in self._html_files

    @property
    def zone(self) -> tzinfo:
        """The zone of dates without an offset (``callposts_timezone``)."""
        try:
            return load_zone(str(self.project.get("callposts_timezone", "UTC")))
        except ValueError:
            return timezone.utc  # reported as a problem of conf.py

    def kind(self, path: Path) -> str | None:
        """``POST``, ``SECTION``, or ``None`` for a file that is neither."""
        docname = self.project.docname(path)
        kind = self.kinds.get(docname) if docname is not None else None
        if kind and self.implicit:
            try:
                front = read_front_matter(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                return kind  # reported as unreadable
            return kind if front.format else None
        return kind


def old_page(
    docname: str, kind: str, text: str, zone: tzinfo, untitled: str = ""
) -> tuple[OldPage, FrontMatter, Post | None]:
    """What a page's old URLs depend on, and its front matter, from its text.

    :param untitled: the title of a post without one (a ``{callpost}`` file's name);
        by default, the title the build gives it
    """
    front, post, _problems = read_post(docname, text, section=kind == SECTION, zone=zone)
    title = post.title or untitled or page_title(docname, kind, text.split("\n")[front.lines :])
    page = OldPage(docname, kind, title, post.slug, post.url, post.date, post.aliases, post.draft)
    return page, front, post if kind == POST else None


def page_title(docname: str, kind: str, body: list[str]) -> str:
    """The title the build gives a page whose front matter has none: a section page's
    first heading, a post's first heading when it is an H1, else the file's name."""
    first = next((index for index, _level in headings(body)), None)
    if kind == SECTION and first is not None:
        return body[first].strip().lstrip("#").strip().rstrip("#").strip()
    if kind == POST and starts_with_h1(body):
        return h1_title(body)  # the post's title, as the build takes it
    return untitled_title(docname)


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``check``."""
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="a post, or a folder: its Markdown files are checked (posts and section pages)",
    )
    parser.add_argument(
        "-c",
        "--conf-dir",
        type=Path,
        metavar="DIR",
        help=(
            "the folder of the project's conf.py, whose callposts_pattern says which files "
            "are posts and whose callposts_shortcode_handlers name the site's shortcodes "
            "(default: the nearest conf.py above each PATH; without one, every Markdown "
            "file with front matter counts as a post)"
        ),
    )
    parser.add_argument(
        "--handler",
        action="append",
        default=[],
        type=handler_option,
        metavar="NAME=MODULE:FUNCTION",
        help="a site's own shortcode, as in callposts_shortcode_handlers (repeatable)",
    )


def run_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Print each problem and a summary line; 1 when there is a problem, else 0."""
    handlers = dict(args.handler)
    if missing := [str(path) for path in args.paths if not path.exists()]:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    sites: dict[Path, Site] = {}

    def site_of(path: Path, given: Path) -> Site:
        confdir = args.conf_dir or find_confdir(path)
        key = confdir or (given if given.is_dir() else given.parent).resolve()
        if key not in sites:
            try:
                project = Project.load(confdir) if confdir else None
            except ConfError as exc:
                parser.error(f"cannot read the project's conf.py: {exc}")
            sites[key] = Site(project, handlers, root=key)
        return sites[key]

    if args.conf_dir and not (args.conf_dir / CONF_FILE).is_file():
        parser.error(f"no conf.py in {args.conf_dir}")
    for path in args.paths:  # a conf.py that fails is a usage error, posts or not
        site_of(path, path)
    checked = {POST: 0, SECTION: 0, DOCUMENT: 0}
    faulty: dict[str, set[Path]] = {POST: set(), SECTION: set(), DOCUMENT: set(), "conf": set()}
    count = 0
    seen: set[Path] = set()
    for given, path in markdown_files(args.paths):
        site = site_of(path, given)
        # reStructuredText has no front matter: only its callpost directives are checked
        kind = site.kind(path) if path.suffix != ".rst" else POST
        if path.resolve() in seen or (kind is None and not site.is_document(path)):
            continue
        seen.add(path.resolve())
        checked[kind or DOCUMENT] += 1
        problems = problems_in(
            path,
            site.handlers,
            section=kind == SECTION,
            shortcodes=site.shortcodes,
            embed_paths=site.embed_paths,
            page=kind is not None,
            refs=site.refs(path),
            missing_image=site.missing_image,
            missing_picture=site.missing_picture,
        )
        # old URLs that collide are found among all the project's pages, reported in each
        old_urls = site.old_url_problems(path) if kind is not None else []
        nameless = site.nameless_problems(path) if kind == POST else []
        taxonomy = site.taxonomy_problems(path) if kind == POST else []
        for line, message in [*problems, *old_urls, *nameless, *taxonomy]:
            if site.suppresses(message):
                continue
            print(f"{path}:{line}: {message}")
            faulty[kind or DOCUMENT].add(path)
            count += 1
    for site in sites.values():
        for line, message in site.problems:
            if site.suppresses(message):
                continue
            print(f"{site.conf}:{line}: {message}")
            faulty["conf"].add(site.conf)
            count += 1
    print(summary(checked, faulty, count))
    return 1 if count else 0


def summary(checked: Mapping[str, int], faulty: Mapping[str, set[Path]], count: int) -> str:
    """``80 posts, 43 section pages checked: no problem`` or
    ``3 problems in 2 posts (80 posts, 43 section pages checked)``."""
    pages = f"{plural(checked[POST], 'post')}, {plural(checked[SECTION], 'section page')}"
    if checked[DOCUMENT]:
        pages += f", {plural(checked[DOCUMENT], 'other page')}"
    if not count:
        return f"{pages} checked: no problem"
    places = [
        plural(len(faulty[kind]), noun)
        for kind, noun in ((POST, "post"), (SECTION, "section page"), (DOCUMENT, "other page"))
        if faulty[kind]
    ]
    places += ["conf.py"] if faulty["conf"] else []
    return f"{plural(count, 'problem')} in {' and '.join(places)} ({pages} checked)"


def plural(number: int, noun: str) -> str:
    """``1 post``, ``2 posts``, ``2 aliases``."""
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun}{'es' if noun.endswith('s') else 's'}"


def _lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()
