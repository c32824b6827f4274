"""Files a post may bring into the build: inside the project's folders, regular, bounded.

A post contributed in a pull request names files: a ``{callpost}`` to embed, avatars,
pictures, images. Each is followed to where it really lies (symlinks too) and must lie
inside the source folder or a folder the project allows (``callposts_embed_paths``);
otherwise a post could publish ``/proc/self/environ`` (the build's environment, tokens
included) or ``/etc/passwd``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

#: the largest file ``{callpost}`` embeds, in bytes (a long post is some 50 KB)
MAX_EMBED_SIZE = 1024 * 1024


class RefusedFileError(Exception):
    """A file a post names that the build does not read: it says why."""


def real_folders(folders: Iterable[str | os.PathLike[str]]) -> tuple[str, ...]:
    """The folders as they really lie, symlinks followed."""
    return tuple(os.path.realpath(folder) for folder in folders)


def lies_within(path: str | os.PathLike[str], folders: tuple[str, ...]) -> bool:
    """Whether ``path``, symlinks followed, lies inside one of ``folders`` (from :func:`real_folders`)."""
    real = os.path.realpath(path)
    return any(
        real == folder or real.startswith(folder.rstrip(os.sep) + os.sep) for folder in folders
    )


def read_confined(path: Path, folders: tuple[str, ...], limit: int = MAX_EMBED_SIZE) -> str:
    """The text of a file to embed, which must be a regular file of at most ``limit`` bytes.

    :param folders: where the file may lie (from :func:`real_folders`)
    :raises RefusedFileError: when it lies elsewhere, is no regular file, or is too large
    :raises OSError: when it cannot be read
    :raises UnicodeDecodeError: when it is not UTF-8
    """
    if not lies_within(path, folders):
        raise RefusedFileError("it lies outside the source folder (see callposts_embed_paths)")
    real = Path(os.path.realpath(path))
    if not stat.S_ISREG(real.stat().st_mode):
        raise RefusedFileError("it is not a regular file")
    with real.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise RefusedFileError(f"it is larger than {limit // 1024} KiB")
    return data.decode("utf-8-sig")
