"""What keeps a build linear in the number of posts gives the answers of the plain rules."""

from __future__ import annotations

import itertools

import pytest

from sphinx_callposts.core.post import Post
from sphinx_callposts.core.selection import ListingSpec, PostsByFolder

POSTS = [
    Post("blog/2024/a", "A", tags=("Release",)),
    Post("blog/2024/b", "B", categories=("Security",)),
    Post("blog/2024/bundle/index", "C", tags=("demo", "release")),
    Post("blog/2023/d", "D"),
    Post("blog2/e", "E", tags=("demo",)),
    Post("news/f", "F", categories=("release",)),
    Post("top", "G", tags=("security",)),
]
SECTIONS = [None, "", "blog", "blog/2024", "blog/2024/bundle", "blog/20", "blog2", "news/f", "none"]
TAGS = [(), ("release",), ("security",), ("demo", "security"), ("unknown",)]


@pytest.mark.parametrize(("section", "tags"), list(itertools.product(SECTIONS, TAGS)))
def test_posts_by_folder_selects_what_matches_selects(section, tags):
    spec = ListingSpec(section=section, tags=tags)
    index = PostsByFolder(POSTS)
    expected = [post for post in POSTS if spec.matches(post)]
    assert [post for post in index.candidates(spec) if spec.matches(post)] == expected
    assert index.shows_any(spec) == bool(expected)
