"""Hugo's translations by file name: ``post.de.md`` is the same post in German."""

from __future__ import annotations

import os
import time

import pytest

from .helpers import body, build, copy_root, page, run_check, warning_lines, warnings_of

GERMAN = {"language": "de", "callposts_translations": {"en": "https://example.org/"}}
ROADMAP = "blog/2024/03.14-roadmap"
RELEASE = "blog/2024/04.02-release"


def alternates(app, docname: str) -> dict[str, str]:
    """``hreflang -> href`` of a page's ``<link rel="alternate">``."""
    return {
        link["hreflang"]: link["href"]
        for link in page(app, f"{docname}.html").select('link[rel="alternate"][hreflang]')
    }


def listed_titles(app) -> list[str]:
    return [a.get_text() for a in body(app, "blog/_index").select("a.callposts-title")]


def test_a_translation_is_no_page_and_no_post_of_its_own(tmp_path):
    app = build(copy_root("translations", tmp_path), builddir=tmp_path / "out")
    assert warning_lines(app) == []
    assert listed_titles(app) == ["Release 1.2", "Roadmap call"]
    written = {path.name for path in (app.outdir / "blog" / "2024").glob("*.html")}
    assert written == {"03.14-roadmap.html", "04.02-release.html"}
    assert "Deutsch" not in (app.outdir / "searchindex.js").read_text(encoding="utf-8")


def test_a_translated_post_links_its_other_language(tmp_path):
    app = build(copy_root("translations", tmp_path), builddir=tmp_path / "out")
    assert alternates(app, ROADMAP) == {
        "de": f"https://example.org/de/{ROADMAP}.html",
        "en": f"https://example.org/{ROADMAP}.html",
    }
    line = body(app, f"{ROADMAP}.html").select_one(".callpost-header .callpost-languages")
    assert line.get_text(" ", strip=True) == "Also in: Deutsch"
    assert line.a["href"] == f"https://example.org/de/{ROADMAP}.html"
    # a post without a translation has no other language to link
    assert alternates(app, RELEASE) == {}
    assert body(app, f"{RELEASE}.html").select_one(".callpost-languages") is None


def test_a_build_in_german_reads_the_german_version(tmp_path):
    app = build(
        copy_root("translations", tmp_path), builddir=tmp_path / "out", confoverrides=GERMAN
    )
    assert warning_lines(app) == []
    roadmap = body(app, f"{ROADMAP}.html")
    assert roadmap.h1.get_text().rstrip("#¶") == "Roadmap-Treffen"
    assert "Die Roadmap, auf Deutsch." in roadmap.get_text()
    assert "in English" not in roadmap.get_text()
    # the English original is linked back; a post only in English stays in English
    assert alternates(app, ROADMAP)["en"] == f"https://example.org/{ROADMAP}.html"
    assert "Only in English." in body(app, f"{RELEASE}.html").get_text()
    # a post that only exists in German is a page of the German build alone
    assert listed_titles(app) == ["Nur auf Deutsch", "Release 1.2", "Roadmap-Treffen"]
    # with no other language to link: the English build has no such page
    only = "blog/2024/05.01-nur-deutsch.de"
    assert alternates(app, only) == {}
    assert body(app, f"{only}.html").select_one(".callpost-languages") is None


def test_an_edit_of_the_translation_rebuilds_its_post(tmp_path):
    srcdir = copy_root("translations", tmp_path)
    build(srcdir, builddir=tmp_path / "out", confoverrides=GERMAN)
    german = srcdir / f"{ROADMAP}.de.md"
    time.sleep(0.01)
    german.write_text(german.read_text(encoding="utf-8").replace("Roadmap-Treffen", "Fahrplan"))
    os.utime(german, (time.time() + 5, time.time() + 5))
    app = build(srcdir, builddir=tmp_path / "out", confoverrides=GERMAN)
    assert body(app, f"{ROADMAP}.html").h1.get_text().rstrip("#¶") == "Fahrplan"
    assert "Fahrplan" in listed_titles(app)


def test_a_problem_in_a_translation_names_its_file(tmp_path):
    srcdir = copy_root("translations", tmp_path)
    german = srcdir / f"{ROADMAP}.de.md"
    german.write_text(german.read_text(encoding="utf-8").replace("2024-03-14", "2024-13-45"))
    english = build(srcdir, builddir=tmp_path / "en")
    assert warning_lines(english) == []  # the English build never reads it
    app = build(srcdir, builddir=tmp_path / "de", confoverrides=GERMAN)
    assert warnings_of(app) == [("03.14-roadmap.de.md", 3, "callposts.date")]


