"""Redirect files for the old host (``callposts_redirect_files``), served by real servers."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest

from sphinx_callposts.sphinx.redirect_files import variants

from .helpers import (
    body,
    build,
    copy_root,
    extension_warnings,
    page,
    warning_lines,
    warnings_of,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

HOSTS = ["netlify", "nginx", "apache", "readthedocs"]
BASE = "https://new.example/docs/"
#: an old site under a path, as Hugo's baseURL of a GitHub Pages project site
SUB = "https://example.com/sub/"
FOLDER = "callposts-redirects"
#: where Debian keeps the servers, outside a plain user's PATH
SBIN = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])


def redirects_json(app) -> dict[str, str]:
    """``old path -> new URL`` of the Read the Docs file, checked for its shape."""
    entries = json.loads((app.outdir / FOLDER / "readthedocs.json").read_text("utf8"))
    assert all(set(entry) == {"type", "from_url", "to_url", "http_status"} for entry in entries)
    assert {(entry["type"], entry["http_status"]) for entry in entries} == {("exact", 301)}
    found = {entry["from_url"]: entry["to_url"] for entry in entries}
    assert len(found) == len(entries)
    return found


def netlify_lines(app) -> dict[str, str]:
    """``old path -> new URL`` of ``_redirects``, each line ``FROM TO 301``."""
    text = (app.outdir / FOLDER / "_redirects").read_text("utf8")
    lines = [line.split() for line in text.splitlines() if not line.startswith("#")]
    assert all(len(parts) == 3 and parts[2] == "301" for parts in lines)
    return {unquote(source): target for source, target, _code in lines}


def target_of_page(app, served: str) -> str:
    """The absolute URL a redirect page sends its reader to."""
    relpath = served.lstrip("/") + ("index.html" if served.endswith("/") else "")
    soup = page(app, relpath)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    return urljoin(urljoin(BASE, relpath), refresh.removeprefix("0; url="))


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_files_map_every_old_url_as_the_redirect_pages_do(tmp_path, builder):
    srcdir = copy_root("listing", tmp_path)
    app = build(
        srcdir, builder, confoverrides={"callposts_redirect_files": HOSTS, "html_baseurl": BASE}
    )
    mapping = redirects_json(app)
    assert netlify_lines(app) == mapping
    suffix = "/" if builder == "dirhtml" else ".html"
    # an alias from the site root, one from the post's folder, a url: the post's page
    release = f"{BASE}calls/2024-03-07-release{suffix}"
    assert mapping["/old/2024/03/release/"] == release
    assert mapping["/calls/release-2/"] == release
    bundle = BASE + (
        "calls/2024-05-bundle/" if builder == "dirhtml" else "calls/2024-05-bundle/index.html"
    )
    assert mapping["/legacy/bundle.html"] == bundle
    # one list: every redirect page is in the files, to the same page
    for served, url in mapping.items():
        relpath = served.lstrip("/") + ("index.html" if served.endswith("/") else "")
        if (app.outdir / relpath).is_file() and "refresh" in (app.outdir / relpath).read_text(
            "utf8"
        ):
            assert target_of_page(app, served) == url
    assert not [line for line in warning_lines(app) if "callposts.redirect" in line]


def test_no_files_unless_asked_or_without_html_baseurl(tmp_path):
    app = build(copy_root("listing", tmp_path / "none"))
    assert not (app.outdir / FOLDER).exists()
    srcdir = copy_root("listing", tmp_path / "nobase")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text("utf8").replace('html_baseurl = "https://example.org/docs/"\n', "")
        + f"callposts_redirect_files = {HOSTS!r}\n",
        encoding="utf8",
    )
    app = build(srcdir)
    assert not (app.outdir / FOLDER).exists()
    found = [warning for warning in warnings_of(app) if warning[2] == "callposts.redirect"]
    assert found == [("conf.py", conf.read_text("utf8").count("\n"), "callposts.redirect")]


def test_the_files_without_the_redirect_pages(tmp_path):
    app = build(
        copy_root("listing", tmp_path),
        confoverrides={
            "callposts_redirect_files": ["readthedocs"],
            "callposts_redirects": False,
            "html_baseurl": BASE,
        },
    )
    assert "/old/2024/03/release/" in redirects_json(app)
    assert not (app.outdir / "old").exists()
    assert sorted(path.name for path in (app.outdir / FOLDER).iterdir()) == ["readthedocs.json"]


def test_an_unknown_host_is_a_config_warning(tmp_path):
    app = build(
        copy_root("listing", tmp_path),
        confoverrides={"callposts_redirect_files": ["netlify", "iis"]},
    )
    lines = [line for line in warning_lines(app) if "callposts.config" in line]
    assert len(lines) == 1
    assert "unknown host(s) 'iis'" in lines[0]
    assert not (app.outdir / FOLDER).exists()


def test_a_shared_alias_warns_once_and_leads_to_the_older_post_in_every_file(tmp_path):
    app = build(
        copy_root("listing-bad", tmp_path),
        confoverrides={"callposts_redirect_files": HOSTS, "html_baseurl": BASE},
    )
    shared = [line for line in warning_lines(app) if "'/shared'" in line]
    assert len(shared) == 1  # for the newer post, not once more for the files
    mapping = redirects_json(app)
    assert mapping["/shared/"] == BASE + "calls/a.html"  # Call A, February, before B
    # nor an alias whose redirect page a page or an html_extra_path file holds here
    assert "/" not in mapping
    assert "/kept.html" not in mapping
    assert "/b-old/" in mapping
    assert not any("draft" in path for path in mapping)  # drafts get no redirects


def test_an_old_url_that_is_the_new_one_is_left_out(tmp_path):
    """The new site at the old one's address: a redirect to itself would never end."""
    app = build(
        copy_root("listing", tmp_path),
        "dirhtml",
        confoverrides={
            "callposts_redirect_files": ["readthedocs"],
            "callposts_site_url": "https://example.org/docs/",  # its html_baseurl
            "callposts_permalinks": {"calls": "/calls/:year/:slug/"},
        },
    )
    mapping = redirects_json(app)
    release = "https://example.org/docs/calls/2024-03-07-release/"
    assert mapping["/docs/old/2024/03/release/"] == release  # under the site's path
    assert mapping["/docs/calls/2024/release-2.0-walkthrough/"] == release  # its permalink
    # the section pages are at their folders, Hugo's URLs of them
    assert not {"/docs/calls/", "/docs/calls/2023/"} & set(mapping)
    assert not to_itself(mapping)


