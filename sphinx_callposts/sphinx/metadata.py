"""What search engines and social cards read of a post or listing page, in its ``<head>``.

- ``<meta name="description">`` from the post's ``description`` (else its summary); on a
  listing page, its section's, else "N calls of *project*", never the table's text;
- JSON-LD: a ``BlogPosting``, a ``VideoObject`` per recording, an ``Event`` for an
  upcoming call, escaped so that no value can close the ``<script>`` element;
- for ``sphinxext.opengraph``, when loaded: the page's description and image through its
  per-page fields (``og:description``, ``og:image``), and a post's ``og:type`` article;
  only the ``article:`` tags, which it has no field for, are written here.
"""

from __future__ import annotations

import html
import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation

from ..core.events import iso_datetime
from ..core.pictures import is_remote
from ..core.selection import is_upcoming, post_recordings
from ..core.video import EMBED_HOST, THUMBNAIL_URL
from .pages import SECTION_DESCRIPTION
from .pictures import picture_path
from .store import store_of, view_of
from .urls import page_url, site_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from ..core.post import Person, Post
    from ..core.selection import Recording

SCHEMA = "https://schema.org"
#: a call's ``status`` -> schema.org's ``eventStatus``
EVENT_STATUS = {
    "": "EventScheduled", "cancelled": "EventCancelled",
    "postponed": "EventPostponed", "rescheduled": "EventRescheduled",
}  # fmt: skip
#: characters that could end the script element or start a comment in it, as JSON escapes
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
#: images of a page that are not the post's own: avatars, posters, cards
_NOT_PICTURES = frozenset({"callpost-avatar", "callposts-youtube-thumb", "callposts-card-picture"})

_ = get_translation("sphinx_callposts")


