"""What a recording becomes in each output, after the build has read it.

Pages keep the generic :class:`~.recordings.youtube_embed` node in their doctrees. An
HTML-only post-transform makes it the configured player: by default a *facade* (a
poster and a real link) that makes no request to any Google host until the reader
clicks it, when the extension's script swaps in a ``youtube-nocookie.com`` iframe.
Every other builder, epub and builders this extension has never heard of included,
gets "Recording: title" with the watch link, in plain docutils nodes.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.video import DEFAULT_ASPECT, EMBED_HOST, IFRAME_ALLOW, THUMBNAIL_URL, Video
from .compat import builder_class
from .recordings import youtube_embed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("sphinx_callposts")


def embed_src(node: youtube_embed, clicked: bool = False) -> str:
    """The ``youtube-nocookie.com`` embed URL with the player parameters that differ from the defaults.

    :param clicked: the URL the facade loads on a click, which plays with sound
        unless ``mute`` was asked for
    """
    params: dict[str, Any] = {}
    if clicked or node["autoplay"]:
        params["autoplay"] = 1
    # browsers only start a video by itself when it is muted; a click may play sound
    if node["mute"] or (node["autoplay"] and not clicked):
        params["mute"] = 1
    if not node["controls"]:
        params["controls"] = 0
    if node["start"]:
        params["start"] = node["start"]
    if node["end"]:
        params["end"] = node["end"]
    if node["loop"]:
        params.update(loop=1, playlist=node["id"])
    query = urlencode(params)
    return f"{EMBED_HOST}{node['id']}" + (f"?{query}" if query else "")


def _video(node: youtube_embed) -> Video:
    return Video(node["id"], node["start"])


def _attributes(**attributes: str | None) -> str:
    """``name="value"`` pairs, every value escaped; ``None`` values left out."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{html.escape(value, quote=True)}"'
        for name, value in attributes.items()
        if value is not None
    )


def _wrapper(node: youtube_embed, mode: str) -> str:
    style = None
    if node["aspect"] != DEFAULT_ASPECT:
        width, height = node["aspect"].split(":")
        style = f"--callposts-aspect: {width} / {height}"
    classes = " ".join([*node["classes"], f"callposts-youtube-{mode}"])
    return f"<div{_attributes(class_=classes, data_youtube_id=node['id'], style=style)}>"


def iframe_html(node: youtube_embed) -> str:
    """The iframe, with every attribute the spec asks for."""
    attributes = _attributes(
        src=embed_src(node),
        title=node["title"],
        loading=node["loading"],
        referrerpolicy="strict-origin-when-cross-origin",
        allow=IFRAME_ALLOW,
    )
    return f"<iframe{attributes} allowfullscreen></iframe>"


def facade_html(node: youtube_embed, thumbnails: bool) -> str:
    """A poster that is a real link to the video, plus the link; no Google request."""
    video = _video(node)
    title = node["title"]
    # the post's own picture, else YouTube's thumbnail when the project allows it
    src = node.get("poster") or (THUMBNAIL_URL.format(id=node["id"]) if thumbnails else "")
    thumbnail = (
        f"<img{_attributes(src=src, alt='', loading='lazy', class_='callposts-youtube-thumb')}>"
        if src
        else ""
    )
    poster = _attributes(
        class_="callposts-youtube-poster",
        href=video.watch_url,
        aria_label=_("Play video: {title}").format(title=title),
        data_embed=embed_src(node, clicked=True),
        data_title=title,
    )
    return (
        f"<a{poster}>{thumbnail}"
        '<span class="callposts-youtube-play" aria-hidden="true"></span>'
        f'<span class="callposts-youtube-title">{html.escape(title)}</span></a>'
        + link_html(node, _("Watch on YouTube: "))
    )


def link_html(node: youtube_embed, label: str) -> str:
    """A paragraph with the watch link."""
    href = _attributes(href=_video(node).watch_url)
    return (
        f'<p class="callposts-youtube-watch">{html.escape(label)}'
        f"<a{href}>{html.escape(node['title'])}</a></p>"
    )


def player_html(node: youtube_embed, mode: str, thumbnails: bool) -> str:
    """The recording in ``mode``: ``"facade"``, ``"iframe"`` or ``"link"``."""
    if mode == "iframe":
        body = iframe_html(node)
    elif mode == "facade":
        body = facade_html(node, thumbnails)
    else:
        body = link_html(node, _("Recording: "))
    return _wrapper(node, mode) + body + "</div>\n"


class RecordingPlayers(SphinxPostTransform):
    """HTML: each recording becomes the configured player (epub, which runs no script: a link)."""

    default_priority = 150
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        mode = self.config.callposts_youtube
        if builder_class(self.env).name.startswith("epub"):
            mode = "link"
        thumbnails = self.config.callposts_youtube_thumbnails
        for node in list(self.document.findall(youtube_embed)):
            player = nodes.raw("", player_html(node, mode, thumbnails), format="html")
            player.source, player.line = node.source, node.line
            # not replace_self: the raw HTML carries the classes, a wrapper would repeat them
            node.parent.replace(node, player)


def fallback_nodes(node: youtube_embed, url_as_text: bool = False) -> nodes.paragraph:
    """ "Recording: title" with the watch link, as plain docutils nodes.

    :param url_as_text: write the URL out (for the text builder, which drops link targets)
    """
    url = _video(node).watch_url
    paragraph = nodes.paragraph("", _("Recording: "), classes=["callposts-youtube-fallback"])
    if url_as_text:
        paragraph += nodes.Text(f"{node['title']} <{url}>")
    else:
        paragraph += nodes.reference("", node["title"], refuri=url)
    paragraph.source, paragraph.line = node.source, node.line
    return paragraph


class RecordingLinks(SphinxPostTransform):
    """Every other builder: "Recording: title" with the watch link."""

    default_priority = 151  # after the HTML players

    def run(self, **kwargs: Any) -> None:
        url_as_text = builder_class(self.env).format == "text"
        for node in list(self.document.findall(youtube_embed)):
            node.replace_self(fallback_nodes(node, url_as_text))


def setup_players(app: Sphinx) -> None:
    """Register the post-transforms that give each builder its recordings."""
    app.add_post_transform(RecordingPlayers)
    app.add_post_transform(RecordingLinks)