def test_check_leaves_the_translations_out_as_the_build_does(tmp_path):
    srcdir = copy_root("translations", tmp_path)
    result = run_check(srcdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 posts" in result.stdout


def test_without_translations_a_language_suffix_is_a_post_of_its_own(tmp_path):
    srcdir = copy_root("translations", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text().replace("callposts_translations", "# callposts_translations"))
    app = build(srcdir, builddir=tmp_path / "out", confoverrides={"language": "de"})
    assert (app.outdir / f"{ROADMAP}.de.html").is_file()
    assert "The roadmap, in English." in body(app, f"{ROADMAP}.html").get_text()


def redirect_lines(app) -> dict[str, str]:
    """``old path -> new URL`` of the build's Netlify redirect file."""
    text = (app.outdir / "callposts-redirects" / "_redirects").read_text(encoding="utf-8")
    return dict(line.split()[:2] for line in text.splitlines() if line.startswith("/"))


def add_aliases(srcdir) -> None:
    for name, alias in (("03.14-roadmap.md", "/old/roadmap/"), ("03.14-roadmap.de.md", "/alt/")):
        path = srcdir / "blog" / "2024" / name
        path.write_text(
            path.read_text("utf8").replace("date:", f"aliases: [{alias}]\ndate:", 1), "utf8"
        )


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        # the English build: the old site's root, the English titles
        (
            {},
            {
                "/blog/2024/roadmap-call/": f"{ROADMAP}.html",
                "/old/roadmap/": f"{ROADMAP}.html",
                "/blog/2024/release-1.2/": f"{RELEASE}.html",
                "/blog/": "blog/_index.html",
            },
        ),
        # the German one: under /de/, the German titles, only what was in German
        (
            GERMAN,
            {
                "/de/blog/2024/roadmap-treffen/": f"{ROADMAP}.html",
                "/de/alt/": f"{ROADMAP}.html",
                "/de/blog/2024/nur-auf-deutsch/": "blog/2024/05.01-nur-deutsch.de.html",
                "/de/blog/": "blog/_index.html",
            },
        ),
        # English in its own folder too, as Hugo's defaultContentLanguageInSubdir
        (
            {"callposts_content_language_in_subdir": True},
            {
                "/en/blog/2024/roadmap-call/": f"{ROADMAP}.html",
                "/en/old/roadmap/": f"{ROADMAP}.html",
                "/en/blog/2024/release-1.2/": f"{RELEASE}.html",
                "/en/blog/": "blog/_index.html",
            },
        ),
    ],
)
def test_old_urls_are_the_languages_own(tmp_path, overrides, expected):
    srcdir = copy_root("translations", tmp_path)
    add_aliases(srcdir)
    base = "https://example.org/new/"
    app = build(
        srcdir,
        builddir=tmp_path / "out",
        confoverrides={
            "callposts_permalinks": {"blog": "/:section/:year/:title/"},
            "callposts_redirect_files": ["netlify"],
            "html_baseurl": base,
            **overrides,
        },
    )
    assert warnings_of(app) == []
    assert redirect_lines(app) == {old: base + new for old, new in expected.items()}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "https://old.example/about/"),
        (GERMAN, "https://old.example/de/about/"),
        ({"callposts_content_language_in_subdir": True}, "https://old.example/en/about/"),
    ],
)
def test_links_to_the_old_sites_other_pages_are_in_the_languages_folder(
    tmp_path, overrides, expected
):
    srcdir = copy_root("translations", tmp_path)
    for name in ("03.14-roadmap.md", "03.14-roadmap.de.md"):
        path = srcdir / "blog" / "2024" / name
        path.write_text(path.read_text("utf8") + "\n[about](../../about/_index.md)\n", "utf8")
    app = build(
        srcdir,
        builddir=tmp_path / "out",
        confoverrides={"callposts_site_url": "https://old.example/", **overrides},
    )
    links = [a["href"] for a in body(app, f"{ROADMAP}.html").select("a") if a.get_text() == "about"]
    assert links == [expected]
