"""The navigation and the listings order posts alike, from the same front matter."""

from __future__ import annotations

from pathlib import Path

from .helpers import build, page

CONF = """\
extensions = ["sphinx_callposts"]
callposts_pattern = ["calls/**"]
exclude_patterns = ["_posts"]
show_warning_types = True
"""
FILES = {
    "index.md": "# Home\n\n```{toctree}\ncalls/_index\n```\n",
    "calls/_index.md": "---\ntitle: Calls\n---\n",
    "calls/2018/_index.md": "---\ntitle: 2018\n---\n",
    "calls/2018/old.md": "---\ntitle: Old call\ndate: 2018-05-01\n---\nText.\n",
    # a month's section page without its year's: still sorted by date among its siblings
    "calls/2026/01/_index.md": "---\ntitle: January 2026\n---\n",
    "calls/2026/01/jan.md": "---\ntitle: January call\ndate: 2026-01-15\n---\nText.\n",
    # no section page at all above it but the top one
    "calls/2027/next.md": "---\ntitle: Next call\ndate: 2027-02-01\n---\nText.\n",
    # a stub page whose post is another file: its date and title are that file's
    "calls/stub.md": "```{callpost} ../_posts/embedded.md\n```\n",
    "_posts/embedded.md": "---\ntitle: Embedded call\ndate: 2024-06-01\n---\nText.\n",
    # a draft that only its embedded file calls a draft
    "calls/draft-stub.md": "```{callpost} ../_posts/draft.md\n```\n",
    "_posts/draft.md": "---\ntitle: Draft call\ndate: 2025-01-01\ndraft: true\n---\nText.\n",
}


def _project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    for name, text in {"conf.py": CONF, **FILES}.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf8")
    return srcdir


def _flatten(env, docname: str) -> list[str]:
    """The pages below a page in toctree order, depth first, as themes draw prev/next."""
    found = []
    for child in env.toctree_includes.get(docname, ()):
        found.append(child)
        found += _flatten(env, child)
    return found


def test_navigation_follows_the_listing_order(tmp_path):
    # "now" after every call: no "Upcoming" group, which lists the soonest first
    app = build(_project(tmp_path), "html", epoch="1811808000")
    posts = [name for name in _flatten(app.env, "calls/_index") if "_index" not in name]
    listed = [
        a["href"].removesuffix(".html")
        for a in page(app, "calls/_index").select("div.body a.callposts-title")
    ]
    assert posts == ["calls/2027/next", "calls/2026/01/jan", "calls/stub", "calls/2018/old"]
    assert listed == ["2027/next", "2026/01/jan", "stub", "2018/old"]
    # the section of January 2026 comes before 2018, by date
    children = list(app.env.toctree_includes["calls/_index"])
    assert children.index("calls/2026/01/_index") < children.index("calls/2018/_index")
    # the stub's title in the navigation is its post's
    assert app.env.titles["calls/stub"].astext() == "Embedded call"
    # the draft is in neither
    assert "calls/draft-stub" not in _flatten(app.env, "calls/_index")
    assert app.env.metadata["calls/draft-stub"].get("orphan")
