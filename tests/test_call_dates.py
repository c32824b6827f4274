"""What the build and ``check`` say about a call's dates: the subtitle against the call's
day, a nested ``params.callDate`` at its own line, each key as the post wrote it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .helpers import CALLS_CONF, body, build, run_check, warning_lines, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

INDEX = "# Home\n\n```{toctree}\n:glob:\nblog/*\n```\n"


def write_project(root: Path, posts: dict[str, str]) -> Path:
    """A project of ``name -> front matter lines`` under ``blog/``."""
    srcdir = root / "src"
    (srcdir / "blog").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CALLS_CONF, encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    for name, front in posts.items():
        path = srcdir / "blog" / f"{name}.md"
        path.write_text(f"---\n{front}---\n\nWhat was said.\n", encoding="utf8")
    return srcdir


def checked(srcdir: Path) -> list[tuple[str, int, str, str]]:
    """``(file, line, type, message)`` of each problem ``check`` reports."""
    result = run_check(srcdir)
    assert "Traceback" not in result.stderr
    found = []
    for line in result.stdout.splitlines():
        if "[callposts." in line:
            place, message = line.split(": ", 1)
            path, number = place.rsplit(":", 1)
            kind = message.rsplit("[", 1)[1].rstrip("]")
            found.append((path.rsplit("/", 1)[-1], int(number), kind, message))
    return sorted(found)


def built(app) -> list[tuple[str, int, str, str]]:
    """The same of the build's warnings."""
    messages = [line for line in warning_lines(app) if "[callposts." in line]
    return sorted(
        (name, line, kind, message.split(": WARNING: ", 1)[1])
        for (name, line, kind), message in zip(warnings_of(app), messages, strict=True)
    )


SUBTITLES = {
    # the page shows "Held on March 17, 2022 · Published March 23, 2022"
    "call-day": "title: A\ndate: 2022-03-23\ncallDate: 2022-03-17\nnewsSubtitle: March 17, 2022\n",
    "post-day": "title: B\ndate: 2022-03-23\ncallDate: 2022-03-17\nsubtitle: March 23, 2022\n",
    "nested": "title: C\ndate: 2022-03-23\nparams:\n  callDate: 2022-03-17\n"
    "subtitle: March 17, 2022\n",
    "other-day": "title: D\ndate: 2022-03-23\ncallDate: 2022-03-17\nsubtitle: March 25, 2022\n",
    "no-call": "title: E\ndate: 2022-03-23\nsubtitle: March 25, 2022\n",
}


def test_a_subtitle_of_the_calls_day_is_no_problem(tmp_path):
    srcdir = write_project(tmp_path, SUBTITLES)
    app = build(srcdir, freshenv=True)
    found = built(app)
    assert [(name, line, kind) for name, line, kind, _message in found] == [
        ("no-call.md", 4, "callposts.subtitle"),
        ("other-day.md", 5, "callposts.subtitle"),
    ]
    assert found[0][3] == (
        "the subtitle says 'March 25, 2022' but the post is dated 2022-03-23; "
        "the page shows the post's date [callposts.subtitle]"
    )
    assert found[1][3] == (
        "the subtitle says 'March 25, 2022' but the call is dated 2022-03-17 and the post "
        "2022-03-23; the page shows those dates [callposts.subtitle]"
    )
    assert checked(srcdir) == found


def test_a_call_without_a_date_is_listed_at_its_call_date_and_says_so(tmp_path):
    srcdir = write_project(
        tmp_path,
        {
            "undated-call": "title: Community Call - A\ncallDate: 2024-03-07\n",
            "dated": "title: Community Call - B\ndate: 2024-01-04\n",
            "undated": "title: Notes\n",
        },
    )
    (srcdir / "index.md").write_text(
        INDEX.replace("# Home\n", "# Home\n\n```{callposts}\n:group-by: none\n```\n"),
        encoding="utf8",
    )
    app = build(srcdir, freshenv=True)
    found = built(app)
    assert found == [
        ("undated-call.md", 1, "callposts.date", (
            "the post has no 'date' (nor 'publishDate'): listings show it at its 'callDate', "
            "but it has no feed entry and no publication date [callposts.date]"
        )),
        ("undated.md", 1, "callposts.date", (
            "the post has no 'date' (nor 'publishDate'); listings show it last [callposts.date]"
        )),
    ]  # fmt: skip
    assert checked(srcdir) == found
    listed = body(app, "index").select(".callposts-list a.callposts-title")
    assert [a.get_text() for a in listed] == ["Community Call - A", "Community Call - B", "Notes"]


PROBLEMS = {
    # line 5: the nested key, not the front matter's first line
    "nested": "title: A\ndate: 2024-05-20\nparams:\n  callDate: [1, 2]\n",
    "spelled": "title: B\npublishDate: 2024-13-45\ncallDate: 9999-12-31T23:30:00\n",
    "lower": "title: C\ndate: 2024-05-20\ncalldate: next tuesday\n",
    "unknown-status": "title: D\ndate: 2024-05-20\nStatus: maybe\n",
}


def test_date_problems_name_the_key_as_written_at_its_own_line(tmp_path):
    srcdir = write_project(tmp_path, PROBLEMS)
    found = built(build(srcdir, freshenv=True))
    not_hugo = "is not a date Hugo understands (use YYYY-MM-DD) [callposts.date]"
    assert found == [
        ("lower.md", 4, "callposts.date", f"invalid 'calldate': 'next tuesday' {not_hugo}"),
        ("nested.md", 5, "callposts.date", "invalid 'callDate': [1, 2] is not a date [callposts.date]"),
        ("spelled.md", 3, "callposts.date", f"invalid 'publishDate': '2024-13-45' {not_hugo}"),
        ("spelled.md", 4, "callposts.date", (
            "'callDate' 9999-12-31 23:30:00 is too close to year 1 or 9999: the call's end or "
            "its time in another zone would leave the years a date can hold; the post keeps "
            "its date, without a calendar entry [callposts.date]"
        )),
        ("unknown-status.md", 4, "callposts.frontmatter", (
            "'Status' 'maybe' is not one of cancelled, postponed, rescheduled; ignored, but the "
            "post is still a call, as planned [callposts.frontmatter]"
        )),
    ]  # fmt: skip
    assert checked(srcdir) == found
