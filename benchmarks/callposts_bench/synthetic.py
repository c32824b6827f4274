"""Small synthetic posts, shaped like the corpus's, for projects of thousands of posts.

Each post is a Hugo-style Markdown file: YAML front matter with a title, a short
title, a date, one or two authors (some with an avatar), tags and, for one post in
four, an alias; a body of two short paragraphs under a heading, and for one post in
five a ``youtube`` shortcode under a "Recording" heading, as the corpus's community
calls have (``date:`` is also ABlog's key). The posts of a year lie in one folder,
``posts/<year>/``; the section variants have the blog's ``posts/index.md`` and, unless
they have one section only, a ``_index.md`` per year, titled by the year. The text
comes from a fixed seed, so every variant and every run gets the same posts.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .replica import Project, write_root
from .variants import POSTS, Variant

if TYPE_CHECKING:
    from pathlib import Path

#: posts per year folder: about the corpus's busiest years, five a week
PER_YEAR = 250
#: the newest year (before the builds' "now", so that no post is upcoming)
LAST_YEAR = 2025

_VOCABULARY = (
    "gardener cluster shoot seed landscape control plane etcd backup restore node pool "
    "machine controller manager extension provider network policy ingress gateway "
    "certificate rotation upgrade release feature gate scheduler autoscaler metrics "
    "logging monitoring dashboard operator webhook admission quota region zone "
    "availability failover migration volume storage snapshot image registry security "
    "audit compliance community meeting demo hackathon roadmap proposal review "
    "contributor maintainer onboarding documentation tutorial workshop kubernetes "
    "container runtime kernel cgroup sandbox tenant namespace service mesh observability"
)
_WORDS = _VOCABULARY.split()
_PEOPLE = [
    ("Ada Keller", "akeller"),
    ("Bo Lindqvist", "blindqvist"),
    ("Chen Wei", "cwei"),
    ("Dana Ruiz", "druiz"),
    ("Emil Novak", "enovak"),
    ("Farah Haddad", "fhaddad"),
    ("Gita Rao", "grao"),
    ("Hugo Brandt", "hbrandt"),
    ("Ines Costa", "icosta"),
    ("Jonas Berg", "jberg"),
    ("Kira Sato", "ksato"),
    ("Liam O'Neill", "loneill"),
    ("Mina Park", "mpark"),
    ("Nils Hansen", "nhansen"),
    ("Olga Petrova", "opetrova"),
    ("Pau Serra", "pserra"),
]
_TAGS = [
    "community-call", "release", "security", "networking", "storage", "etcd",
    "autoscaling", "observability", "extensions", "dashboard", "hackathon", "kubecon",
]  # fmt: skip
_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def years_for(posts: int) -> list[int]:
    """The year folders of ``posts`` posts, oldest first."""
    count = max(1, -(-posts // PER_YEAR))
    return list(range(LAST_YEAR - count + 1, LAST_YEAR + 1))


def sentence(rng: random.Random, words: int) -> str:
    """A sentence of ``words`` words from the pool."""
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def post_text(rng: random.Random, number: int, day: date) -> tuple[str, str, str]:
    """``(file name, Markdown, its entry in a listing kept by hand)`` of post ``number``."""
    topic = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 4))).title()
    title = f"Community Call {number} - {topic}"
    slug = f"{day:%m.%d}-{number:05d}-" + "-".join(topic.lower().split())
    front = [
        "---",
        f'title: "{title}"',
        f'linkTitle: "{topic}"',
        f"date: {day.isoformat()}",
        "authors:",
    ]
    people = rng.sample(_PEOPLE, rng.randint(1, 2))
    for name, login in people:
        front.append(f'- name: "{name}"')
        if rng.random() < 0.5:
            front.append(f"  avatar: https://avatars.githubusercontent.com/{login}")
    tags = rng.sample(_TAGS, rng.randint(1, 3))
    front.append("tags: [" + ", ".join(tags) + "]")
    if number % 4 == 0:
        front.append(f'aliases: ["/blog/{day:%Y/%m/%d}/{number:05d}"]')
    front.append("---")
    summary = " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(3))
    body = [
        "",
        "## Overview",
        "",
        summary,
        "",
        " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(2)),
    ]
    if number % 5 == 0:
        video = "".join(rng.choice(_ID_CHARS) for _ in range(11))
        body += ["", "## Recording", "", f'{{{{< youtube id="{video}" title="{topic}" >}}}}']
    entry = (
        f"- {day:%B} {day.day}, {day.year} — [{topic}]({day.year}/{slug}.md)\n\n"
        f"  {', '.join(name for name, _ in people)}\n\n  {summary}\n\n  {' '.join(tags)}\n"
    )
    return slug + ".md", "\n".join(front + body) + "\n", entry


def make_synthetic(dest: Path, posts: int, variant: Variant, seed: int = 0) -> Project:
    """A project of ``posts`` small posts, ``PER_YEAR`` to a year folder, newest year last.

    The section variants get ``posts/index.md`` and, unless they have one section only,
    a ``_index.md`` per year; the listing variant a ``posts/index.md`` that lists every
    post by hand, newest first under its year, as projects keep their table of calls.
    """
    rng = random.Random(seed)
    years = years_for(posts)
    project = Project(dest, [], [])
    posts_dir = dest / POSTS
    number = 0
    listing: list[str] = []
    for year in years:
        folder = posts_dir / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        count = min(PER_YEAR, posts - number)
        start = date(year, 1, 1)
        entries: list[str] = []
        for index in range(count):
            day = start + timedelta(days=index * 365 // PER_YEAR)
            name, text, entry = post_text(rng, number, day)
            entries.append(entry)
            (folder / name).write_text(text, encoding="utf-8")
            docname = f"{POSTS}/{year}/{name[:-3]}"
            project.posts.append(docname)
            project.years.setdefault(year, []).append(docname)
            number += 1
        listing[:0] = [f"## {year}\n", *reversed(entries)]
        if variant.sections and not variant.one_section:
            (folder / "_index.md").write_text(f"---\ntitle: {year}\n---\n", encoding="utf-8")
            project.sections.append(f"{POSTS}/{year}/_index")
    if variant.sections:
        (posts_dir / "index.md").write_text(
            '---\ntitle: "Blog"\n---\n\n# Blog\n\nEvery community call, newest first.\n',
            encoding="utf-8",
        )
        project.sections.append(f"{POSTS}/index")
    if variant.listing:
        (posts_dir / "index.md").write_text(
            "# Blog\n\nEvery community call, newest first.\n\n"
            "```{toctree}\n:hidden:\n:glob:\n\n*/*\n```\n\n" + "\n".join(listing),
            encoding="utf-8",
        )
    write_root(dest, variant)
    return project


def fresh_synthetic(workdir: Path, posts: int, variant: Variant) -> Project:
    """:func:`make_synthetic` in ``workdir/<posts>-<variant>/src``, replacing an earlier one.

    The project's folder (``srcdir.parent``) also takes the builds' outputs.
    """
    work = workdir / f"{posts}-{variant.name}"
    shutil.rmtree(work, ignore_errors=True)
    return make_synthetic(work / "src", posts, variant)
