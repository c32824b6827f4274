"""The shortcode scanner: Hugo shortcodes in a Markdown text rewritten to MyST.

The text is read line by line outside code blocks and inline code, and each shortcode
is replaced by the MyST that does the same thing. A replacement that needs more lines
than the shortcode (a directive with options) pays them back from blank lines next to
it, so every line below keeps its number.

No Sphinx here: every problem goes to ``context.warn``, so the extension (as located
warnings) and the ``check`` command (as a list) run the same code.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..bundles import bundle_resource
from ..post import normalise_keys
from .docsy import RAW_INNER, mermaid_fence
from .github_alerts import alert_at, render_alert
from .grammar import (
    MAX_DEPTH,
    OPENER,
    LineCounter,
    Pairs,
    Tag,
    as_code,
    find_tags,
    parse_tag,
    too_deep,
    unescape,
    whole_tag,
)
from .handlers import render
from .inline import open_tag_pending, rewrite_inline
from .model import Context, Shortcode
from .refs import old_site_path, ref_document

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping
    from pathlib import Path

    from .model import Handler

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
#: a role that makes a block even inside a paragraph (it splits the paragraph)
_BLOCK_ROLE = re.compile(r"\s*\{youtube-embed\}`")
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
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
_MAX_TAG_LINES = 30
#: shortcodes whose inner text is code or hidden: it is not rewritten
_RAW_INNER = {"highlight", "comment", *RAW_INNER}
#: the HTML blocks (CommonMark's kinds 6 and 7) that only a blank line ends
_HTML_BLOCK = re.compile(
    r"^ {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col"
    r"|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame"
    r"|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav"
    r"|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th"
    r"|thead|title|tr|track|ul)(?:[\s/>]|$)",
    re.IGNORECASE,
)
_HTML_TAG_LINE = re.compile(
    r"""^ {0,3}(?:<[A-Za-z][\w-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*"""
    r"""\s*/?>|</[A-Za-z][\w-]*\s*>)\s*$"""
)


def rewrite(text: str, context: Context, first_line: int = 1) -> str:
    """Rewrite the Hugo shortcodes of a Markdown body to MyST, keeping its line count.

    :param text: Markdown without front matter
    :param context: the page, and where the warnings go
    :param first_line: the file line of the text's first line
    """
    return "\n".join(_Rewriter(text.split("\n"), first_line, context).run())


def shortcode_problems(
    text: str,
    *,
    handlers: Mapping[str, Handler] | None = None,
    params: Mapping[str, Any] | None = None,
    first_line: int = 1,
    docname: str = "",
    docnames: Collection[str] | None = None,
    old_site: bool = False,
    hugo_paths: Mapping[str, str] | None = None,
    page: Path | None = None,
) -> list[tuple[int, str]]:
    """``(line, message)`` for each warning the extension would give on a Markdown body.

    :param text: Markdown without front matter
    :param handlers: the project's handlers, by shortcode name
    :param params: the page's parameters, for ``param``
    :param first_line: the file line of the text's first line
    :param docname: the page, from which ``ref`` paths are found
    :param docnames: the project's documents, for ``ref``; ``None``: every target is
        taken as found, where there is no project to look them up in
    :param old_site: ``callposts_site_url`` is set: a ``ref`` that no document answers
        goes to the old site
    :param hugo_paths: ``callposts_hugo_paths``, where ``ref`` paths from the content
        root were in Hugo
    :param page: the page's file, whose bundle ``imgproc`` and the like look in
    """
    problems: list[tuple[int, str]] = []

    def find_doc(path: str) -> str | None:
        if docnames is None:
            return path
        found = ref_document(docname, path, docnames, hugo_paths)
        return found or (old_site_path(path) or None if old_site else None)

    def find_resource(name: str) -> str | None:
        found = bundle_resource(page, name) if page else None
        return found.as_posix() if found else None

    context = Context(
        docname=docname,
        warn=lambda message, line: problems.append((line, message)),
        handlers=handlers or {},
        params=normalise_keys(params or {}),
        find_doc=find_doc,
        find_resource=find_resource,
    )
    rewrite(text, context, first_line)
    return problems


class _Output:
    """The lines written so far, and what their last run of non-blank lines is.

    The rewriter asks after every line whether the output ends in an HTML block; the
    run's first line and whether it holds an HTML block's start are kept line by line,
    so the answer does not walk back over the run.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        #: for each line: the index of the first line of its run (``-1``: a blank line)
        self._run_start: list[int] = []
        #: for each line: whether its run, up to it, holds a line that opens an HTML block
        self._run_block: list[bool] = []

    def append(self, line: str) -> None:
        blank = not line.strip()
        continues = bool(self._run_start) and self._run_start[-1] >= 0
        if blank:
            self._run_start.append(-1)
            self._run_block.append(False)
        else:
            self._run_start.append(self._run_start[-1] if continues else len(self.lines))
            opens = bool(_HTML_BLOCK.match(line))
            self._run_block.append(opens or (continues and self._run_block[-1]))
        self.lines.append(line)

    def extend(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.append(line)

    def pop(self) -> str:
        self._run_start.pop()
        self._run_block.pop()
        return self.lines.pop()

    def __bool__(self) -> bool:
        return bool(self.lines)

    def __getitem__(self, index: int) -> str:
        return self.lines[index]

    def run_start(self, end: int) -> int:
        """The first line of the run of non-blank lines that ends the first ``end`` lines, or -1."""
        return self._run_start[end - 1] if end > 0 else -1

    def in_open_html(self) -> bool:
        """Whether the output ends inside an HTML block, which MyST would copy as it is."""
        start = self.run_start(len(self.lines))
        if start < 0:
            return False
        return bool(_HTML_TAG_LINE.match(self.lines[start])) or self._run_block[-1]

    def in_html_block(self, end: int) -> bool:
        """Whether the first ``end`` lines end in an HTML block, which only a blank line ends."""
        start = self.run_start(end)
        return start >= 0 and self.lines[start].lstrip().startswith("<")


class _Rewriter:
    """Line by line over a Markdown text, outside code, shortcodes replaced."""

    def __init__(
        self,
        lines: list[str],
        first_line: int,
        context: Context,
        parent: Shortcode | None = None,
        depth: int = 0,
    ) -> None:
        self.lines = lines
        self.first_line = first_line
        self.context = context
        #: the paired shortcode whose inner text this is
        self.parent = parent
        #: how many rewriters this one is inside: pairs and alerts nest at most MAX_DEPTH deep
        self.depth = depth
        self.out = _Output()
        #: lines written beyond those read, to take back from blank lines
        self.debt = 0
        #: the last output was a fenced block: a blank line after it may go
        self.after_fence = False
        #: open fences: (marker, is code)
        self.fences: list[tuple[str, bool]] = []
        self._line_pairs: Pairs | None = None

    def run(self) -> list[str]:
        """The rewritten lines."""
        index = 0
        while index < len(self.lines):
            index = self._step(index)
        return self.out.lines

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
        if "[!" in line and self.depth < MAX_DEPTH:
            alert = alert_at(self.lines, index)
            if alert:
                return self._alert(index, *alert)
        if not OPENER.search(line):
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
                self.out.append(unescape(line))
                return True
        if match and (match["fence"][0] != ":" or match["info"].strip().startswith("{")):
            info = match["info"].strip()
            name = info[1 : info.find("}")] if info.startswith("{") else ""
            is_code = not info.startswith("{") or name in _CODE_DIRECTIVES
            self.fences.append((match["fence"], is_code))
            if info.lower() == "mermaid":
                line = line[: match.start("info")] + mermaid_fence(self.context.features)
            self.out.append(line)
            return True
        return False

    def _shortcode_line(self, index: int) -> int:
        """Rewrite the shortcodes of one line (joined with the next ones while a tag is open)."""
        end = index
        text = self.lines[index]
        while open_tag_pending(text) and end + 1 < len(self.lines) and end - index < _MAX_TAG_LINES:
            following = self.lines[end + 1]
            if not following.strip() or _FENCE.match(following):
                break
            end += 1
            text += "\n" + following
        line = self.first_line + index
        tags = find_tags(text)
        match = tags[0] if tags else None
        if match and not match["escape"] and not match["closing"]:
            found = Pairs(tags).closing(match, 1)
            closing = tags[found] if found is not None and self._may_pair(line) else None
            if closing and text.strip() == text[match.start() : closing.end()]:
                # a pair on one line, alone: a block as if its tags stood on their own lines
                inner = text[match.end() : closing.start()]
                result, _shortcode = self._render_pair(match, inner, line)
                if result is not None:
                    return self._emit_block(result, index, end)
        if (
            match
            and not match["escape"]
            and not match["closing"]
            and text.strip() == match.group(0)
        ):
            paired = self._paired(match, index, end)
            if paired is not None:
                return self._block(match, index, *paired)
            shortcode = parse_tag(match, self.context, line, block=True, parent=self.parent)
            shortcode.alone = self._blank(index - 1) and self._blank(end + 1)
            result = render(shortcode, self.context)
            if result is not None:
                return self._emit_block(result, index, end)
            indent = text[: len(text) - len(text.lstrip())]
            self._emit_inline(indent + as_code(text), index, end)
            return end + 1
        if self.out.in_open_html() or _HTML_BLOCK.match(text):
            self._emit_inline(self._split_html(text, line), index, end)
            return end + 1
        self._emit_inline(rewrite_inline(text, line, self), index, end)
        return end + 1

    def _alert(self, index: int, kind: str, title: str, last: int, content: str) -> int:
        """A GitHub alert, its lines ``index`` to ``last``, as an admonition."""
        line = self.first_line + index
        inner = "\n".join(self._child(content.split("\n"), line + 1).run())
        return self._emit_block(render_alert(kind, title, inner, line), index, last)

    def _split_html(self, text: str, line: int) -> str:
        """An HTML block's line with shortcodes: each one a block of its own between blank lines.

        MyST copies an HTML block as it is, up to the next blank line, so a shortcode's
        Markdown in it would show as text; Hugo renders it. The HTML around it stays
        HTML, in blocks of its own (``<center>``, the figure, ``</center>``).
        """
        segments: list[list[str]] = []  # HTML and blocks, in turn
        html: list[str] = []
        in_attribute = False  # the HTML so far ends inside a tag: "<a href="
        position = 0
        tags = find_tags(text)
        pairs = Pairs(tags)
        lines_before = LineCounter(text)
        for index, match in enumerate(tags):
            if match.start() < position:
                continue  # inside a pair already written
            html.append(text[position : match.start()])
            in_attribute = _ends_in_tag(html[-1], in_attribute)
            if match["escape"] or match["closing"] or in_attribute:
                html.append(match.group(0))  # escaped, stray, or in an attribute: left as text
                in_attribute = _ends_in_tag(html[-1], in_attribute)
                position = match.end()
                continue
            found = pairs.closing(match, index + 1)
            closing = None if found is None else tags[found]
            tag_lines = match.group(0).split("\n")
            if closing:
                inner = text[match.end() : closing.start()].strip("\n")
                tag_lines += [*inner.split("\n"), closing.group(0)]
            tag_line = line + lines_before(match.start())
            segments.append([rewrite_inline("".join(html), line, self).strip()])
            segments.append(self._child(tag_lines, tag_line, self.parent).run())
            html, in_attribute = [], False
            position = closing.end() if closing else match.end()
        segments.append([rewrite_inline("".join(html) + text[position:], line, self).strip()])
        kept = [segment for segment in segments if "".join(segment).strip()]
        lines = [""] if kept and not kept[0][0].startswith("<") and self.out.in_open_html() else []
        for number, segment in enumerate(kept):
            after_fence = bool(lines) and bool(_FENCE.match(lines[-1]))
            lines += [""] * (bool(number) and not after_fence) + segment
        return "\n".join(lines)

    def _removable(self, index: int) -> bool:
        """Whether the blank line ``index`` can go without changing what MyST reads.

        It can after another blank line, a fence or an ATX heading, and before a fence,
        an ATX heading or an HTML block that only a blank line ends (all three interrupt
        a paragraph); after an HTML block, only before another one.
        """
        previous = self.out[-1] if self.out else ""
        following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
        if index == len(self.lines) - 1:
            return False  # the text's final newline
        if self.out.in_html_block(len(self.out.lines)):
            # it ends an HTML block: it may go only when HTML follows, joining the two
            return bool(_HTML_BLOCK.match(following) or _HTML_TAG_LINE.match(following))
        return (
            self.after_fence
            or not previous.strip()
            or bool(_FENCE.match(previous) or _ATX_HEADING.match(previous))
            or bool(_FENCE.match(following) or _ATX_HEADING.match(following))
            or bool(_HTML_BLOCK.match(following))
        )

    def _blank(self, index: int) -> bool:
        """Whether line ``index`` is blank, a fence (a block's edge) or outside the text."""
        if not 0 <= index < len(self.lines):
            return True
        return not self.lines[index].strip() or bool(_FENCE.match(self.lines[index]))

    def _child(
        self, lines: list[str], first_line: int, parent: Shortcode | None = None
    ) -> _Rewriter:
        """A rewriter for lines inside this text's (a pair's inner text, an alert's)."""
        return _Rewriter(lines, first_line, self.context, parent, self.depth + 1)

    def _may_pair(self, line: int) -> bool:
        """Whether a pair may open here; where pairs nest too deep, a warning says it may not."""
        if self.depth < MAX_DEPTH:
            return True
        self.context.warn(too_deep(), line)
        return False

    def _paired(self, match: Tag, index: int, end: int) -> tuple[int, str] | None:
        """For an opening tag alone on its line: the line of its closing tag and the inner text."""
        if self._line_pairs is None:
            # every line that is one tag, found once for all the questions of this text
            self._line_pairs = Pairs([whole_tag(line.strip()) for line in self.lines])
        close = self._line_pairs.closing(match, end + 1)
        if close is None or not self._may_pair(self.first_line + index):
            return None
        return close, "\n".join(self.lines[end + 1 : close])

    def _block(self, match: Tag, index: int, close: int, inner: str) -> int:
        """A paired shortcode whose tags stand on their own lines."""
        line = self.first_line + index
        result, shortcode = self._render_pair(match, inner, line)
        if result is None:
            self.out.append(as_code(match.group(0)))
            if close > index + 1:
                # rewritten once: again at each level, nested pairs would cost 2 ** depth
                rewritten = shortcode.inner if shortcode.name not in _RAW_INNER else None
                if rewritten is None:
                    rewritten = "\n".join(self._child(inner.split("\n"), line + 1).run())
                self.out.extend(rewritten.split("\n"))
            self.out.append(as_code(self.lines[close].strip()))
            return close + 1
        return self._emit_block(result, index, close)

    def _render_pair(self, match: Tag, inner: str, line: int) -> tuple[str | None, Shortcode]:
        """The MyST of a paired shortcode standing as a block, or ``None`` (with a warning)."""
        shortcode = parse_tag(match, self.context, line, block=True, parent=self.parent)
        shortcode.raw = inner
        if shortcode.name in _RAW_INNER:
            shortcode.inner = inner
        else:
            rewriter = self._child(inner.split("\n"), line + 1, shortcode)
            shortcode.inner = "\n".join(rewriter.run())
        return render(shortcode, self.context), shortcode

    def _emit_block(self, result: str, first: int, last: int) -> int:
        """Write a block's lines; borrow lines from blank ones around it, or pad."""
        opening = self.lines[first]
        indent = opening[: len(opening) - len(opening.lstrip())]
        produced = [indent + line if line else line for line in result.split("\n")]
        fenced = bool(_FENCE.match(produced[0]))
        # in an HTML block, MyST would copy any Markdown as text: a blank line ends it
        html = self.out.in_open_html()
        if len(produced) == 1 and _BLOCK_ROLE.match(produced[0]) and not html:
            # the role makes its block wherever it stands: no blank line, no line moves
            self._emit_inline(produced[0], first, last)
            return last + 1
        after_text = self.out and self.out[-1].strip() and not _FENCE.match(self.out[-1])
        if html or (not fenced and after_text):
            produced.insert(0, "")  # a paragraph of its own, not the end of the one above
        following = self.lines[last + 1] if last + 1 < len(self.lines) else ""
        if not fenced and not self._blank(last + 1) and not _HTML_BLOCK.match(following):
            produced.append("")
        self.debt += len(produced) - (last - first + 1)
        while fenced and self.debt > 0 and self.out and not self.out[-1].strip():
            if self.out.in_html_block(len(self.out.lines) - 1):
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


def _ends_in_tag(html: str, before: bool) -> bool:
    """Whether HTML ends inside a tag (``<a href=``), given whether the HTML before it did."""
    opening, closing = html.rfind("<"), html.rfind(">")
    return before if opening == closing else opening > closing
