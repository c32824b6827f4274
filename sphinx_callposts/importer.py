"""``sphinx-callposts import HUGO_SITE --section blog --to DOCS/FOLDER``.

A Hugo section moved into Sphinx docs: its files copied unchanged, the static files its
posts name copied where their site-absolute paths find them, ``conf.py`` written or
extended with the settings Hugo's configuration implies, the section page named in the
root toctree, and a report of what the build will say.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .check import Site, plural, problems_in
from .core.anchors import ID_STYLES
from .core.bundles import POST, SECTION
from .core.conf import CONF_FILE, ConfError, Project, find_confdir, run_conf
from .core.oldurls import OldURL, resolve
from .hugo import READ_TAXONOMIES, HugoConfigError, HugoSite
from .new import shown_path

#: the first and last lines of the settings an import adds to conf.py
IMPORT_START = "# sphinx-callposts: imported from the Hugo site"
IMPORT_END = "# sphinx-callposts: end of the imported settings"
#: how many files, or posts, a line of the report names
SHOWN = 5
#: the comment on an ``html_baseurl`` the import guessed
BASE_URL_TO_SET = "# set to the docs' URL"
if TYPE_CHECKING:
    from collections.abc import Mapping

_TYPE = re.compile(r"\[(callposts\.[\w-]+)\]$")
_UNKNOWN = re.compile(r"unknown Hugo shortcode '([^']+)'")
#: a setting's line in the block, or a commented-out one: ``name = value``
_SETTING = re.compile(r"^(?:# )?([A-Za-z_]\w*) = ")
_TOCTREE_END = re.compile(r"^(```+)\{toctree\}.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass
class Report:
    """What an import did, and what a build of it will say."""

    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    old_urls: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    unknown: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    archetypes: list[tuple[Path, Path]] = field(default_factory=list)
    #: whether conf.py's html_baseurl is the import's guess, still to be set
    base_url_to_set: bool = False


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``import``."""
    parser.add_argument("site", type=Path, metavar="HUGO_SITE", help="the Hugo site's folder")
    parser.add_argument("--section", required=True, help="the content section, e.g. blog")
    parser.add_argument(
        "--to", required=True, type=Path, metavar="FOLDER", help="the docs folder of the posts"
    )
    parser.add_argument(
        "--docs",
        type=Path,
        metavar="DIR",
        help="the docs' source folder, with conf.py (default: the nearest one above FOLDER, "
        "else FOLDER's first folder)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")


