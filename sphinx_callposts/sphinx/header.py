"""The post page header: title line, date, people, tags, the draft banner, the call's time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.pictures import is_remote
from ..core.post import Person, Post
from ..core.selection import NOT_HELD
from .body import complete_post
from .compat import builder_class
from .confine import without_foreign_avatars_of_page
from .render import (
    LINK_WORDS,
    STATUS_WORDS,
    avatar_node,
    callpost_date,
    date_node,
    depart_callpost_date_html,
    link_node,
    people_nodes,
    person_nodes,
    separated,
    shows_avatar,
    tag_nodes,
    visit_callpost_date_html,
)
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation("sphinx_callposts")

#: the attribute of a read avatar that keeps the path its post wrote
WRITTEN_AVATAR = "callposts-written"


class callpost_header_here(nodes.General, nodes.Element):  # noqa: N801
    """Where a post's header goes; ``docname`` names the post.

    The header is built from the stored post when the page is written, not kept in the
    doctree: Sphinx holds every doctree in memory from reading to writing, and a
    header's nodes weigh more than a short post's text. A ``{callpost}`` directive
    places one (``embedded`` when it stands in a file that another directive embeds).
    """


#: what the banner of a call that is not held as planned says
STATUS_NOTES = {
    "cancelled": lambda: _("This call is cancelled."),
    "postponed": lambda: _("This call is postponed: its new date is not known yet."),
    "rescheduled": lambda: _("This call is rescheduled: the date above is its new date."),
}


def held_on(post: Post, config: Config) -> nodes.paragraph:
    """The date line of a call with a ``callDate``: "Held on <call> · Published <date>".

    A call cancelled or postponed is not held on its date: the date stands alone.
    """
    assert post.call_date is not None
    line = nodes.paragraph("", "", classes=["callpost-dates"])
    if post.status not in NOT_HELD:
        line += nodes.inline("", _("Held on") + " ", classes=["callpost-held"])
    line += date_node(post.call_date, config, ["callpost-date"])
    if post.date:
        line += nodes.inline("", " · " + _("Published") + " ", classes=["callpost-published"])
        line += date_node(post.date, config, ["callpost-date-published"])
    if post.updated:
        line += nodes.inline("", " · " + _("updated") + " ", classes=["callpost-updated"])
        line += date_node(post.updated, config, ["callpost-date-updated"])
    return line


def build_header(post: Post, config: Config) -> list[nodes.Node]:
    """The header nodes of a post: subtitle, date, authors, presenters, tags, draft banner."""
    header = nodes.container(classes=["callpost-header"])
    if post.shown_subtitle:
        header += nodes.paragraph("", post.shown_subtitle, classes=["callpost-subtitle"])
    if post.is_call and post.call_date:
        header += held_on(post, config)
    elif post.date:
        line = nodes.paragraph("", "", date_node(post.date, config, ["callpost-date"]))
        if post.updated:
            line += nodes.inline("", " · " + _("updated") + " ", classes=["callpost-updated"])
            line += date_node(post.updated, config, ["callpost-date-updated"])
        header += line
    for people, label, cls in (
        (post.authors, _("By"), "callpost-authors"),
        (post.presenters, _("Presenters:"), "callpost-presenters"),
    ):
        if people:
            header += nodes.paragraph(
                "", "", nodes.inline("", label + " ", classes=["callpost-label"]),
                *people_nodes(people, config), classes=[cls],
            )  # fmt: skip
    if post.tags:
        header += nodes.paragraph(
            "", "", nodes.inline("", _("Tags:") + " ", classes=["callpost-label"]),
            *tag_nodes(post.tags), classes=["callpost-tags"],
        )  # fmt: skip
    if links := [link_node(kind, url) for kind in LINK_WORDS if (url := getattr(post, kind))]:
        header += nodes.paragraph("", "", *separated(links), classes=["callpost-links"])
    result: list[nodes.Node] = [header] if header.children else []
    if post.is_call and post.status in STATUS_NOTES:
        banner = nodes.admonition(classes=["callpost-status", f"callpost-{post.status}", "caution"])
        banner += nodes.title("", STATUS_WORDS[post.status]())
        banner += nodes.paragraph("", STATUS_NOTES[post.status]())
        result.append(banner)
    if post.draft:
        banner = nodes.admonition(classes=["callpost-draft", "warning"])
        banner += nodes.title("", _("Draft"))
        banner += nodes.paragraph("", _("This post is a draft: it is not published in listings."))
        result.append(banner)
    return result


def mark_header_place(doctree: nodes.document, post: Post, config: Config) -> None:
    """Mark where the header goes: where the post asked for it, else right under its title.

    The marker holds the header's local avatars, so that Sphinx finds their images
    while reading, as it finds the page's own, to copy them. Remote ones need nothing
    from reading: they are made with the header.
    """
    marker = next(
        (node for node in doctree.findall(callpost_header_here) if not node.get("embedded")), None
    )
    avatars = [
        avatar_node(person)
        for person in (*post.authors, *post.presenters)
        if shows_avatar(person.avatar, config) and not is_remote(person.avatar)
    ]
    for avatar in avatars:
        avatar[WRITTEN_AVATAR] = avatar["uri"]  # Sphinx rewrites the uri as it reads it
    if marker is not None:
        marker["docname"] = post.docname
        marker += avatars
        return
    marker = callpost_header_here("", *avatars, docname=post.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and isinstance(section[0], nodes.title):
        section.insert(1, marker)
    else:
        doctree.insert(0, marker)


class PostHeader(SphinxTransform):
    """Complete the post being read from its body, and mark the place of its header."""

    default_priority = 850  # after the transforms that shape the tree, before doctree-read (880)

    def apply(self, **kwargs: object) -> None:
        posts = store_of(self.env).posts
        post = posts.get(self.env.docname)
        if post is None or self.has_header():
            return
        post = complete_post(post, self.document, self.config)
        posts[post.docname] = post = without_foreign_avatars_of_page(post, self.env)
        mark_header_place(self.document, post, self.config)

    def has_header(self) -> bool:
        """Whether a ``{callpost}`` directive has embedded the post, header included."""
        return any(
            "callpost-header" in node["classes"] for node in self.document.findall(nodes.container)
        )


class BuildHeader(SphinxPostTransform):
    """Build each marked header from its post, for every builder."""

    default_priority = 5  # before anything works on what the page shows

    def run(self, **kwargs: object) -> None:
        posts = store_of(self.env).posts
        for marker in list(self.document.findall(callpost_header_here)):
            post = posts.get(marker.get("docname", ""))
            header = build_header(post, self.config) if post is not None else []
            # the local avatars as Sphinx read them, by the path the post wrote; the
            # remote ones noted as Sphinx's image collector notes them
            read = {image.get(WRITTEN_AVATAR): image for image in marker.findall(nodes.image)}
            for avatar in [image for node in header for image in node.findall(nodes.image)]:
                if is_remote(avatar["uri"]):
                    avatar["candidates"] = {"?": avatar["uri"]}
                elif avatar["uri"] in read:
                    image = read[avatar["uri"]].deepcopy()
                    del image[WRITTEN_AVATAR]
                    avatar.replace_self(image)
                else:  # another spelling's, from another post's folder: Sphinx never read it
                    avatar.parent.remove(avatar)
            marker.replace_self(header)


class ShownNames(SphinxPostTransform):
    """Give the people of a header made while reading the names they are shown by.

    A post that ``{callpost}`` embeds gets its header as it is read, before every post
    is read and its people matched (:mod:`.people`): its names are the ones it wrote.
    """

    default_priority = 6  # once BuildHeader (5) has made the other headers

    def run(self, **kwargs: object) -> None:
        post = store_of(self.env).posts.get(self.env.docname)
        if post is None:
            return
        for header in self.document.findall(nodes.container):
            if "callpost-header" not in header["classes"]:
                continue
            for people, cls in (
                (post.authors, "callpost-authors"),
                (post.presenters, "callpost-presenters"),
            ):
                line = next(
                    (n for n in header.findall(nodes.paragraph) if cls in n["classes"]), None
                )
                if line is not None:
                    _rename(line, people, self.config)


def _rename(line: nodes.paragraph, people: tuple[Person, ...], config: Config) -> None:
    """Name each person of a header's line as ``people`` does, in the same order."""
    names = [node for node in line.findall(nodes.Element) if "callpost-person" in node["classes"]]
    if len(names) != len(people):
        return
    for node, person in zip(names, people, strict=True):
        if node.astext() != person.name:
            node.replace_self(person_nodes(person, config, avatar=False))


class DropRemoteAvatars(SphinxPostTransform):
    """Remove avatars for builders that would have to download remote images."""

    default_priority = 50  # before sphinx's ImageDownloader (100)

    def run(self, **kwargs: object) -> None:
        if builder_class(self.env).supported_remote_images:
            return
        for image in list(self.document.findall(nodes.image)):
            if "callpost-avatar" in image["classes"] and is_remote(image["uri"]):
                image.parent.remove(image)


def setup_header(app: Sphinx) -> None:
    """Register the header transform, the header's place marker and the date node."""
    app.add_node(callpost_date, html=(visit_callpost_date_html, depart_callpost_date_html))
    app.add_node(callpost_header_here)
    app.add_transform(PostHeader)
    app.add_post_transform(BuildHeader)
    app.add_post_transform(ShownNames)
    app.add_post_transform(DropRemoteAvatars)
