"""One person, one page: spellings matched by login, email and name, and by the people
file (issue 21, item 5)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sphinx_callposts.core.people import People, known_people
from sphinx_callposts.core.post import Person, person_from

from .helpers import build, extension_warnings, page, run_check, warning_lines, warnings_of
from .test_listing_terms import make_project

POSTS = {
    "a": "title: Call A\ndate: 2024-03-01\nauthors:\n  - github: rhubenov\n",
    "b": (
        "title: Call B\ndate: 2024-02-01\n"
        "authors:\n  - name: Rado Hubenov\n    github: rhubenov\n  - Holger Koser\n"
    ),
    "c": "title: Call C\ndate: 2024-01-01\nauthors: [Holger Kosser]\n",
    "d": "title: Call D\ndate: 2023-12-01\nauthors:\n  - email: secret.person@example.com\n",
}
PEOPLE_FILE = """\
koser:
  name: Holger Koser
  aliases: [Holger Kosser]
  url: https://example.org/holger
"""
EMAIL = "secret.person"


def people_pages(app) -> dict[str, str]:
    """``page -> the person's name`` of every people page."""
    return {
        path.name: page(app, f"people/{path.name}").select_one("div.body h1").get_text().rstrip("¶")
        for path in sorted((app.outdir / "people").glob("*.html"))
        if path.name != "index.html"
    }


def header_people(app, name: str) -> list[tuple[str, str]]:
    header = page(app, f"calls/{name}").select_one(".callpost-header")
    return [(a.get_text(), a["href"]) for a in header.select(".callpost-authors a")]


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    srcdir = make_project(tmp_path_factory.mktemp("people"), POSTS)
    (srcdir / "people.yaml").write_text(PEOPLE_FILE, encoding="utf8")
    return build(srcdir, freshenv=True)


def test_each_person_has_one_page_under_one_name(people):
    assert people_pages(people) == {
        "rado-hubenov.html": "Rado Hubenov",
        "holger-koser.html": "Holger Koser",
    }


def test_headers_show_the_canonical_names_and_links(people):
    assert header_people(people, "a") == [("Rado Hubenov", "../people/rado-hubenov.html")]
    assert header_people(people, "b") == [
        ("Rado Hubenov", "../people/rado-hubenov.html"),
        ("Holger Koser", "../people/holger-koser.html"),
    ]
    assert header_people(people, "c") == [("Holger Koser", "../people/holger-koser.html")]
    # the post with only an email names no one
    assert page(people, "calls/d").select_one(".callpost-authors") is None


def test_listings_show_the_canonical_names(people):
    names = [
        a.get_text() for a in page(people, "index").select(".callposts-list a.callpost-person")
    ]
    assert sorted(set(names)) == ["Holger Koser", "Rado Hubenov"]
    person = page(people, "people/holger-koser").select_one("div.body")
    assert [a.get_text() for a in person.select(".callposts-person-link a")] == [
        "https://example.org/holger"
    ]
    assert {a.get_text() for a in person.select(".callposts-list a")} >= {"Call B", "Call C"}


def test_an_author_with_only_an_email_warns_at_its_line(people):
    # the line of the email, under "authors:" (the file's line 1 is the front matter's ---)
    assert warnings_of(people) == [("d.md", 5, "callposts.people")]
    assert "gives an email but no name" in "\n".join(warning_lines(people))


def test_check_reports_the_nameless_author_as_the_build(people):
    result = run_check(people.srcdir)
    reported = [line for line in result.stdout.splitlines() if "[callposts." in line]
    assert [line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in reported] == ["d.md:5"]
    assert reported[0].endswith("[callposts.people]")
    # named by the people file, the email is someone: neither the build nor check warns
    (people.srcdir / "people.yaml").write_text(
        PEOPLE_FILE + f"secret:\n  name: Sam Secret\n  email: {EMAIL}@example.com\n",
        encoding="utf8",
    )
    try:
        assert "[callposts.people]" not in run_check(people.srcdir).stdout
    finally:
        (people.srcdir / "people.yaml").write_text(PEOPLE_FILE, encoding="utf8")


def test_no_output_file_shows_the_email(people):
    # but the copies of the sources (html_copy_source), the front matter as written
    for path in Path(people.outdir).rglob("*"):
        if (
            "_sources" not in path.parts
            and path.is_file()
            and path.suffix in {".html", ".xml", ".js", ".ics", ".json", ".txt"}
        ):
            assert EMAIL not in path.read_text(encoding="utf8", errors="replace"), path