def run_import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Import, print the report; 1 when a file would be overwritten without ``--force``."""
    try:
        site = HugoSite.load(args.site)
    except HugoConfigError as exc:
        parser.error(f"cannot read the Hugo configuration: {exc}")
    source = site.content_folder(args.section)
    if source is None:
        parser.error(f"no section {args.section!r} in the content folder of {args.site}")
    target: Path = args.to
    docs = shown_path(args.docs or find_confdir(target.parent) or Path(target.parts[0]))
    try:
        folder = target.resolve().relative_to(docs.resolve()).as_posix()
    except ValueError:
        parser.error(f"{target} is not inside the docs folder {docs}")
    texts = [path.read_text("utf-8", errors="replace") for path in source.rglob("*.md")]
    static = site.static_files(texts)
    copies = [
        (path, target / path.relative_to(source)) for path in source.rglob("*") if path.is_file()
    ]
    copies += translation_copies(site, args.section, target)
    copies += [(file, docs / name.lstrip("/")) for name, file in static.items()]
    archetype = archetype_copy(site, args.section, docs, folder)
    copies = [(src, dest) for src, dest in copies + archetype if src.resolve() != dest.resolve()]
    archetype = [pair for pair in archetype if pair in copies]
    if not args.force and (taken := [str(dest) for _src, dest in copies if dest.exists()]):
        more = f" and {len(taken) - SHOWN} more" if len(taken) > SHOWN else ""
        print(
            f"{plural(len(taken), 'file')} of the import exist already, nothing written "
            f"(--force overwrites them): {', '.join(taken[:SHOWN])}{more}",
            file=sys.stderr,
        )
        return 1
    report = Report()
    report.archetypes = [(src, shown_path(dest)) for src, dest in archetype]
    for src, dest in copies:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    section_page = ensure_section_page(target, args.section, report)
    write_conf(docs, folder, site, args, report)
    name_in_toctree(docs, f"{folder}/{section_page}", report)
    if folder != args.section.strip("/"):
        report.notes.append(
            f"the posts are in {folder!r}, not in {args.section.strip('/')!r} as in Hugo: "
            "callposts_hugo_paths keeps their old URLs as redirects; in a folder named as in "
            "Hugo, built with dirhtml, the pages themselves sit at Hugo's URLs (migrating.md)"
        )
    if not site.get("markup", "goldmark", "renderer", "unsafe", default=False):
        report.notes.append(
            "Hugo left raw HTML out of the pages (markup.goldmark.renderer.unsafe is false); "
            'the build keeps it: set callposts_raw_html = "escape" to show it as text instead'
        )
    report.notes += hugo_setting_notes(site, args.section)
    check_imported(docs, target, report)
    print(report_text(args, source, target, docs, static, report))
    return 0


def archetype_copy(
    site: HugoSite, section: str, docs: Path, folder: str
) -> list[tuple[Path, Path]]:
    """The site's archetype for the section (``archetypes/<section>.md``, else
    ``archetypes/default.md``), to ``archetypes/<folder's name>.md`` beside the docs'
    source folder, where ``sphinx-callposts new`` finds it and Sphinx does not read it."""
    archetypes = site.root / str(site.get("archetypedir", default="archetypes"))
    name = section.strip("/").rpartition("/")[2]
    found = next(
        (
            archetypes / f"{stem}.md"
            for stem in (name, "default")
            if (archetypes / f"{stem}.md").is_file()
        ),
        None,
    )
    if found is None:
        return []
    return [(found, docs.resolve().parent / "archetypes" / f"{folder.rpartition('/')[2]}.md")]


def hugo_setting_notes(site: HugoSite, section: str) -> list[str]:
    """What the import leaves of Hugo's settings, and what that means for the site."""
    notes = []
    if site.ugly_urls(section):
        notes.append(
            "Hugo served the pages at .html URLs (uglyURLs = true: /blog/x.html); the old "
            "URLs the build redirects are Hugo's default ones (/blog/x/): redirect the "
            ".html ones on the old host by hand (migrating.md)"
        )
    unread = [name for name in site.taxonomies if name not in READ_TAXONOMIES]
    if unread:
        notes.append(
            f"the taxonomies {', '.join(unread)} are not read: only the posts' tags, "
            "categories and authors are"
            + (
                ""
                if "tags" in site.taxonomies
                else " (rename the key to tags, and set callposts_tags_url to its folder)"
            )
        )
    return notes


def translation_copies(site: HugoSite, section: str, target: Path) -> list[tuple[Path, Path]]:
    """Each other language's posts (``content/de/blog/x.md``) beside their original, as
    Hugo's translations by file name (``x.de.md``), which the build reads as one post."""
    copies = []
    for language, folder in site.translated_folders(section).items():
        for path in folder.rglob("*.md"):
            relative = path.relative_to(folder)
            copies.append((path, target / relative.with_name(f"{path.stem}.{language}.md")))
    return copies


def ensure_section_page(target: Path, section: str, report: Report) -> str:
    """The name of the folder's section page, written when Hugo's section had none."""
    for name in ("_index", "index"):
        if (target / f"{name}.md").is_file():
            return name
    path = target / "_index.md"
    path.write_text(f"---\ntitle: {section.replace('-', ' ').title()}\n---\n", encoding="utf-8")
    report.written.append(path)
    return "_index"


