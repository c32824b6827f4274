"""Headless Chromium over the DevTools protocol, with the standard library only.

Chromium comes from Debian's ``chromium`` package; tests that need it are skipped where
it is missing. The screenshot script (``scripts/screenshots.py``) drives it too.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from typing_extensions import Self

CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)

# no background traffic: this machine's closed network refuses it, and it is not the page's
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--disable-default-apps", "--hide-scrollbars",
)  # fmt: skip


#: how long Chromium may take to answer a command before it counts as hung
ANSWER_SECONDS = 60
#: how long a closing Chromium may take before it is killed
EXIT_SECONDS = 10


class Browser:
    """A Chromium process driven over ``--remote-debugging-pipe``.

    Events are kept per session (tab), so that one tab's requests and loads are never
    taken for another's.
    """

    def __init__(self, profile: Path) -> None:
        to_chrome, self._write = os.pipe()
        self._read, from_chrome = os.pipe()

        # dup2 onto the same number keeps close-on-exec: make both ends inheritable first
        os.set_inheritable(to_chrome, True)
        os.set_inheritable(from_chrome, True)

        def child_fds() -> None:  # Chromium reads commands on fd 3 and answers on fd 4
            os.dup2(to_chrome, 3)
            os.dup2(from_chrome, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=child_fds,  # noqa: PLW1509 (the only way to set fds 3 and 4)
            start_new_session=True,  # one process group: a hung browser is killed whole
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._next_id = 0
        #: events not yet consumed, by session id (``None``: the browser's own)
        self.events: dict[str | None, list[dict]] = {}
        self._closed: set[str] = set()

    def send(self, method: str, session: str | None = None, **params: Any) -> dict:
        """Send a command and return its result, keeping the events that arrive meanwhile."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply
                return reply["result"]
            self._keep(reply)

    def wait_for(self, method: str, session: str | None = None) -> dict:
        """Take the first event ``method`` of a session (already received or still to come)."""
        while True:
            events = self.events.get(session, [])
            for index, event in enumerate(events):
                if event.get("method") == method:
                    return events.pop(index)
            self._keep(self._receive())

    def open(self, url: str, width: int = 1280, height: int = 900, dark: bool = False) -> Tab:
        """A new tab showing ``url`` at a viewport size and colour scheme, loaded.

        Close it after use (``tab.close()``, or ``with browser.open(...) as tab``).
        """
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = Tab(self, session, target)
        tab.send("Network.enable")
        tab.send("Page.enable")
        tab.send(
            "Emulation.setDeviceMetricsOverride",
            width=width, height=height, deviceScaleFactor=1, mobile=width < 600,
        )  # fmt: skip
        scheme = "dark" if dark else "light"
        tab.send(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": scheme}],
        )
        tab.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired", session)
        return tab

    def _keep(self, event: dict) -> None:
        session = event.get("sessionId")
        if session not in self._closed:  # a closed tab's last words are dropped
            self.events.setdefault(session, []).append(event)

    def _receive(self, seconds: float = ANSWER_SECONDS) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._read], [], [], seconds)  # a safety net
            if not ready:
                raise TimeoutError(f"Chromium did not answer within {seconds} s")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise ConnectionError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        """Ask Chromium to quit; kill it when it hangs, so no test run leaves it behind."""
        self._next_id += 1
        with contextlib.suppress(OSError):  # no answer awaited: a hung Chromium gives none
            os.write(
                self._write,
                json.dumps({"id": self._next_id, "method": "Browser.close"}).encode() + b"\0",
            )
        try:
            self.process.wait(timeout=EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):  # its renderers too
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        finally:
            os.close(self._write)
            os.close(self._read)


class Tab:
    """One page of the browser: its commands, and the events of its own session."""

    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser = browser
        self.session = session
        self.target = target

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def send(self, method: str, **params: Any) -> dict:
        return self.browser.send(method, self.session, **params)

    def requested(self) -> set[str]:
        """The URLs this tab has requested so far."""
        events = self.browser.events.get(self.session, [])
        return {
            event["params"]["request"]["url"]
            for event in events
            if event.get("method") == "Network.requestWillBeSent"
        }

    def close(self) -> None:
        """Close the tab, and forget its events."""
        browser = self.browser
        browser._closed.add(self.session)
        browser.send("Target.closeTarget", targetId=self.target)
        browser.events.pop(self.session, None)
        while True:  # closing is asynchronous: gone once its session is detached
            event = browser.wait_for("Target.detachedFromTarget")
            if event["params"].get("sessionId") == self.session:
                return

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited when it is a promise)."""
        result = self.send(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def settle_images(self) -> None:
        """Load every lazy image now and wait until each has loaded or failed."""
        self.evaluate(
            "Promise.allSettled([...document.images].map(i => { i.loading = 'eager'; return i.decode(); }))"
            ".then(r => r.length)"
        )

    def accessible_names(self, role: str) -> list[str]:
        """The names a screen reader announces for the elements of a role."""
        tree = self.send("Accessibility.getFullAXTree")["nodes"]
        return [
            node.get("name", {}).get("value", "")
            for node in tree
            if node.get("role", {}).get("value") == role
        ]

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        """A PNG of the viewport (or of the whole page)."""
        shot = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
        path.write_bytes(base64.b64decode(shot["data"]))
