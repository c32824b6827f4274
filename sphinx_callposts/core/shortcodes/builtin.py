"""The built-in shortcodes: Hugo's own, each rendered as the MyST that does the same."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..markdown import code_span, escape_markdown, markdownify
from ..post import safe_url
from ..video import parse_time, parse_video
from .model import Context, Shortcode, ShortcodeError

if TYPE_CHECKING:
    from ..post import Post


_CLASSES = re.compile(r"[\w -]+")
_LANGUAGE = re.compile(r"[\w+#.-]*")
_NUMBER = re.compile(r"\d{1,25}")
_HANDLE = re.compile(r"[A-Za-z0-9_]{1,30}")
_GIST_ID = re.compile(r"[A-Za-z0-9]{1,64}")
_FILENAME = re.compile(r"[\w.-]{1,100}")
_SIZE = re.compile(r"\d+(?:\.\d+)?(?:px|%|em|rem|ex|pt|cm|mm|in|vw|vh)?")


def _fence_for(inner: str, minimum: int = 3) -> str:
    """A backtick fence longer than any backtick fence inside ``inner``."""
    longest = max(
        (len(m.group(1)) for m in re.finditer(r"^\s*(`{3,})", inner, re.MULTILINE)), default=0
    )
    return "`" * max(minimum, longest + 1)


def _option(name: str, value: str) -> str:
    """A directive option line, its value single-quoted so MyST takes it as written."""
    text = " ".join(value.split()).replace("'", "''")
    return f":{name}: '{text}'"


def _directive(head: str, options: list[str], body: list[str], fence: str = "```") -> str:
    """A fenced directive with its options, one a line."""
    return "\n".join([f"{fence}{head}".rstrip(), *options, *body, fence])


def _classes(shortcode: Shortcode, value: str) -> str:
    if not _CLASSES.fullmatch(value):
        raise ShortcodeError(f"{shortcode.name}: class={value!r} is not a list of class names")
    return value


def render_youtube(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< youtube ID >}}`` and its named form -> the ``callposts-youtube`` role or directive.

    The extension's own name: another extension (sphinxcontrib-youtube) may own ``youtube``.
    """
    value = shortcode.get("id", 0)
    if not value:
        raise ShortcodeError("youtube: no video id")
    try:
        video = parse_video(value)
    except ValueError as exc:
        raise ShortcodeError(f"youtube: {exc}") from None
    title = " ".join(shortcode.get("title").split())
    player: dict[str, Any] = {}
    try:
        for name in ("start", "end"):
            if shortcode.get(name):
                player[name] = parse_time(shortcode.get(name))
    except ValueError as exc:
        raise ShortcodeError(f"youtube: {exc}") from None
    for name in ("autoplay", "mute", "loop", "controls"):
        flag = shortcode.flag(name)
        if flag is not None:
            player[name] = flag
    # the player parameters travel in an /embed/ URL, so the result stays one line
    target = replace(video, **player).url
    options = []
    css = shortcode.get("class", 1)
    if css:
        options.append(_option("class", _classes(shortcode, css)))
    loading = shortcode.get("loading")
    if loading in {"lazy", "eager"}:
        options.append(_option("loading", loading))
    plain_title = not re.search(r"[<>`\\]", title)
    if not shortcode.block or (not options and plain_title):
        # one line for one line: in a paragraph, youtube-embed still makes the block, as
        # Hugo shows its player wherever the shortcode stands (in a sentence too)
        role = "callposts-youtube" if shortcode.block and shortcode.alone else "youtube-embed"
        label = re.sub(r"[<>`\\]", "", title)
        return f"{{{role}}}`{label} <{target}>`" if label else f"{{{role}}}`{target}`"
    if title and plain_title:
        target = f"{title} <{target}>"
    elif title:
        options.insert(0, _option("title", title))
    return _directive(f"{{callposts-youtube}} {target}", options, [])


