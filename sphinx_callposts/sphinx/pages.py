"""Which documents are posts and section pages, and their front matter at ``source-read``.

Front matter is read here from the raw text, then replaced, line for line, by what
MyST should see: the keys the extension does not own, and the title as an H1.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import get_matching_files

from ..core.bundles import POST, SECTION, leaf_bundle_files
from ..core.frontmatter import read_front_matter
from ..core.markdown import (
    drop_repeated_title,
    embedded_files,
    escape_markdown,
    h1_title,
    lift_headings,
    starts_with_h1,
)
from ..core.permalinks import untitled_title
from ..core.post import OWN_KEYS, read_post
from ..core.translations import left_out
from .body import text_of_value
from .config import call_zone, warn
from .pictures import find_picture
from .shortcodes import rewrite_body
from .store import store_of
from .translations import build_languages, read_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: ``env.temp_data`` key: the page's H1 is its front matter's title, shown as written
TITLE_AS_WRITTEN = "callposts_title_as_written"
#: ``env.temp_data`` key: the title of a page with no front matter to hold its H1
UNTITLED = "callposts_untitled"
#: ``env.metadata`` key: a section page's ``description`` (else ``summary``), as text
SECTION_DESCRIPTION = "callposts_description"


def read_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: read a Markdown page's front matter, hand MyST a safe version of
    it, store the post, and rewrite the body's shortcodes.

    The front matter's lines are replaced line for line, so every warning about the
    body names its real line.
    """
    if not is_markdown(app.env, docname):
        return
    store = store_of(app.env)
    kind = store.kinds.get(docname)
    text = source[0]
    if kind is None or (embedded_files(text) and not read_front_matter(text).format):
        # not a post, or a page whose {callpost} directive brings the post, front matter and all
        source[0] = rewrite_body(app, docname, text)
        return
    text, translation, languages = read_translation(app.env, docname, text)
    scanned_text, parsed = store.parsed.pop(docname, ("", None))
    front, post, problems = read_post(
        docname,
        text,
        section=kind == SECTION,
        zone=call_zone(app.config),
        parsed=parsed if scanned_text == text else None,
    )
    for problem in problems:
        where = f"{translation}:{problem.line}" if translation else (docname, problem.line)
        warn(problem.message, where, problem.subtype)
    body = text.split("\n")[front.lines :]
    # as in Hugo, the front matter's title is the page's, whatever the body's headings
    if post.title:
        title = post.title
        drop_repeated_title(body, title)
        app.env.temp_data[TITLE_AS_WRITTEN] = True
    else:
        title = "" if starts_with_h1(body) else untitled_title(docname)
    if title and front.lines:
        lift_headings(body)
    elif title:
        # no line to hold the title's H1 (one more would move every warning): it is
        # added above the body's headings once parsed
        lift_headings(body, to_level=1)
        app.env.temp_data[UNTITLED] = title
    if kind == POST:
        store.posts[docname] = post = post.with_page_data(
            title=post.title or title or h1_title(body),
            languages=languages,
            picture=find_picture(app.env, docname, front.data, (docname, front.line_of("images"))),
        )
        store.lines[docname] = front.key_lines
    elif post.description:
        # for the metadata of the section's listing page
        app.env.metadata[docname][SECTION_DESCRIPTION] = text_of_value(post.description)
    head = myst_front_matter(front.data, title, front.lines)
    page = "\n".join(head + body)
    source[0] = rewrite_body(app, docname, page, post if kind == POST else None, front)


def is_markdown(env: BuildEnvironment, docname: str) -> bool:
    """Whether MyST parses the document."""
    suffix = str(env.doc2path(docname))
    return any(
        suffix.endswith(ext) and filetype == "markdown"
        for ext, filetype in env.config.source_suffix.items()
    )


def myst_front_matter(data: dict[str, Any], title: str, size: int) -> list[str]:
    """``size`` lines for MyST: its own keys as YAML, then the title as an H1.

    Keeping the line count keeps every warning about the body on its real line.
    """
    kept = {key: value for key, value in data.items() if str(key).lower() not in OWN_KEYS}
    heading = [f"# {escape_markdown(title)}"] if title and size else []
    block: list[str] = []
    if kept and size - len(heading) >= 3:
        dumped = yaml.safe_dump(
            kept, default_flow_style=True, width=float("inf"), allow_unicode=True, sort_keys=False
        ).strip()
        if "\n" not in dumped:
            block = ["---", dumped, "---"]
    return block + [""] * (size - len(block) - len(heading)) + heading


