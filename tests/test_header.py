"""Posts become pages: the title as H1 and a header with date, people and tags."""

from __future__ import annotations

import shutil

import pytest

from .helpers import body, page


@pytest.mark.sphinx("html", testroot="posts")
def test_good_posts_build_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="posts")
def test_yaml_post_header(app):
    app.build()
    main = body(app, "blog/2022/call-october/index")
    assert main.select_one("h1").get_text() == "Community Call - Cilium / Isovalent Presentation¶"
    assert (
        page(app, "blog/2022/call-october/index")
        .title.get_text()
        .startswith("Community Call - Cilium")
    )
    header = main.select_one("div.callpost-header")
    assert header.select_one(".callpost-subtitle").get_text() == "A look at eBPF networking"
    date = header.select_one("time.callpost-date")
    assert (date["datetime"], date.get_text()) == ("2022-10-06", "October 6, 2022")
    updated = header.select_one("time.callpost-date-updated")
    assert (updated["datetime"], updated.get_text()) == (
        "2022-11-01T10:00:00+00:00",
        "November 1, 2022",
    )

    [avatar] = header.select(".callpost-authors img.callpost-avatar")
    assert avatar.attrs == {
        "alt": "",  # the name stands beside it
        "class": ["callpost-avatar"],
        "loading": "lazy",
        "src": "https://avatars.githubusercontent.com/u/25197046?v=4",
    }
    assert "nikolay.boshnakov@example.org" not in str(main)

    presenters = header.select_one(".callpost-presenters")
    link = presenters.select_one("a.callpost-person")
    # the name links to the person's page, which links to their profile
    assert (link.get_text(), link["href"]) == (
        "Raymond de Jong",
        "../../../people/raymond-de-jong.html",
    )
    profile = body(app, "people/raymond-de-jong").select_one(".callposts-person-link a")
    assert profile["href"] == "https://github.com/raymonddejong"
    assert presenters.select_one("img.callpost-avatar")["alt"] == ""
    assert [t.get_text() for t in header.select(".callpost-tags .callpost-tag")] == [
        "networking",
        "cilium",
    ]
    # the leaf bundle's own image resolves
    assert main.select_one("section#topics img")["src"].endswith("diagram.png")
    assert not main.select(".callpost-draft")


@pytest.mark.sphinx("html", testroot="posts")
def test_toml_post_with_params_draft_and_deep_headings(app):
    app.build()
    main = body(app, "blog/2022/toml-call")
    assert main.select_one("h1").get_text() == "TOML call¶"
    assert main.select_one("time.callpost-date")["datetime"] == "2022-03-23T09:30:00+01:00"
    authors = main.select(".callpost-authors .callpost-person")
    assert [a.get_text() for a in authors] == ["octocat", "Bob Builder"]
    assert (
        main.select_one(".callpost-authors img")["src"] == "https://github.com/octocat.png?size=64"
    )
    assert main.select_one(".callpost-presenters a")["href"] == "../../people/ann-lee.html"
    banner = main.select_one("div.callpost-draft")
    assert "Draft" in banner.get_text()
    # "### Agenda" sits right under the title, "#### Details" under it
    assert main.select_one("section > section#agenda > h2").get_text() == "Agenda¶"
    assert main.select_one("section#agenda > section#details > h3")


@pytest.mark.sphinx("html", testroot="posts")
def test_json_post_and_people_string(app):
    app.build()
    main = body(app, "blog/2023/json-call")
    assert main.select_one("time.callpost-date")["datetime"] == "2023-10-15"
    people = main.select(".callpost-authors .callpost-person")
    assert [(p.get_text(), p["href"]) for p in people] == [
        ("Jane Roe", "../../people/jane-roe.html"),
        ("John Doe", "../../people/john-doe.html"),
    ]
    assert not body(app, "people/jane-roe").select(".callposts-person-link")
    assert body(app, "people/john-doe").select_one(".callposts-person-link a")["href"] == (
        "https://john.example"
    )
    assert main.select_one(".callpost-tags").get_text() == "Tags: json"
    post = app.env.callposts.posts["blog/2023/json-call"]
    assert post.summary == "First paragraph of the JSON call."


@pytest.mark.sphinx("html", testroot="posts")
def test_presenters_linked_or_not_and_one_date_line(app):
    """ "led by [A](url), B and C" gives A, B and C; a subtitle that is the date is not repeated."""
    app.build()
    header = body(app, "blog/2023/json-call").select_one(".callpost-header")
    presenters = header.select(".callpost-presenters .callpost-person")
    assert [(p.get_text(), p.get("href")) for p in presenters] == [
        ("Ann Lee", "../../people/ann-lee.html"),
        ("Bob de Vries", "../../people/bob-de-vries.html"),
        ("Carl D. Smith", "../../people/carl-d.-smith.html"),  # Hugo keeps the dot
    ]
    # Ann Lee's link in the Presenters section is on her page
    assert body(app, "people/ann-lee").select_one(".callposts-person-link a")["href"] == (
        "https://ann.example"
    )
    # "October 15, 2023" stands once: in the date line, not again as a subtitle
    assert not header.select(".callpost-subtitle")
    assert header.get_text().count("October 15, 2023") == 1


