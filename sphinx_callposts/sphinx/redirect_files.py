"""Files of redirects for the host of the old site: Netlify's ``_redirects``, an nginx
``map``, an Apache ``.htaccess`` and Read the Docs' exact redirects.

Each maps every old URL of every post and section page to the page's absolute URL
(``html_baseurl``). They are made from the list the redirect pages are made from
(:func:`.redirects.old_url_redirects`), so both agree and a collision warns once. They
are written in the folder ``callposts-redirects/``, where no server reads them: each is
for the old host, and deployed there (``docs/redirects.md``), since a host that served
the new site with them could send a page to itself.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from sphinx.locale import get_translation

from .config import config_location, warn
from .redirects import Redirect, old_url_redirects
from .urls import page_url
from .writer import HTML_BUILDERS, OUTPUT_FILES, OutputFile, is_free

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

_ = get_translation("sphinx_callposts")

#: the folder of the files, under the output folder
FOLDER = "callposts-redirects"
HEADER = "Old URLs of the site and where each page is now, written by sphinx-callposts"
#: what a browser leaves unescaped in a path, besides letters, digits and ``_.-~``; not
#: ``:`` and ``*``, Cloudflare's placeholders and wildcards (no old URL holds them)
_PATH_SAFE = "/!$&'()+,;=@[]^|"
#: what stays escaped in Apache's new URLs
_KEPT_ESCAPED = frozenset('"\\$?#')


def new_url(builder: Builder, docname: str) -> str:
    """The page's absolute URL, escaped so that every format takes it as it is."""
    return quote(page_url(builder, docname), safe=":/?#[]@!&'()*+,;=%~")


def variants(served: str) -> list[str]:
    """The paths a server answered a page at: a folder's with and without its slash
    and as ``index.html``."""
    if not served.endswith("/"):
        return [served]
    if served == "/":
        return ["/", "/index.html"]
    return [served, served.rstrip("/"), served + "index.html"]


def netlify(entries: list[tuple[str, str]]) -> str:
    """Netlify's and Cloudflare Pages' ``_redirects``: one ``FROM TO 301`` a line.

    ``FROM`` is escaped as a browser sends it, so that it holds no space. Netlify
    matches a path with or without its trailing slash.
    """
    lines = [f"{quote(path, safe=_PATH_SAFE)} {url} 301" for path, url in entries]
    return "\n".join([f"# {HEADER}", *lines, ""])


