"""Projects made from the Gardener corpus, copied as many times as a size needs, and the
edits of the incremental builds.

Copy ``k`` of the corpus's year folders is moved back by ``k`` times the span of its
years, in folder names and in front matter dates, titles and aliases, so that
docnames and dates stay unique.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .variants import POSTS, Variant, root_index

if TYPE_CHECKING:
    from collections.abc import Iterator

#: the Gardener blog, beside the repository's checkout
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "gardener-blog"
_YEAR_DIR = re.compile(r"^\d{4}$")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_PUBLISHDATE = re.compile(r"^publishdate:[ \t]*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)
_ANY_DATE = re.compile(r"^((?:publishdate|date):[ \t]*['\"]?)(\d{4}-\d{2})-(\d{2})", re.MULTILINE)
_LINK_IN_HEADING = re.compile(r"^(#{1,6}[^\n]*?)\[([^\]\n]*)\]\(\./[^)\n]*\)", re.MULTILINE)
_LOCAL_IMAGE = re.compile(r"!\[[^\]\n]*\]\((\./[^)\s]+)\)")


@dataclass
class Project:
    """A project made from the corpus, and the posts the incremental builds change."""

    srcdir: Path
    posts: list[str]
    sections: list[str]
    years: dict[int, list[str]] = field(default_factory=dict)

    @property
    def docs(self) -> int:
        """The number of documents, the root ``index`` included."""
        return len(self.posts) + len(self.sections) + 1


def corpus_years(corpus: Path) -> list[int]:
    """The year folders of the corpus."""
    return sorted(int(p.name) for p in corpus.iterdir() if p.is_dir() and _YEAR_DIR.match(p.name))


def copies_for(corpus: Path, posts: int) -> int:
    """How many copies of the corpus come closest to ``posts`` posts."""
    per_copy = sum(1 for _ in iter_posts(corpus))
    return max(1, round(posts / per_copy))


def iter_posts(corpus: Path) -> Iterator[Path]:
    """The post files of the corpus (every Markdown file but the section pages)."""
    for year in corpus_years(corpus):
        for path in sorted((corpus / str(year)).rglob("*.md")):
            if path.name != "_index.md":
                yield path


def shift_front_matter(text: str, years: set[int], shift: int) -> str:
    """Move every corpus year in the front matter by ``shift`` years; the body is kept.

    Dates that do not exist after the move (29 February) become the 28th.
    """
    match = _FRONT.match(text)
    if not match or not shift:
        return text

    def year(m: re.Match[str]) -> str:
        value = int(m.group(1))
        return str(value + shift) if value in years else m.group(1)

    def valid(m: re.Match[str]) -> str:
        y, mo, d = (int(g) for g in m.groups())
        try:
            date(y, mo, d)
        except ValueError:
            return f"{y:04d}-{mo:02d}-28"
        return m.group(0)

    front = _ISO_DATE.sub(valid, _YEAR.sub(year, match.group(1)))
    return f"---\n{front}---\n" + text[match.end() :]


def add_date(text: str) -> str:
    """Give a post ABlog's ``date:``, the day of its ``publishdate``."""
    match = _FRONT.match(text)
    published = match and _PUBLISHDATE.search(match.group(1))
    if not published or re.search(r"^date:", match.group(1), re.MULTILINE):
        return text
    return f"---\ndate: {published.group(1)}\n" + text[4:]


def drop_missing_images(text: str, folder: Path) -> str:
    """Remove images whose file is not in the corpus (one post links a ``.gif`` it lacks).

    Sphinx re-reads a document with a missing image on every build, in every variant,
    which would hide what an incremental build really costs.
    """

    def keep(m: re.Match[str]) -> str:
        return m.group(0) if (folder / m.group(1)).exists() else ""

    return _LOCAL_IMAGE.sub(keep, text)


def unlink_headings(text: str) -> str:
    """Keep the text of local file links in headings: plain Sphinx 9 crashes on them.

    Only the variants without sphinx-callposts need it (sphinx-doc/sphinx#14514).
    """
    return _LINK_IN_HEADING.sub(r"\1\2", text)


