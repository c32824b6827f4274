"""Front matter mapping to a Post: Hugo's keys, dates and people."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from sphinx_callposts.core.post import Person, build_post, now, parse_date, parse_people, safe_url

UTC = timezone.utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-10-06", datetime(2022, 10, 6, tzinfo=UTC)),
        ("2021-11-30 9:30:00+00:00", datetime(2021, 11, 30, 9, 30, tzinfo=UTC)),
        ("2021-11-30T09:30:00Z", datetime(2021, 11, 30, 9, 30, tzinfo=UTC)),
        ("2021-11-30T10:30:00+01:00", datetime(2021, 11, 30, 9, 30, tzinfo=UTC)),
        ("15 Oct 2023", datetime(2023, 10, 15, tzinfo=UTC)),
        ("October 6, 2022", datetime(2022, 10, 6, tzinfo=UTC)),
        (datetime(2022, 1, 1).date(), datetime(2022, 1, 1, tzinfo=UTC)),
        (datetime(2022, 1, 1, 12), datetime(2022, 1, 1, 12, tzinfo=UTC)),
    ],
)
def test_dates_hugo_understands(value, expected):
    assert parse_date(value) == expected


def test_mixed_dates_sort_together():
    values = [
        "2022-10-06",
        datetime(2022, 10, 5).date(),
        "2022-10-06T08:00:00+02:00",
        "15 Oct 2021",
    ]
    ordered = sorted(parse_date(value) for value in values)
    assert [d.date().isoformat() for d in ordered] == [
        "2021-10-15",
        "2022-10-05",
        "2022-10-06",
        "2022-10-06",
    ]


@pytest.mark.parametrize("value", ["2022-13-45", "yesterday", 42, ""])
def test_impossible_dates(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_hugo_date_chains_and_key_case():
    post, problems = build_post(
        "p", {"PublishDate": "2022-10-06", "LastMod": "2022-11-01", "Title": "T"}
    )
    assert problems == []
    assert post.date == post.publish_date == datetime(2022, 10, 6, tzinfo=UTC)
    assert post.updated == datetime(2022, 11, 1, tzinfo=UTC)
    assert post.link_title == "T"


def test_params_count_as_top_level_keys():
    post, _ = build_post(
        "p", {"title": "T", "params": {"author": "@octocat", "presenters": ["Ann"]}}
    )
    assert [p.name for p in post.authors] == ["octocat"]
    assert [p.name for p in post.presenters] == ["Ann"]


def test_people_from_a_string():
    people = parse_people("[Doe, John](https://x.org) & @octocat and Jane Roe, Ann")
    assert people == [
        Person("Doe, John", url="https://x.org"),
        Person(
            "octocat",
            url="https://github.com/octocat",
            avatar="https://github.com/octocat.png?size=64",
            login="octocat",
        ),
        Person("Jane Roe"),
        Person("Ann"),
    ]


def test_an_email_in_a_byline_is_never_a_name():
    people = parse_people(
        "Jane Doe <jane@x.org>, [Bob](mailto:bob@x.org?subject=Hi) and carol@x.org; "
        "Dan (dan@x.org) & mailto:eve@x.org"
    )
    assert [(p.name, p.email, p.url) for p in people] == [
        ("Jane Doe", "jane@x.org", ""),
        ("Bob", "bob@x.org", ""),
        ("", "carol@x.org", ""),
        ("Dan", "dan@x.org", ""),
        ("", "eve@x.org", ""),
    ]
    post, problems = build_post(
        "p",
        {
            "title": "T",
            "authors": [{"name": "fay@x.org"}, {"url": "mailto:gil@x.org"}, "Hal <hal@x.org>"],
        },
    )
    assert problems == []
    assert [(p.name, p.email) for p in post.authors] == [
        ("", "fay@x.org"), ("", "gil@x.org"), ("Hal", "hal@x.org")
    ]  # fmt: skip


def test_people_from_mappings_and_lists():
    post, problems = build_post(
        "p",
        {
            "title": "T",
            "authors": [
                {
                    "name": "A",
                    "email": "a@x.org",
                    "avatar": "https://img/a.png",
                    "url": "https://a.org",
                },
                {"github": "octocat"},
                {"email": "only.email@x.org"},
                "B & C",
            ],
            "speakers": {"Name": "S", "Login": "s-login"},
        },
    )
    assert problems == []
    # an email alone names no one: the build shows the name another post or the
    # people file gives that email, else no one (tests/test_people.py)
    assert [p.name for p in post.authors] == ["A", "octocat", "", "B", "C"]
    assert post.authors[2].email == "only.email@x.org"
    assert post.authors[0].avatar == "https://img/a.png"
    assert post.authors[1].url == "https://github.com/octocat"
    assert post.presenters[0].url == "https://github.com/s-login"


def test_wrong_types_are_reported_with_their_line():
    lines = {"tags": 7, "authors": 8, "date": 9, "title": 2}
    post, problems = build_post(
        "p",
        {"title": ["not", "text"], "tags": 5, "authors": [42, "Ann"], "date": "2022-13-45"},
        lines.get,
    )
    assert post.tags == ()
    assert [p.name for p in post.authors] == ["Ann"]
    assert post.date is None
    found = {(p.line, p.subtype) for p in problems}
    assert found >= {
        (7, "frontmatter"),
        (8, "people"),
        (9, "date"),
        (2, "frontmatter"),
        (2, "title"),
    }


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=c", True),
        ("http://example.org", True),
        ("images/a.png", True),
        ("/abs/path", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:image/png;base64,AAAA", False),
        ("//evil.example/x", False),
        ('https://x.org/"onmouseover="alert(1)', False),
        ("https://", False),
        ("vbscript:msgbox", False),
    ],
)
def test_only_http_and_relative_urls(url, kept):
    assert (safe_url(url) == url) is kept


def test_hostile_person_urls_are_dropped_with_a_warning():
    post, problems = build_post(
        "p",
        {
            "title": "T",
            "authors": [{"name": "X", "url": "javascript:alert(1)", "avatar": "data:x"}],
        },
    )
    assert post.authors == (Person("X"),)
    assert [p.subtype for p in problems] == ["url"]


def test_aliases_url_and_slug():
    post, _ = build_post(
        "p", {"title": "T", "aliases": ["/old/one", "/old/one"], "url": "/x/", "slug": "s"}
    )
    assert post.aliases == ("/old/one",)
    # the URL Hugo served the post at, not a path relative to it: core/permalinks.py
    assert (post.url, post.slug) == ("/x/", "s")


def test_custom_keys_are_kept_typed():
    post, problems = build_post(
        "p", {"title": "T", "layout": "blog-list", "aggregate": True, "n": 3}
    )
    assert problems == []
    assert post.extra == {"layout": "blog-list", "aggregate": True, "n": 3}


def test_draft_strings():
    assert build_post("p", {"title": "T", "draft": "true"})[0].draft is True
    assert build_post("p", {"title": "T", "draft": "false"})[0].draft is False


def test_now_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert now() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
