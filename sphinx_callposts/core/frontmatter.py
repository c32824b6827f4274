"""Read Hugo front matter (YAML, TOML or JSON) from the raw text of a page.

Pure Python, no Sphinx: the extension and the ``check`` command share it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

#: Expanded size (nodes, aliases counted at every use) above which YAML is refused.
MAX_YAML_NODES = 10_000

_FENCES = {"---": "yaml", "+++": "toml"}
_TOML_LINE = re.compile(r"at line (\d+)")
_TOP_KEY = re.compile(r"""^\s{0,2}["']?([A-Za-z_][\w.-]*)["']?\s*[:=]""")


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
    """

    data: dict[str, Any] = field(default_factory=dict)
    format: str = ""
    lines: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """The line of a top-level key, or of the block's start when unknown."""
        return self.key_lines.get(key.lower(), 1)


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
        result.data = data
    else:
        result.errors.append((2, "front matter must be a mapping of keys to values"))
    return result


def _load_yaml(block: str) -> tuple[Any, tuple[int, str] | None]:
    try:
        node = yaml.compose(block, Loader=_SafeLoader)
        if node is None:
            return None, None
        if _expanded_size(node, {}) > MAX_YAML_NODES:
            return None, (2, "front matter YAML expands to too many values (aliases); refused")
        loader = _SafeLoader(block)
        try:
            return loader.construct_document(node), None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        # libyaml places "never closed" at the end of the block: where it opened says more
        if exc.context_mark and (not mark or mark.line > block.count("\n")):
            mark = exc.context_mark
        line = mark.line + 2 if mark else 2
        return None, (line, f"invalid YAML front matter: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        return None, (2, f"invalid YAML front matter: {exc}")


def _expanded_size(node: yaml.Node, seen: dict[int, int]) -> int:
    """Count the values of a YAML graph as if every alias were copied out.

    Memoised per node, so a billion-laughs document is measured in linear time.
    """
    if id(node) in seen:
        return seen[id(node)]
    seen[id(node)] = MAX_YAML_NODES + 1  # a cycle is refused too
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, seen) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, seen) + _expanded_size(v, seen) for k, v in node.value)
    seen[id(node)] = size = min(size, MAX_YAML_NODES + 1)
    return size


def _load_toml(block: str) -> tuple[Any, tuple[int, str] | None]:
    try:
        return tomllib.loads(block), None
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) + 1 if match else 2
        return None, (line, f"invalid TOML front matter: {exc}")


def _read_json(text: str) -> FrontMatter:
    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:
        # without a parsed end, the block runs to the first line holding only "}"
        match = re.search(r"^}\s*$", text, re.MULTILINE)
        lines = text.count("\n", 0, match.end()) + 1 if match else 0
        return FrontMatter(
            format="json",
            lines=lines,
            errors=[(exc.lineno, f"invalid JSON front matter: {exc.msg}")],
        )
    lines = text.count("\n", 0, end) + 1
    return FrontMatter(
        data=data, format="json", lines=lines, key_lines=_key_lines(text.split("\n", lines)[:lines])
    )


def _key_lines(lines: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        match = _TOP_KEY.match(line)
        if match:
            found.setdefault(match.group(1).lower(), number)
    return found