def nginx(entries: list[tuple[str, str]]) -> str:
    """An nginx ``map`` of ``$uri`` (decoded, as the paths here are), for the http block."""
    found: dict[str, str] = {}
    for served, url in entries:
        for path in variants(served):
            found.setdefault(path, url)  # nginx refuses a key twice
    pairs = list(found.items())
    longest = max((len(path.encode("utf-8")) for path, _url in pairs), default=0)
    # nginx refuses a key longer than a bucket of its hash, and warns when the keys do not
    # spread over its buckets: room for three of the longest key in each
    element = 8 + (longest + 2 + 7) // 8 * 8
    bucket = -(-(8 + 3 * element) // 64) * 64
    lines = [
        f"# {HEADER}.",
        "# Include it in the http block; in the old host's server block:",
        "#     if ($callposts_redirect) { return 301 $callposts_redirect; }",
        f"map_hash_bucket_size {bucket};",
        f"map_hash_max_size {max(2048, 4 * len(pairs))};",
        "map $uri $callposts_redirect {",
        *(f'    "{path}" "{url}";' for path, url in pairs),
        "}",
        "",
    ]
    return "\n".join(lines)


def apache(entries: list[tuple[str, str]]) -> str:
    """Apache's ``RedirectMatch 301`` lines, each matching one old URL exactly.

    Not ``Redirect``: it matches every path below its own and appends the rest to the
    new URL, so ``/blog/2022/`` would take the posts below it.
    """
    lines = [
        f"# {HEADER}.",
        "# mod_alias; in a .htaccess, AllowOverride FileInfo (or Include it in the server config)",
    ]
    for served, url in entries:
        lines.append(f'RedirectMatch 301 "{_pattern(served)}" "{_unescaped(url)}"')
    return "\n".join([*lines, ""])


def _unescaped(url: str) -> str:
    """A URL as ``RedirectMatch`` wants it: Apache escapes it again, ``%`` included.

    What would end the quoted string, start a back-reference, a query or a fragment
    stays escaped.
    """
    return "".join(
        quote(char) if char in _KEPT_ESCAPED or ord(char) < 32 else char for char in unquote(url)
    )


def _pattern(served: str) -> str:
    """The regular expression of an old URL and its variants."""
    if served == "/":
        return r"^/(?:index\.html)?$"
    if served.endswith("/"):
        return f"^{re.escape(served.rstrip('/'))}(?:/|/index\\.html)?$"
    return f"^{re.escape(served)}$"


def readthedocs(entries: list[tuple[str, str]]) -> str:
    """Exact redirects as Read the Docs' API takes them (``POST .../redirects/``)."""
    redirects = [
        {"type": "exact", "from_url": path, "to_url": url, "http_status": 301}
        for path, url in entries
    ]
    return json.dumps(redirects, indent=2, ensure_ascii=False) + "\n"


#: host -> (file under :data:`FOLDER`, what it holds)
FORMATS: dict[str, tuple[str, Callable[[list[tuple[str, str]]], str]]] = {
    "netlify": ("_redirects", netlify),
    "nginx": ("nginx.conf", nginx),
    "apache": (".htaccess", apache),
    "readthedocs": ("readthedocs.json", readthedocs),
}


def entries_of(app: Sphinx, redirects: tuple[Redirect, ...]) -> list[tuple[str, str]]:
    """``(old path, new URL)`` of each old URL, but one that is already the new URL.

    The old paths are the old host's: under the path of the old site's address (Hugo's
    ``baseURL`` ``https://example.org/sub/`` served ``/blog/`` at ``/sub/blog/``).
    """
    old_site = app.config.callposts_site_url
    base = old_base_path(old_site)
    found = []
    for redirect in redirects:
        if redirect.file and not is_free(app, redirect.file):
            continue  # a page or file here holds its redirect page: warned, and in no file
        url = new_url(app.builder, redirect.old.docname)
        served = base + redirect.served
        # the new site at the old site's address: a redirect there would lead to itself
        if old_site and is_same_page(url, old_site, served):
            continue
        found.append((served, url))
    return sorted(found)


def old_base_path(site: str) -> str:
    """The path the old site was served under, without its last slash: ``/sub`` for
    ``https://example.org/sub/``, ``""`` for none (as links to it read it)."""
    path = urlsplit(site).path.strip("/")
    return "/" + path if path else ""


def is_same_page(url: str, site: str, served: str) -> bool:
    """Whether ``url`` is the old path ``served`` on the old site, or one of its
    :func:`variants`: a folder and its ``index.html`` are one page to a web server, so a
    redirect from one to the other never ends. ``http`` and ``https`` are one site."""
    new, old = urlsplit(url), urlsplit(site)
    same_host = (new.hostname, new.port) == (old.hostname, old.port)
    return same_host and unquote(new.path) in variants(served)


def redirect_files(app: Sphinx) -> list[OutputFile]:
    """The files ``callposts_redirect_files`` asks for, in an HTML or dirhtml build."""
    hosts = app.config.callposts_redirect_files
    if app.builder.name not in HTML_BUILDERS or not hosts:
        return []
    location = config_location(app, "callposts_redirect_files")
    if not app.config.html_baseurl:
        warn(
            "html_baseurl is not set: redirect files need the pages' absolute URLs, "
            "so none is written",
            location,
            "redirect",
        )
        return []
    entries = entries_of(app, old_url_redirects(app))
    files = []
    for host in hosts:
        name, make = FORMATS[host]
        path = f"{FOLDER}/{name}"
        files.append(
            OutputFile(
                path=path,
                text=make(entries),
                name=_("the redirect file {path}").format(path=path),
                location=location or "conf.py",
                subtype="redirect",
            )
        )
    return files


def setup_redirect_files(app: Sphinx) -> None:
    """Write the redirect files when an HTML build finishes."""
    app.connect(OUTPUT_FILES, redirect_files)