def test_the_feed_and_metadata_name_the_person_once(people):
    feed = (people.outdir / "atom.xml").read_text(encoding="utf8")
    assert "rhubenov</name>" not in feed
    assert feed.count("<name>Rado Hubenov</name>") == 2
    scripts = page(people, "calls/a").select('script[type="application/ld+json"]')
    data = [json.loads(script.string) for script in scripts]
    assert "Rado Hubenov" in json.dumps(data)
    assert '"rhubenov"' not in json.dumps(data)


def test_index_pages_are_linked_from_people_tags_and_listing_pages(people):
    def index_links(path: str) -> dict[str, str]:
        return {
            a.get_text(): a["href"] for a in page(people, path).select(".callposts-index-links a")
        }

    assert index_links("people/rado-hubenov") == {
        "All tags": "../tags/index.html",
        "All people": "index.html",
    }
    assert index_links("people/index") == {"All tags": "../tags/index.html"}
    assert index_links("tags/index") == {"All people": "../people/index.html"}
    assert index_links("index") == {
        "All tags": "tags/index.html",
        "All people": "people/index.html",
    }


def test_people_and_tags_pages_are_in_the_search_index(people):
    text = (people.outdir / "searchindex.js").read_text(encoding="utf8")
    index = json.loads(re.search(r"Search\.setIndex\((.*)\)\s*$", text, re.DOTALL)[1])
    assert {"people/index", "tags/index", "people/rado-hubenov"} <= set(index["docnames"])
    titles = dict(zip(index["docnames"], index["titles"], strict=True))
    assert titles["people/rado-hubenov"] == "Rado Hubenov"
    rado = index["docnames"].index("people/rado-hubenov")
    assert rado in _as_list(index["titleterms"]["hubenov"])
    assert rado in _as_list(index["terms"]["call"])  # the titles of the person's posts


def _as_list(value) -> list[int]:
    return value if isinstance(value, list) else [value]


def test_without_the_people_file_the_login_still_joins_two_spellings(tmp_path):
    app = build(make_project(tmp_path, POSTS), freshenv=True)
    assert people_pages(app) == {
        "rado-hubenov.html": "Rado Hubenov",
        "holger-koser.html": "Holger Koser",
        "holger-kosser.html": "Holger Kosser",
    }


def test_callposts_people_in_conf_py_gives_the_name_of_an_email(tmp_path):
    conf = (
        'callposts_people = {"sp": {"name": "Sam Person", '
        f'"email": "{EMAIL}@example.com", "aliases": ["Holger Kosser"]}}}}\n'
    )
    app = build(make_project(tmp_path, POSTS, conf), freshenv=True)
    assert header_people(app, "d") == [("Sam Person", "../people/sam-person.html")]
    # the entry's spellings are one person, whatever the people file would say
    assert header_people(app, "c") == [("Sam Person", "../people/sam-person.html")]


def test_a_broken_people_file_warns_and_the_rest_builds(tmp_path):
    srcdir = make_project(tmp_path, POSTS)
    (srcdir / "people.yaml").write_text("koser:\n  nmae: Holger\n", encoding="utf8")
    app = build(srcdir, freshenv=True)
    assert any(
        "people.yaml:1" in line and "unknown keys nmae" in line for line in warning_lines(app)
    )
    assert "holger-kosser.html" in people_pages(app)


def test_a_bad_entry_of_the_people_file_warns_at_its_line(tmp_path):
    srcdir = make_project(tmp_path, POSTS)
    text = "rado:\n  name: Rado Hubenov\nkoser:\n  name: Holger\n  emial: h@example.org\n"
    (srcdir / "people.yaml").write_text(text, encoding="utf8")
    app = build(srcdir, freshenv=True)
    assert ("people.yaml", 3, "callposts.people") in warnings_of(app)
    (srcdir / "people.yaml").write_text("koser:\n  name: 2024-13-45\n", encoding="utf8")
    app = build(srcdir, freshenv=True)
    assert ("people.yaml", 1, "callposts.people") in warnings_of(app)


