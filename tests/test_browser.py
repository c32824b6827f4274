"""The browser helper itself: tabs keep their own events, close, and a hung Chromium dies."""

from __future__ import annotations

import os
import signal
import time

import pytest

from .browser import CHROMIUM, EXIT_SECONDS, Browser

pytestmark = pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")


def test_each_tab_sees_its_own_requests_and_closes(tmp_path):
    pages = {}
    for name in ("first", "second"):
        pages[name] = tmp_path / f"{name}.html"
        pages[name].write_text(f'<img src="{name}.png">', encoding="utf-8")
    browser = Browser(tmp_path / "profile")
    try:
        first = browser.open(pages["first"].as_uri())
        with browser.open(pages["second"].as_uri()) as second:
            seen = {
                tab: {url.rsplit("/", 1)[-1] for url in tab.requested()} for tab in (first, second)
            }
            assert seen[first] == {"first.html", "first.png"}
            assert seen[second] == {"second.html", "second.png"}
        first.close()
        open_pages = [
            target["url"]
            for target in browser.send("Target.getTargets")["targetInfos"]
            if target["type"] == "page"
        ]
        assert [url for url in open_pages if url.startswith("file:")] == []
        assert first.session not in browser.events and second.session not in browser.events
    finally:
        browser.close()


def test_a_hung_chromium_is_killed(tmp_path):
    browser = Browser(tmp_path / "profile")
    browser.open("about:blank").close()
    os.killpg(browser.process.pid, signal.SIGSTOP)  # it can no longer answer anything
    start = time.monotonic()
    browser.close()
    assert browser.process.returncode == -signal.SIGKILL
    assert time.monotonic() - start < EXIT_SECONDS + 5