def conf_lines(folder: str, section: str, site: HugoSite, values: dict[str, object]) -> list[str]:
    """The lines to add to ``conf.py``: each setting Hugo's configuration implies, commented,
    but for those ``values`` (the rest of ``conf.py``) set already.

    :param section: the Hugo section imported into ``folder``
    """
    head = ["", f"{IMPORT_START} {site.root} (sphinx-callposts import)"]
    extensions = values.get("extensions")
    if not isinstance(extensions, (list, tuple)):
        head.append('extensions = ["sphinx_callposts"]')
    elif "sphinx_callposts" not in extensions:
        head.append('extensions = [*extensions, "sphinx_callposts"]')
    lines = ["# the posts, and their section pages", f"callposts_pattern = [{f'{folder}/**'!r}]"]
    if folder != section.strip("/"):
        lines += [
            "# the folder's path in Hugo's content: old URLs and links are worked out from it",
            f"callposts_hugo_paths = {{{folder!r}: {section.strip('/')!r}}}",
        ]
    if site.base_url:
        lines += [
            "# Hugo's baseURL: links to the old site's other pages go there",
            f"callposts_site_url = {site.base_url!r}",
        ]
    permalinks = site.permalinks(section)
    if permalinks:
        lines += [
            "# Hugo's permalinks: each post keeps a redirect from the URL Hugo served it at",
            f"callposts_permalinks = {permalinks!r}",
        ]
    if site.get("disablepathtolower", default=False) is True:
        lines += [
            "# Hugo's disablePathToLower: the old URLs keep the case of titles and files",
            "callposts_disable_path_to_lower = True",
        ]
    zone = site.get("timezone")
    if isinstance(zone, str) and zone:
        lines += [
            "# Hugo's timeZone: reads the posts' times without an offset",
            f"callposts_timezone = {zone!r}",
        ]
    lines += goldmark_lines(site)
    if "tags" not in site.taxonomies:
        lines += [
            "# Hugo made no pages for the posts' tags (its taxonomies or disableKinds): none here",
            'callposts_tags_url = ""',
        ]
    if "authors" in site.taxonomies:
        lines += [
            "# Hugo's authors taxonomy: the people pages go where its author pages were",
            'callposts_people_url = "authors"',
        ]
    lines += translation_lines(site, section)
    lines += [
        "# the old host's redirect files, to deploy where the Hugo site lived (redirects.md)",
        '# callposts_redirect_files = ["netlify", "nginx", "apache", "readthedocs"]',
    ]
    lines += [
        "# where the docs are published: feeds and calendars need absolute URLs",
        f"html_baseurl = {site.base_url or 'https://example.org/'!r}  {BASE_URL_TO_SET}",
    ]
    return [*head, *without_settings(lines, values), IMPORT_END]


def without_settings(lines: list[str], values: Mapping[str, object]) -> list[str]:
    """``lines`` without the settings named in ``values``, and the comments above them."""
    kept: list[str] = []
    comments: list[str] = []
    for line in lines:
        setting = _SETTING.match(line)
        if setting is None:
            comments.append(line)
            continue
        if setting[1] not in values:
            kept += [*comments, line]
        comments = []
    return kept + comments


def translation_lines(site: HugoSite, section: str) -> list[str]:
    """The lines that link each post to its translations, when the site has other languages."""
    urls = {
        language: site.language_url(language) or f"https://example.org/{language}/"
        for language in site.translated_folders(section)
    }
    if not urls:
        return []
    lines = [
        "# the site's other languages, each its own build (sphinx-build -D language=...):",
        "# where each is published, for the posts' hreflang links (frontmatter.md)",
        f"callposts_translations = {urls!r}",
    ]
    if site.default_language != "en":
        lines.append(f"callposts_content_language = {site.default_language!r}")
    if site.get("defaultcontentlanguageinsubdir", default=False) is True:
        folder = f"/{site.default_language}/"
        lines += [
            f"# Hugo served {site.default_language!r} under {folder} too: its old URLs start there",
            "callposts_content_language_in_subdir = True",
        ]
    return lines