class TitleAsWritten(SphinxTransform):
    """Keep smart quotes off a front-matter title: Hugo shows ``What's New`` as written.

    The title reaches docutils as the page's first heading, so ``<title>``, the
    navigation and the table of contents, which copy it, show it as written too; so
    does the title of a post file that ``{callpost}`` embeds.
    """

    default_priority = 740  # before SphinxSmartQuotes (750)

    def apply(self, **kwargs: object) -> None:
        # at this point only a post file that {callpost} embeds has its header, under its title
        for title in front_matter_titles(self.document, self.env):
            title["support_smartquotes"] = False


def front_matter_titles(document: nodes.document, env: BuildEnvironment) -> list[nodes.title]:
    """The headings that show a title from front matter: the page's own, and that of
    each post a ``{callpost}`` directive embeds (the section of its header)."""
    sections = [
        header.parent
        for header in document.findall(nodes.container)
        if "callpost-header" in header["classes"]
    ]
    if env.temp_data.get(TITLE_AS_WRITTEN):
        sections.append(next(document.findall(nodes.section), None))
    return [
        section[0]
        for section in sections
        if isinstance(section, nodes.section) and isinstance(section[0], nodes.title)
    ]


class UntitledPageTitle(SphinxTransform):
    """Give a post or section page without front matter, and so without a title, Hugo's
    title for it (its file name), over the whole page, as a front matter's title is;
    a body that starts with a heading has its title already."""

    default_priority = 845  # before PostHeader (850) places the header under the title

    def apply(self, **kwargs: object) -> None:
        title = self.env.temp_data.pop(UNTITLED, "")
        invisible = (nodes.target, nodes.comment, nodes.substitution_definition)
        first = next((n for n in self.document.children if not isinstance(n, invisible)), None)
        if not title or isinstance(first, nodes.section):
            return  # the body starts with its own title (a setext H1, say)
        section = nodes.section("", nodes.title(title, title), *self.document.children)
        section.source, section.line = self.document["source"], 1
        section["names"].append(nodes.fully_normalize_name(title))
        self.document.children = []
        self.document += section
        self.document.note_implicit_target(section)


def exclude_bundle_resources(app: Sphinx, config: Config) -> None:
    """``config-inited``: leave the other documents of each leaf bundle, and the posts'
    translations, out of the project.

    Hugo publishes none of them (they are the post's resources, or another language's
    pages); added to ``exclude_patterns`` before Sphinx looks for documents, they are
    never read, listed or warned about, by every builder alike.
    """
    if not config.callposts_pattern:
        return
    sources = project_sources(app.srcdir, config)
    paths = {docname: Path(app.srcdir, path) for docname, path in sources.items()}
    resources = leaf_bundle_files(paths, config.callposts_pattern)
    resources |= left_out(sources, config.callposts_pattern, build_languages(config))
    config.exclude_patterns = [
        *config.exclude_patterns,
        *(_literal_glob(sources[docname]) for docname in sorted(resources)),
    ]


def project_sources(srcdir: str | Path, config: Config) -> dict[str, str]:
    """``docname -> path`` (relative to ``srcdir``) of the documents Sphinx will find."""
    suffixes = list(config.source_suffix)
    excluded = [*config.exclude_patterns, *config.templates_path]
    found: dict[str, str] = {}
    for path in get_matching_files(srcdir, config.include_patterns, excluded):
        suffix = next((suffix for suffix in suffixes if path.endswith(suffix)), None)
        if suffix:
            found.setdefault(path.removesuffix(suffix), path)
    return found


def _literal_glob(path: str) -> str:
    """A glob that matches ``path`` only, whatever characters its name holds."""
    return re.sub(r"([\[*?])", r"[\1]", path)


def setup_pages(app: Sphinx) -> None:
    """Read each page's front matter and shortcodes before MyST parses it."""
    # after Sphinx's own config-inited handlers (800), which settle source_suffix
    app.connect("config-inited", exclude_bundle_resources, priority=900)
    app.connect("source-read", read_page)
    app.add_transform(TitleAsWritten)
    app.add_transform(UntitledPageTitle)
