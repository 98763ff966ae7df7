"""Streaming gzip/zstd for text outputs, chosen by extension or by option.

Compressed bytes are deterministic: gzip gets ``mtime=0`` and no file name
in its header, so the same data gives the same ``.csv.gz`` bytes (and
sha256) on every run.
"""

from __future__ import annotations

import contextlib
import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from testdatagen.outputs.options import BAD_OPTION, output_error

__all__ = [
    "COMPRESSIONS",
    "LEVELS",
    "check_compression",
    "compressed",
    "compression_from_name",
    "suffix_for",
]

#: Compression name -> file suffix.
COMPRESSIONS: dict[str, str] = {"gzip": ".gz", "zstd": ".zst"}
#: Compression name -> (lowest, highest) level.
LEVELS: dict[str, tuple[int, int]] = {"gzip": (0, 9), "zstd": (1, 22)}
_BY_SUFFIX = {suffix: name for name, suffix in COMPRESSIONS.items()}
_BY_SUFFIX[".gzip"] = "gzip"
_BY_SUFFIX[".zstd"] = "zstd"


def compression_from_name(name: str) -> str | None:
    """``orders.csv.gz`` -> ``gzip``; ``orders.csv`` -> ``None``."""
    return _BY_SUFFIX.get(Path(name).suffix.lower())


def suffix_for(compression: str | None) -> str:
    return COMPRESSIONS[compression] if compression else ""


def check_compression(value: str | None) -> str | None:
    if value is None or value.lower() in ("", "none"):
        return None
    value = value.lower()
    if value not in COMPRESSIONS:
        raise output_error(
            BAD_OPTION,
            f"unknown compression {value!r}",
            f"use one of: {', '.join(COMPRESSIONS)} (or none)",
        )
    return value


@contextlib.contextmanager
def compressed(
    sink: BinaryIO | io.RawIOBase, compression: str | None, level: int | None = None
) -> Iterator[BinaryIO]:
    """A stream whose writes land compressed in ``sink``; closing it ends the frame only."""
    if compression is None:
        yield cast(BinaryIO, sink)
        return
    if compression == "gzip":
        with gzip.GzipFile(
            filename="",
            mode="wb",
            fileobj=sink,
            mtime=0,
            compresslevel=6 if level is None else level,
        ) as stream:
            yield cast(BinaryIO, stream)
        return
    import zstandard

    compressor = zstandard.ZstdCompressor(level=level or 3)
    writer = cast(BinaryIO, compressor.stream_writer(cast(BinaryIO, sink), closefd=False))
    try:
        yield writer
    finally:
        writer.close()  # ends the zstd frame; ``closefd=False`` keeps the sink open