@pytest.mark.sphinx("html", testroot="posts")
def test_callpost_directive_places_the_header(app):
    app.build()
    main = body(app, "blog/2023/header-here")
    children = [c for c in main.select_one("section").children if getattr(c, "name", None)]
    assert [c.name for c in children[:3]] == ["h1", "p", "div"]
    assert children[1].get_text() == "An intro before the header."
    assert "callpost-header" in children[2]["class"]
    assert len(main.select(".callpost-header")) == 1


@pytest.mark.sphinx("html", testroot="posts")
def test_section_page_gets_its_title_and_no_header(app):
    app.build()
    main = body(app, "blog/_index")
    assert main.select_one("h1").get_text() == "Blog¶"
    assert not main.select(".callpost-header")
    assert set(app.env.callposts.posts) == {
        "blog/2022/call-october/index",
        "blog/2022/toml-call",
        "blog/2023/json-call",
        "blog/2023/header-here",
    }
    assert app.env.metadata["blog/_index"]["layout"] == "blog-list"


@pytest.mark.sphinx(
    "html",
    testroot="posts",
    confoverrides={"language": "de", "callposts_show_emails": True},
)
def test_dates_in_the_project_language_and_emails_on_request(app):
    app.build()
    main = body(app, "blog/2022/call-october/index")
    assert main.select_one("time.callpost-date").get_text() == "6. Oktober 2022"
    # the extension's own words, from its German catalog
    assert main.select_one(".callpost-presenters .callpost-label").get_text() == "Vortragende: "
    assert (
        main.select_one(".callpost-date-updated").find_previous("span").get_text()
        == " · aktualisiert "
    )
    authors = main.select_one(".callpost-authors")
    assert "<nikolay.boshnakov@example.org>" in authors.get_text()
    assert authors.select_one('a[href^="mailto:"]').get_text() == "nikolay.boshnakov@example.org"


@pytest.mark.sphinx("html", testroot="posts", confoverrides={"callposts_date_format": "%Y/%m/%d"})
def test_date_format(app):
    app.build()
    assert body(app, "blog/2022/call-october/index").select_one("time").get_text() == "2022/10/06"


@pytest.mark.sphinx("html", testroot="posts", parallel=2)
def test_parallel_read_gives_the_same_posts(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert len(app.env.callposts.posts) == 4
    assert body(app, "blog/2023/json-call").select_one("time.callpost-date")


@pytest.mark.parametrize(
    "builder", ["epub", "latex", "text", "man", "texinfo", "dirhtml", "singlehtml"]
)
def test_every_builder_succeeds(make_app, rootdir, tmp_path, builder):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-posts", srcdir, dirs_exist_ok=True)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    if builder == "latex":
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf8")
        assert "Community Call \\sphinxhyphen{}" in tex or "Community Call -" in tex
        assert "avatars.githubusercontent.com" not in tex  # remote avatars left out


@pytest.mark.parametrize(
    ("mode", "shown"),
    [
        ("all", ["octocat", "Lee Local"]),
        ("local", ["Lee Local"]),  # no request to another host
        ("none", []),
    ],
)
def test_avatars_all_local_or_none(make_app, rootdir, tmp_path, mode, shown):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-posts", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"callposts_avatars": mode})
    app.build()
    assert app.warning.getvalue() == ""
    avatars = body(app, "blog/2023/header-here").select(".callpost-authors img.callpost-avatar")
    assert [img.find_next(class_="callpost-person").get_text() for img in avatars] == shown
    assert {img["alt"] for img in avatars} <= {""}
    if "Lee Local" in shown:
        assert avatars[-1]["src"] == "../../_images/lee.png"


def test_remote_avatars_made_at_write_time_pass_sphinx_image_converters(
    make_app, rootdir, tmp_path
):
    """A converter asks each image's candidates: remote avatars have them, as Sphinx's own."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-posts", srcdir)
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={
            "extensions": ["sphinx_callposts", "sphinx.ext.imgconverter"],
            "callposts_avatars": "all",
        },
    )
    app.build()
    assert app.warning.getvalue() == ""
    avatars = body(app, "blog/2023/header-here").select(".callpost-authors img.callpost-avatar")
    assert [img["src"] for img in avatars] == [
        "https://github.com/octocat.png?size=64",
        "../../_images/lee.png",
    ]
