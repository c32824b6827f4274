"""The page of an upcoming call: "Upcoming", its date, time and zone, the join link, the ``.ics``.

Whether a call is upcoming depends on the build's "now", not on the page's text, so
this is added when the page is written (``doctree-resolved``), and a page whose call
has passed since the previous build is written again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation

from ..core.selection import is_awaited
from .assets import JS_FILE
from .pending import PAGES_TO_REWRITE
from .render import callpost_date, join_node, time_node
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.post import Post

_ = get_translation("sphinx_callposts")


def upcoming_post(env: BuildEnvironment, docname: str) -> Post | None:
    """The post of a page when it is a call still to come, and held (not cancelled)."""
    store = store_of(env)
    post = store.posts.get(docname)
    return post if post is not None and is_awaited(post, store.build_now) else None


def show_upcoming_call(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give an upcoming call's header its time and zone and the join link (the calendar
    adds its own, :func:`.calendar.add_to_calendar_link`)."""
    post = upcoming_post(app.env, docname)
    header = next(
        (node for node in doctree.findall(nodes.container) if "callpost-header" in node["classes"]),
        None,
    )
    if post is None or post.start is None or header is None:
        return
    date = next(
        (node for node in header.findall(callpost_date) if "callpost-date" in node["classes"]),
        None,
    )
    event = nodes.paragraph("", "", classes=["callpost-event"])
    event += nodes.inline("", _("Upcoming"), classes=["callpost-upcoming"])
    time = time_node(post.start, app.config, ["callpost-date"], timed=post.start_timed)
    if date is None:
        event += [nodes.Text(" "), time]
    else:
        date.replace_self(time)
    # "Held on" reads as the past: the "Upcoming" line says when instead
    for label in list(header.findall(nodes.inline)):
        if "callpost-held" in label["classes"]:
            label.parent.remove(label)
    if post.join and not post.status:
        event += [nodes.Text(" · "), join_node(post.join)]
    # right under the date line, or first when the header has no date line
    anchor = date.parent if date is not None and date.parent in header.children else None
    header.insert(header.index(anchor) + 1 if anchor is not None else 0, event)


def add_time_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.Node | None,
) -> None:
    """Load the script that shows times in the reader's zone on the pages that show one."""
    if doctree is None or app.builder.name.startswith("epub"):
        return
    if any("callpost-time" in node["classes"] for node in doctree.findall(callpost_date)):
        app.add_js_file(JS_FILE, loading_method="defer")


def posts_whose_time_came(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The posts that stopped being upcoming (or expired) since the previous build."""
    return sorted(set(store_of(env).changed_posts(app.config)) & env.found_docs)


def setup_upcoming(app: Sphinx) -> None:
    """Show upcoming calls as events on their pages."""
    app.connect("doctree-resolved", show_upcoming_call)
    app.connect("html-page-context", add_time_script)
    app.connect(PAGES_TO_REWRITE, posts_whose_time_came)