# -- the real servers ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server(name: str) -> str:
    found = shutil.which(name, path=SBIN)
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install {name})")
    return found


def start(command: list[str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start a server as this test's own process; wait until it answers on ``port``."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text("utf8", "replace") if log.is_file() else ""
            pytest.fail(f"{command[0]} stopped ({process.returncode}): {text}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    stop(process)
    pytest.fail(f"{command[0]} does not answer on port {port}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def answer(port: int, path: str) -> tuple[int, str]:
    """``(status, Location)`` of a GET, the redirect not followed."""
    opener = urllib.request.build_opener(NoRedirects)
    url = f"http://127.0.0.1:{port}{quote(path, safe='/!$&()*+,;=:@~')}"
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def same_url(got: tuple[int, str], url: str, *, apache: bool) -> bool:
    """Whether a server sent the page's URL: as written, or as Apache escapes it
    (``'`` for ``%27``: the same address)."""
    status, location = got
    if apache:
        return status == 301 and unquote(location) == unquote(url) and " " not in location
    return got == (301, url)


def nginx_conf(prefix: Path, port: int, include: Path) -> Path:
    for folder in ("logs", "temp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    temps = " ".join(
        f"{kind}_temp_path {prefix / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"worker_processes 1;\nerror_log {prefix / 'logs/error.log'};\n"
        f"pid {prefix / 'nginx.pid'};\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    access_log off;\n    {temps}\n    include {include};\n"
        f"    server {{\n        listen 127.0.0.1:{port};\n"
        "        if ($callposts_redirect) { return 301 $callposts_redirect; }\n"
        "        location / { return 404; }\n    }\n}\n",
        encoding="utf8",
    )
    return conf


def apache_conf(root: Path, port: int, htaccess: Path, htdocs: Path | None) -> Path:
    """Apache with mod_alias: the file as ``.htaccess`` of ``htdocs``, or included in the
    server's configuration where there is no ``htdocs``."""
    modules = Path("/usr/lib/apache2/modules")
    root.mkdir(parents=True, exist_ok=True)
    if htdocs is None:
        site = f"DocumentRoot {root}\nInclude {htaccess}\n"
    else:
        shutil.copyfile(htaccess, htdocs / ".htaccess")
        (htdocs / ".htaccess").chmod(0o644)
        site = (
            f"DocumentRoot {htdocs}\n<Directory {htdocs}>\n"
            "    AllowOverride FileInfo\n    Require all granted\n</Directory>\n"
        )
    conf = root / "apache2.conf"
    conf.write_text(
        "".join(
            f"LoadModule {name}_module {modules}/mod_{name}.so\n"
            for name in ("mpm_event", "authz_core", "alias")
        )
        + f"ServerName 127.0.0.1\nListen 127.0.0.1:{port}\nPidFile {root / 'apache.pid'}\n"
        f"ErrorLog {root / 'error.log'}\nUser nobody\nGroup nogroup\n{site}",
        encoding="utf8",
    )
    return conf


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_nginx_and_apache_send_every_old_url_of_the_gardener_blog(corpus_project, builder):
    server("nginx"), server("apache2")  # before the build: skipped at once without them
    (corpus_project / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\n'
        'callposts_pattern = ["blog/**"]\n'
        f"html_baseurl = {BASE!r}\n"
        'callposts_site_url = "https://gardener.cloud/"\n'
        # gardener.cloud's hugo.toml: [permalinks] blog = "/:section/:year/:month/:day/:slug/"
        'callposts_permalinks = {"blog": "/:section/:year/:month/:day/:slug/"}\n'
        f"callposts_redirect_files = {HOSTS!r}\n",
        encoding="utf8",
    )
    (corpus_project / "index.md").write_text(
        "# Gardener\n\n```{toctree}\nblog/index\n```\n", encoding="utf8"
    )
    app = build(corpus_project, builder, freshenv=True)
    assert not extension_warnings(app)
    mapping = redirects_json(app)
    assert netlify_lines(app) == mapping
    store = app.env.callposts
    suffix = "/" if builder == "dirhtml" else ".html"
    for docname, post in store.posts.items():
        url = BASE + app.builder.get_target_uri(docname)  # as Sphinx links it: ' is %27
        aliases = {alias.rstrip("/") + "/" for alias in post.aliases}
        assert {alias: mapping[alias] for alias in aliases} == dict.fromkeys(aliases, url)
        # and the permalink, /:section/:year/:month/:day/:slug/ (a few posts list it as an alias)
        (permalink,) = {path for path, new in mapping.items() if new == url} - aliases or aliases
        assert permalink.startswith(post.date.strftime("/blog/%Y/%m/%d/"))
    for docname in (name for name, kind in store.kinds.items() if kind == "section"):
        folder = docname.rsplit("/", 1)[0]
        page_url = folder + "/" if builder == "dirhtml" else docname + ".html"
        assert mapping[f"/{folder}/"] == BASE + page_url
    october = f"{BASE}blog/2022/10/10.06-gardener-community-meeting-october{suffix}"
    assert mapping["/blog/2022/10/06/community-call-cilium-/-isovalent-presentation/"] == october

    assert not served_wrong(app, mapping, corpus_project.parent)
    assert len(mapping) > 150


@contextmanager
def serving(app, work: Path, *, htaccess: bool = False) -> Iterator[tuple[int, int]]:
    """nginx and Apache started with the build's files: their ports; stopped after.

    :param htaccess: Apache reads the file as the ``.htaccess`` of its document root,
        rather than in its configuration
    """
    nginx, apache2 = server("nginx"), server("apache2")
    files = app.outdir / FOLDER
    nginx_port, apache_port = free_port(), free_port()
    nginx_prefix, apache_root = work / "nginx", work / "apache"
    conf = nginx_conf(nginx_prefix, nginx_port, files / "nginx.conf")
    checked = subprocess.run(
        [nginx, "-t", "-p", str(nginx_prefix), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    # a map whose keys do not spread over its hash table is a warning, not an error
    assert checked.returncode == 0, checked.stderr
    assert "[warn]" not in checked.stderr, checked.stderr
    running = [
        start(
            [nginx, "-p", str(nginx_prefix), "-c", str(conf), "-g", "daemon off;"],
            nginx_port,
            nginx_prefix / "logs/error.log",
        )
    ]
    # Apache's workers (nobody) read a .htaccess: a folder they can reach, not tmp_path
    htdocs = Path(tempfile.mkdtemp(prefix="callposts-htdocs-")) if htaccess else None
    try:
        if htdocs is not None:
            htdocs.chmod(0o755)
        conf = apache_conf(apache_root, apache_port, files / ".htaccess", htdocs)
        running.append(
            start([apache2, "-X", "-f", str(conf)], apache_port, apache_root / "error.log")
        )
        yield nginx_port, apache_port
    finally:
        for process in running:
            stop(process)
        if htdocs is not None:
            shutil.rmtree(htdocs)


def served_wrong(
    app, mapping: dict[str, str], work: Path, *, htaccess: bool = False
) -> list[tuple[int, str, tuple[int, str]]]:
    """Ask nginx and Apache, with the build's files (:func:`serving`), every old URL and
    its variants: ``(port, path, answer)`` of each wrong answer."""
    with serving(app, work, htaccess=htaccess) as (nginx_port, apache_port):
        wrong = [
            (port, path, got)
            for served, url in mapping.items()
            for path in variants(served)
            for port in (nginx_port, apache_port)
            if not same_url(got := answer(port, path), url, apache=port == apache_port)
        ]
        # nothing else moves: a path below an old URL is not the old URL
        below = [served + "x/" for served in list(mapping)[:3] if served.endswith("/")]
        wrong += [
            (port, path, got)
            for port in (nginx_port, apache_port)
            for path in below
            if (got := answer(port, path))[0] == 301
        ]
        return wrong


ODD_ALIASES = [
    "/a%20b/",  # a space
    "/%E4%B8%AD.html",  # not ASCII
    "/caf%C3%A9 au lait/",
    "/x(1)+y/",
    "/100%25/",  # a percent sign
    "/a;b=c&d/",
    "/it's/",
]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_servers_send_old_urls_with_spaces_and_odd_characters(tmp_path, builder):
    server("nginx"), server("apache2")
    srcdir = tmp_path / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["calls/**"]\n'
        f"html_baseurl = {BASE!r}\ncallposts_redirect_files = {HOSTS!r}\n",
        encoding="utf8",
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\ncalls/*\n```\n", encoding="utf8")
    aliases = "".join(f"  - {alias!r}\n" for alias in ODD_ALIASES)
    (srcdir / "calls" / "café call.md").write_text(
        f"---\ntitle: Café\ndate: 2024-01-01\naliases:\n{aliases}---\n\nText.\n",
        encoding="utf8",
    )
    app = build(srcdir, builder, freshenv=True)
    assert not [line for line in warning_lines(app) if "callposts" in line]
    mapping = redirects_json(app)
    assert netlify_lines(app) == mapping
    assert {
        unquote(alias).rstrip("/") + ("/" if alias.endswith("/") else "") for alias in ODD_ALIASES
    } <= set(mapping)
    url = BASE + unquote(app.builder.get_target_uri("calls/café call"))
    assert {unquote(new) for new in mapping.values()} == {url}
    assert not [new for new in mapping.values() if not new.isascii() or " " in new]
    assert not served_wrong(app, mapping, tmp_path, htaccess=True)


@pytest.mark.parametrize("site", ["", SUB])
def test_the_github_pages_snippet_of_the_docs_makes_a_page_per_old_url(tmp_path, site):
    """docs/redirects.md: a meta refresh page per old URL, for an old site on GitHub
    Pages, at its root or under a path (a project site), which Pages publishes under."""
    text = (Path(__file__).parents[1] / "docs" / "redirects.md").read_text("utf8")
    snippet = text.split("### GitHub Pages", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    base = urlsplit(site).path or "/"
    assert 'base = "/"  #' in snippet
    app = build(
        copy_root("listing", tmp_path / "docs"),
        confoverrides={
            "callposts_redirect_files": ["readthedocs"],
            "html_baseurl": BASE,
            "callposts_site_url": site,
        },
    )
    shutil.copytree(app.outdir / FOLDER, tmp_path / FOLDER)
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        # the documented snippet, as a user runs it
        exec(snippet.replace('base = "/"', f"base = {base!r}"), {})  # noqa: S102
    finally:
        os.chdir(cwd)
    mapping = redirects_json(app)
    assert mapping["/sub/calls/release-2/" if site else "/calls/release-2/"]
    for served, url in mapping.items():
        relpath = served.removeprefix(base) + ("index.html" if served.endswith("/") else "")
        written = (tmp_path / "old-site" / relpath).read_text("utf8")
        assert f'url={url}"' in written
    assert not (tmp_path / "old-site" / "sub").exists()


@pytest.mark.parametrize("folder", ["blog", "community/calls"])
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_an_imported_hugo_site_old_urls_answer_through_the_servers(tmp_path, builder, folder):
    """From a Hugo site to old URLs that answer where it lived: import, build -W, serve;
    into the section's own folder or another one (``callposts_hugo_paths``)."""
    from .test_import import hugo_site, run_import

    server("nginx"), server("apache2")
    root = hugo_site(tmp_path)
    assert run_import(root, "--to", f"docs/{folder}").returncode == 0
    with (root / "docs/conf.py").open("a", encoding="utf8") as conf:
        conf.write(f"\nhtml_baseurl = {BASE!r}\ncallposts_redirect_files = {HOSTS!r}\n")
    app = build(root / "docs", builder, warningiserror=True)
    assert warning_lines(app) == []
    mapping = redirects_json(app)
    assert netlify_lines(app) == mapping
    january = BASE + app.builder.get_target_uri(f"{folder}/2024/january")
    march = BASE + app.builder.get_target_uri(f"{folder}/2024/march/index")
    assert mapping["/blog/2024/01/18/jan/"] == january  # its permalink, with its slug
    assert mapping["/calls/2024-01/"] == january  # its alias
    assert mapping["/blog/2024/03/21/march-call/"] == march  # a leaf bundle's permalink
    assert mapping["/blog/2024/"] == BASE + app.builder.get_target_uri(f"{folder}/2024/_index")
    assert mapping["/blog/"] == BASE + app.builder.get_target_uri(f"{folder}/_index")
    assert len(mapping) == 5
    assert not served_wrong(app, mapping, tmp_path, htaccess=True)


# -- the old site's address: where its paths are, and no redirect to itself ---------------


def small_project(srcdir: Path, conf: str, posts: dict[str, str]) -> Path:
    """A project of our own: ``conf`` added to the extension's settings, ``posts`` by path."""
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["news/**"]\n{conf}',
        encoding="utf8",
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\nnews/index\n```\n", encoding="utf8")
    for name, text in posts.items():
        (srcdir / "news" / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / "news" / name).write_text(text, encoding="utf8")
    return srcdir


NEWS = {
    "index.md": "---\ntitle: News\n---\n\n```{toctree}\n:glob:\n2024/*\n```\n",
    "2024/one.md": "---\ntitle: One\ndate: 2024-01-01\naliases:\n  - /abs/old/\n---\n\n"
    "[two](https://example.com/sub/news/2024/two/), [docs](https://example.com/sub/docs/x/)\n",
    "2024/two.md": "---\ntitle: Two\ndate: 2024-02-01\n---\n\nText.\n",
}


def output_file(app, docname: str) -> str:
    """The file of a page under the output folder."""
    uri = app.builder.get_target_uri(docname)
    return uri + "index.html" if uri.endswith("/") or not uri else uri


def follow(port: int, path: str, host: str) -> list[str]:
    """The paths a browser asks a server for from ``path``, while it is sent on to
    ``host`` (the server stands for it): a path twice is a loop."""
    asked = [path]
    while len(asked) < 10 and len(set(asked)) == len(asked):
        status, location = answer(port, asked[-1])
        target = urlsplit(location)
        if status != 301 or target.hostname != host:
            break
        asked.append(unquote(target.path))
    return asked


def loops(app, mapping: dict[str, str], work: Path, host: str) -> list[list[str]]:
    """Each loop that nginx and Apache, with the build's files, send a browser round,
    from any old URL or its variants."""
    with serving(app, work) as ports:
        return [
            asked
            for served in mapping
            for path in variants(served)
            for port in ports
            if len(set(asked := follow(port, path, host))) < len(asked)
        ]


def to_itself(mapping: dict[str, str]) -> list[tuple[str, str]]:
    """The entries whose new URL is their old path, or a variant of it, on its host."""
    return [
        (path, url)
        for path, url in mapping.items()
        if unquote(urlsplit(url).path) in variants(path)
    ]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_folder_and_its_index_html_are_one_page_at_the_same_address(tmp_path, builder):
    """The new site at the old one's address: in html, a section page ``news/index`` is
    ``news/index.html``, which a server answers ``/news/`` with too."""
    server("nginx"), server("apache2")
    site = "https://example.com/"
    conf = f"callposts_site_url = html_baseurl = {site!r}\ncallposts_redirect_files = {HOSTS!r}\n"
    app = build(small_project(tmp_path / "src", conf, NEWS), builder, freshenv=True)
    assert not [line for line in warning_lines(app) if "callposts" in line]
    mapping = redirects_json(app)
    assert "/news/" not in mapping
    assert mapping["/abs/old/"] == site + app.builder.get_target_uri("news/2024/one")
    assert not to_itself(mapping)
    assert "news/index.html" not in (app.outdir / FOLDER / "nginx.conf").read_text("utf8")
    assert not loops(app, mapping, tmp_path, "example.com")
    assert not served_wrong(app, mapping, tmp_path)


def test_the_imported_gardener_blog_at_its_own_address_never_loops(corpus_project, tmp_path):
    """``sphinx-callposts import --to docs/blog`` of the Gardener blog, the docs taking
    gardener.cloud's place (``html_baseurl`` = ``callposts_site_url``), html builder."""
    from .test_import import run_import

    server("nginx"), server("apache2")
    root = tmp_path / "site"
    shutil.move(corpus_project / "blog", root / "website" / "content" / "blog")
    (root / "website" / "hugo.toml").write_text(
        'baseURL = "https://gardener.cloud/"\n'
        '[permalinks]\nblog = "/:section/:year/:month/:day/:slug/"\n',
        encoding="utf8",
    )
    (root / "docs").mkdir()
    (root / "docs" / "conf.py").write_text('project = "Gardener"\n', encoding="utf8")
    (root / "docs" / "index.md").write_text("# Gardener\n\n```{toctree}\n```\n", encoding="utf8")
    result = run_import(root, "--to", "docs/blog")
    assert result.returncode == 0, result.stdout + result.stderr
    conf = (root / "docs" / "conf.py").read_text("utf8")
    assert "html_baseurl = 'https://gardener.cloud/'" in conf
    with (root / "docs" / "conf.py").open("a", encoding="utf8") as file:
        file.write(f"callposts_redirect_files = {HOSTS!r}\n")
    app = build(root / "docs", "html", freshenv=True)
    assert not extension_warnings(app)
    mapping = redirects_json(app)
    assert netlify_lines(app) == mapping
    assert "/blog/" not in mapping  # the section page blog/index.html
    assert mapping["/blog/2022/"] == "https://gardener.cloud/blog/2022/_index.html"
    assert not to_itself(mapping)
    assert len(mapping) > 150
    assert not loops(app, mapping, tmp_path, "gardener.cloud")
    assert not served_wrong(app, mapping, tmp_path)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_old_paths_are_under_the_old_sites_base_path(tmp_path, builder):
    """Hugo's ``baseURL: https://example.com/sub/`` served its pages under ``/sub/``
    (a GitHub Pages project site): the old host's files say so, the redirect pages,
    under the new site's own base, do not."""
    server("nginx"), server("apache2")
    conf = (
        f"callposts_site_url = {SUB!r}\nhtml_baseurl = {BASE!r}\n"
        f"callposts_redirect_files = {HOSTS!r}\n"
    )
    app = build(small_project(tmp_path / "src", conf, NEWS), builder, freshenv=True)
    assert not [line for line in warning_lines(app) if "callposts" in line]
    mapping = redirects_json(app)
    one, two = (BASE + app.builder.get_target_uri(f"news/2024/{name}") for name in ("one", "two"))
    assert mapping["/sub/abs/old/"] == one
    assert mapping["/sub/news/2024/one/"] == one
    assert mapping["/sub/news/2024/two/"] == two
    assert mapping["/sub/news/"] == BASE + app.builder.get_target_uri("news/index")
    assert all(path.startswith("/sub/") for path in mapping)
    assert netlify_lines(app) == mapping
    # the redirect pages are the new site's, at the old paths under its own base
    assert (app.outdir / "abs/old/index.html").is_file()
    assert not (app.outdir / "sub").exists()
    # a link to the old site under its base path: to the page here, or to the old site
    links = {
        anchor.text: anchor["href"]
        for anchor in body(app, output_file(app, "news/2024/one")).find_all("a")
    }
    assert urljoin(one, links["two"]) == two
    assert links["docs"] == "https://example.com/sub/docs/x/"
    with serving(app, tmp_path) as ports:
        assert [answer(port, "/abs/old/")[0] == 301 for port in ports] == [False, False]
    assert not served_wrong(app, mapping, tmp_path)


def test_the_new_site_at_an_old_address_with_a_path_leaves_the_pages_own_paths_out(tmp_path):
    """In dirhtml, a post is at Hugo's default path: at the old site's address, under
    its path, that old URL is the new one."""
    conf = f"callposts_site_url = html_baseurl = {SUB!r}\ncallposts_redirect_files = {HOSTS!r}\n"
    app = build(small_project(tmp_path / "src", conf, NEWS), "dirhtml", freshenv=True)
    assert redirects_json(app) == {"/sub/abs/old/": SUB + "news/2024/one/"}
