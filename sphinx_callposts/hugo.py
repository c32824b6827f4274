"""A Hugo site as Hugo reads it: its configuration, its content folders, its static files."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

#: Hugo's configuration files at the site's root, the first found wins
CONFIG_FILES = [
    f"{name}.{suffix}" for name in ("hugo", "config") for suffix in ("toml", "yaml", "yml", "json")
]
#: the taxonomies the build reads: tags and categories, and authors as its people
READ_TAXONOMIES = ("tags", "categories", "authors")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
#: the environment whose ``config/<environment>/`` a plain ``hugo`` build merges
ENVIRONMENT = "production"

# a site-absolute path in Markdown, HTML or front matter: /img/x.png
_ABSOLUTE = re.compile(r"""(?<=[(\s"'=\[])(/[\w@%+~.,/-]+\.[A-Za-z0-9]{2,5})(?=[)\s"'\]?#,]|$)""")


class HugoConfigError(Exception):
    """A configuration file that cannot be read."""


@dataclass(frozen=True)
class HugoSite:
    """What an import needs of a Hugo site's configuration.

    :param config: the whole configuration, keys lowercased as Hugo reads them (those of
        ``permalinks`` too: Hugo matches them to its lower-cased section paths)
    """

    root: Path
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> HugoSite:
        """The site at ``root`` as ``hugo`` builds it: its root configuration file, then
        ``config/_default/``, then ``config/production/``, each over the one before (Hugo's
        ``LoadConfigFromDir``, and ``production``, the environment of a build).

        :raises HugoConfigError: when a file does not parse
        """
        config: dict[str, Any] = {}
        found = next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)
        if found:
            config = lowered(load_config_file(found))
        configdir = root / str(config.get("configdir", "config"))
        for environment in ("_default", ENVIRONMENT):
            folder = configdir / environment
            for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
                if path.suffix in CONFIG_SUFFIXES and path.is_file():
                    merge_over(config, config_dir_item(path))
        return cls(root, config)

    def get(self, *keys: str, default: Any = None) -> Any:
        """A nested value, ``get("markup", "goldmark", "renderer", "unsafe")``."""
        value: Any = self.config
        for key in keys:
            if not isinstance(value, dict) or key.lower() not in value:
                return default
            value = value[key.lower()]
        return value

    @property
    def base_url(self) -> str:
        value = self.get("baseurl", default="")
        return value if isinstance(value, str) and value.startswith(("http://", "https://")) else ""

    @property
    def languages(self) -> list[str]:
        languages = self.get("languages", default={})
        return sorted(languages) if isinstance(languages, dict) else []

    def permalinks(self, section: str) -> dict[str, str]:
        """Hugo's ``permalinks`` for the pages of ``section`` (and its folders below)."""
        permalinks = self.get("permalinks", default={})
        if not isinstance(permalinks, dict):
            return {}
        # Hugo 0.120 and later may key them by kind: {page: {blog: ...}, section: {...}}
        pages = permalinks.get("page", permalinks)
        section = section.strip("/").lower()
        return {
            str(key): str(value)
            for key, value in pages.items()
            if isinstance(value, str) and (key == section or str(key).startswith(f"{section}/"))
        }

    @property
    def taxonomies(self) -> list[str]:
        """The plural names of the taxonomies Hugo made pages for (``tags``, ``topics``).

        Hugo's ``taxonomies``, when set, replace its default ``{tag: tags, category:
        categories}``; ``disableKinds`` with ``term`` leaves out every term's page.
        """
        kinds = self.get("disablekinds", default=[])
        if isinstance(kinds, list) and "term" in {str(kind).lower() for kind in kinds}:
            return []
        taxonomies = self.get("taxonomies", default={"tag": "tags", "category": "categories"})
        return [str(name) for name in taxonomies.values()] if isinstance(taxonomies, dict) else []

    def ugly_urls(self, section: str) -> bool:
        """Whether Hugo served the section's pages at ``.html`` URLs (``uglyURLs``, for all
        sections or by section)."""
        value = self.get("uglyurls", default=False)
        if isinstance(value, dict):
            return value.get(section.strip("/").split("/")[0]) is True
        return value is True

    def content_folder(self, section: str) -> Path | None:
        """The folder of ``section`` in the content folder (or the default language's)."""
        content = self.root / str(self.get("contentdir", default="content"))
        language = str(self.get("defaultcontentlanguage", default="en"))
        for folder in (content / section, content / language / section):
            if folder.is_dir():
                return folder
        return None

    @property
    def default_language(self) -> str:
        """Hugo's ``defaultContentLanguage``: the language of the files without a suffix."""
        return str(self.get("defaultcontentlanguage", default="en")).lower()

    def translated_folders(self, section: str) -> dict[str, Path]:
        """``language -> folder`` of ``section`` in each other language's content folder
        (``languages.<lang>.contentDir``, else ``content/<lang>/``)."""
        languages = self.get("languages", default={})
        if not isinstance(languages, dict):
            return {}
        content = self.root / str(self.get("contentdir", default="content"))
        found = {}
        for language, settings in languages.items():
            if language == self.default_language:
                continue
            given = settings.get("contentdir") if isinstance(settings, dict) else None
            folder = (self.root / str(given) if given else content / language) / section
            if folder.is_dir():
                found[language] = folder
        return found

    def language_url(self, language: str) -> str:
        """Where a language's pages were served: its ``baseURL``, else ``/<lang>/`` under the
        site's."""
        settings = self.get("languages", language, default={})
        given = settings.get("baseurl") if isinstance(settings, dict) else None
        if isinstance(given, str) and given.startswith(("http://", "https://")):
            return given
        return f"{self.base_url.rstrip('/')}/{language}/" if self.base_url else ""

    def static_files(self, texts: Iterable[str]) -> dict[str, Path]:
        """The files of ``static/`` that the texts name by a site-absolute path, by that path."""
        static = self.root / str(self.get("staticdir", default="static"))
        found = {}
        for text in texts:
            for path in _ABSOLUTE.findall(text):
                file = static / path.lstrip("/")
                if path not in found and file.is_file():
                    found[path] = file
        return found


def load_config_file(path: Path) -> dict[str, Any]:
    """One TOML, YAML or JSON configuration file.

    :raises HugoConfigError: when it does not parse, or holds no mapping
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix == ".toml":
            data = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text) or {}
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise HugoConfigError(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise HugoConfigError(f"{path}: holds no settings")
    return data


def config_dir_item(path: Path) -> dict[str, Any]:
    """One file of a configuration folder, at its place in the configuration: ``hugo.toml``
    holds the root keys, ``params.toml`` the key ``params`` (or, wrapping its content,
    ``params: ...``), ``params.de.toml`` ``languages.de.params``, ``menus.de.toml``
    ``languages.de.menus``, as Hugo's ``LoadConfigFromDir`` places them."""
    data = lowered(load_config_file(path))
    name, _dot, language = path.stem.lower().partition(".")
    if name in ("hugo", "config") and not language:
        return data
    if len(data) == 1 and name in data:
        data = data[name]
    if not language:
        return {name: data}
    if name in ("menu", "menus", "params"):
        data = {"menus" if name == "menu" else name: data}
    return {"languages": {language: data}}


def lowered(data: Mapping[str, Any]) -> dict[str, Any]:
    """The mapping with its keys lowercased, at every depth, as Hugo reads configuration."""
    return {
        str(key).lower(): lowered(value) if isinstance(value, dict) else value
        for key, value in data.items()
    }


def merge_over(into: dict[str, Any], data: Mapping[str, Any]) -> None:
    """``data`` set over ``into``, at every depth: a later file's values win, as Hugo's
    ``SetParams`` merges them."""
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge_over(into[key], value)
        else:
            into[key] = value
