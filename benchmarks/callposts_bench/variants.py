"""The ways to build the same posts: plain MyST, ABlog, sphinx-callposts (flat or sections)."""

from __future__ import annotations

from dataclasses import dataclass

#: the folder of the posts inside each project (ABlog's own pages live under ``blog/``)
POSTS = "posts"


@dataclass(frozen=True)
class Variant:
    """One way to build the same posts.

    :param conf: the body of ``conf.py``
    :param sections: keep the corpus's section pages and use them as the navigation
    :param one_section: of the section pages, only the blog's own, over every post
    :param ablog: give every post a ``date:`` and tweak nothing else ABlog needs
    :param listing: ``posts/index.md`` lists every post by hand (synthetic posts only):
        plain MyST's counterpart of the section page's listing
    :param callposts: the variant loads sphinx-callposts
    :param base: the variant its times are divided by
    """

    name: str
    label: str
    conf: str
    sections: bool = False
    one_section: bool = False
    ablog: bool = False
    listing: bool = False
    callposts: bool = False
    base: str = "myst"


_COMMON_CONF = """\
project = "bench"
html_theme = "alabaster"
html_sidebars = {"**": []}
exclude_patterns = ["_build"]
"""

_ABLOG_CONF = (
    _COMMON_CONF
    + """\
extensions = ["myst_parser", "ablog"]
myst_title_to_header = True
blog_path = "blog"
blog_post_pattern = ["posts/**/*.md"]
post_date_format = "%Y-%m-%d"
post_auto_image = 0
"""
)

VARIANTS: dict[str, Variant] = {
    variant.name: variant
    for variant in (
        Variant(
            "myst",
            "myst_parser alone",
            _COMMON_CONF + 'extensions = ["myst_parser"]\nmyst_title_to_header = True\n',
        ),
        Variant("ablog", "ABlog", _ABLOG_CONF, ablog=True),
        Variant(
            "ablog-feeds",
            "ABlog with feeds and sidebars",
            _ABLOG_CONF.replace('html_sidebars = {"**": []}\n', "")
            + 'blog_baseurl = "https://example.org/"\n'
            + "blog_feed_archives = True\n"
            + 'html_sidebars = {"**": ["ablog/postcard.html", "ablog/recentposts.html",'
            + ' "ablog/tagcloud.html", "ablog/categories.html", "ablog/archives.html",'
            + ' "ablog/authors.html"]}\n',
            ablog=True,
        ),
        Variant(
            "callposts",
            "sphinx-callposts, flat toctree",
            _COMMON_CONF
            + 'extensions = ["myst_parser", "sphinx_callposts"]\n'
            + f'callposts_pattern = ["{POSTS}/**"]\n'
            + 'suppress_warnings = ["callposts.feed"]\n',
            callposts=True,
        ),
        Variant(
            "callposts-sections",
            "sphinx-callposts, section pages",
            _COMMON_CONF
            + 'extensions = ["myst_parser", "sphinx_callposts"]\n'
            + f'callposts_pattern = ["{POSTS}/**"]\n'
            + 'html_baseurl = "https://example.org/"\n'
            # the Gardener blog's community calls, as docs/events.md sets them
            + 'callposts_calls = {"title": "Community Call*"}\n',
            sections=True,
            callposts=True,
        ),
    )
}
VARIANTS["callposts-flat-section"] = Variant(
    "callposts-flat-section",
    "sphinx-callposts, one section page",
    VARIANTS["callposts-sections"].conf,
    sections=True,
    one_section=True,
    callposts=True,
)
# Plain MyST with the extension's reading order (the posts first): against it, the
# extension's own share, without the quadratic part of reading that the order avoids.
VARIANTS["myst-posts-first"] = Variant(
    "myst-posts-first",
    "myst_parser alone, posts read first",
    VARIANTS["myst"].conf
    + f"""

def setup(app):
    app.connect(
        "env-before-read-docs",
        lambda app, env, docnames: docnames.sort(key=lambda name: not name.startswith("{POSTS}/")),
    )
""",
)
VARIANTS["myst-listing"] = Variant(
    "myst-listing",
    "myst_parser alone, a listing page kept by hand",
    VARIANTS["myst"].conf,
    listing=True,
)
# With the theme's own sidebars, navigation included: Sphinx renders the toctree on
# every page, which is what a flat toctree makes cost O(posts) per page.
_NO_SIDEBARS = 'html_sidebars = {"**": []}\n'
VARIANTS["myst-nav"] = Variant(
    "myst-nav",
    "myst_parser alone, navigation sidebar",
    VARIANTS["myst"].conf.replace(_NO_SIDEBARS, ""),
    base="myst-nav",
)
VARIANTS["callposts-sections-nav"] = Variant(
    "callposts-sections-nav",
    "sphinx-callposts, section pages, navigation sidebar",
    VARIANTS["callposts-sections"].conf.replace(_NO_SIDEBARS, ""),
    sections=True,
    callposts=True,
    base="myst-nav",
)