def test_a_new_spelling_rewrites_the_pages_of_the_others(tmp_path):
    posts = {name: POSTS[name] for name in ("a", "c")}
    srcdir = make_project(tmp_path, posts)
    build(srcdir, freshenv=True)
    assert header_people(build(srcdir), "a") == [("rhubenov", "../people/rhubenov.html")]
    (srcdir / "calls" / "b.md").write_text(f"---\n{POSTS['b']}---\n\nText.\n", encoding="utf8")
    app = build(srcdir)
    # post a was not read again, yet shows the name post b gives its login
    assert header_people(app, "a") == [("Rado Hubenov", "../people/rado-hubenov.html")]
    assert not (app.outdir / "people" / "rhubenov.html").exists()


def test_an_email_another_post_names_is_that_person(tmp_path):
    posts = {
        "b": POSTS["b"],
        "d": "title: Call D\ndate: 2023-12-01\nauthors:\n  - email: rado@example.com\n",
        "e": (
            "title: Call E\ndate: 2023-11-01\n"
            "authors:\n  - name: Rado Hubenov\n    email: Rado@Example.com\n"
        ),
    }
    app = build(make_project(tmp_path, posts), freshenv=True)
    assert [line for line in warning_lines(app) if "callposts" in line] == []
    assert header_people(app, "d") == [("Rado Hubenov", "../people/rado-hubenov.html")]


def test_the_corpus_duplicate_people_get_one_page_each(corpus_project):
    (corpus_project / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["blog/**"]\n'
        'html_baseurl = "https://gardener.example/"\nshow_warning_types = True\n',
        encoding="utf8",
    )
    (corpus_project / "index.md").write_text(
        "# Gardener\n\n```{toctree}\nblog/index\n```\n", encoding="utf8"
    )
    (corpus_project / "people.yaml").write_text(
        "holgerkoser:\n  name: Holger Koser\n  aliases: [Holger Kosser]\n", encoding="utf8"
    )
    app = build(corpus_project, freshenv=True)
    assert extension_warnings(app) == []
    pages = people_pages(app)
    assert pages["rado-hubenov.html"] == "Rado Hubenov"
    assert pages["holger-koser.html"] == "Holger Koser"
    assert "rhubenov.html" not in pages
    assert "holger-kosser.html" not in pages
    # one page per name: no two pages of one spelling
    assert len(set(pages.values())) == len(pages)
    # the post written by an email alone shows the name the other posts give it
    post = page(app, "blog/2025/11/11-12-gardener-ai-conformance")
    assert [a.get_text() for a in post.select(".callpost-authors a")] == ["Vedran Lerenc"]


# --- the matching alone (core/people.py) ----------------------------------------------


def shown_names(known, *people):
    found = People(known_people(known), people)
    return [(one.name, one.url, one.avatar) if one else None for one in map(found.shown, people)]


def test_a_full_name_wins_over_a_login_whatever_the_order():
    login = person_from("rhubenov", login="rhubenov")
    named = person_from("Rado Hubenov", login="RHubenov")
    for order in ((login, named), (named, login)):
        assert {name for name, _url, _avatar in shown_names({}, *order)} == {"Rado Hubenov"}


def test_the_people_file_gives_name_link_and_avatar():
    entry = {"rado": {"name": "Rado H.", "github": "rhubenov", "url": "https://rado.example/"}}
    assert shown_names(entry, person_from("rhubenov", login="rhubenov")) == [
        ("Rado H.", "https://rado.example/", "https://github.com/rhubenov.png?size=64")
    ]


def test_a_local_avatar_stays_on_its_own_post():
    local = person_from("Ana Lima", avatar="ana.png")
    other = person_from("Ana Lima")
    assert shown_names({}, local, other) == [("Ana Lima", "", "ana.png"), ("Ana Lima", "", "")]


def test_a_home_page_that_people_of_different_names_give_joins_no_one():
    home = "https://example.com/"
    alice, bob = person_from("Alice Smith", url=home), person_from("Bob Jones", url=home)
    assert shown_names({}, alice, bob) == [("Alice Smith", home, ""), ("Bob Jones", home, "")]
    # a profile link still joins two spellings of one name, and a login always does
    profile = "https://hkoser.example/"
    assert (
        shown_names(
            {}, person_from("Holger Koser", url=profile), person_from("hkoser", url=profile)
        )
        == [("Holger Koser", profile, "")] * 2
    )
    github = "https://github.com/hkoser"
    koser, kosser = (
        person_from("Holger Koser", url=github),
        person_from("Holger Kosser", url=github),
    )
    assert len({shown[0] for shown in shown_names({}, koser, kosser)}) == 1
    # the people file's link is the person's, whoever else gives it
    entry = {"alice": {"name": "Alice Smith", "url": home}}
    assert shown_names(entry, person_from("Alice S.", url=home), bob)[0][0] == "Alice Smith"