def render_vimeo(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< vimeo ID >}}`` -> a link to the video (no tracking iframe)."""
    video = shortcode.get("id", 0)
    if not _NUMBER.fullmatch(video):
        raise ShortcodeError(f"vimeo: {video!r} is not a Vimeo video id")
    title = shortcode.get("title", 2) or _("Vimeo video {id}").format(id=video)
    return _link_line(_("Recording: "), title, f"https://vimeo.com/{video}", shortcode)


def _link_line(prefix: str, label: str, url: str, shortcode: Shortcode) -> str:
    link = f"[{escape_markdown(label)}](<{url}>)"
    return (
        f"{escape_markdown(prefix.strip())} {link}" if shortcode.block and prefix.strip() else link
    )


def render_figure(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< figure src=... >}}`` -> the ``figure`` directive (an image inline)."""
    src = safe_url(shortcode.get("src"))
    if not src:
        raise ShortcodeError(
            f"figure: src={shortcode.get('src')!r} is not an http(s) or relative URL"
        )
    alt = " ".join((shortcode.get("alt") or shortcode.get("caption")).split())
    if not shortcode.block:
        return f"![{escape_markdown(alt)}](<{src}>)"
    options = [_option("alt", alt)] if alt else []
    for name in ("width", "height"):
        size = shortcode.get(name)
        if size:
            if not _SIZE.fullmatch(size):
                raise ShortcodeError(f"figure: {name}={size!r} is not a size")
            options.append(_option(name, size + ("px" if size[-1].isdigit() else "")))
    if shortcode.get("class"):
        options.append(_option("class", _classes(shortcode, shortcode.get("class"))))
    link = shortcode.get("link")
    if link:
        if not safe_url(link):
            raise ShortcodeError(f"figure: link={link!r} is not an http(s) or relative URL")
        options.append(_option("target", safe_url(link)))
    title = " ".join(shortcode.get("title").split())
    caption = markdownify(shortcode.get("caption"))
    caption_line = " ".join(
        part for part in (f"**{escape_markdown(title)}**" if title else "", caption) if part
    )
    return _directive(f"{{figure}} {src}", options, [caption_line] if caption_line else [])


def render_ref(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< ref "path" >}}``/``relref`` -> a link to the document (its target in a link)."""
    path = shortcode.get("path", 0)
    target = context.find_doc(path) if path else None
    if not target:
        raise ShortcodeError(f"{shortcode.name}: no document found for {path!r}")
    return target if destination else f"[](<{target}>)"


def render_highlight(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< highlight go "linenos=table,hl_lines=2 4-5" >}}`` -> a ``code-block``."""
    language = shortcode.get("lang", 0) or shortcode.get("language")
    if not _LANGUAGE.fullmatch(language):
        raise ShortcodeError(f"highlight: {language!r} is not a language name")
    if shortcode.inner is None:
        raise ShortcodeError("highlight: no closing {{< /highlight >}}")
    code = shortcode.inner
    if not shortcode.block:
        return code_span(code.strip(), padded=True)
    options = []
    for item in re.split(r"\s*,\s*", shortcode.get("options", 1)):
        key, _sep, value = item.partition("=")
        key, value = key.strip().lower(), value.strip()
        if key == "linenos" and value.lower() not in {"false", ""}:
            options.append(":linenos:")
        elif key == "hl_lines" and re.fullmatch(r"[\d\s-]+", value):
            options.append(_option("emphasize-lines", ",".join(value.split())))
        elif key == "linenostart" and value.isdigit():
            options.append(_option("lineno-start", value))
    fence = _fence_for(code)
    return _directive(f"{{code-block}} {language}", options, [code], fence)


