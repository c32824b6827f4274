"""What search engines and social cards read of a post page: description, JSON-LD, Open Graph."""

from __future__ import annotations

import json

import pytest

from .helpers import build, copy_root, page, warning_lines

BASE = "https://example.org/docs/calls/"
HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    return build(copy_root("events", tmp_path_factory.mktemp("metadata")), freshenv=True)


def linked_data(soup) -> dict[str, dict]:
    """The JSON-LD of a page, by schema.org type."""
    [script] = soup.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org"
    return {item["@type"]: item for item in data["@graph"]}


def test_meta_description_from_the_front_matter(html_app):
    soup = page(html_app, "calls/2027-03-04-params")
    [meta] = soup.select('meta[name="description"]')
    assert meta["content"] == "The release, live."
    # else the summary the listing shows: here the first words of the text
    [meta] = page(html_app, "calls/2027-06-10-all-day").select('meta[name="description"]')
    assert meta["content"] == "All day long."
    assert not page(html_app, "index").select('meta[name="description"]')


def test_blog_posting_and_video(html_app):
    found = linked_data(page(html_app, "calls/2025-11-20-past"))
    assert set(found) == {"BlogPosting", "VideoObject"}  # the call has passed: no Event
    article = found["BlogPosting"]
    assert article["headline"] == "Incremental builds"
    assert article["datePublished"] == "2025-11-20T16:00:00+01:00"
    assert article["url"] == BASE + "2025-11-20-past.html"
    assert article["description"] == "How one edit rebuilds one page."
    video = found["VideoObject"]
    assert video == {
        "@type": "VideoObject",
        "name": "Incremental builds",
        "description": "How one edit rebuilds one page.",
        "embedUrl": "https://www.youtube-nocookie.com/embed/46nCdVA-rsc",
        "thumbnailUrl": "https://i.ytimg.com/vi/46nCdVA-rsc/hqdefault.jpg",
        "uploadDate": "2025-11-20T16:00:00+01:00",
    }


def test_upcoming_call_is_an_online_event(html_app):
    found = linked_data(page(html_app, "calls/2027-01-21-planning"))
    event = found["Event"]
    assert event["name"] == "Planning 2027"
    assert event["startDate"] == "2027-01-21T17:00:00+01:00"
    assert event["endDate"] == "2027-01-21T18:30:00+01:00"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.org/planning?pwd=a&b=1",
    }
    assert event["performer"] == [{"@type": "Person", "name": "Mira Okafor"}]
    assert found["BlogPosting"]["image"] == "https://example.org/docs/_images/planning.png"


def test_no_value_can_end_the_script(html_app):
    soup = page(html_app, "calls/2025-10-01-hostile")
    text = (html_app.outdir / "calls/2025-10-01-hostile.html").read_text("utf8")
    assert "<script>alert(1)" not in text
    # the page holds exactly its own scripts, and the JSON still reads as written
    assert not [
        s
        for s in soup.select("script:not([src])")
        if "alert" in (s.string or "") and s.get("type") != "application/ld+json"
    ]
    article = linked_data(soup)["BlogPosting"]
    assert article["headline"] == HOSTILE
    assert article["author"] == [{"@type": "Person", "name": 'Eve "Mallory" <b>'}]
    assert article["description"] == 'A description with </script> & "quotes"'
    [meta] = soup.select('meta[name="description"]')
    assert meta["content"] == 'A description with </script> & "quotes"'


def test_opengraph_gets_the_post_description_and_image(tmp_path):
    app = build(
        copy_root("events", tmp_path),
        freshenv=True,
        confoverrides={
            "extensions": ["myst_parser", "sphinx_callposts", "sphinxext.opengraph"],
            "ogp_site_url": "https://example.org/docs/",
        },
    )
    assert warning_lines(app) == []
    soup = page(app, "calls/2027-01-21-planning")

    def og(name: str) -> list[str]:
        return [tag["content"] for tag in soup.select(f'meta[property="og:{name}"]')]

    assert og("title") == ["Planning 2027"]
    # the post's description, not the header's text ("January 21, 2027 ... Upcoming ...")
    assert og("description") == ["What the project should do in 2027."]
    assert og("image") == ["https://example.org/docs/_images/planning.png"]
    # one description only: ours, which opengraph sees and leaves alone
    assert [m["content"] for m in soup.select('meta[name="description"]')] == [
        "What the project should do in 2027."
    ]
    hostile = page(app, "calls/2025-10-01-hostile")
    assert [m["content"] for m in hostile.select('meta[property="og:title"]')] == [HOSTILE]
    assert [m["content"] for m in hostile.select('meta[property="og:description"]')] == [
        'A description with </script> & "quotes"'
    ]
    assert "<script>alert(1)" not in (app.outdir / "calls/2025-10-01-hostile.html").read_text(
        "utf8"
    )
