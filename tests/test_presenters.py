"""The names in a post's "Presenters" section, read as a reader reads them."""

from __future__ import annotations

import pytest

from sphinx_callposts.core.presenters import presenters_from


def names(*paragraphs):
    return [(person.name, person.url) for person in presenters_from(paragraphs)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            ["This community call was led by ", ("Jens Schneider", "https://github.com/jensac"),
             " and Lothar Gesslein."],
            [("Jens Schneider", "https://github.com/jensac"), ("Lothar Gesslein", "")],
        ),
        (
            ["Led by Ann Lee, Raymond de Jong and Alexander D. Kanevskiy. Ann works at SAP."],
            [("Ann Lee", ""), ("Raymond de Jong", ""), ("Alexander D. Kanevskiy", "")],
        ),
        (["Jens Schneider (23T) & Lothar Gesslein from SAP"],
         [("Jens Schneider", ""), ("Lothar Gesslein", "")]),
        (["@octocat and Bob"], [("octocat", "https://github.com/octocat"), ("Bob", "")]),
        (["Our speakers today, as every month:"], []),
        (["This community call was led by ", ("", "https://x.example"), "."], []),
    ],
)  # fmt: skip
def test_every_name_linked_or_not(paragraph, expected):
    assert names(paragraph) == expected


def test_each_person_once_across_paragraphs():
    assert names(["Ann Lee and Bob Roe"], [("Ann Lee", "https://ann.example")]) == [
        ("Ann Lee", ""),
        ("Bob Roe", ""),
    ]
