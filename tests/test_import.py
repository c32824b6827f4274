"""``sphinx-callposts import``: a Hugo site's section into the docs, then built under -W."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_callposts.core.conf import Project

from .helpers import build, run_program, warning_lines

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea73581840000000049454e44ae426082"
)
HUGO_TOML = """\
baseURL = "https://old.example.org/"
timeZone = "Europe/Berlin"
[permalinks]
blog = "/:section/:year/:month/:day/:slug/"
[markup.goldmark.renderer]
unsafe = true
"""
POSTS = {
    "_index.md": "---\ntitle: Community calls\n---\n",
    "2024/_index.md": "---\ntitle: '2024'\n---\n",
    "2024/january.md": (
        "---\ntitle: January call\ndate: 2024-01-18T16:00:00\nslug: jan\n"
        "aliases: [/calls/2024-01/]\n---\n\nThe agenda.\n\n![The board](/img/board.png)\n"
    ),
    "2024/march/index.md": "---\ntitle: March call\ndate: 2024-03-21\n---\n\nSlides below.\n",
}


def hugo_site(root: Path, config: dict[str, str] | None = None) -> Path:
    site = root / "website"
    for name, text in (config or {"hugo.toml": HUGO_TOML}).items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf8")
    for name, text in POSTS.items():
        path = site / "content" / "blog" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf8")
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "board.png").write_bytes(PNG)
    (site / "static" / "img" / "unused.png").write_bytes(PNG)
    docs = root / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text('project = "Docs"\nextensions = ["myst_parser"]\n')
    (docs / "index.md").write_text("# Docs\n\n```{toctree}\n:maxdepth: 1\n\nusage\n```\n")
    (docs / "usage.md").write_text("# Usage\n\nText.\n")
    return root


def run_import(root: Path, *args: str):
    return run_program("import", "website", "--section", "blog", *args, cwd=root)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_imported_site_builds_under_w_and_old_urls_answer(tmp_path, builder):
    root = hugo_site(tmp_path)
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 posts, 2 section pages" in result.stdout
    assert "  1 static file copied into docs\n" in result.stdout
    # unchanged copies, and the static file the post names where its path finds it
    assert (root / "docs/blog/2024/january.md").read_text() == POSTS["2024/january.md"]
    assert (root / "docs/img/board.png").read_bytes() == PNG
    assert not (root / "docs/img/unused.png").exists()
    conf = (root / "docs/conf.py").read_text()
    assert 'extensions = [*extensions, "sphinx_callposts"]' in conf
    assert "callposts_pattern = ['blog/**']" in conf
    assert "callposts_permalinks = {'blog': '/:section/:year/:month/:day/:slug/'}" in conf
    assert "callposts_timezone = 'Europe/Berlin'" in conf
    assert "callposts_site_url = 'https://old.example.org/'" in conf
    assert "usage\nblog/_index\n```" in (root / "docs/index.md").read_text()

    app = build(root / "docs", builder, warningiserror=True)
    assert warning_lines(app) == []
    out = app.outdir
    page = "blog/2024/january/index.html" if builder == "dirhtml" else "blog/2024/january.html"
    assert (out / page).is_file()
    # the URL Hugo served the post at (its permalink) and its alias redirect to it
    for old in ("blog/2024/01/18/jan/index.html", "calls/2024-01/index.html"):
        assert 'http-equiv="refresh"' in (out / old).read_text(), old


def test_nothing_is_overwritten_without_force(tmp_path):
    root = hugo_site(tmp_path)
    assert run_import(root, "--to", "docs/blog").returncode == 0
    (root / "docs/blog/2024/january.md").write_text("edited\n")
    conf = (root / "docs/conf.py").read_text()
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 1
    # on stderr, all counted, the first five named
    assert result.stdout == ""
    assert result.stderr.startswith("5 files of the import exist already, nothing written")
    assert result.stderr.count("docs/") == 5 and " more" not in result.stderr
    for number in range(3):  # in the site and, from an earlier copy, in the docs
        for folder in ("website/content/blog", "docs/blog"):
            (root / f"{folder}/2024/extra{number}.md").write_text("---\ntitle: X\n---\n")
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 1
    assert result.stderr.startswith("8 files of the import exist already")
    assert result.stderr.rstrip().endswith(" and 3 more")
    assert result.stderr.count("docs/") == 5
    assert (root / "docs/blog/2024/january.md").read_text() == "edited\n"
    assert (root / "docs/conf.py").read_text() == conf
    assert run_import(root, "--to", "docs/blog", "--force").returncode == 0
    assert (root / "docs/blog/2024/january.md").read_text() == POSTS["2024/january.md"]


def test_config_folder_new_permalinks_and_the_report(tmp_path):
    config = {
        "config/_default/hugo.yaml": "baseURL: https://old.example.org/\n",
        "config/_default/permalinks.yaml": "page:\n  blog: /news/:slug/\n",
        "config/_default/markup.yaml": "goldmark:\n  renderer:\n    unsafe: false\n",
    }
    root = hugo_site(tmp_path, config)
    (root / "website/content/blog/2024/gallery.md").write_text(
        "---\ntitle: Photos\ndate: 2024-02-01\n---\n\n{{< gallery dir=x >}}\n\n{{< gallery >}}\n"
    )
    result = run_import(root, "--to", "docs/community/calls")
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    assert "3 posts, 2 section pages" in report
    assert "callposts.shortcode: 2" in report
    assert "gallery: 2 in 1 post (2024/gallery.md)" in report
    # the folder is not named as the section: conf.py says what it was, the report why
    assert "callposts_hugo_paths keeps their old URLs" in report
    assert "markup.goldmark.renderer.unsafe is false" in report
    conf = (root / "docs/conf.py").read_text()
    assert "callposts_permalinks = {'blog': '/news/:slug/'}" in conf
    assert "callposts_hugo_paths = {'community/calls': 'blog'}" in conf
    assert "community/calls/_index" in (root / "docs/index.md").read_text()

    # the old URLs are Hugo's, from the section 'blog', not from the folder here
    out = build(root / "docs", "dirhtml").outdir
    for old, new in [
        ("news/jan/", "community/calls/2024/january/"),  # the permalink
        ("calls/2024-01/", "community/calls/2024/january/"),  # an alias
        ("blog/2024/", "community/calls/2024/"),  # a section page
    ]:
        assert f'url={"../" * old.count("/")}{new}"' in (out / old / "index.html").read_text()


def test_another_languages_content_folder_becomes_translations(tmp_path):
    config = HUGO_TOML + "[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n"
    root = hugo_site(tmp_path, {"hugo.toml": config})
    german = root / "website/content/de/blog/2024/january.md"
    german.parent.mkdir(parents=True)
    german.write_text(
        "---\ntitle: Januar-Treffen\ndate: 2024-01-18T16:00:00\nslug: jan\n---\n\nDie Agenda.\n",
        encoding="utf-8",
    )
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 posts, 2 section pages" in result.stdout  # the translation is no post
    assert (root / "docs/blog/2024/january.de.md").read_text() == german.read_text()
    conf = (root / "docs/conf.py").read_text()
    assert "callposts_translations = {'de': 'https://old.example.org/de/'}" in conf

    english = build(root / "docs", "html", builddir=tmp_path / "en", warningiserror=True)
    assert warning_lines(english) == []
    page = (english.outdir / "blog/2024/january.html").read_text()
    assert 'hreflang="de" href="https://old.example.org/de/blog/2024/january.html"' in page
    assert not (english.outdir / "blog/2024/january.de.html").exists()
    german_build = build(
        root / "docs", "html", builddir=tmp_path / "de", confoverrides={"language": "de"}
    )
    assert "Die Agenda." in (german_build.outdir / "blog/2024/january.html").read_text()


def test_a_second_import_replaces_its_own_settings_and_keeps_html_baseurl(tmp_path):
    root = hugo_site(tmp_path)
    assert run_import(root, "--to", "docs/blog").returncode == 0
    conf = root / "docs/conf.py"
    text = conf.read_text()
    edited = text.replace(
        "html_baseurl = 'https://old.example.org/'", "html_baseurl = 'https://docs.example.org/'"
    )
    conf.write_text(edited + "html_theme = 'alabaster'\n")
    (root / "website/hugo.toml").write_text(HUGO_TOML.replace("Europe/Berlin", "Asia/Tokyo"))

    result = run_import(root, "--to", "docs/blog", "--force")
    assert result.returncode == 0, result.stdout + result.stderr
    again = conf.read_text()
    # one block of settings, with the new Hugo setting, the user's address and own lines
    assert again.count("# sphinx-callposts: imported from the Hugo site") == 1
    assert again.count("callposts_pattern") == 1
    assert again.count('extensions = [*extensions, "sphinx_callposts"]') == 1
    assert "callposts_timezone = 'Asia/Tokyo'" in again
    assert "Europe/Berlin" not in again
    assert "html_baseurl = 'https://docs.example.org/'" in again
    assert again.endswith("html_theme = 'alabaster'\n")
    assert "its html_baseurl kept" in result.stdout
    # the address is set: the report does not ask for it
    assert "Next: sphinx-build -b dirhtml" in result.stdout
    assert "set html_baseurl" not in result.stdout
    app = build(root / "docs", "html", warningiserror=True)
    assert warning_lines(app) == []


TYPOGRAPHER_OFF = HUGO_TOML + "[markup.goldmark.extensions]\ntypographer = false\n"


@pytest.mark.parametrize(
    ("config", "smartquotes", "tags_url"),
    [
        (HUGO_TOML, True, "tags"),
        (TYPOGRAPHER_OFF, False, "tags"),
        ('disableKinds = ["taxonomy", "term"]\n' + HUGO_TOML, True, ""),
        (HUGO_TOML + '[taxonomies]\ncategory = "categories"\n', True, ""),
        (HUGO_TOML + '[taxonomies]\ntag = "tags"\n', True, "tags"),
    ],
)
def test_typographer_and_taxonomies_of_hugo_reach_conf_py(tmp_path, config, smartquotes, tags_url):
    root = hugo_site(tmp_path, {"hugo.toml": config})
    (root / "website/content/blog/2024/january.md").write_text(
        '---\ntitle: January call\ndate: 2024-01-18\ntags: [news]\n---\n\nSay "hi" -- now.\n'
    )
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    app = build(root / "docs", "html", warningiserror=True)
    assert app.config.smartquotes is smartquotes
    assert app.config.callposts_tags_url == tags_url
    page = (app.outdir / "blog/2024/january.html").read_text()
    # Hugo's typographer off: straight quotes, as the old site showed them
    assert ("Say &quot;hi&quot; -- now." in page) is not smartquotes
    assert (app.outdir / "tags/news.html").is_file() is bool(tags_url)


def test_taxonomies_and_ugly_urls_it_cannot_map_are_reported(tmp_path):
    config = "uglyURLs = true\n" + HUGO_TOML + '[taxonomies]\ntag = "topics"\nauthor = "authors"\n'
    root = hugo_site(tmp_path, {"hugo.toml": config})
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "uglyURLs = true" in result.stdout
    assert "the taxonomies topics are not read" in result.stdout
    assert "topics, authors" not in result.stdout  # the people pages are Hugo's authors
    conf = (root / "docs/conf.py").read_text()
    assert 'callposts_tags_url = ""' in conf
    assert 'callposts_people_url = "authors"' in conf


def test_the_report_counts_every_old_url_the_build_redirects_by_kind(tmp_path):
    root = hugo_site(tmp_path)
    (root / "website/content/blog/2024/moved.md").write_text(
        "---\ntitle: Moved\ndate: 2024-02-01\nurl: /moved-call/\n---\n\nText.\n"
    )
    result = run_import(root, "--to", "docs/community/calls")
    assert result.returncode == 0, result.stdout + result.stderr
    # 3 posts: 2 permalinks, 1 url; 1 alias; 2 section pages at their Hugo paths
    assert "6 old URLs redirected: 2 permalinks, 2 section pages, 1 alias, 1 url" in result.stdout
    out = build(root / "docs", "html").outdir
    redirects = [path for path in out.rglob("*.html") if 'http-equiv="refresh"' in path.read_text()]
    assert len(redirects) == 6


def test_the_sites_archetype_goes_where_new_finds_it(tmp_path):
    root = hugo_site(tmp_path)
    archetypes = root / "website/archetypes"
    archetypes.mkdir()
    (archetypes / "default.md").write_text("---\ntitle: x\ndraft: true\n---\n")
    (archetypes / "blog.md").write_text(
        "---\ntitle: \"{{ .Name }}\"\ndate: {{ .Date }}\nrecording: ''\n---\n"
    )
    result = run_import(root, "--to", "docs/community/calls")
    assert result.returncode == 0, result.stdout + result.stderr
    # the section's own archetype, beside the docs (no page Sphinx reads), by the folder's name
    copied = root / "archetypes/calls.md"
    assert copied.read_text() == (archetypes / "blog.md").read_text()
    assert "copied to archetypes/calls.md" in result.stdout
    started = run_program("new", "June call", "--date", "2030-06-01", cwd=root)
    assert started.returncode == 0, started.stderr
    assert "recording: ''" in (root / started.stdout.strip()).read_text()


def test_hugos_authors_taxonomy_puts_the_people_pages_where_its_pages_were(tmp_path):
    config = HUGO_TOML + '[taxonomies]\ntag = "tags"\nauthor = "authors"\n'
    root = hugo_site(tmp_path, {"hugo.toml": config})
    (root / "website/content/blog/2024/january.md").write_text(
        "---\ntitle: January call\ndate: 2024-01-18\nauthors: [Jane Doe]\n---\n\nText.\n"
    )
    assert run_import(root, "--to", "docs/blog").returncode == 0
    app = build(root / "docs", "dirhtml", warningiserror=True)
    assert (app.outdir / "authors/jane-doe/index.html").is_file()


def test_a_block_from_before_the_closing_line_is_replaced_up_to_its_blank_line(tmp_path):
    root = hugo_site(tmp_path)
    conf = root / "docs/conf.py"
    conf.write_text(
        conf.read_text()
        + "\n# sphinx-callposts: imported from the Hugo site website (sphinx-callposts import)\n"
        "extensions.append(\"sphinx_callposts\")\ncallposts_pattern = ['blog/**']\n"
        "callposts_timezone = 'Asia/Tokyo'\n\nhtml_theme = 'alabaster'\n"
    )
    assert run_import(root, "--to", "docs/blog", "--force").returncode == 0
    text = conf.read_text()
    assert text.count("callposts_pattern") == 1
    assert "Asia/Tokyo" not in text and "callposts_timezone = 'Europe/Berlin'" in text
    assert text.endswith("\nhtml_theme = 'alabaster'\n")


def test_the_default_language_in_its_folder_keeps_its_old_urls_there(tmp_path):
    config = (
        "defaultContentLanguageInSubdir = true\n"
        + HUGO_TOML
        + "[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n"
    )
    root = hugo_site(tmp_path, {"hugo.toml": config})
    german = root / "website/content/de/blog/2024/january.md"
    german.parent.mkdir(parents=True)
    german.write_text("---\ntitle: Januar\ndate: 2024-01-18\n---\n\nDie Agenda.\n", "utf-8")
    assert run_import(root, "--to", "docs/blog").returncode == 0
    assert "callposts_content_language_in_subdir = True" in (root / "docs/conf.py").read_text()
    out = build(root / "docs", "html", builddir=tmp_path / "en").outdir
    # Hugo served the English pages under /en/: the redirects answer there, not at the root
    assert (out / "en/blog/2024/index.html").is_file()
    assert not (out / "blog/2024/index.html").exists()


@pytest.mark.parametrize(
    "extensions",
    [
        '("sphinx.ext.intersphinx", "myst_parser")',
        '["sphinx.ext.intersphinx", "myst_parser"]',
        '("sphinx.ext.intersphinx", "myst_parser", "sphinx_callposts")',
    ],
)
def test_the_users_extensions_are_kept_list_or_tuple(tmp_path, extensions):
    root = hugo_site(tmp_path)
    (root / "docs/conf.py").write_text(f'project = "Docs"\nextensions = {extensions}\n')
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    conf = (root / "docs/conf.py").read_text()
    # added to the user's list or tuple, or not touched when it is there already
    assert conf.count('"sphinx_callposts"') == 1
    assert conf.startswith(f'project = "Docs"\nextensions = {extensions}\n')
    app = build(root / "docs", "html", warningiserror=True)
    assert {"sphinx.ext.intersphinx", "myst_parser", "sphinx_callposts"} <= set(app.extensions)
    assert (app.outdir / "blog/2024/january.html").is_file()


def test_settings_made_outside_the_block_are_not_repeated_nor_overridden(tmp_path):
    root = hugo_site(tmp_path)
    conf = root / "docs/conf.py"
    mine = (
        'project = "Docs"\nextensions = ["myst_parser"]\ncallposts_timezone = "UTC"\n'
        'callposts_site_url = "https://mine.example.org/"\n'
        'html_baseurl = "https://docs.example.org/"\n'
    )
    conf.write_text(mine)
    first = run_import(root, "--to", "docs/blog")
    assert first.returncode == 0, first.stdout + first.stderr
    again = run_import(root, "--to", "docs/blog", "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    text = conf.read_text()
    assert text.startswith(mine)
    for name in ("callposts_timezone", "callposts_site_url", "html_baseurl"):
        assert text.count(name) == 1, name
    # the Hugo values (Europe/Berlin, old.example.org) do not override the user's
    values = Project.load(root / "docs").values
    assert values["callposts_timezone"] == "UTC"
    assert values["callposts_site_url"] == "https://mine.example.org/"
    assert values["callposts_permalinks"] == {"blog": "/:section/:year/:month/:day/:slug/"}
    for result in (first, again):
        assert "Next: sphinx-build -b dirhtml" in result.stdout
        assert "set html_baseurl" not in result.stdout


def test_a_callposts_pattern_of_the_users_is_kept_with_force_too(tmp_path):
    root = hugo_site(tmp_path)
    conf = root / "docs/conf.py"
    mine = 'project = "Docs"\nextensions = ["myst_parser"]\ncallposts_pattern = ["mine/**"]\n'
    conf.write_text(mine)
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    assert conf.read_text() == mine
    assert "sets callposts_pattern already: left as it is" in result.stdout
    # asked for html_baseurl: conf.py sets none
    assert "Next: set html_baseurl in docs/conf.py" in result.stdout

    result = run_import(root, "--to", "docs/blog", "--force")
    assert result.returncode == 0, result.stdout + result.stderr
    text = conf.read_text()
    assert text.startswith(mine)
    assert text.count("callposts_pattern") == 1
    assert Project.load(root / "docs").values["callposts_pattern"] == ["mine/**"]
    assert "add 'blog/**' to it" in result.stdout


def test_permalinks_keys_are_read_in_any_case_as_hugo_lowercases_them(tmp_path):
    config = HUGO_TOML.replace("[permalinks]\nblog =", "[Permalinks]\nBlog =")
    root = hugo_site(tmp_path, {"hugo.toml": config})
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    conf = (root / "docs/conf.py").read_text()
    assert "callposts_permalinks = {'blog': '/:section/:year/:month/:day/:slug/'}" in conf
    out = build(root / "docs", "html").outdir
    assert 'http-equiv="refresh"' in (out / "blog/2024/01/18/jan/index.html").read_text()


def test_config_production_is_merged_over_default_as_hugo_builds(tmp_path):
    config = {
        "hugo.toml": 'baseURL = "https://root.example.org/"\ntimeZone = "Europe/Berlin"\n',
        "config/_default/hugo.toml": 'baseURL = "https://dev.example.org/"\n',
        "config/_default/permalinks.toml": 'blog = "/:section/:slug/"\n',
        "config/production/hugo.yaml": "baseURL: https://prod.example.org/\n",
        "config/production/permalinks.yaml": "permalinks:\n  blog: /news/:slug/\n",
        "config/development/hugo.toml": 'baseURL = "https://localhost/"\n',
    }
    root = hugo_site(tmp_path, config)
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    values = Project.load(root / "docs").values
    # production over _default over the root file; the root file's other keys stay
    assert values["callposts_site_url"] == "https://prod.example.org/"
    assert values["callposts_permalinks"] == {"blog": "/news/:slug/"}
    assert values["callposts_timezone"] == "Europe/Berlin"
    out = build(root / "docs", "dirhtml").outdir
    assert 'http-equiv="refresh"' in (out / "news/jan/index.html").read_text()


def test_the_report_counts_one_thing_in_the_singular(tmp_path):
    root = hugo_site(tmp_path)
    (root / "website/content/blog/2024/march/index.md").unlink()
    (root / "website/content/blog/2024/_index.md").unlink()
    (root / "website/content/blog/2024/january.md").write_text(
        POSTS["2024/january.md"].replace("aliases: [/calls/2024-01/]\n", "") + "\n{{< gallery >}}\n"
    )
    (root / "website/hugo.toml").write_text(HUGO_TOML.replace("[permalinks]\nblog", "#"))
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "  1 post, 1 section page\n" in result.stdout
    assert "  1 static file copied into docs\n" in result.stdout
    assert "  2 old URLs redirected: 1 slug, 1 section page\n" in result.stdout
    assert "  gallery: 1 in 1 post (2024/january.md)" in result.stdout
