"""Write files so that a final name only ever holds a complete file.

Every file is written as ``.<name>.tdg-tmp-<pid>`` in its target directory
(same file system, so the rename is atomic), flushed and fsynced, and only
then ``os.replace``d onto its final name. A group of files (one output) is
published together after all of them are complete, so a failure in the
third table does not leave the first two new and the third old. An
exception removes the temporary files; a SIGKILL leaves only temporary
names, which ``clean_stale_temps`` removes on the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from testdatagen.outputs.options import WRITE_FAILED, output_error

__all__ = [
    "AtomicFile",
    "AtomicGroup",
    "HashingSink",
    "atomic_write",
    "clean_stale_temps",
    "temp_path_for",
    "write_atomically",
]

_TEMP_RE = re.compile(r"^\..+\.tdg-tmp-(\d+)$")


def temp_path_for(final: Path, pid: int | None = None) -> Path:
    return final.with_name(f".{final.name}.tdg-tmp-{pid or os.getpid()}")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temps(directory: Path) -> list[Path]:
    """Remove temporary files left by killed runs (their process is gone)."""
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for entry in directory.iterdir():
        match = _TEMP_RE.match(entry.name)
        if match and entry.is_file() and not _pid_alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


class HashingSink(io.RawIOBase):
    """Passes bytes through to a file while counting them and computing their sha256.

    The manifest needs both; computing them on the way out avoids reading
    a many-gigabyte file a second time. ``tell`` reports the bytes written,
    which is all Parquet's writer asks of a stream.
    """

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self._hash = hashlib.sha256()
        self.bytes_written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        self._hash.update(view)
        self._raw.write(view)
        self.bytes_written += len(view)
        return len(view)

    def tell(self) -> int:
        return self.bytes_written

    def flush(self) -> None:
        self._raw.flush()

    def close(self) -> None:
        """Closing the sink never closes the file: the AtomicFile owns it."""
        super().close()

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()


class AtomicFile:
    """One file being written under its temporary name."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.temp = temp_path_for(final)
        if final.is_dir():
            raise output_error(
                WRITE_FAILED,
                f"cannot write {final}: a directory has that name",
                "choose another file name or remove the directory",
            )
        #: Directories this file created (deepest first): a discarded run removes them
        #: again when they stay empty, so a failure leaves no trace of the output.
        self.created = _missing_parents(final.parent)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            self._raw: BinaryIO = self.temp.open("wb")  # closed in finish/discard
        except OSError as exc:
            self._remove_created()
            raise _os_error(final, exc) from exc
        self.sink = HashingSink(self._raw)

    def finish(self) -> None:
        """Make the bytes durable under the temporary name."""
        try:
            self._raw.flush()
            os.fsync(self._raw.fileno())
        except OSError as exc:
            raise _os_error(self.final, exc) from exc
        finally:
            self._raw.close()

    def publish(self) -> None:
        try:
            self.temp.replace(self.final)
        except OSError as exc:
            raise _os_error(self.final, exc) from exc

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self._raw.close()
        with contextlib.suppress(OSError):
            self.temp.unlink(missing_ok=True)

    def _remove_created(self) -> None:
        """Remove the directories this file created, where they are empty."""
        for directory in self.created:
            with contextlib.suppress(OSError):  # not empty (another file of the group)
                directory.rmdir()


def _missing_parents(directory: Path) -> list[Path]:
    """``directory`` and its ancestors that do not exist yet, deepest first."""
    missing: list[Path] = []
    while not directory.exists() and directory != directory.parent:
        missing.append(directory)
        directory = directory.parent
    return missing


class AtomicGroup:
    """Files of one output, published together by ``commit`` or discarded on error."""

    def __init__(self) -> None:
        self.files: list[AtomicFile] = []
        self._committed = False

    def __enter__(self) -> AtomicGroup:
        return self

    def open(self, final: Path) -> AtomicFile:
        handle = AtomicFile(final)
        self.files.append(handle)
        return handle

    def commit(self) -> None:
        for handle in self.files:
            handle.finish()
        for handle in self.files:
            handle.publish()
        for directory in {h.final.parent for h in self.files}:
            _fsync_dir(directory)
        self._committed = True

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._committed:
            for handle in self.files:
                handle.discard()
            for handle in self.files:  # after every temp is gone, so they are empty
                handle._remove_created()


def write_atomically(final: Path, data: bytes) -> None:
    """A small file (the manifest) in one go, with the same guarantees."""
    with AtomicGroup() as group:
        group.open(final).sink.write(data)
        group.commit()


def _fsync_dir(directory: Path) -> None:
    """Make the renames durable too (a no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _os_error(path: Path, exc: OSError) -> Exception:
    reason = exc.strerror or str(exc)
    return output_error(
        WRITE_FAILED,
        f"cannot write {path}: {reason}",
        "check that the directory exists, is writable and has free space",
    )


@contextlib.contextmanager
def atomic_write(final: Path) -> Iterator[HashingSink]:
    """Write one file atomically: ``with atomic_write(p) as f: f.write(...)``."""
    with AtomicGroup() as group:
        yield group.open(final).sink
        group.commit()
