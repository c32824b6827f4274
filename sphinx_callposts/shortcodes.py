"""Hugo shortcodes rewritten to MyST before parsing, line numbers kept.

Hugo posts carry ``{{< youtube ID >}}``, ``{{< figure ... >}}``, ``{{< ref ... >}}``
and their kin, which MyST would print as text. At ``source-read`` every Markdown
document is scanned outside code blocks and inline code, and each shortcode is
replaced by the MyST that does the same thing. A replacement that needs more lines
than the shortcode (a directive with options) pays them back from blank lines next
to it, so every line below keeps its number.

A project adds its own shortcodes with ``callposts_shortcode_handlers``::

    callposts_shortcode_handlers = {"youtube-80": "mysite.shortcodes:youtube_80"}

where the function takes a :class:`Shortcode` and returns MyST Markdown, or raises
:class:`ShortcodeError` for a located warning.
"""

from __future__ import annotations

import importlib
import itertools
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from .config import warn
from .frontmatter import read_front_matter
from .pages import TEMP_POST, escape_markdown, is_markdown
from .post import normalise_keys, safe_url
from .youtube import parse_time, parse_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("sphinx_callposts")

#: A shortcode handler: a :class:`Shortcode` in, MyST Markdown out.
Handler = Callable[["Shortcode"], str]

_TAG = re.compile(
    r"""\{\{(?P<open>[<%])(?P<escape>/\*)?\s*(?P<closing>/)?\s*(?P<name>[\w.-]+(?:/[\w.-]+)*)"""
    r"""(?P<params>(?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`])*?)"""
    r"""\s*(?P<escape_end>\*/)?\s*(?P<self>/)?(?P<end>[>%])\}\}""",
    re.DOTALL,
)
_OPENER = re.compile(r"\{\{[<%]")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_PARAM = re.compile(
    r"""\s*(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<dq>(?:[^"\\]|\\.)*)"|`(?P<bq>[^`]*)`|(?P<bare>[^\s"`=]+))"""
)
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_BACKTICKS = re.compile(r"`+")
_LINK_DESTINATION = re.compile(r"\]\(\s*<?$")
_CLASSES = re.compile(r"[\w -]+")
_LANGUAGE = re.compile(r"[\w+#.-]*")
_NUMBER = re.compile(r"\d{1,25}")
_HANDLE = re.compile(r"[A-Za-z0-9_]{1,30}")
_GIST_ID = re.compile(r"[A-Za-z0-9]{1,64}")
_FILENAME = re.compile(r"[\w.-]{1,100}")
_SIZE = re.compile(r"\d+(?:\.\d+)?(?:px|%|em|rem|ex|pt|cm|mm|in|vw|vh)?")
#: fenced directives whose content is code, not Markdown
_CODE_DIRECTIVES = {
    "code",
    "code-block",
    "sourcecode",
    "code-cell",
    "literalinclude",
    "math",
    "raw",
}
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}
_MAX_TAG_LINES = 30


class ShortcodeError(ValueError):
    """Raised by a handler for a shortcode it cannot rewrite; becomes a located warning."""


@dataclass
class Shortcode:
    """One Hugo shortcode, as a handler receives it.

    :param name: the shortcode's name, e.g. ``youtube``
    :param args: the positional parameters, unquoted
    :param kwargs: the named parameters, unquoted, keys as written
    :param inner: for a paired shortcode, the text between its tags (its own shortcodes
        already rewritten); ``None`` for a single tag
    :param markdown: written ``{{% %}}`` rather than ``{{< >}}``
    :param block: it stands alone on its lines, so it may become a block (a directive);
        otherwise it sits in running text and must become inline Markdown on one line
    :param alone: a block with blank lines (or the text's edges) around it: one line of
        output is a paragraph of its own
    :param line: the line of its opening tag in the file
    :param docname: the page it ends up in
    """

    name: str
    args: list[str] = field(default_factory=list)
    kwargs: dict[str, str] = field(default_factory=dict)
    inner: str | None = None
    markdown: bool = False
    block: bool = False
    alone: bool = False
    line: int = 0
    docname: str = ""

    def get(self, key: str, position: int | None = None, default: str = "") -> str:
        """A named parameter (case-insensitive), else the positional one at ``position``."""
        for name, value in self.kwargs.items():
            if name.lower() == key.lower():
                return value
        if position is not None and not self.kwargs and position < len(self.args):
            return self.args[position]
        return default

    def flag(self, key: str) -> bool | None:
        """A Hugo boolean (``true``/``"true"``/``1``, ``false``/``"false"``/``0``), or ``None``.

        :raises ShortcodeError: for any other value
        """
        value = self.get(key).strip().lower()
        if not value:
            return None
        if value in _TRUE | _FALSE:
            return value in _TRUE
        raise ShortcodeError(f"{self.name}: {key}={value!r} is not true or false")