def goldmark_lines(site: HugoSite) -> list[str]:
    """The lines for the Markdown settings of Hugo's that differ from its defaults."""
    lines = []
    if site.get("markup", "goldmark", "extensions", "linkify", default=True) is False:
        lines += [
            "# Hugo's markup.goldmark.extensions.linkify is off: bare URLs stay text",
            "callposts_linkify = False",
        ]
    typographer = site.get("markup", "goldmark", "extensions", "typographer", default=True)
    if typographer is False or (
        isinstance(typographer, dict) and typographer.get("disable") is True
    ):
        lines += [
            "# Hugo's markup.goldmark.extensions.typographer is off: quotes and dashes stay straight",
            "smartquotes = False",
        ]
    parser = ("markup", "goldmark", "parser")
    # autoHeadingIDType was renamed autoIDType in Hugo 0.144; the old name still wins
    style = site.get(*parser, "autoHeadingIDType", default=None) or site.get(
        *parser, "autoIDType", default="github"
    )
    if site.get(*parser, "autoHeadingID", default=True) is False:
        lines += [
            "# Hugo's autoHeadingID is off: headings keep Sphinx's ids",
            "callposts_heading_ids = False",
        ]
    elif style != "github" and style in ID_STYLES:
        lines += [
            "# Hugo's autoHeadingIDType: the ids of headings, which old #fragment links use",
            f"callposts_heading_ids = {style!r}",
        ]
    return lines


def write_conf(
    docs: Path, folder: str, site: HugoSite, args: argparse.Namespace, report: Report
) -> None:
    """Write ``conf.py``, or add to it the settings it lacks; a second import replaces the
    block of settings the first one added, keeping its ``html_baseurl`` as the user set it."""
    conf = docs / CONF_FILE
    values: dict[str, object] = {}
    before, after = "", ""
    earlier: list[str] = []
    if conf.is_file():
        text = conf.read_text(encoding="utf-8")
        before, earlier, after = split_import_block(text)
        if earlier and not args.force:
            report.notes.append(f"{conf} holds the settings of an earlier import: left as it is")
            report.base_url_to_set = any(BASE_URL_TO_SET in line for line in earlier)
            return
        try:
            # the settings the rest of the file makes, without those of the earlier import
            values = run_conf(docs, before + after)
        except ConfError as exc:
            report.notes.append(f"{conf} does not run ({exc}); add the settings by hand")
            return
        if "callposts_pattern" in values and not args.force:
            report.notes.append(f"{conf} sets callposts_pattern already: left as it is")
            report.base_url_to_set = "html_baseurl" not in values
            return
        pattern = values.get("callposts_pattern")
        if pattern is not None and not any(
            str(given).startswith(f"{folder}/") for given in _listed(pattern)
        ):
            report.notes.append(
                f"{conf} sets callposts_pattern, kept as it is: add {f'{folder}/**'!r} to it "
                "for the imported posts"
            )
    else:
        docs.mkdir(parents=True, exist_ok=True)
        before = f"project = {site.root.resolve().name!r}\n"
    lines = conf_lines(folder, args.section, site, values)
    guessed = [line for line in lines if BASE_URL_TO_SET in line]
    kept = [line for line in earlier if line.startswith("html_baseurl")]
    if kept:
        lines = [kept[0] if line.startswith("html_baseurl") else line for line in lines]
        report.notes.append(
            f"{conf}: the settings of the earlier import replaced, its html_baseurl kept"
        )
    # an html_baseurl kept as the import guessed it is still to be set
    report.base_url_to_set = bool(guessed) and guessed[0] in lines
    block = "\n".join(lines) + "\n"
    conf.write_text(before + block + after, encoding="utf-8")
    report.written.append(conf)


def _listed(value: object) -> list[object]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def split_import_block(text: str) -> tuple[str, list[str], str]:
    """``conf.py``'s text before the block of an earlier import, the block's lines, and
    the text after it (``text, [], ""`` when there is none).

    A block without its closing line (written before there was one) ends at its first
    blank line.
    """
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(IMPORT_START)), None)
    if start is None:
        return text, [], ""
    rest = range(start + 1, len(lines))
    closing = next((i for i in rest if lines[i].startswith(IMPORT_END)), None)
    if closing is None:
        end = next((i for i in rest if not lines[i].strip()), len(lines))
    else:
        end = closing + 1
    if start and not lines[start - 1].strip():
        start -= 1  # the blank line the import put before it
    block = [line.rstrip("\n") for line in lines[start:end]]
    return "".join(lines[:start]), block, "".join(lines[end:])


