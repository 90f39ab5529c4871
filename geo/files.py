"""Reading a user's file and writing the atlas's outputs, safely.

* ``read_user_file`` reads a file a person names (``cli.py import FILE``, ``--plan FILE``): only a
  regular file, at most ``max_bytes``; folders, FIFOs, devices (``/dev/zero``) and links to them are
  refused with a message instead of hanging or filling memory.
* ``write_atomic`` writes an output (HTML, CSV, XLSX, JSON, PNG) to a temporary file beside the
  target and moves it into place only when it is complete, so a full disk, a size limit or Ctrl-C
  never leaves a half-written file over a good one. Targets that exist and are not regular files
  (a folder, ``/dev/full``) are refused: replacing them would be wrong, not just fail.

Every failure is an ``AtlasError`` naming the path and the reason, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from geo._errors import AtlasError


def megabytes(size: int) -> str:
    """A size in MB as the limits are stated (1 MB = 1024 x 1024 bytes)."""
    return f"{size / 2**20:.1f}".removesuffix(".0") + " MB"


def read_user_file(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else is refused."""
    try:
        info = path.stat()  # follows links: a link to /dev/zero is judged as /dev/zero
    except FileNotFoundError:
        raise AtlasError(f"{path}: file not found") from None
    except OSError as error:
        raise AtlasError(f"{path}: cannot read ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise AtlasError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise AtlasError(f"{path}: not a regular file (a device, pipe or socket); give a saved file")
    if info.st_size > max_bytes:
        raise AtlasError(f"{path}: the file is {megabytes(info.st_size)}; the limit is {megabytes(max_bytes)}")
    try:
        # O_NONBLOCK: should the path have become a pipe since stat(), opening it does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise AtlasError(f"{path}: cannot read ({error.strerror})") from None
    if len(data) > max_bytes:
        raise AtlasError(f"{path}: the file is larger than the limit of {megabytes(max_bytes)}")
    return data


def check_writable_target(path: Path, suffixes: tuple[str, ...] = ()) -> None:
    """Refuse a target with the wrong extension, in a missing folder, or that is not a regular file."""
    if suffixes and path.suffix.lower() not in suffixes:
        raise AtlasError(f"{path}: expected a file name ending in {' or '.join(suffixes)}")
    parent = path.parent
    if not parent.is_dir():
        raise AtlasError(f"{parent}: folder does not exist")
    if path.is_dir():
        raise AtlasError(f"{path}: is a folder; give a file name")
    if path.exists() and not path.is_file():
        raise AtlasError(f"{path}: not a regular file; give a file name in a folder of your own")


def write_atomic(path: Path, data: bytes | str, *, suffixes: tuple[str, ...] = ()) -> Path:
    """Write ``data`` (text is UTF-8) to ``path`` all at once, or not at all."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_target(path, suffixes=suffixes) as temporary:
        temporary.write_bytes(payload)
    return path


@contextlib.contextmanager
def atomic_target(path: Path, *, suffixes: tuple[str, ...] = ()) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; moved onto ``path`` only if the block succeeds.

    For writers that want a file name (pandas' ExcelWriter, Chromium's screenshot).
    """
    check_writable_target(path, suffixes)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
    except OSError as error:
        raise AtlasError(f"{path}: cannot write here ({error.strerror})") from None
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        os.replace(temporary, path)
    except OSError as error:
        raise AtlasError(f"{path}: could not be written ({error.strerror}); nothing was changed") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_each(paths_and_writers: list[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """Write several files, each atomically through its writer (called with a temporary path)."""
    written = []
    for path, writer in paths_and_writers:
        with atomic_target(path) as temporary:
            writer(temporary)
        written.append(path)
    return written
