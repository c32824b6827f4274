"""A Sphinx project as the check command sees it: ``conf.py`` values and Markdown documents.

``conf.py`` is run as Sphinx runs it (Python, from its own folder, with ``tags``), and
the documents are found as Sphinx finds them (source suffixes, ``exclude_patterns``),
without importing Sphinx.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bundles import classify, glob_matcher

if TYPE_CHECKING:
    from collections.abc import Callable

CONF_FILE = "conf.py"
#: the paths Sphinx never reads as documents (``sphinx.project.EXCLUDE_PATHS``)
SPHINX_EXCLUDED = ("**/_sources", ".#*", "**/.#*", "*.lproj/**")


class ConfError(Exception):
    """A ``conf.py`` that cannot be run."""


class Tags(set[str]):
    """The ``tags`` that Sphinx hands ``conf.py``: none set, as in a plain build."""

    def has(self, tag: str) -> bool:
        return tag in self

    def add(self, tag: str) -> None:
        super().add(tag)

    def remove(self, tag: str) -> None:
        self.discard(tag)


def find_confdir(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` that holds a ``conf.py``."""
    path = path.resolve()
    for folder in [path, *path.parents] if path.is_dir() else path.parents:
        if (folder / CONF_FILE).is_file():
            return folder
    return None


def run_conf(confdir: Path) -> dict[str, Any]:
    """The names that ``conf.py`` defines, run from its folder as Sphinx runs it.

    :raises ConfError: when it cannot be read or raises
    """
    filename = confdir / CONF_FILE
    namespace: dict[str, Any] = {"__file__": str(filename), "tags": Tags()}
    try:
        code = compile(filename.read_bytes(), str(filename), "exec")
        cwd = Path.cwd()
        os.chdir(confdir)
        try:
            exec(code, namespace)  # noqa: S102 - conf.py is Python, as Sphinx runs it
        finally:
            os.chdir(cwd)
    except SystemExit as exc:
        raise ConfError(f"{filename}: exits ({exc.code})") from None
    except Exception as exc:  # noqa: BLE001 - whatever conf.py raises is reported
        raise ConfError(f"{filename}: {type(exc).__name__}: {exc}") from None
    return namespace


@dataclass
class Project:
    """A Sphinx project: its source folder and the ``conf.py`` values check needs."""

    srcdir: Path
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, confdir: Path) -> Project:
        """The project whose ``conf.py`` sits in ``confdir``."""
        return cls(confdir.resolve(), run_conf(confdir))

    def get(self, name: str, default: Any) -> Any:
        return self.values.get(name, default)

    @property
    def patterns(self) -> list[str]:
        pattern = self.get("callposts_pattern", [])
        return [pattern] if isinstance(pattern, str) else list(pattern)

    @property
    def markdown_suffixes(self) -> tuple[str, ...]:
        """The suffixes MyST parses: ``.md``, and any ``source_suffix`` mapped to markdown."""
        suffixes = self.get("source_suffix", {})
        mapped = (
            [s for s, kind in suffixes.items() if kind == "markdown"]
            if isinstance(suffixes, dict)
            else []
        )
        return tuple(dict.fromkeys([".md", *mapped]))

    @property
    def excluded(self) -> Callable[[str], bool]:
        """Paths that are no documents, as in Sphinx: ``exclude_patterns``, the templates and
        the HTML assets' folders, and Sphinx's own (``_sources``, editors' lock files).

        Hidden files are documents to Sphinx, and so here.
        """
        folders = [
            str(path).rstrip("/")
            for name in ("templates_path", "html_static_path", "html_extra_path")
            for path in self.get(name, [])
        ]
        return glob_matcher([*SPHINX_EXCLUDED, *self.get("exclude_patterns", []), *folders])

    def docname(self, path: Path) -> str | None:
        """The docname of a Markdown file of the project, or ``None`` for any other file."""
        try:
            relative = path.resolve().relative_to(self.srcdir).as_posix()
        except ValueError:
            return None
        suffix = next((s for s in self.markdown_suffixes if relative.endswith(s)), None)
        parts = relative.split("/")
        excluded = self.excluded
        if suffix is None or any(excluded("/".join(parts[: i + 1])) for i in range(len(parts))):
            return None  # a folder excluded excludes what it holds
        return relative.removesuffix(suffix)

    def page_kinds(self) -> dict[str, str]:
        """Each post and section page of the project, by docname: ``POST`` or ``SECTION``."""
        excluded = self.excluded
        suffixes = self.markdown_suffixes
        docnames = []
        for folder, dirs, files in os.walk(self.srcdir):
            base = Path(folder).relative_to(self.srcdir).as_posix().removeprefix(".").lstrip("/")
            dirs[:] = [d for d in dirs if not excluded(f"{base}/{d}".lstrip("/"))]
            for name in files:
                relative = f"{base}/{name}".lstrip("/")
                suffix = next((s for s in suffixes if name.endswith(s)), None)
                if suffix and not excluded(relative):
                    docnames.append(relative.removesuffix(suffix))
        return classify(docnames, self.patterns)