def make_project(corpus: Path, dest: Path, copies: int, variant: Variant) -> Project:
    """Copy the corpus ``copies`` times under ``dest/posts`` and write ``conf.py``.

    Copy ``k`` holds the year folders moved back by ``k`` times the corpus's span
    of years. Files other than Markdown are hard-linked when possible.
    """
    if variant.listing:
        raise ValueError(f"{variant.name}: a listing kept by hand is made for synthetic posts only")
    years = corpus_years(corpus)
    span = years[-1] - years[0] + 1
    posts_dir = dest / POSTS
    project = Project(dest, [], [])
    for copy in range(copies):
        shift = -span * copy
        for year in years:
            source = corpus / str(year)
            target = posts_dir / str(year + shift)
            for path in sorted(source.rglob("*")):
                relative = path.relative_to(source)
                out = target / relative
                if path.is_dir():
                    continue
                out.parent.mkdir(parents=True, exist_ok=True)
                if path.suffix != ".md":
                    link_or_copy(path, out)
                    continue
                if path.name == "_index.md" and (variant.one_section or not variant.sections):
                    continue
                text = shift_front_matter(path.read_text(encoding="utf-8"), set(years), shift)
                if variant.ablog and path.name != "_index.md":
                    text = add_date(text)
                text = drop_missing_images(text, path.parent)
                if not variant.callposts:
                    text = unlink_headings(text)
                out.write_text(text, encoding="utf-8")
                docname = out.relative_to(dest).with_suffix("").as_posix()
                if path.name == "_index.md":
                    project.sections.append(docname)
                else:
                    project.posts.append(docname)
                    project.years.setdefault(year + shift, []).append(docname)
    if variant.sections:
        shutil.copyfile(corpus / "index.md", posts_dir / "index.md")
        project.sections.append(f"{POSTS}/index")
    write_root(dest, variant)
    return project


def write_root(dest: Path, variant: Variant) -> None:
    """The project's ``index.md`` and ``conf.py``."""
    (dest / "index.md").write_text(root_index(variant), encoding="utf-8")
    (dest / "conf.py").write_text(variant.conf, encoding="utf-8")


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link a file that nothing edits, or copy it across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def clone_tree(source: Path, target: Path) -> None:
    """A copy of a project made of hard links; edits replace files, never write into them."""
    shutil.copytree(source, target, copy_function=link_or_copy)


# -- edits for the incremental builds ------------------------------------------------


def replace_text(path: Path, text: str) -> None:
    """Write a file by replacing it, so that hard-linked originals stay untouched."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def pick_posts(project: Project) -> tuple[str, str]:
    """The post whose body is edited, and the post that is re-dated.

    The edited post is in the middle of the newest copy; the re-dated one shares its
    month with another post, so that its new date changes the order.
    """
    newest = project.years[max(project.years)]
    middle_year = sorted(project.years)[len(project.years) // 2]
    edited = newest[len(newest) // 2]
    by_month: dict[str, list[str]] = {}
    for docname in project.years[middle_year] + newest:
        by_month.setdefault(docname.rsplit("/", 1)[0], []).append(docname)
    crowded = [names for names in by_month.values() if len(names) > 1]
    redated = crowded[0][-1] if crowded else project.posts[0]
    return edited, redated


def edit_body(project: Project, docname: str, run: int) -> None:
    """Append a paragraph to a post."""
    path = project.srcdir / f"{docname}.md"
    text = path.read_text(encoding="utf-8")
    replace_text(path, text.rstrip("\n") + f"\n\nA paragraph added by the benchmark ({run}).\n")


def redate(project: Project, docname: str) -> None:
    """Move a post's date (``publishdate`` and ABlog's ``date``) to the 1st or the 28th."""
    path = project.srcdir / f"{docname}.md"
    text = path.read_text(encoding="utf-8")

    def move(m: re.Match[str]) -> str:
        day = "28" if m.group(3) == "01" else "01"
        return f"{m.group(1)}{m.group(2)}-{day}"

    replace_text(path, _ANY_DATE.sub(move, text))


def add_post(project: Project, like: str, variant: Variant) -> str:
    """Write a new post beside ``like``, dated the 15th of its month; return its docname."""
    folder = (project.srcdir / like).parent
    month = _ANY_DATE.search((project.srcdir / f"{like}.md").read_text(encoding="utf-8"))
    stamp = f"{month.group(2)}-15"
    dated = f"date: {stamp}\n" if variant.ablog else ""
    text = (
        f"---\n{dated}title: A post added by the benchmark\npublishdate: {stamp}\n"
        "authors:\n- name: Bench Mark\n---\n\n"
        + "A new post, to see what adding one costs.\n\n## Details\n\nMore text.\n"
    )
    path = folder / "15-added-by-the-benchmark.md"
    path.write_text(text, encoding="utf-8")
    return path.relative_to(project.srcdir).with_suffix("").as_posix()