# The section pages with one feature turned off: against the whole, each feature's share.
# Features without a setting of their own are turned off by name (their event handlers,
# or the words a listing gives the search index); a name that matches nothing fails the
# build, so that a renamed handler never leaves a feature on unnoticed.
_OFF_BY_NAME = """

def setup(app):
    names = {names!r}
    found = set()
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            if listener.handler.__name__ in names:
                found.add(listener.handler.__name__)
                app.disconnect(listener.id)
    if found != names:
        raise RuntimeError(f"no handler named {{sorted(names - found)}}")
"""
_NO_LISTING_WORDS = """

def _drop_listing_words(app, doctree, docname):
    for node in doctree.findall(lambda node: type(node).__name__ == "callposts_entry"):
        node.children = []


def setup(app):
    app.connect("doctree-resolved", _drop_listing_words, priority=900)
"""
#: feature: what its variant adds to the section pages' ``conf.py``
FEATURES = {
    "calendars": "callposts_calendar = False\n",
    "redirects": "callposts_redirects = False\n",
    "feeds": _OFF_BY_NAME.format(names={"feed_files", "add_feed_link"}),
    "tags and people pages": _OFF_BY_NAME.format(names={"collect_pages", "resolve_terms"}),
    "search words of listings": _NO_LISTING_WORDS,
}


def with_sections(name: str, label: str, conf: str) -> Variant:
    """The section pages' variant with ``conf`` added to its ``conf.py``."""
    return Variant(
        name, label, VARIANTS["callposts-sections"].conf + conf, sections=True, callposts=True
    )


for _feature, _conf in FEATURES.items():
    _name = "callposts-sections-no-" + _feature.replace(" ", "-")
    VARIANTS[_name] = with_sections(_name, f"sphinx-callposts, section pages, no {_feature}", _conf)
# A feature that is off unless asked for: the old host's redirect files, every kind
VARIANTS["callposts-sections-redirect-files"] = with_sections(
    "callposts-sections-redirect-files",
    "sphinx-callposts, section pages, with the old host's redirect files",
    'callposts_redirect_files = ["netlify", "nginx", "apache", "readthedocs"]\n',
)

#: what runs unless ``--variants`` says otherwise (the navigation ones are slow)
DEFAULT_VARIANTS = ["myst", "ablog", "ablog-feeds", "callposts", "callposts-sections"]
#: what ``--scale`` runs: the extension's share of a build as the posts grow
SCALE_VARIANTS = ["myst", "callposts", "callposts-flat-section", "callposts-sections"]

FLAT_INDEX = f"""\
# Benchmark

```{{toctree}}
:glob:
:maxdepth: 1

{POSTS}/**
```
"""

SECTIONS_INDEX = f"""\
# Benchmark

```{{toctree}}
:maxdepth: 1

{POSTS}/index
```
"""


def root_index(variant: Variant) -> str:
    """The project's ``index.md``: a glob over the posts, or the blog's section page."""
    return SECTIONS_INDEX if variant.sections or variant.listing else FLAT_INDEX
