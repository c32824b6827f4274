"""One person, one name: every post's people shown by the name the people file or the
other posts give them (:mod:`..core.people`).

The posts in the environment keep the people as shown, each with the spelling its post
wrote (``Person.written``): which name a spelling gets depends on every post, so it is
worked out again once all are read, in every build, and a post whose people now show
otherwise is rewritten, with the listings that show it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..core.people import (
    PEOPLE_FILE,
    People,
    known_people,
)
from ..core.selection import newest_first
from .config import warn
from .pending import PAGES_TO_REWRITE
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..core.post import Person, Post


def read_people_file(app: Sphinx, config: Config) -> None:
    """Without ``callposts_people`` in ``conf.py``, take ``people.yaml`` beside it.

    Kept in the configuration, so that a change of the file rebuilds as a change of
    the setting does.
    """
    if config.callposts_people or not app.confdir:
        return
    path = Path(app.confdir, PEOPLE_FILE)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as exc:
        warn(f"cannot read {PEOPLE_FILE}: {exc}", f"{path}:1", "people")
        return
    value: Any = None  # a date out of range is a ValueError of the YAML loader
    try:
        value = yaml.safe_load(text) or {}
        known_people(value)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        warn(f"{PEOPLE_FILE} is no valid YAML: {exc}; not used", f"{path}:{line}", "people")
        return
    except ValueError as exc:
        line = faulty_entry_line(text, value)
        warn(f"{PEOPLE_FILE}: {exc}; not used", f"{path}:{line}", "people")
        return
    config.callposts_people = value


def faulty_entry_line(text: str, value: Any) -> int:
    """The line of the first entry of the people file that is refused, else 1."""
    if not isinstance(value, dict):
        return 1
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # nodes only: they know their lines
    lines: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, _entry in root.value:
            lines.setdefault(str(key.value), key.start_mark.line + 1)
    refused = next((key for key, entry in value.items() if _refused(key, entry)), None)
    return 1 if refused is None else lines.get(str(refused), 1)


def _refused(key: Any, entry: Any) -> bool:
    try:
        known_people({key: entry})
    except ValueError:
        return True
    return False


def show_people(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Give every post's people the name and link they are shown by; the posts that changed.

    Once every post is read, before anything works out what the posts show. A post
    that shows someone otherwise than before is noted as changed (listings that show
    it are rewritten) and rewritten itself.
    """
    store = store_of(env)
    written = written_people(env)
    read = {docname for docname in store.before if docname in store.posts}
    for docname in set(written) - set(store.posts):
        del written[docname]
    posts = sorted(store.posts.values(), key=newest_first)
    for post in posts:
        if post.docname in read or post.docname not in written:
            # as the post wrote them; a post shown before (an environment of an earlier
            # release) keeps the spellings its people kept
            written[post.docname] = (_as_written(post.authors), _as_written(post.presenters))
    people = People(
        known_people(app.config.callposts_people),
        (person for post in posts for group in written[post.docname] for person in group),
    )
    changed = []
    for post in posts:
        authors, presenters = written[post.docname]
        shown = replace(
            post, authors=people.shown_all(authors), presenters=people.shown_all(presenters)
        )
        if _people_of(shown) != _people_of(post) or post.docname in read:
            warn_nameless(env, people, post.docname, authors, presenters)
        if (shown.authors, shown.presenters) != (post.authors, post.presenters):
            store.posts[post.docname] = shown
            store.before.setdefault(post.docname, post)
            changed.append(post.docname)
    store.shown_otherwise = changed
    return changed


def posts_shown_otherwise(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The posts whose people show otherwise, noted with the pages to rewrite.

    Noted there, a build killed before writing them still writes them next time.
    """
    return store_of(env).shown_otherwise


def written_people(
    env: BuildEnvironment,
) -> dict[str, tuple[tuple[Person, ...], tuple[Person, ...]]]:
    """``docname -> (authors, presenters)`` as each post wrote them, kept in the environment.

    A post not read again keeps the people as shown; who they are shown as may change
    with the other posts, and a person given by an email alone is not shown at all.
    """
    written = getattr(env, "callposts_written_people", None)
    if written is None:
        written = env.callposts_written_people = {}  # type: ignore[attr-defined]
    return written


def warn_nameless(
    env: BuildEnvironment,
    people: People,
    docname: str,
    authors: tuple[Person, ...],
    presenters: tuple[Person, ...],
) -> None:
    """Warn about each person of a post given by an email alone, whom no one names.

    At the line of the email in the front matter, else of the ``authors`` key.
    """
    line_of = partial(store_of(env).line_of, docname)
    source = partial(_source_lines, env, docname)
    for line, message in people.nameless(authors, presenters, line_of, source):
        warn(message, (docname, line), "people")


def _source_lines(env: BuildEnvironment, docname: str) -> list[str]:
    try:
        return Path(env.doc2path(docname)).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _as_written(persons: tuple[Person, ...]) -> tuple[Person, ...]:
    return tuple(person.written or person for person in persons)


def _people_of(post: Post) -> tuple[Person, ...]:
    return (*post.authors, *post.presenters)


def setup_people(app: Sphinx) -> None:
    """Read the people file, and show every person by one name."""
    # after the values are checked (100)
    app.connect("config-inited", read_people_file, priority=150)
    # before the build's view of the posts is made from them (100)
    app.connect("env-updated", show_people, priority=50)
    app.connect(PAGES_TO_REWRITE, posts_shown_otherwise)