@dataclass
class Context:
    """What the rewriters need to know about the page.

    :param docname: the page the text ends up in
    :param locate: ``line -> warning location``
    :param handlers: the project's handlers, by shortcode name
    :param params: the page's front matter, for ``param``
    :param find_doc: ``path -> MyST link target`` (``project:/...``) or ``None``
    """

    docname: str
    locate: Callable[[int], Any]
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    find_doc: Callable[[str], str | None] = lambda path: None

    def warn(self, message: str, line: int) -> None:
        """A located ``callposts.shortcode`` warning."""
        warn(message, self.locate(line), "shortcode")


# -- the scanner ---------------------------------------------------------------------


def rewrite_shortcodes(
    text: str,
    docname: str,
    config: Config,
    *,
    env: BuildEnvironment | None = None,
    params: Mapping[str, Any] | None = None,
    source: str = "",
    first_line: int = 1,
) -> str:
    """Rewrite the Hugo shortcodes of a Markdown body to MyST, keeping its line count.

    :param text: Markdown without front matter
    :param docname: the page the text ends up in (``ref`` links resolve from there)
    :param config: the Sphinx config (``callposts_shortcode_handlers``)
    :param env: the build environment, to resolve ``ref``/``relref`` to documents
    :param params: the page's front matter, for ``param``
    :param source: the file the text comes from, when it is not ``docname``'s source;
        warnings then name it
    :param first_line: the file line of the text's first line
    """

    def locate(line: int) -> Any:
        return f"{source}:{line}" if source else (docname, line)

    context = Context(
        docname=docname,
        locate=locate,
        handlers=load_handlers(config.callposts_shortcode_handlers),
        params=normalise_keys(params or {}),
        find_doc=(lambda path: find_document(env, docname, path)) if env else (lambda path: None),
    )
    return "\n".join(_Rewriter(text.split("\n"), first_line, context).run())


