"""YouTube recordings: the ``youtube`` role and directive, the embed node and its visitors.

HTML gets a privacy-first embed: by default a *facade* (a poster and a real link)
that makes no request to any Google host until the reader clicks it; the extension's
own script then swaps in a ``youtube-nocookie.com`` iframe. Every other builder, and
epub, gets "Recording: title" with the watch link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import (
    SphinxDirective,
    SphinxRole,
    is_directive_registered,
    is_role_registered,
)

from ..core.post import RECORDING_KEYS
from ..core.video import (
    DEFAULT_ASPECT,
    VIDEO_FIELDS,
    Video,
    directive_target,
    parse_flag,
    parse_video,
    player_options,
    split_title,
)
from ..directive_syntax import YouTubeSyntax
from .config import warn
from .doctree import append_to_body
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation("sphinx_callposts")


class youtube_embed(nodes.General, nodes.Element):  # noqa: N801
    """A recording; ``id`` holds the video id."""


#: the attribute of the player that front matter's recording adds, which the page titles
FRONT_MATTER = "front_matter"


class youtube_link(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The ``youtube`` role, until :class:`YouTubeTransform` makes it an embed or a link."""


#: the attributes of a link to a video in running text (the role's), which make it a recording
LINKED_VIDEO, LINKED_TITLE = "callposts_video", "callposts_video_title"


def video_link(video: Video, title: str) -> nodes.reference:
    """A link to ``video`` with a play mark, where running text holds a recording: it
    counts as one of the post's recordings, as a player does."""
    label = title or _("YouTube video {id}").format(id=video.id)
    link = nodes.reference("", label, refuri=video.watch_url, classes=["callposts-youtube-link"])
    link[LINKED_VIDEO], link[LINKED_TITLE] = video.id, " ".join(title.split())
    return link


def _is_recording(node: nodes.Node) -> bool:
    return isinstance(node, youtube_embed) or (
        isinstance(node, nodes.reference) and LINKED_VIDEO in node
    )


def recordings_in(doctree: nodes.Node) -> tuple[str, ...]:
    """The ids of the recordings embedded in a doctree, in order, each once."""
    return tuple(dict.fromkeys(node["id"] for node in doctree.findall(youtube_embed)))


def titled_recordings(doctree: nodes.Node, first: str = "") -> list[tuple[str, str]]:
    """``(id, title)`` of each recording of a doctree, played or linked in running text,
    each once, in order but ``first`` first; the title the page gives it (a shortcode's
    ``title``, a role's ``Title <ID>``), or ``""``.
    """
    found: dict[str, str] = {}
    for node in doctree.findall(_is_recording):
        if isinstance(node, youtube_embed):
            video, title = node["id"], "" if node.get(FRONT_MATTER) else node["title"]
        elif isinstance(node, nodes.reference):
            video, title = node[LINKED_VIDEO], node[LINKED_TITLE]
        found[video] = found.get(video) or title
    return sorted(found.items(), key=lambda item: item[0] != first)


def embeds(doctree: nodes.Node, video_id: str) -> bool:
    """Whether a doctree embeds the video ``video_id``."""
    return any(embed["id"] == video_id for embed in doctree.findall(youtube_embed))


def embeds_recording(doctree: nodes.Node, value: str) -> bool:
    """Whether a doctree embeds the video that ``value`` names (any, when it names none)."""
    try:
        return embeds(doctree, parse_video(value).id)
    except ValueError:
        return any(doctree.findall(youtube_embed))


def front_matter_embed(video: Video, title: str = "") -> youtube_embed:
    """The player of a front matter's recording: a title of the page's, not one of its own."""
    node = make_embed(video, title)
    node[FRONT_MATTER] = True
    return node


