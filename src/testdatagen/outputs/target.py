"""Where an output goes: ``--out DIR|FILE|URL [--format F]`` and the ``dir``/``file`` options."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from testdatagen.errors import OutputError
from testdatagen.model.catalog import OUTPUT_KINDS
from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.compression import COMPRESSIONS, compression_from_name
from testdatagen.outputs.options import BAD_OPTION, BAD_TARGET, did_you_mean, output_error

__all__ = ["FileTarget", "kind_for_extension", "known_extensions", "output_spec_for_target"]

_URL_RE = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://")
_SCHEME_KINDS = {
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
    "sqlite": "sqlite",
}
_SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
DEFAULT_DIR_FORMAT = "parquet"


def kind_for_extension(name: str) -> str | None:
    """``x.csv.gz`` -> ``csv``; ``x.db`` -> ``sqlite``; unknown -> ``None``."""
    path = Path(name.lower())
    if path.suffix in set(COMPRESSIONS.values()) | {".gzip", ".zstd"}:
        path = path.with_suffix("")
    for info in OUTPUT_KINDS.values():
        if path.suffix and path.suffix in info.extensions:
            return info.name
    return "sqlite" if path.suffix in _SQLITE_SUFFIXES else None


def _check_format(format: str) -> str:
    kind = format.lower()
    if kind not in OUTPUT_KINDS:
        raise output_error(
            BAD_OPTION, f"unknown output format {format!r}", did_you_mean(kind, OUTPUT_KINDS)
        )
    return kind


def _url_kind(scheme: str) -> str:
    return _SCHEME_KINDS.get(scheme.lower().split("+", 1)[0], "database")


def output_spec_for_target(target: str, format: str | None = None) -> OutputSpec:
    """Interpret the CLI's ``--out`` (and ``--format``) as an output spec.

    A URL names a database (``url`` option); a file with a known extension
    names its format (``file`` option); a path without an extension — and
    any path ending in a slash — is a directory of one file per table in
    ``format`` (default parquet). An extension no writer knows is an error,
    not a directory: ``x.txt`` was surely meant as a file.
    """
    kind = _check_format(format) if format else None
    url = _URL_RE.match(target)
    if url or target.startswith("sqlite:"):
        scheme = url.group("scheme") if url else "sqlite"
        url_kind = _url_kind(scheme)
        if kind is not None and not OUTPUT_KINDS[kind].database:
            raise output_error(
                BAD_TARGET,
                f"--format {kind} writes files, but {target!r} is a database URL",
                "give a directory or file path with --out, or drop --format",
            )
        return OutputSpec(kind=kind or url_kind, options={"url": target})
    explicit_dir = target.endswith(("/", "\\"))
    by_extension = None if explicit_dir else kind_for_extension(target)
    if by_extension is None and not explicit_dir and _suffix(target):
        raise _unknown_extension(target, kind)
    if by_extension is not None:
        if kind is not None and kind != by_extension:
            raise output_error(
                BAD_TARGET,
                f"--format {kind} does not match the extension of {target!r} ({by_extension})",
                f"name the file with a {kind} extension, or drop --format",
            )
        return OutputSpec(kind=by_extension, options={"file": target})
    return OutputSpec(kind=kind or DEFAULT_DIR_FORMAT, options={"dir": target})


def known_extensions() -> dict[str, str]:
    """Every file extension ``--out`` understands, with the format it picks."""
    known = {ext: info.name for info in OUTPUT_KINDS.values() for ext in info.extensions}
    return known | dict.fromkeys(_SQLITE_SUFFIXES, "sqlite")


def _suffix(target: str) -> str:
    """The extension of the last path component, compression suffixes included."""
    return Path(target).suffix


def _unknown_extension(target: str, kind: str | None) -> OutputError:
    """Why not a directory: ``--out x.txt`` that silently became a Parquet directory
    named ``x.txt`` is the bug this replaces; a dotted directory needs its slash."""
    listed = ", ".join(f"{ext} ({name})" for ext, name in sorted(known_extensions().items()))
    directory = f"--out {target}/" + (f" --format {kind}" if kind else "")
    return output_error(
        BAD_TARGET,
        f"no output format writes files ending in {_suffix(target)!r} ({target!r})",
        f"known extensions: {listed}; compressed text formats may add .gz or .zst. "
        f"To write a directory, end the path with a slash: {directory}",
    )


@dataclass(frozen=True, slots=True)
class FileTarget:
    """The resolved location of a file output: a directory or a single file."""

    directory: Path
    file: Path | None
    compression: str | None

    @classmethod
    def resolve(
        cls, kind: str, dir: str | None, file: str | None, compression: str | None, base_dir: Path
    ) -> FileTarget:
        if (dir is None) == (file is None):
            raise output_error(
                BAD_TARGET,
                f"output '{kind}' needs exactly one of the options 'dir' or 'file'",
                f"e.g. output {kind} {{ dir: 'out/' }}",
            )
        if file is not None:
            path = base_dir / file
            return cls(path.parent, path, compression or compression_from_name(file))
        assert dir is not None
        return cls(base_dir / dir, None, compression)

    @property
    def manifest_path(self) -> Path:
        """``manifest.json`` in a directory output, ``<file>.manifest.json`` beside a file."""
        if self.file is None:
            return self.directory / "manifest.json"
        return self.file.with_name(self.file.name + ".manifest.json")

    def table_path(self, table: str, extension: str) -> Path:
        if not table or table in (".", "..") or any(c in table for c in "/\\\0"):
            raise output_error(
                BAD_TARGET,
                f"table name {table!r} cannot be used as a file name",
                "rename the table, or write a single-file format (excel, json, xml)",
            )
        compression = COMPRESSIONS[self.compression] if self.compression else ""
        return self.directory / f"{table}{extension}{compression}"

    def plan(
        self, kind: str, tables: Sequence[str], extension: str, *, combined: bool
    ) -> list[tuple[Path, tuple[str, ...]]]:
        """Which tables go to which file. ``combined`` formats hold several tables in one."""
        if self.file is None:
            return [(self.table_path(t, extension), (t,)) for t in tables]
        if combined or len(tables) <= 1:
            return [(self.file, tuple(tables))]
        raise output_error(
            BAD_TARGET,
            f"{kind} writes one file per table, but the data has {len(tables)} tables "
            f"for the single file {self.file}",
            f"give a directory instead (output {kind} {{ dir: '...' }} or --out DIR)",
        )