class _Rewriter:
    """Line by line over a Markdown text, outside code, shortcodes replaced."""

    def __init__(self, lines: list[str], first_line: int, context: Context) -> None:
        self.lines = lines
        self.first_line = first_line
        self.context = context
        self.out: list[str] = []
        #: lines written beyond those read, to take back from blank lines
        self.debt = 0
        #: the last output was a fenced block: a blank line after it may go
        self.after_fence = False
        #: open fences: (marker, is code)
        self.fences: list[tuple[str, bool]] = []

    def run(self) -> list[str]:
        """The rewritten lines."""
        index = 0
        while index < len(self.lines):
            index = self._step(index)
        return self.out

    def _step(self, index: int) -> int:
        line = self.lines[index]
        if self._fence(line):
            return index + 1
        if not line.strip():
            if self.debt > 0 and self._removable(index):
                self.debt -= 1
            else:
                self.out.append(line)
            return index + 1
        self.after_fence = False
        if not _OPENER.search(line):
            self.out.append(line)
            return index + 1
        return self._shortcode_line(index)

    def _fence(self, line: str) -> bool:
        """Track code fences and directive fences; copy code lines through."""
        match = _FENCE.match(line)
        if self.fences:
            marker, is_code = self.fences[-1]
            closes = (
                match
                and match["fence"][0] == marker[0]
                and len(match["fence"]) >= len(marker)
                and not match["info"].strip()
            )
            if closes:
                self.fences.pop()
                self.out.append(line)
                return True
            if is_code:
                self.out.append(_unescape(line))
                return True
        if match and (match["fence"][0] != ":" or match["info"].strip().startswith("{")):
            info = match["info"].strip()
            name = info[1 : info.find("}")] if info.startswith("{") else ""
            is_code = not info.startswith("{") or name in _CODE_DIRECTIVES
            self.fences.append((match["fence"], is_code))
            self.out.append(line)
            return True
        return False

    def _shortcode_line(self, index: int) -> int:
        """Rewrite the shortcodes of one line (joined with the next ones while a tag is open)."""
        end = index
        text = self.lines[index]
        while (
            _open_tag_pending(text) and end + 1 < len(self.lines) and end - index < _MAX_TAG_LINES
        ):
            following = self.lines[end + 1]
            if not following.strip() or _FENCE.match(following):
                break
            end += 1
            text += "\n" + following
        line = self.first_line + index
        match = _TAG.search(text)
        if (
            match
            and not match["escape"]
            and not match["closing"]
            and text.strip() == match.group(0)
        ):
            paired = self._paired(match, end)
            if paired is not None:
                return self._block(match, index, *paired)
            shortcode = _parse(match, self.context, line, block=True)
            shortcode.alone = self._blank(index - 1) and self._blank(end + 1)
            result = _render(shortcode, self.context)
            if result is not None:
                return self._emit_block(result, index, end)
            indent = text[: len(text) - len(text.lstrip())]
            self._emit_inline(indent + _as_code(text), index, end)
            return end + 1
        self._emit_inline(_rewrite_inline(text, line, self), index, end)
        return end + 1

    def _removable(self, index: int) -> bool:
        """Whether the blank line ``index`` can go without changing what MyST reads.

        It can after another blank line, a fence or an ATX heading, and before a fence
        or an ATX heading (both interrupt a paragraph), but never after an HTML block.
        """
        previous = self.out[-1] if self.out else ""
        following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
        if self._in_html_block(self.out) or index == len(self.lines) - 1:
            return False  # an HTML block's end, or the text's final newline
        return (
            self.after_fence
            or not previous.strip()
            or bool(_FENCE.match(previous) or _ATX_HEADING.match(previous))
            or bool(_FENCE.match(following) or _ATX_HEADING.match(following))
        )

    @staticmethod
    def _in_html_block(lines: list[str]) -> bool:
        """Whether ``lines`` end in an HTML block, which only a blank line ends."""
        block = list(itertools.takewhile(str.strip, reversed(lines)))
        return bool(block) and block[-1].lstrip().startswith("<")

    def _blank(self, index: int) -> bool:
        """Whether line ``index`` is blank, a fence (a block's edge) or outside the text."""
        if not 0 <= index < len(self.lines):
            return True
        return not self.lines[index].strip() or bool(_FENCE.match(self.lines[index]))

    def _paired(self, match: re.Match[str], end: int) -> tuple[int, str] | None:
        """For an opening tag alone on its line: the line of its closing tag and the inner text."""
        if match["self"]:
            return None
        name = match["name"]
        depth = 0
        for number in range(end + 1, len(self.lines)):
            candidate = self.lines[number].strip()
            tag = _TAG.fullmatch(candidate)
            if not tag or tag["escape"] or tag["name"] != name:
                continue
            if not tag["closing"]:
                depth += 1
            elif depth:
                depth -= 1
            else:
                return number, "\n".join(self.lines[end + 1 : number])
        return None

    def _block(self, match: re.Match[str], index: int, close: int, inner: str) -> int:
        """A paired shortcode whose tags stand on their own lines."""
        line = self.first_line + index
        shortcode = _parse(match, self.context, line, block=True)

        def rewritten() -> str:
            return "\n".join(_Rewriter(inner.split("\n"), line + 1, self.context).run())

        shortcode.inner = inner if shortcode.name in {"highlight", "comment"} else rewritten()
        result = _render(shortcode, self.context)
        if result is None:
            self.out.append(_as_code(match.group(0)))
            self.out.extend(rewritten().split("\n") if close > index + 1 else [])
            self.out.append(_as_code(self.lines[close].strip()))
            return close + 1
        return self._emit_block(result, index, close)

    def _emit_block(self, result: str, first: int, last: int) -> int:
        """Write a block's lines; borrow lines from blank ones around it, or pad."""
        opening = self.lines[first]
        indent = opening[: len(opening) - len(opening.lstrip())]
        produced = [indent + line if line else line for line in result.split("\n")]
        fenced = bool(_FENCE.match(produced[0]))
        if not fenced and self.out and self.out[-1].strip() and not _FENCE.match(self.out[-1]):
            produced.insert(0, "")  # a paragraph of its own, not the end of the one above
        if not fenced and not self._blank(last + 1):
            produced.append("")
        self.debt += len(produced) - (last - first + 1)
        while fenced and self.debt > 0 and self.out and not self.out[-1].strip():
            if self._in_html_block(self.out[:-1]):
                break
            self.out.pop()
            self.debt -= 1
        if self.debt < 0:
            produced += [""] * -self.debt
            self.debt = 0
        self.out.extend(produced)
        self.after_fence = fenced
        return last + 1

    def _emit_inline(self, text: str, first: int, last: int) -> None:
        produced = text.split("\n")
        self.out.extend(produced)
        self.debt += len(produced) - (last - first + 1)
        if self.debt < 0:
            self.out.extend([""] * -self.debt)
            self.debt = 0