def make_embed(video: Video, title: str = "", **options: Any) -> youtube_embed:
    """A :class:`youtube_embed` node for ``video``; ``title`` empty means "fill in later"."""
    node = youtube_embed()
    node["id"] = video.id
    node["title"] = " ".join(title.split())
    for name in ("start", "end", "autoplay", "mute", "loop", "controls"):
        node[name] = options.get(name, getattr(video, name))
    node["aspect"] = options.get("aspect", DEFAULT_ASPECT)
    node["loading"] = options.get("loading", "lazy")
    node["classes"] += ["callposts-youtube", *options.get("classes", [])]
    return node


def embed_or_fallback(value: str, title: str, location: Any) -> nodes.Element:
    """The embed for a front matter's id or URL, or, when it is none, a warning and its text.

    The ``callpost`` directive uses it for the recording of the file it embeds.

    :param location: where the value was written, for the warning
    """
    try:
        return front_matter_embed(parse_video(value), title)
    except ValueError as exc:
        warn(str(exc), location, "youtube")
        return invalid_recording(value)


def invalid_recording(value: str) -> nodes.paragraph:
    """What a page shows for a recording that could not be read: its text, no link."""
    return nodes.paragraph(
        "", _("Recording: "), nodes.literal(value, value), classes=["callposts-youtube-invalid"]
    )


# -- directive and role ----------------------------------------------------------


class YouTubeDirective(YouTubeSyntax, SphinxDirective):
    """``{youtube} ID-or-URL``, or ``{youtube} Title <ID-or-URL>``, with Hugo's options."""

    def run(self) -> list[nodes.Node]:
        """Validate the argument and options; warn and fall back to text when needed."""
        explicit, title, target = directive_target(self.arguments[0])
        try:
            video = parse_video(target)
        except ValueError as exc:
            warn(str(exc), self.get_location(), "youtube")
            fallback = invalid_recording(target)
            self.set_source_info(fallback)
            return [fallback]
        # the same reading as check's (core.video.video_problems)
        options, problems = player_options(self.options, video)
        for problem in problems:
            warn(problem, self.get_location(), "youtube")
        node = make_embed(
            video,
            self.options.get("title") or (title if explicit else ""),
            classes=self.options.get("class", []),
            **options,
        )
        self.set_source_info(node)
        return [node]


#: a flag option: given without a value, it is on
parse_directive_flag = parse_flag


class YouTubeRole(SphinxRole):
    """``{youtube}`ID``` or ``{youtube}`Title <ID-or-URL>```.

    :param block: the ``youtube-embed`` role: the block embed wherever it stands, as
        Hugo's shortcode is; inside a paragraph it splits the paragraph
    """

    def __init__(self, block: bool = False) -> None:
        super().__init__()
        self.block = block

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """A :class:`youtube_link`, or, for a value that is no video, a warning and its text."""
        explicit, title, target = split_title(self.text)
        try:
            video = parse_video(target)
        except ValueError as exc:
            warn(str(exc), self.get_location(), "youtube")
            return [nodes.Text(self.text)], []
        node = youtube_link(self.rawtext, title if explicit else "")
        for name in VIDEO_FIELDS:  # an /embed/ URL's player parameters travel with it
            node[name] = getattr(video, name)
        node["title"] = " ".join(title.split()) if explicit else ""
        node["block"] = self.block
        self.set_source_info(node)
        return [node], []


# -- the transform: lone roles, front-matter recordings, titles -----------------------


def split_around(
    paragraph: nodes.paragraph, inline: nodes.Node, block: nodes.Node
) -> list[nodes.Node]:
    """The paragraph cut where ``inline`` stands: its text before, ``block``, its text after.

    A part that holds nothing but white space is left out.
    """
    index = paragraph.index(inline)
    before = _part_of(paragraph, paragraph.children[:index], -1, paragraph.line)
    after = _part_of(paragraph, paragraph.children[index + 1 :], 0, (inline.line or 0) + 1)
    return [part for part in (before, block, after) if part is not None]


