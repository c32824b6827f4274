"""Posts in the build environment, keyed by docname, for listings, feeds and redirects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.environment.collectors import EnvironmentCollector

from .pages import TEMP_POST
from .youtube import recordings_in

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .post import Post


def posts_of(env: BuildEnvironment) -> dict[str, Post]:
    """The posts of the build, by docname."""
    if not hasattr(env, "callposts_posts"):
        env.callposts_posts = {}
    return env.callposts_posts


class PostCollector(EnvironmentCollector):
    """Store each post read, forget it when its document goes, merge parallel reads."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        posts_of(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        posts, others = posts_of(env), posts_of(other)
        posts.update((name, others[name]) for name in docnames if name in others)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        post = app.env.temp_data.get(TEMP_POST)
        if post is not None and post.docname == app.env.docname:
            posts_of(app.env)[post.docname] = post.with_page_data(recordings=recordings_in(doctree))


def setup_collector(app: Sphinx) -> None:
    """Register the post collector."""
    app.add_env_collector(PostCollector)