def test_an_email_no_one_names_is_no_one():
    assert shown_names({}, Person(name="", email="x@example.org")) == [None]
    assert shown_names(
        {"x": {"name": "X", "email": "X@example.org"}}, Person("", email="x@example.org")
    ) == [("X", "", "")]


def test_a_change_of_the_people_file_rebuilds_the_pages(tmp_path):
    srcdir = make_project(tmp_path, POSTS)
    (srcdir / "people.yaml").write_text(PEOPLE_FILE, encoding="utf8")
    build(srcdir, freshenv=True)
    renamed = PEOPLE_FILE.replace("name: Holger Koser", "name: Holger K.")
    renamed = renamed.replace("[Holger Kosser]", "[Holger Kosser, Holger Koser]")
    (srcdir / "people.yaml").write_text(renamed, encoding="utf8")
    app = build(srcdir)
    assert header_people(app, "b")[1:] == [("Holger K.", "../people/holger-k.html")]
    assert header_people(app, "c") == [("Holger K.", "../people/holger-k.html")]
    assert "holger-koser.html" not in people_pages(app)


# --- emails written in bylines (issue 21, item 5: "the email is never shown") ----------

EMAIL_POSTS = {
    # lines: 2 title, 3 date, 4 author, 5 presenters
    "c": (
        "title: Call C\ndate: 2024-01-12\n"
        'author: "Jane Doe <jane.doe@example.org>"\n'
        'presenters: "[Bob](mailto:bob.b@example.org) and carol.c@example.org"\n'
    ),
    # lines: 4 authors, 5 to 7 its entries, 10 the mailto: url under params
    "e": (
        "title: Call E\ndate: 2024-01-11\nauthors:\n"
        '  - "some.one@example.org"\n  - "mailto:other.one@example.org"\n'
        '  - "mailto:some.one@example.org"\n'
        "params:\n  presenters:\n    - url: mailto:third.one@example.org\n"
    ),
    # lines: 4 authors, 5 a link's person with an email, 6 an email given twice
    "f": (
        "title: Call F\ndate: 2024-01-10\nauthors:\n"
        '  - "[Kai](https://github.com/kai) <kai.k@example.org>"\n'
        '  - "fourth.one@example.org <fourth.one@example.org>"\n'
    ),
}


@pytest.fixture(scope="module")
def emails(tmp_path_factory):
    return build(make_project(tmp_path_factory.mktemp("emails"), EMAIL_POSTS), freshenv=True)


def test_a_name_with_its_email_is_that_person(emails):
    assert header_people(emails, "c") == [("Jane Doe", "../people/jane-doe.html")]
    presenters = page(emails, "calls/c").select(".callpost-presenters .callpost-person")
    assert [name.get_text() for name in presenters] == ["Bob"]
    assert people_pages(emails) == {
        "jane-doe.html": "Jane Doe",
        "bob.html": "Bob",
        "kai.html": "Kai",
    }
    assert header_people(emails, "f") == [("Kai", "../people/kai.html")]


def test_emails_alone_warn_at_their_lines_and_mailto_is_no_url(emails):
    assert sorted(warnings_of(emails)) == [
        ("c.md", 5, "callposts.people"),
        ("e.md", 5, "callposts.people"),
        ("e.md", 6, "callposts.people"),
        ("e.md", 7, "callposts.people"),
        ("e.md", 10, "callposts.people"),
        ("f.md", 6, "callposts.people"),  # once; Kai has a name
    ]


def test_check_reports_the_emails_alone_as_the_build(emails):
    result = run_check(emails.srcdir)
    reported = [line for line in result.stdout.splitlines() if "[callposts." in line]
    assert sorted(line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in reported) == [
        "c.md:5", "e.md:10", "e.md:5", "e.md:6", "e.md:7", "f.md:6"
    ]  # fmt: skip
    assert all(line.endswith("[callposts.people]") for line in reported)


def test_no_output_shows_an_email_of_a_byline(emails):
    for path in Path(emails.outdir).rglob("*"):
        if "_sources" not in path.parts and path.is_file() and path.suffix != ".pickle":
            text = path.read_text(encoding="utf8", errors="replace")
            assert "example.org" not in text.replace("https://example.org/", ""), path
