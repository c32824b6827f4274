"""What search engines and social cards read of a post page, in its ``<head>``.

- ``<meta name="description">`` from the post's ``description`` (else its summary);
- JSON-LD: a ``BlogPosting``, a ``VideoObject`` per recording, an ``Event`` for an
  upcoming call, escaped so that no value can close the ``<script>`` element;
- for ``sphinxext.opengraph``, when loaded: the post's description and image through its
  per-page fields (``og:description``, ``og:image``). Open Graph tags are its job, not ours.
"""

from __future__ import annotations

import html
import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ..core.events import iso_datetime
from ..core.pictures import first_image, is_remote
from ..core.selection import is_upcoming, post_recordings
from ..core.video import EMBED_HOST, THUMBNAIL_URL
from .pictures import picture_path
from .store import store_of
from .urls import page_url, site_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

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


def json_ld(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` that no value in ``data`` can close."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def post_image(builder: Builder, post: Post) -> str:
    """The absolute URL of the post's picture or ``images`` (first entry), or ``""``.

    A picture in the project is where the build copies it; another ``/``-absolute path
    is read from the site's root, as Hugo does (a file of ``html_extra_path``, say).
    """
    if post.picture and is_remote(post.picture):
        return post.picture
    base: str = builder.config.html_baseurl
    if base and (path := picture_path(builder, post)):
        return site_url(base, path)
    url = first_image(post.extra.get("images"))
    if is_remote(url):
        return url
    if url.startswith("/") and base:
        return site_url(base, url)
    return ""


def person(value: Person) -> dict[str, str]:
    """A schema.org ``Person``."""
    found = {"@type": "Person", "name": value.name}
    if value.url.startswith(("https://", "http://")):
        found["url"] = value.url
    return found


def structured_data(builder: Builder, post: Post) -> dict[str, Any]:
    """The post as schema.org data: the article, its recordings, its call when it is to come."""
    config, store = builder.config, store_of(builder.env)
    url = page_url(builder, post.docname)
    description = post.description or post.summary
    image = post_image(builder, post)
    # what the article and its event share, when the post gives it
    shared = {
        key: value
        for key, value in (("description", description), ("url", url), ("image", image))
        if value
    }
    article: dict[str, Any] = {"@type": "BlogPosting", "headline": post.title}
    if post.date:
        article["datePublished"] = iso_datetime(post.date)
    if post.updated:
        article["dateModified"] = iso_datetime(post.updated)
    if people := post.authors or post.presenters:
        article["author"] = [person(one) for one in people]
    article.update(shared)
    graph = [article]
    for number, recording in enumerate(post_recordings(post), start=1):
        video = recording.video.id
        graph.append(
            {
                "@type": "VideoObject",
                "name": video_name(post, recording, number),
                "description": description or post.title,
                "embedUrl": EMBED_HOST + video,
                # metadata loads nothing: the page itself still makes no request to YouTube
                "thumbnailUrl": image or THUMBNAIL_URL.format(id=video),
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
    if post is None or doctree is None or builder.name.startswith("epub"):
        return
    description = post.description or post.summary
    tags = ""
    if description:
        tags += f'<meta name="description" content="{html.escape(description)}" />\n'
    tags += json_ld(structured_data(builder, post))
    context["metatags"] = context.get("metatags", "") + tags
    # sphinxext.opengraph reads a page's own og: values from its metadata, as HTML
    # text in which it escapes only the quotes; a copy, so the environment stays as read
    fields = dict(context.get("meta") or {})
    fields["og:title"] = html.escape(post.title, quote=False)
    if description:
        fields["og:description"] = html.escape(description, quote=False)
    if image := post_image(builder, post):
        fields["og:image"] = html.escape(image, quote=False)
        fields["og:image:alt"] = fields["og:title"]
    context["meta"] = fields


def setup_metadata(app: Sphinx) -> None:
    """Add the metadata to post pages, before sphinxext.opengraph (priority 500) reads it."""
    app.connect("html-page-context", add_post_metadata, priority=400)
