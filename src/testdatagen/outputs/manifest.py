"""``manifest.json`` beside file outputs: what was written, from what, and checksums.

It is written last and atomically, so its presence means every file it
names is complete; a reader verifies a copy with the recorded sha256.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from testdatagen.outputs.atomic import write_atomically
from testdatagen.outputs.base import WrittenItem

__all__ = ["MANIFEST_VERSION", "build_manifest", "write_manifest"]

MANIFEST_VERSION = 1


def _relative(location: str, directory: Path) -> str:
    return Path(os.path.relpath(location, directory)).as_posix()


def build_manifest(
    kind: str,
    items: Sequence[WrittenItem],
    metadata: Mapping[str, str],
    directory: Path,
) -> dict[str, Any]:
    """The manifest as a JSON-ready dict; file names are relative to ``directory``."""
    files: dict[str, dict[str, Any]] = {}
    for item in items:
        name = _relative(item.location, directory)
        entry = files.setdefault(
            name, {"file": name, "bytes": item.bytes, "sha256": item.sha256, "tables": []}
        )
        entry["tables"].append(item.table)
    return {
        "manifest_version": MANIFEST_VERSION,
        "tool": "testdatagen",
        "tool_version": metadata.get("tdg.version"),
        "format": kind,
        "seed": _int_or_none(metadata.get("tdg.seed")),
        "locale": metadata.get("tdg.locale"),
        "schema": metadata.get("tdg.schema"),
        "schema_hash": metadata.get("tdg.schema_hash"),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "tables": [
            {"name": i.table, "rows": i.rows, "file": _relative(i.location, directory)}
            for i in items
        ],
        "files": list(files.values()),
    }


def write_manifest(
    path: Path, kind: str, items: Sequence[WrittenItem], metadata: Mapping[str, str]
) -> Path:
    manifest = build_manifest(kind, items, metadata, path.parent)
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    write_atomically(path, text.encode("utf-8"))
    return path


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
