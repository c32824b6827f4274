"""Read Hugo front matter (YAML, TOML or JSON) from the raw text of a page.

Pure Python, no Sphinx: the extension and the ``check`` command share it.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from .text import is_printable, printable

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

#: Expanded size (nodes, aliases counted at every use) above which YAML is refused.
MAX_YAML_NODES = 10_000
#: Nesting of lists and mappings above which front matter is refused: measured without
#: recursion before anything recursive runs, so the limit does not depend on the stack.
MAX_DEPTH = 100

_FENCES = {"---": "yaml", "+++": "toml"}
_TOML_LINE = re.compile(r"at line (\d+)")
_TOML_TABLE = re.compile(r"^\[")
_TOP_KEY = re.compile(r"""^\s{0,2}["']?([A-Za-z_][\w.-]*)["']?\s*[:=]""")
# what may hold a bracket that opens nothing: strings (and comments, in TOML). A string
# left open runs to the end (of its line, for TOML's one-line strings): were it no token,
# every quote inside it would start another scan to the end, quadratic in its length
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)
_TOML_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?(?:"""|\\?\Z)|\'\'\'.*?(?:\'\'\'|\Z)'
    r'|"(?:[^"\\\n]|\\.)*(?:"|\\?$)|\'[^\'\n]*\'?|#[^\n]*|[\[\]{}]',
    re.DOTALL | re.MULTILINE,
)
_TOO_DEEP = f"front matter nested more than {MAX_DEPTH} levels deep; refused"


# libyaml's loader is an order of magnitude faster, where PyYAML was built with it
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, keeping an impossible date as text for the post to report."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader.construct_yaml_timestamp)


@dataclass
class FrontMatter:
    """The front matter block at the start of a page.

    :param data: the parsed mapping, keys as written (empty when absent or broken)
    :param format: ``"yaml"``, ``"toml"``, ``"json"``, or ``""`` when there is none
    :param lines: how many lines of the file the block spans, fences included
    :param errors: ``(line, message)`` pairs, lines counted from 1 in the file
    :param key_lines: the line of each top-level key, lowercased, for located warnings
    :param notes: ``(line, message)`` pairs about a block that was read all the same
    """

    data: dict[str, Any] = field(default_factory=dict)
    format: str = ""
    lines: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    key_lines: dict[str, int] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, *keys: str) -> int:
        """The line of the first of ``keys`` the block gives, or of its start when none."""
        return first_key_line(self.key_lines, (key.lower() for key in keys))


def first_key_line(key_lines: Mapping[str, int], keys: Iterable[str]) -> int:
    """The line of the first of ``keys`` (lowercase) found in ``key_lines``, else 1.

    ``keys`` in order of precedence, so the line is that of the value a reader takes.
    """
    return next((key_lines[key] for key in keys if key in key_lines), 1)


def read_front_matter(text: str) -> FrontMatter:
    """Split off and parse the front matter at the start of ``text``.

    A block that does not parse gives an error and empty data; it still
    counts as front matter, so that it never reaches the page as text. As in
    Hugo, a byte order mark and blank lines may stand before the block: its
    ``lines`` then count them too, and its lines stay those of the file.
    """
    text = text.removeprefix("\ufeff")
    rest = text.lstrip(" \t\r\n")
    skipped = text.count("\n", 0, len(text) - len(rest)) if rest else 0
    rest = text.split("\n", skipped)[-1] if skipped else text
    first = rest.split("\n", 1)[0].strip()
    if first in _FENCES:
        front = _read_fenced(rest, first, _FENCES[first])
    elif rest.startswith("{"):
        front = _read_json(rest)
    else:
        return FrontMatter()
    return _moved_down(front, skipped) if skipped else front


def _moved_down(front: FrontMatter, skipped: int) -> FrontMatter:
    """The same block, found ``skipped`` lines further down the file."""
    front.lines += skipped
    front.errors = [(line + skipped, message) for line, message in front.errors]
    front.key_lines = {key: line + skipped for key, line in front.key_lines.items()}
    return front


def _read_fenced(text: str, fence: str, fmt: str) -> FrontMatter:
    lines = text.split("\n")
    closers = (fence, "...") if fmt == "yaml" else (fence,)
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in closers), 0)
    if not end:  # the block runs to the end: none of it reaches the page as text
        return FrontMatter(
            format=fmt,
            lines=len(lines),
            errors=[(1, f"front matter opened with {fence!r} is never closed")],
        )
    block = "\n".join(lines[1:end])
    result = FrontMatter(format=fmt, lines=end + 1, key_lines=_key_lines(lines[:end]))
    if fmt == "yaml":
        data, error = _load_yaml(block)
    else:
        data, error = _load_toml(block)
    if error:
        result.errors.append(error)
    elif data is None:
        pass
    elif isinstance(data, dict):
        _accept(result, data)
    else:
        result.errors.append((2, "front matter must be a mapping of keys to values"))
    return result


def _accept(result: FrontMatter, data: dict[str, Any]) -> None:
    """Keep parsed data that is not too deep, its unprintable characters replaced."""
    if _depth(data) > MAX_DEPTH:
        result.errors.append((2 if result.format != "json" else 1, _TOO_DEEP))
        return
    result.data = {}
    for key, value in data.items():
        clean_key, clean_value = _printable(key), _printable(value)
        # "is not" first: NaN, unchanged, is unequal to itself
        if clean_key is not key or (clean_value is not value and clean_value != value):
            result.notes.append(
                (
                    result.line_of(str(key)),
                    (
                        f"{clean_key!r} holds control characters or lone surrogates, "
                        "which no page can show; each is replaced by U+FFFD"
                    ),
                )
            )
        result.data[clean_key] = clean_value


def _depth(data: Any) -> int:
    """How deep lists and mappings nest in ``data``, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def _printable(value: Any) -> Any:
    """``value`` with every string in it made printable (its depth is already bounded)."""
    if isinstance(value, str):
        return value if is_printable(value) else printable(value)
    if isinstance(value, list):
        return [_printable(item) for item in value]
    if isinstance(value, dict):
        return {_printable(key): _printable(item) for key, item in value.items()}
    return value


def _scan_brackets(text: str, tokens: re.Pattern[str], *, one_value: bool) -> tuple[int, int]:
    """``(depth, end)``: how deep brackets nest, and where the first value closes (or 0)."""
    depth = deepest = 0
    for match in tokens.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH and not one_value:
                break
        elif token in "]}":
            depth = max(depth - 1, 0)
            if one_value and not depth:
                return deepest, match.end()
    return deepest, 0


def _load_yaml(block: str) -> tuple[Any, tuple[int, str] | None]:
    try:
        # the composer and the constructor recurse: measure the nesting from events first
        if _event_depth(block) > MAX_DEPTH:
            return None, (2, _TOO_DEEP)
        node = yaml.compose(block, Loader=_SafeLoader)
        if node is None:
            return None, None
        size, depth = _measure(node)
        if size > MAX_YAML_NODES:
            return None, (2, _too_many_values(block))
        if depth > MAX_DEPTH:
            return None, (2, _TOO_DEEP)
        loader = _SafeLoader(block)
        try:
            return loader.construct_document(node), None
        finally:
            loader.dispose()
    except ValueError:  # an integer too long to convert
        return None, (2, _number_too_long("YAML"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        # libyaml places "never closed" at the end of the block: where it opened says more
        if exc.context_mark and (not mark or mark.line > block.count("\n")):
            mark = exc.context_mark
        line = mark.line + 2 if mark else 2
        why = " ".join(str(exc.problem or exc).split())  # one line, as every warning
        return None, (line, f"invalid YAML front matter: {why}")
    except yaml.YAMLError as exc:
        return None, (2, f"invalid YAML front matter: {' '.join(str(exc).split())}")


def _too_many_values(block: str) -> str:
    """Why front matter of more than :data:`MAX_YAML_NODES` values is refused."""
    # a plain list of many aliases (Hugo's key) is not a graph of YAML aliases (*name)
    if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(block, Loader=_SafeLoader)):
        return (
            "front matter YAML expands, through its aliases (*name), to too many values "
            f"(more than {MAX_YAML_NODES:,}); refused"
        )
    return f"front matter YAML holds too many values (more than {MAX_YAML_NODES:,}); refused"


def _event_depth(block: str) -> int:
    """How deep collections nest in a YAML text, from the parser's flat stream of events."""
    depth = deepest = 0
    for event in yaml.parse(block, Loader=_SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return []


def _measure(root: yaml.Node) -> tuple[int, int]:
    """The size and depth of a YAML graph as if every alias were copied out.

    Memoised per node and walked with a stack of its own, so a billion-laughs document
    is measured in linear time, and aliases of aliases in no more stack than a flat one.
    A graph that holds itself is refused as too big.
    """
    measured: dict[int, tuple[int, int]] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            on_path.discard(id(node))
            parts = [measured[id(child)] for child in _children(node)]
            size = min(1 + sum(size for size, _depth in parts), MAX_YAML_NODES + 1)
            measured[id(node)] = (size, 1 + max((depth for _size, depth in parts), default=0))
        elif id(node) in on_path:
            return MAX_YAML_NODES + 1, MAX_DEPTH + 1
        elif id(node) not in measured:
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return measured[id(root)]


def _load_toml(block: str) -> tuple[Any, tuple[int, str] | None]:
    if _scan_brackets(block, _TOML_TOKENS, one_value=False)[0] > MAX_DEPTH:
        return None, (2, _TOO_DEEP)
    try:
        return tomllib.loads(block), None
    except ValueError as exc:
        if not isinstance(exc, tomllib.TOMLDecodeError):  # an integer too long to convert
            return None, (2, _number_too_long("TOML"))
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) + 1 if match else 2
        return None, (line, f"invalid TOML front matter: {exc}")


def _read_json(text: str) -> FrontMatter:
    error: tuple[int, str] | None = None
    depth, end = _scan_brackets(text, _JSON_TOKENS, one_value=True)
    if depth > MAX_DEPTH:
        error = (1, _TOO_DEEP)
    else:
        try:
            data, end = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError as exc:
            error = (exc.lineno, f"invalid JSON front matter: {exc.msg}")
        except ValueError:  # an integer too long to convert
            error = (1, _number_too_long("JSON"))
    if error:
        # without a parsed end, the block runs to where its brackets close, or
        # else to the first line holding only "}"
        match = None if end else re.search(r"^}\s*$", text, re.MULTILINE)
        end = match.end() if match else end
        lines = text.count("\n", 0, end) + 1 if end else 0
        return FrontMatter(format="json", lines=lines, errors=[error])
    lines = text.count("\n", 0, end) + 1
    result = FrontMatter(
        format="json", lines=lines, key_lines=_key_lines(text.split("\n", lines)[:lines])
    )
    _accept(result, data)
    return result


def _number_too_long(fmt: str) -> str:
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    return f"invalid {fmt} front matter: a number has more than {limit} digits"


def _key_lines(lines: list[str]) -> dict[str, int]:
    """The line of each top-level key: the keys as indented as the first one.

    A nested key (``params:`` then ``  date:``) is not the top-level ``date``, nor is a
    key of a TOML table (after ``[params]``).
    """
    found: dict[str, int] = {}
    top: int | None = None
    for number, line in enumerate(lines, start=1):
        if _TOML_TABLE.match(line):
            break
        match = _TOP_KEY.match(line)
        if not match:
            continue
        indent = len(line) - len(line.lstrip())
        top = indent if top is None else top
        if indent == top:
            # interned: the build keeps every post's key lines, and the keys repeat
            found.setdefault(sys.intern(match.group(1).lower()), number)
    return found