def name_in_toctree(docs: Path, docname: str, report: Report) -> None:
    """Name the section page in the root page's toctree (a new toctree if it has none)."""
    root = next(
        (
            docs / f"index{suffix}"
            for suffix in (".md", ".rst")
            if (docs / f"index{suffix}").is_file()
        ),
        None,
    )
    if root is None:
        root = docs / "index.md"
        root.write_text(
            f"# {docs.resolve().name}\n\n```{{toctree}}\n{docname}\n```\n", encoding="utf-8"
        )
    else:
        text = root.read_text(encoding="utf-8")
        if docname in text:
            return
        if root.suffix == ".rst":
            text = text.rstrip("\n") + f"\n\n.. toctree::\n\n   {docname}\n"
        elif match := _TOCTREE_END.search(text):
            closing = match.end() - len(match[0].rsplit("\n", 1)[1])
            text = text[:closing] + f"{docname}\n" + text[closing:]
        else:
            text = text.rstrip("\n") + f"\n\n```{{toctree}}\n{docname}\n```\n"
        root.write_text(text, encoding="utf-8")
    report.written.append(root)


def check_imported(docs: Path, target: Path, report: Report) -> None:
    """Count the posts and section pages, their aliases, and what check says of them."""
    try:
        project = Project.load(docs)
    except ConfError as exc:
        report.notes.append(f"the project's conf.py does not run: {exc}")
        return
    site = Site(project, {})
    # the old URLs as the build redirects them: check's reading of the pages, the core's rules
    redirects, _problems = resolve(site.old_urls, site.html_file, site.is_free)
    report.old_urls.update(old_url_kind(redirect.old, site.kinds) for redirect in redirects)
    for path in sorted(target.rglob("*.md")):
        kind = site.kind(path)
        if kind is None:
            continue
        report.kinds[kind] += 1
        for _line, message in problems_in(
            path, site.handlers, section=kind == SECTION, shortcodes=site.shortcodes
        ):
            if match := _TYPE.search(message):
                report.warnings[match[1]] += 1
            if match := _UNKNOWN.search(message):
                report.unknown[match[1]][str(path.relative_to(target))] += 1


def old_url_kind(old: OldURL, kinds: Mapping[str, str]) -> str:
    """What the report counts an old URL as: the key that gives it, or a default path."""
    if old.key:
        return {"aliases": "alias", "permalinks": "permalink"}.get(old.key, old.key)
    return "section page" if kinds.get(old.docname) == SECTION else "default path"


def report_text(
    args: argparse.Namespace,
    source: Path,
    target: Path,
    docs: Path,
    static: dict[str, Path],
    report: Report,
) -> str:
    """The migration report."""
    old_url_kinds = (
        ", ".join(plural(count, kind) for kind, count in report.old_urls.most_common()) or "none"
    )
    lines = [
        f"Imported {source} into {target}",
        f"  {plural(report.kinds[POST], 'post')}, {plural(report.kinds[SECTION], 'section page')}",
        f"  {plural(len(static), 'static file')} copied into {docs}",
        f"  {plural(sum(report.old_urls.values()), 'old URL')} redirected: {old_url_kinds}",
        "    (each a redirect page, or the page itself where dirhtml writes it there)",
        f"  written or extended: {', '.join(sorted({str(path) for path in report.written}))}",
    ]
    lines += [
        f"  the archetype {src} copied to {dest}, for sphinx-callposts new"
        for src, dest in report.archetypes
    ]
    lines += ["Warnings the build will give, by type:", *(_counted(report.warnings) or ["  none"])]
    if report.unknown:
        lines.append("Unknown shortcodes (left as text; give each a handler, see shortcodes.md):")
        for name, posts in sorted(report.unknown.items()):
            uses = sum(posts.values())
            named = ", ".join(sorted(posts)[:SHOWN])
            lines.append(f"  {name}: {uses} in {plural(len(posts), 'post')} ({named})")
    lines += [f"Note: {note}" for note in report.notes]
    build = f"sphinx-build -b dirhtml {docs} {docs}/_build"
    if report.base_url_to_set:
        lines.append(f"Next: set html_baseurl in {docs / CONF_FILE}, then {build}")
    else:
        lines.append(f"Next: {build}")
    return "\n".join(lines)


def _counted(counts: Counter[str]) -> list[str]:
    return [f"  {name}: {count}" for name, count in sorted(counts.items())]