def render_details(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< details summary="..." >}}`` ... ``{{< /details >}}`` -> ``callposts-details``."""
    if shortcode.inner is None:
        raise ShortcodeError("details: no closing {{< /details >}}")
    summary = " ".join(shortcode.get("summary").split())
    options = []
    if shortcode.flag("open"):
        options.append(":open:")
    if shortcode.get("class"):
        options.append(_option("class", _classes(shortcode, shortcode.get("class"))))
    fence = _fence_for(shortcode.inner, 4)
    return _directive(f"{{callposts-details}} {summary}", options, [shortcode.inner], fence)


def render_param(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< param "key" >}}`` -> the page's front matter value, as text."""
    key = shortcode.get("name", 0)
    value: Any = context.params
    for part in key.lower().split("."):
        found = isinstance(value, Mapping) and {str(k).lower(): v for k, v in value.items()}.get(
            part
        )
        if not found and found != 0:
            raise ShortcodeError(f"param: the page has no parameter {key!r}")
        value = found
    if isinstance(value, (Mapping, list)):
        raise ShortcodeError(f"param: {key!r} is not a single value")
    return escape_markdown(str(value))


def page_params(data: Mapping[str, Any], post: Post | None) -> dict[str, Any]:
    """The page's parameters for ``param``: its front matter, and the post's own fields.

    :param data: the front matter as read
    :param post: the post the page is, if it is one
    """
    params = dict(data)
    if post is not None:
        params.update(post.extra)
        params.update(
            {
                "title": post.title,
                "linktitle": post.link_title,
                "subtitle": post.subtitle,
                "summary": post.summary,
                "description": post.summary,
                "date": post.date.date().isoformat() if post.date else "",
                "tags": list(post.tags),
            }
        )
    return params


def render_social(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``x``, ``tweet``, ``gist``, ``instagram`` -> a link to the post; nothing is embedded."""
    name = shortcode.name
    if name in {"x", "tweet", "twitter"}:
        user, post = (
            shortcode.get("user"),
            shortcode.get("id", 0 if not shortcode.get("user") else None),
        )
        if not _NUMBER.fullmatch(post or "") or (user and not _HANDLE.fullmatch(user)):
            raise ShortcodeError(f"{name}: needs a numeric id and an X user name")
        url = f"https://x.com/{user or 'i'}/status/{post}"
        label = _("Post by @{user} on X").format(user=user) if user else _("Post on X")
    elif name == "gist":
        user, gist, filename = (
            shortcode.get("user", 0),
            shortcode.get("id", 1),
            shortcode.get("file", 2),
        )
        if not (_HANDLE.fullmatch(user.replace("-", "_")) and _GIST_ID.fullmatch(gist)):
            raise ShortcodeError("gist: needs a GitHub user and a gist id")
        if filename and not _FILENAME.fullmatch(filename):
            raise ShortcodeError(f"gist: {filename!r} is not a file name")
        anchor = "#file-" + re.sub(r"[^\w-]", "-", filename.lower()) if filename else ""
        url = f"https://gist.github.com/{user}/{gist}{anchor}"
        label = _("Gist {file} by {user}").format(file=filename or gist, user=user)
    else:
        post = shortcode.get("id", 0)
        if not re.fullmatch(r"[\w-]{1,40}", post):
            raise ShortcodeError(f"instagram: {post!r} is not an Instagram post id")
        url = f"https://www.instagram.com/p/{post}/"
        label = _("Instagram post {id}").format(id=post)
    return (
        _link_line("", label, url, shortcode)
        if shortcode.block
        else f"[{escape_markdown(label)}](<{url}>)"
    )


def render_comment(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """Hugo's ``comment``: nothing."""
    return ""


BUILTINS: dict[str, Callable[..., str]] = {
    "youtube": render_youtube,
    "vimeo": render_vimeo,
    "figure": render_figure,
    "ref": render_ref,
    "relref": render_ref,
    "highlight": render_highlight,
    "details": render_details,
    "param": render_param,
    "x": render_social,
    "tweet": render_social,
    "twitter": render_social,
    "gist": render_social,
    "instagram": render_social,
    "comment": render_comment,
}
