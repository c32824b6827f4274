"""Every type of warning the extension gives, ``callposts.<subtype>``, and what gives it.

The user guide's table (docs/quickstart.md) lists these, and a test holds the two
together; a warning of a type not listed here is a Python ``RuntimeWarning`` too.
"""

from __future__ import annotations

#: subtype -> what it is given for
WARNING_TYPES: dict[str, str] = {
    "frontmatter": "front matter that does not parse (YAML, TOML, JSON), nested too deep, "
    "a value of the wrong type, YAML python tags, an alias bomb, control characters",
    "title": "a post without a title",
    "date": "a date that is not a date, a post without one, a call whose end or zone "
    "leaves the calendar's years",
    "duration": "a call's duration that is not a number of minutes up to a week",
    "draft": "a draft flag that is neither true nor false",
    "subtitle": "a subtitle whose date is not the post's",
    "people": "an author or presenter without a name (an email alone), a bad people file",
    "url": "a URL that is neither http(s) nor relative: it is dropped",
    "image": "an image, download, avatar or picture that lies outside the project, "
    "or a site-absolute image that neither the docs nor `callposts_static` hold",
    "directive": "a `{callpost}` directive whose file cannot be read or embeds itself",
    "shortcode": "an unknown Hugo shortcode, or one whose parameters are wrong",
    "youtube": "a YouTube id, URL or option that is not one",
    "listing": "a `{callposts}` directive's option, or a `section` or `tags` that leaves it "
    "no post",
    "alias": "an alias that is not a path, escapes the output folder or collides",
    "permalink": "an old URL from `callposts_permalinks`, `url` or `slug` that collides "
    "or is too long",
    "link": "a site-absolute link that no page answers, without `callposts_site_url`",
    "redirect": "a redirect file for the old host that cannot be written "
    "(no `html_baseurl`, its path taken)",
    "feed": "a feed that cannot be written (no `html_baseurl`, its path taken)",
    "calendar": "a calendar whose path another page or file holds",
    "taxonomy": "two tags or people wanting one page, or the reserved name `index`",
    "collision": "two pages, or a page and a file of the extension, written to one file",
    "source": "a post or section page that is not UTF-8, left out",
    "config": "a `callposts_*` value of the wrong type or out of range: its default is used",
}
