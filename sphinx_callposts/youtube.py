"""YouTube recordings: the ``youtube`` role and directive, the embed node and its visitors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class youtube_embed(nodes.General, nodes.Element):  # noqa: N801
    """A recording; ``id`` holds the video id."""


def recordings_in(doctree: nodes.Node) -> tuple[str, ...]:
    """The ids of the recordings embedded in a doctree, in order, each once."""
    return tuple(dict.fromkeys(node["id"] for node in doctree.findall(youtube_embed)))


def setup_youtube(app: Sphinx) -> None:
    """Register the node, role and directive (work in progress: issue 3)."""