def _open_tag_pending(text: str) -> bool:
    """Whether ``text`` has a ``{{<``/``{{%`` that no complete tag starts at."""
    tags = {match.start() for match in _TAG.finditer(text)}
    return any(match.start() not in tags for match in _OPENER.finditer(text))


def _code_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of the inline code spans of a line."""
    spans = []
    position = 0
    while match := _BACKTICKS.search(text, position):
        closer = re.compile(rf"(?<!`){match.group(0)}(?!`)").search(text, match.end())
        if not closer:
            position = match.end()
            continue
        spans.append((match.start(), closer.end()))
        position = closer.end()
    return spans


def _rewrite_inline(text: str, line: int, rewriter: _Rewriter) -> str:
    """Rewrite the shortcodes of running text, leaving inline code as it is."""
    spans = _code_spans(text)
    tags = {match.start() for match in _TAG.finditer(text)}
    unclosed = set()
    for opener in _OPENER.finditer(text):
        if opener.start() not in tags and not any(a <= opener.start() < b for a, b in spans):
            unclosed.add(opener.start())
            rewriter.context.warn(
                "a shortcode opened here is never closed with '>}}' or '%}}'",
                line + text.count("\n", 0, opener.start()),
            )

    def plain(start: int, end: int) -> str:
        """Text as written, but an unclosed ``{{<`` never starts an HTML tag."""
        cuts = sorted(offset for offset in unclosed if start <= offset < end)
        pieces, position = [], start
        for offset in cuts:
            pieces += [text[position:offset], escape_markdown(text[offset : offset + 3])]
            position = offset + 3
        return "".join([*pieces, text[position:end]])

    pieces = []
    position = 0
    while match := _TAG.search(text, position):
        if any(start <= match.start() < end for start, end in spans):
            pieces.append(plain(position, match.end()))
            position = match.end()
            continue
        pieces.append(plain(position, match.start()))
        tag_line = line + text.count("\n", 0, match.start())
        closing = _closing_tag(text, match)
        inner = None
        if closing:
            inner = _rewrite_inline(text[match.end() : closing.start()], tag_line, rewriter)
        pieces.append(_inline_tag(match, text[: match.start()], tag_line, rewriter, inner))
        position = closing.end() if closing else match.end()
    pieces.append(plain(position, len(text)))
    result = "".join(pieces)
    # code spans keep their text, but an escaped shortcode in them reads as Hugo prints it
    return _unescape(result) if spans else result


def _closing_tag(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The closing tag that pairs with an opening one later in the same text, if any."""
    if match["escape"] or match["closing"] or match["self"]:
        return None
    depth = 0
    for tag in _TAG.finditer(text, match.end()):
        if tag["name"] != match["name"] or tag["escape"]:
            continue
        if not tag["closing"]:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return tag
    return None


def _inline_tag(
    match: re.Match[str], before: str, line: int, rewriter: _Rewriter, inner: str | None = None
) -> str:
    """Running text: one tag (or a pair, with its ``inner`` text) to one line of MyST."""
    context = rewriter.context
    if match["escape"]:
        return _literal(_unescaped_tag(match))
    if match["closing"]:
        context.warn(f"closing tag '{match.group(0)}' without an opening tag", line)
        return _as_code(match.group(0))
    shortcode = _parse(match, context, line, block=False)
    shortcode.inner = inner
    result = _render(shortcode, context, destination=bool(_LINK_DESTINATION.search(before)))
    if result is None:
        if inner is None:
            return _as_code(match.group(0))
        closing = f"{{{{{match['open']} /{match['name']} {match['end']}}}}}"
        return _as_code(match.group(0)) + inner + _as_code(closing)
    return " ".join(result.split("\n"))


def _parse(match: re.Match[str], context: Context, line: int, *, block: bool) -> Shortcode:
    """A :class:`Shortcode` from a tag; malformed parameters give a warning."""
    shortcode = Shortcode(
        name=match["name"],
        markdown=match["open"] == "%",
        block=block,
        line=line,
        docname=context.docname,
    )
    params = match["params"]
    position = 0
    while position < len(params) and params[position:].strip():
        found = _PARAM.match(params, position)
        if not found:
            context.warn(
                f"{shortcode.name}: cannot read the parameters {params[position:].strip()!r}", line
            )
            break
        value = (
            found["dq"]
            if found["dq"] is not None
            else found["bq"]
            if found["bq"] is not None
            else found["bare"]
        )
        if found["dq"] is not None:
            value = re.sub(r"\\(.)", r"\1", value)
        if found["key"]:
            shortcode.kwargs[found["key"]] = value
        else:
            shortcode.args.append(value)
        position = found.end()
    return shortcode


def _render(shortcode: Shortcode, context: Context, destination: bool = False) -> str | None:
    """MyST for a shortcode, or ``None`` (with a warning) when it stays as text.

    :param destination: the shortcode stands in a link's destination, ``[text](HERE)``
    """
    handler = context.handlers.get(shortcode.name)
    builtin = BUILTINS.get(shortcode.name)
    if handler is None and builtin is None:
        context.warn(f"unknown Hugo shortcode {shortcode.name!r} left as text", shortcode.line)
        return None
    try:
        result = handler(shortcode) if handler else builtin(shortcode, context, destination)
    except ShortcodeError as exc:
        context.warn(str(exc), shortcode.line)
        return None
    except Exception as exc:  # noqa: BLE001 (a project's handler must not stop the build)
        context.warn(f"the handler of {shortcode.name!r} failed: {exc!r}", shortcode.line)
        return None
    if not isinstance(result, str):
        context.warn(
            f"the handler of {shortcode.name!r} returned {type(result).__name__}, not text",
            shortcode.line,
        )
        return None
    return result


def _as_code(tag: str) -> str:
    """A shortcode left as it is, shown exactly as written: inline code, one line."""
    text = " ".join(tag.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return (
        f"{fence} {text} {fence}"
        if text.startswith("`") or text.endswith("`")
        else f"{fence}{text}{fence}"
    )


def _literal(tag: str) -> str:
    """A tag as visible text: Markdown-escaped, so ``<name>`` is no HTML."""
    return escape_markdown(tag)


def _unescaped_tag(match: re.Match[str]) -> str:
    text = match.group(0)
    return re.sub(r"^\{\{([<%])/\*\s*", r"{{\1 ", re.sub(r"\s*\*/([>%])\}\}$", r" \1}}", text))


def _unescape(text: str) -> str:
    """``{{</* x */>}}`` -> ``{{< x >}}``, as Hugo prints an escaped shortcode."""
    return _TAG.sub(
        lambda match: _unescaped_tag(match) if match["escape"] else match.group(0), text
    )


# -- the built-in shortcodes ------------------------------------------------------------


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
    """``{{< youtube ID >}}`` and its named form -> the ``youtube`` role or directive."""
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
    if not shortcode.block or (shortcode.alone and not options and plain_title):
        label = re.sub(r"[<>`\\]", "", title)
        return f"{{youtube}}`{label} <{target}>`" if label else f"{{youtube}}`{target}`"
    if title and plain_title:
        target = f"{title} <{target}>"
    elif title:
        options.insert(0, _option("title", title))
    return _directive(f"{{youtube}} {target}", options, [])


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
    caption = " ".join(shortcode.get("caption").split())
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
        fence = "`" * (max((len(m) for m in re.findall(r"`+", code)), default=0) + 1)
        return f"{fence} {code.strip()} {fence}"
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
    inner = shortcode.inner or ""
    fence = _fence_for(inner, 4)
    return _directive(f"{{callposts-details}} {summary}", options, [inner], fence)


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


# -- documents and handlers ----------------------------------------------------------


def find_document(env: BuildEnvironment, docname: str, path: str) -> str | None:
    """A ``project:`` link target for a Hugo ``ref`` path, or ``None``.

    As Hugo does, a path is tried relative to the page, then from the root; and since
    the Hugo content folder may sit anywhere in the Sphinx project, a path that
    matches the end of exactly one document is found too.
    """
    path, _sep, anchor = path.partition("#")
    clean = path.strip().removesuffix("/")
    stem = re.sub(r"\.(md|markdown|rst|html)$", "", clean)
    folder = posixpath.dirname(docname)
    bases = [stem.lstrip("/")] if stem.startswith("/") else [posixpath.join(folder, stem), stem]
    candidates = [
        name
        for base in bases
        for name in (
            posixpath.normpath(base),
            posixpath.normpath(base) + "/index",
            posixpath.normpath(base) + "/_index",
        )
    ]
    found = next((name for name in candidates if name in env.found_docs), None)
    if found is None and stem.strip("/"):
        tail = "/" + stem.strip("/")
        matches = [
            name
            for name in sorted(env.found_docs)
            if f"/{name}".endswith(tail) or f"/{name}".endswith(tail + "/index")
        ]
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        return None
    relative = Path(env.doc2path(found)).relative_to(Path(env.srcdir)).as_posix()
    return f"project:/{relative}" + (f"#{anchor}" if anchor else "")


_loaded: dict[tuple[tuple[str, str], ...], dict[str, Handler]] = {}


def load_handlers(spec: Mapping[str, str]) -> dict[str, Handler]:
    """Import the project's handlers (``{"name": "module:function"}``), once.

    One that cannot be imported gives a warning, and its shortcode stays unknown.
    """
    key = tuple(sorted((str(k), str(v)) for k, v in spec.items()))
    if key in _loaded:
        return _loaded[key]
    handlers = {}
    for name, target in key:
        module, _sep, attribute = target.partition(":")
        try:
            handler = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError, ValueError) as exc:
            warn(
                f"callposts_shortcode_handlers: cannot import {target!r} for {name!r}: {exc}",
                None,
                "config",
            )
            continue
        if callable(handler):
            handlers[name] = handler
        else:
            warn(f"callposts_shortcode_handlers: {target!r} is not a function", None, "config")
    _loaded[key] = handlers
    return handlers


def page_params(app: Sphinx, text: str) -> dict[str, Any]:
    """The page's front matter for ``param``: the post's, or the block still in the text."""
    post = app.env.temp_data.get(TEMP_POST)
    data = dict(read_front_matter(text).data)
    if post is not None:
        data.update(post.extra)
        data.update(
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
    return data


def rewrite_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: rewrite a Markdown document's shortcodes, front matter skipped."""
    if not app.config.callposts_shortcodes or not is_markdown(app, docname):
        return
    text = source[0]
    if "{{" not in text:
        return
    skip = read_front_matter(text).lines
    lines = text.split("\n")
    body = "\n".join(lines[skip:])
    rewritten = rewrite_shortcodes(
        body, docname, app.config, env=app.env, params=page_params(app, text), first_line=skip + 1
    )
    source[0] = "\n".join([*lines[:skip], rewritten])


def check_handlers(app: Sphinx, config: Config) -> None:
    """Import the handlers at ``config-inited``, so a bad entry is reported once per build."""
    _loaded.clear()
    load_handlers(config.callposts_shortcode_handlers)


# -- the collapsible block that ``details`` becomes ------------------------------------


class details_block(nodes.container):  # noqa: N801
    """A collapsible block: ``<details>`` in HTML, a plain container elsewhere."""


class details_summary(nodes.paragraph):  # noqa: N801
    """The always-visible line of a :class:`details_block`."""


class DetailsDirective(SphinxDirective):
    """``{callposts-details} Summary`` with ``:open:`` and ``:class:``: Hugo's ``details``."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {"open": directives.flag, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        """The block, its summary as plain text, its content parsed as Markdown."""
        summary_text = self.arguments[0] if self.arguments else _("Details")
        node = details_block(classes=["callposts-details", *self.options.get("class", [])])
        node["open"] = "open" in self.options
        node += details_summary("", "", nodes.strong(summary_text, summary_text))
        self.set_source_info(node)
        node += self.parse_content_to_nodes(allow_section_headings=False)
        return [node]


def visit_details_html(self: HTML5Translator, node: details_block) -> None:
    """``<details>``; classes and ``open`` only."""
    self.body.append(self.starttag(node, "details", **({"open": "open"} if node["open"] else {})))


def depart_details_html(self: HTML5Translator, node: details_block) -> None:
    """Close ``<details>``."""
    self.body.append("</details>\n")


def visit_summary_html(self: HTML5Translator, node: details_summary) -> None:
    """``<summary>``."""
    self.body.append("<summary>")


def depart_summary_html(self: HTML5Translator, node: details_summary) -> None:
    """Close ``<summary>``."""
    self.body.append("</summary>\n")


def setup_shortcodes(app: Sphinx) -> None:
    """Register the ``source-read`` rewriter and the ``callposts-details`` directive."""
    app.connect("config-inited", check_handlers)
    app.connect("source-read", rewrite_source)
    app.add_directive("callposts-details", DetailsDirective)
    app.add_node(details_block, html=(visit_details_html, depart_details_html))
    app.add_node(details_summary, html=(visit_summary_html, depart_summary_html))