def json_ld(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` that no value in ``data`` can close."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def post_image(builder: Builder, post: Post) -> str:
    """The absolute URL of the post's picture, or ``""``.

    A picture in the project is where the build copies it; one on another host is named
    as written. A missing one is no picture (its warning was given at reading).
    """
    if post.picture and is_remote(post.picture):
        return post.picture
    base: str = builder.config.html_baseurl
    if base and (path := picture_path(builder, post)):
        return site_url(base, path)
    return ""


def person(value: Person) -> dict[str, str]:
    """A schema.org ``Person``."""
    found = {"@type": "Person", "name": value.name}
    if value.url.startswith(("https://", "http://")):
        found["url"] = value.url
    return found


def page_image(builder: Builder, doctree: nodes.Node) -> str:
    """The absolute URL of the first image of a page's own text, or ``""``.

    A local image is where the build copies it (from ``html_baseurl``); the post's
    header, its recordings' posters and cards of other posts do not count.
    """
    base: str = builder.config.html_baseurl
    copied: dict[str, str] = getattr(builder, "images", None) or {}
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if _NOT_PICTURES.intersection(image["classes"]):
            continue
        if is_remote(uri):
            return uri
        # the paths Sphinx read it from: the writer has made its uri the copy's, relative
        sources: list[str] = list(image.get("candidates", {}).values())
        if base and (name := next((copied[path] for path in sources if path in copied), "")):
            return site_url(base, f"{builder.imagedir}/{name}")
    return ""


def organizer(config: Config) -> dict[str, str]:
    """The schema.org ``Organization`` of ``callposts_organizer`` (else the project), or ``{}``."""
    value = config.callposts_organizer
    if isinstance(value, dict):
        name, url = value["name"], value.get("url", "")
    else:
        name, url = value or config.project, "" if value else config.html_baseurl
    if not name:
        return {}
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


def structured_data(
    builder: Builder, post: Post, doctree: nodes.Node | None = None
) -> dict[str, Any]:
    """The post as schema.org data: the article, its recordings, its call when it is to come.

    :param doctree: the page, whose first image is the post's when it names no picture
    """
    config, store = builder.config, store_of(builder.env)
    url = page_url(builder, post.docname)
    description = post.description or post.summary
    picture = post_image(builder, post) or (page_image(builder, doctree) if doctree else "")
    recordings = post_recordings(post)
    # the article's and the event's: the post's picture, else its first recording's poster
    image = picture or (THUMBNAIL_URL.format(id=recordings[0].video.id) if recordings else "")
    # what the article and its event share, when the post gives it
    shared = {
        key: value
        for key, value in (("description", description), ("url", url), ("image", image))
        if value
    }
    article: dict[str, Any] = {"@type": "BlogPosting", "headline": post.title}
    if post.date:
        article["datePublished"] = iso_datetime(post.date)
    if modified := post.updated or post.date:
        article["dateModified"] = iso_datetime(modified)
    if people := post.authors or post.presenters:
        article["author"] = [person(one) for one in people]
    article.update(shared)
    graph = [article]
    for number, recording in enumerate(recordings, start=1):
        video = recording.video.id
        graph.append(
            {
                "@type": "VideoObject",
                "name": video_name(post, recording, number),
                "description": description or post.title,
                "embedUrl": EMBED_HOST + video,
                # metadata loads nothing: the page itself still makes no request to YouTube
                "thumbnailUrl": picture or THUMBNAIL_URL.format(id=video),
                **({"uploadDate": iso_datetime(post.date)} if post.date else {}),
            }
        )
    if is_upcoming(post, store.build_now):
        length = post.duration or timedelta(minutes=config.callposts_call_duration)
        event: dict[str, Any] = {
            "@type": "Event",
            "name": post.title,
            **event_dates(post, length),
            "eventAttendanceMode": f"{SCHEMA}/OnlineEventAttendanceMode",
            "eventStatus": f"{SCHEMA}/{EVENT_STATUS[post.status]}",
            "location": {
                "@type": "VirtualLocation",
                "url": (post.join if not post.status else "") or url,
            },
        }
        if post.presenters:
            event["performer"] = [person(one) for one in post.presenters]
        if host := organizer(config):
            event["organizer"] = host
        event.update(shared)
        graph.append(event)
    return {"@context": SCHEMA, "@graph": graph}


def video_name(post: Post, recording: Recording, number: int) -> str:
    """A recording's name for search engines: its own title, else the post's, and from the
    second on, the post's with "Recording 2"..."""
    if recording.title:
        return recording.title
    return post.title if number == 1 else f"{post.title}: {recording.label}"


def event_dates(post: Post, length: timedelta) -> dict[str, str]:
    """An event's ``startDate`` and ``endDate``: its day for an all-day call, as its calendar.

    A call too close to year 1 or 9999 for its end to be written has no ``endDate``.
    """
    start = post.start
    assert start is not None
    if not post.start_timed:
        day = start.date().isoformat()
        return {"startDate": day, "endDate": day}
    if not post.in_calendar:
        return {"startDate": iso_datetime(start)}
    return {"startDate": iso_datetime(start), "endDate": iso_datetime(start + length)}


def add_post_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Put a post page's description and JSON-LD in its head, and hand OpenGraph its fields."""
    builder = app.builder
    post = store_of(app.env).posts.get(pagename)
    if post is None or not isinstance(doctree, nodes.Node) or builder.name.startswith("epub"):
        return
    description = post.description or post.summary
    tags = ""
    if description:
        tags += f'<meta name="description" content="{html.escape(description)}" />\n'
    data = structured_data(builder, post, doctree)
    tags += json_ld(data)
    if "sphinxext.opengraph" in app.extensions:
        tags += article_tags(post)
    context["metatags"] = context.get("metatags", "") + tags
    # sphinxext.opengraph reads a page's own og: values from its metadata, as HTML
    # text in which it escapes only the quotes; a copy, so the environment stays as read
    fields = dict(context.get("meta") or {})
    fields["og:title"] = html.escape(post.title, quote=False)
    fields["og:type"] = "article"
    if description:
        fields["og:description"] = html.escape(description, quote=False)
    if image := data["@graph"][0].get("image"):
        fields["og:image"] = html.escape(image, quote=False)
        fields["og:image:alt"] = fields["og:title"]
    context["meta"] = fields


def article_tags(post: Post) -> str:
    """Open Graph's ``article:`` tags of a post: its dates and its tags."""
    values = []
    if post.date:
        values.append(("article:published_time", iso_datetime(post.date)))
    if modified := post.updated or post.date:
        values.append(("article:modified_time", iso_datetime(modified)))
    values += [("article:tag", tag) for tag in post.tags]
    return "".join(
        f'<meta property="{name}" content="{html.escape(value)}" />\n' for name, value in values
    )


def listing_description(app: Sphinx, pagename: str) -> str:
    """What a listing page says it is: its section's ``description`` (else ``summary``),
    else how many calls or posts of the project it lists ("12 posts of Gardener, 5 of
    them calls")."""
    meta = app.env.metadata.get(pagename) or {}
    own = next((meta[key] for key in (SECTION_DESCRIPTION, "description") if meta.get(key)), "")
    if isinstance(own, str) and own.strip():
        return " ".join(own.split())
    store, config = store_of(app.env), app.config
    shown = store.shown_on(pagename, config, view_of(app.env).by_folder, whole=True)
    calls, count = sum(post.is_call for post in shown), len(shown)
    if calls == count:
        words = _("1 call of {project}") if count == 1 else _("{count} calls of {project}")
    else:
        words = _("1 post of {project}") if count == 1 else _("{count} posts of {project}")
    if calls and calls != count:
        more = _("one of them a call") if calls == 1 else _("{calls} of them calls")
        words += ", " + more
    return words.format(count=count, calls=calls, project=config.project)


def add_listing_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Give a listing page a description of its own, for search engines and OpenGraph.

    Without it, sphinxext.opengraph describes the page by its first words: the table's.
    A description the page's own metadata gives (``html_meta``) is left as it is.
    """
    store = store_of(app.env)
    if (
        pagename not in store.listings
        or pagename in store.posts
        or doctree is None
        or app.builder.name.startswith("epub")
        or 'name="description"' in context.get("metatags", "")
    ):
        return
    description = listing_description(app, pagename)
    tag = f'<meta name="description" content="{html.escape(description)}" />\n'
    context["metatags"] = context.get("metatags", "") + tag
    fields = dict(context.get("meta") or {})
    fields["og:description"] = html.escape(description, quote=False)
    context["meta"] = fields


def setup_metadata(app: Sphinx) -> None:
    """Add the metadata to post and listing pages, before sphinxext.opengraph (priority
    500) reads it."""
    app.connect("html-page-context", add_post_metadata, priority=400)
    app.connect("html-page-context", add_listing_metadata, priority=400)
