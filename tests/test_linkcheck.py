"""``linkcheck`` checks every recording and every join link."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sphinx

from .helpers import build, copy_root

OLD_SPHINX = sphinx.version_info < (8,)

OEMBED = (
    "https://www.youtube.com/oembed?format=json&url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3D"
)


class Rooms(BaseHTTPRequestHandler):
    """A meeting server with one room: ``/room``."""

    def do_HEAD(self) -> None:
        self.send_response(200 if self.path == "/room" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD  # noqa: N815 (http.server names its handlers so)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def rooms():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Rooms)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def results(app) -> dict[str, dict]:
    lines = (app.outdir / "output.json").read_text("utf8").splitlines()
    return {entry["uri"]: entry for entry in map(json.loads, lines)}


def test_recordings_and_join_links_are_checked(tmp_path, rooms):
    srcdir = copy_root("events", tmp_path)
    (srcdir / "calls/2027-08-01-local.md").write_text(
        f"---\ntitle: Local\ndate: 2027-08-01T10:00:00Z\njoin: {rooms}/room\n"
        f"slides: {rooms}/slides\nminutes: {rooms}/notes\n---\n\n"
        "{youtube}`5a_A3furzlg`\n",
        "utf8",
    )
    (srcdir / "calls/2027-08-02-gone.md").write_text(
        f"---\ntitle: Gone\ndate: 2027-08-02T10:00:00Z\n\nmeeting: {rooms}/closed\n---\n\nText.\n",
        "utf8",
    )
    app = build(
        srcdir,
        "linkcheck",
        freshenv=True,
        # no network here: the internet's links are collected, then ignored
        confoverrides={
            "linkcheck_ignore": [r"https://www\.youtube\.com/", r"https://meet\.example\.org/"],
            "linkcheck_timeout": 5,
            # Sphinx 7.4 warns that this default changes in Sphinx 8
            **({"linkcheck_report_timeouts_as_broken": False} if OLD_SPHINX else {}),
        },
    )
    found = results(app)
    # the room is there, the closed one is reported, with its file and line
    assert found[f"{rooms}/room"]["status"] == "working"
    gone = found[f"{rooms}/closed"]
    assert (gone["status"], gone["filename"], gone["lineno"]) == (
        "broken",
        "calls/2027-08-02-gone.md",
        5,
    )
    # every recording, through the endpoint that knows deleted and private videos
    recording = found[OEMBED + "5a_A3furzlg"]
    assert (recording["status"], recording["filename"]) == ("ignored", "calls/2027-08-01-local.md")
    assert found["https://www.youtube.com/watch?v=5a_A3furzlg"]["status"] == "ignored"
    from_front_matter = found[OEMBED + "46nCdVA-rsc"]
    assert from_front_matter["filename"] == "calls/2025-11-20-past.md"
    # the slides, notes and agenda, at their lines
    slides = found[f"{rooms}/slides"]
    assert (slides["status"], slides["filename"], slides["lineno"]) == (
        "broken",
        "calls/2027-08-01-local.md",
        5,
    )
    assert found[f"{rooms}/notes"]["lineno"] == 6
    # every join link: upcoming, past, from params.join and from meeting
    for room in ("planning?pwd=a&b=1", "release", "hack", "past"):
        assert found[f"https://meet.example.org/{room}"]["status"] == "ignored"
