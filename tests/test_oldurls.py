"""The old URLs of posts and section pages, and who wins a file, without Sphinx."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from sphinx_callposts.core.bundles import POST, SECTION
from sphinx_callposts.core.oldurls import (
    ALIAS,
    OldPage,
    OldURL,
    Redirect,
    choose_winner,
    old_urls,
    resolve,
)

from .helpers import run_check

DATE = datetime(2024, 5, 6, tzinfo=timezone.utc)


def _html_file(docname: str) -> str:
    return docname + ".html"


def _free(relpath: str) -> bool:
    return True


def test_old_urls_of_posts_and_section_pages_from_plain_inputs():
    pages = [
        OldPage("blog/a", POST, "A", date=DATE, aliases=("/old-a/",)),
        OldPage("blog/_index", SECTION, "Blog"),
        OldPage("blog/b", POST, "B", slug="bee", date=DATE, draft=True),
    ]
    permalinks = {"blog": "/:section/:year/:slug/"}
    assert old_urls(pages, permalinks) == (
        OldURL("blog/_index", "Blog", "/blog/", ""),
        OldURL("blog/a", "A", "/blog/2024/a/", "permalinks", date=DATE),
        OldURL("blog/a", "A", "/old-a/", ALIAS, date=DATE),
    )
    with_drafts = old_urls(pages, permalinks, drafts=True)
    assert OldURL("blog/b", "B", "/blog/2024/bee/", "permalinks", date=DATE) in with_drafts


def test_the_hugo_content_path_makes_the_old_urls_not_the_docs_folder():
    pages = [
        OldPage("community/calls/_index", SECTION, "Calls"),
        OldPage("community/calls/2024/_index", SECTION, "2024"),
        OldPage("community/calls/2024/a", POST, "A", date=DATE, aliases=("a-old",)),
        OldPage("community/calls/2024/b", POST, "B", aliases=("b-old/",)),
    ]
    permalinks = {"blog": "/:section/:year/:month/:day/:slug/"}
    urls = old_urls(pages, permalinks, hugo_paths={"community/calls": "blog"})
    assert [(old.docname, old.path) for old in urls] == [
        ("community/calls/2024/_index", "/blog/2024/"),
        ("community/calls/2024/a", "/blog/2024/05/06/a/"),
        ("community/calls/2024/a", "a-old"),
        ("community/calls/2024/b", "/blog/2024/b/"),
        ("community/calls/2024/b", "b-old/"),
        ("community/calls/_index", "/blog/"),
    ]
    redirects, problems = resolve(urls, _html_file, _free)
    assert problems == []
    # a relative alias starts from the folder above the page's old URL, as in Hugo
    assert {redirect.old.path: redirect.file for redirect in redirects} == {
        "/blog/2024/": "blog/2024/index.html",
        "/blog/2024/05/06/a/": "blog/2024/05/06/a/index.html",
        "a-old": "blog/2024/05/06/a-old/index.html",
        "/blog/2024/b/": "blog/2024/b/index.html",
        "b-old/": "blog/2024/b-old/index.html",
        "/blog/": "blog/index.html",
    }


def _old(docname: str, path: str, key: str = ALIAS, day: int | None = None) -> OldURL:
    date = datetime(2024, 1, day, tzinfo=timezone.utc) if day else None
    return OldURL(docname, docname.upper(), path, key, date=date)


@pytest.mark.parametrize(
    ("claims", "winner", "refused"),
    [
        # a page's own old URL beats another page's alias
        ([_old("a", "/x/", "slug"), _old("b", "/x/")], 0, [1]),
        # two pages served at one URL: neither wins
        ([_old("a", "/x/", "slug"), _old("b", "/x/", "url")], None, [0, 1]),
        # two aliases of different pages: the older post keeps it, else the first by name
        ([_old("a", "/x/", day=9), _old("b", "/x/", day=2)], 1, [0]),
        ([_old("b", "/x/"), _old("a", "/x/"), _old("c", "/x/", day=3)], 2, [1, 0]),
        ([_old("b", "/x/"), _old("a", "/x/")], 1, [0]),
        ([_old("a", "/x/")], 0, []),
    ],
)
def test_the_winner_of_a_file(claims, winner, refused):
    found, problems = choose_winner("x/index.html", claims)
    assert found is (claims[winner] if winner is not None else None)
    assert [old for old, _problem in problems] == [claims[i] for i in refused]


def test_a_winner_whose_path_an_alias_repeats_is_not_refused():
    served, alias = _old("a", "/x/", "slug"), _old("b", "/x/")
    winner, refused = choose_winner("x/index.html", [served, alias])
    assert winner is served
    assert [old for old, _problem in refused] == [alias]


def test_a_page_at_its_own_old_url_needs_no_redirect_page():
    own, alias = _old("x/index", "/x/", ""), _old("b", "/x/")
    redirects, problems = resolve([own, alias], _html_file, lambda path: False)
    assert redirects == [Redirect(own, "/x/", "")]
    # the page's own URL beats another page's alias there, as its redirect page would
    message = "collides with the old URL of another page (x/index.html); no redirect written"
    assert [(problem.old, problem.message) for problem in problems] == [
        (alias, f"alias '/x/' {message}")
    ]


def test_hugos_default_path_gives_way_to_a_page_of_the_build():
    default = _old("x", "/taken/", "")
    redirects, problems = resolve([default], _html_file, lambda path: path != "taken/index.html")
    assert (redirects, problems) == ([], [])


def test_problems_are_located_by_the_key_that_gives_the_old_url():
    pages = [
        OldPage("a", POST, "A", aliases=("/a%0Ab/", "/" + "x" * 300 + "/")),
        OldPage("b", POST, "B", slug="same"),
        OldPage("c", POST, "C", slug="same"),
    ]
    problems = resolve(old_urls(pages, {}), _html_file, _free)[1]
    found = [(p.old.docname, p.old.line_keys, p.subtype) for p in problems]
    assert found == [
        ("a", (ALIAS,), "alias"),
        ("a", (ALIAS,), "alias"),
        ("b", ("slug",), "permalink"),
        ("c", ("slug",), "permalink"),
    ]
    assert "U+000A" in problems[0].message
    assert "longer than a file name" in problems[1].message


def test_check_of_one_post_finds_the_post_its_alias_collides_with(tmp_path):
    calls = tmp_path / "calls"
    calls.mkdir()
    (tmp_path / "conf.py").write_text('callposts_pattern = ["calls/**"]\n')
    for name in ("a", "b"):
        (calls / f"{name}.md").write_text(
            f"---\ntitle: {name}\ndate: 2024-01-01\naliases: [/shared/]\n---\nText.\n"
        )
    result = run_check(calls / "b.md")
    assert result.stdout.splitlines() == [
        (
            f"{calls / 'b.md'}:4: alias '/shared/' is already the alias of the post 'a' "
            "(shared/index.html); no redirect written [callposts.alias]"
        ),
        "1 problem in 1 post (1 post, 0 section pages checked)",
    ]
    # the post that keeps the alias is not told
    assert run_check(calls / "a.md").returncode == 0