def _part_of(
    paragraph: nodes.paragraph, children: list[nodes.Node], edge: int, line: int | None
) -> nodes.paragraph | None:
    """A paragraph of some of ``paragraph``'s children, trimmed at the cut (``edge``)."""
    children = list(children)  # the nodes themselves: a later role among them is still found
    if children and isinstance(children[edge], nodes.Text):
        text = children[edge].astext()
        children[edge] = nodes.Text(text.rstrip() if edge else text.lstrip())
    # an element without text (another recording's link) is content all the same
    if not any(not isinstance(child, nodes.Text) or child.strip() for child in children):
        return None
    part = nodes.paragraph("", "", *children, classes=list(paragraph["classes"]))
    part.source, part.line = paragraph.source, line
    return part


class YouTubeTransform(SphinxTransform):
    """Promote a paragraph holding only the role to an embed, add the front-matter
    recording, and give every embed on the page a title of its own."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        """Run the three steps in order."""
        for link in list(self.document.findall(youtube_link)):
            self._resolve_role(link)
        posts = store_of(self.env).posts
        post = posts.get(self.env.docname)
        # checked even when the body embeds it, as check checks it
        first = self._add_recording(post.recording) if post is not None and post.recording else ""
        # the titles the page gives, before the players are named
        recordings = titled_recordings(self.document, first)
        self._name_embeds(post.title if post is not None else "")
        if post is not None:
            posts[post.docname] = post.with_page_data(
                recordings=tuple(video for video, _title in recordings),
                recording_titles=tuple(title for _video, title in recordings),
            )

    def _resolve_role(self, link: youtube_link) -> None:
        video = Video(**{name: link[name] for name in VIDEO_FIELDS})
        paragraph = link.parent
        alone = isinstance(paragraph, nodes.paragraph) and all(
            child is link or (isinstance(child, nodes.Text) and not child.strip())
            for child in paragraph.children
        )
        if isinstance(paragraph, nodes.paragraph) and (alone or link.get("block")):
            embed = make_embed(video, link["title"])
            embed.source, embed.line = paragraph.source, link.line or paragraph.line
            paragraph.replace_self(split_around(paragraph, link, embed))
            return
        link.replace_self(video_link(video, link["title"]))

    def _add_recording(self, value: str) -> str:
        """Add the front matter's recording at the end, unless the body embeds it; its id."""
        docname = self.env.docname
        try:
            video = parse_video(value)
        except ValueError as exc:
            line = store_of(self.env).line_of(docname, *RECORDING_KEYS)
            warn(str(exc), (docname, line), "youtube")
            return ""
        if not embeds(self.document, video.id):
            append_to_body(self.document, front_matter_embed(video))
        return video.id

    def _name_embeds(self, post_title: str) -> None:
        """Fill in missing titles, then number repeats, so no two iframes share a title."""
        page_title = next(iter(self.document.findall(nodes.title)), None)
        default = post_title or (page_title.astext() if page_title else "") or _("YouTube video")
        seen: dict[str, int] = {}
        for embed in self.document.findall(youtube_embed):
            title = embed["title"] or default
            seen[title] = seen.get(title, 0) + 1
            embed["title"] = title if seen[title] == 1 else f"{title} ({seen[title]})"


# -- setup -------------------------------------------------------------------------


def register_youtube_name(app: Sphinx, config: Config) -> None:
    """Also answer to ``youtube``, unless another extension (sphinxcontrib-youtube) has it.

    Done once every extension is set up, whatever the order of ``extensions``.
    """
    if not is_directive_registered("youtube"):
        app.add_directive("youtube", YouTubeDirective)
    if not is_role_registered("youtube"):
        app.add_role("youtube", YouTubeRole())


def setup_recordings(app: Sphinx) -> None:
    """Register the node, role, directive and transform that read recordings."""
    app.add_node(youtube_embed)
    app.add_directive("callposts-youtube", YouTubeDirective)
    app.add_role("callposts-youtube", YouTubeRole())
    app.add_role("youtube-embed", YouTubeRole(block=True))
    app.add_transform(YouTubeTransform)
    app.connect("config-inited", register_youtube_name)
