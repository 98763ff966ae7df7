"""Generate docs/reference.md from the registries, so the page cannot drift.

    python -m testdatagen.language.reference > docs/reference.md
    python -m testdatagen.language.reference --write docs/reference.md

A test compares the committed page with ``render_reference()``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from testdatagen.codes import all_codes
from testdatagen.language.functions import FUNCTIONS
from testdatagen.language.functypes import signature
from testdatagen.language.settings import SETTINGS, TYPE_ALIASES
from testdatagen.model.catalog import (
    DISTRIBUTION_PARAM_ALIASES,
    DISTRIBUTIONS,
    FORMAT_ALIASES,
    FORMATS,
    LOCALES,
    OUTPUT_KINDS,
    RECIPROCAL_PARAM_ALIASES,
)
from testdatagen.model.types import TypeKind

__all__ = ["main", "render_reference"]

_TYPES = {
    "integer": "32-bit whole number",
    "bigint": "64-bit whole number",
    "string": "Text; string(n) caps it at n characters",
    "text": "Unbounded text",
    "boolean": "true / false",
    "decimal": "Exact number; decimal(p,s): p digits, s after the point",
    "float": "Double-precision number",
    "datetime": "Date and time (naive, or with timezone: 'UTC')",
    "date": "Calendar date",
    "uuid": "UUID",
}


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return [*out, ""]


def _types() -> list[str]:
    rows = [(f"`{k.value}`", _TYPES[k.value]) for k in TypeKind if k is not TypeKind.ENUM]
    rows.append(("an enum's name", "One of the enum's members, picked by weight"))
    aliases = ", ".join(f"`{a}` → `{t}`" for a, t in TYPE_ALIASES.items())
    return [
        "## Types",
        "",
        *_table(("type", "meaning"), rows),
        f"Other spellings are errors that name the tdg type: {aliases}.",
        "",
    ]


def _settings() -> list[str]:
    rows = [
        (
            f"`{s.name}`",
            s.summary,
            s.value,
            ", ".join(sorted(k.value for k in s.types)) if s.types else "any",
            s.group,
        )
        for s in SETTINGS.values()
    ]
    return ["## Settings", "", *_table(("setting", "meaning", "value", "types", "kind"), rows)]


def _also(names: Sequence[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _formats() -> list[str]:
    also: dict[str, list[str]] = {}
    for alias, name in FORMAT_ALIASES.items():
        also.setdefault(name, []).append(alias)
    rows = [
        (
            f"`{f.name}`",
            f.summary,
            f.group,
            ", ".join(f.types),
            "yes" if f.uniqueable else "",
            _also(also.get(f.name, [])),
        )
        for f in FORMATS.values()
    ]
    header = ("format", "values", "group", "types", "unique by construction", "also")
    return [
        "## Formats",
        "",
        *_table(header, rows),
        "Names under *also* (Faker's, mostly) are the same format; the model keeps the",
        "name in the first column, so `tdg convert` and introspection print that one.",
        "",
    ]


def _distributions() -> list[str]:
    rows = [
        (
            f"`{d.name}`",
            d.summary,
            ", ".join(d.required) or "—",
            ", ".join(f"{k}={v:g}" for k, v in d.optional.items()) or "—",
            "yes" if d.for_references else "",
            ", ".join(
                f"`{a}` → 1 / `{p}`"
                if (d.name, a) in RECIPROCAL_PARAM_ALIASES
                else f"`{a}` → `{p}`"
                for a, p in DISTRIBUTION_PARAM_ALIASES.get(d.name, {}).items()
            ),
        )
        for d in DISTRIBUTIONS.values()
    ]
    return [
        "## Distributions",
        "",
        *_table(("name", "shape", "required", "optional", "for keys", "also"), rows),
        "Parameters under *also* are other names for the same parameter; exponential's",
        "`scale` is its mean, read as `lam` = 1 / scale. The model keeps the tdg name.",
        "",
    ]


def _misc() -> list[str]:
    lines = [
        "## Locales",
        "",
        *_table(("locale", "language"), [(f"`{k}`", v) for k, v in LOCALES.items()]),
    ]
    outs = [
        (f"`{o.name}`", o.summary, "database" if o.database else "file", " ".join(o.extensions))
        for o in OUTPUT_KINDS.values()
    ]
    lines += ["## Output kinds", "", *_table(("kind", "writes", "target", "extensions"), outs)]
    funcs = [
        (
            f"`{f.name}()`",
            f.summary,
            f"`{signature(f)}`",
            _also([f"{a}()" for a in f.also]),
        )
        for f in FUNCTIONS.values()
    ]
    lines += [
        "## Functions",
        "",
        *_table(("function", "meaning", "signature", "also"), funcs),
        "Functions follow SQL: a NULL argument gives NULL (coalesce, least and greatest",
        "skip NULLs). Arguments in a signature are",
        "kinds: `integer` is a `number`; `temporal` is a date or a datetime. Text to find,",
        "lengths and positions (`replace`, `substr`, `left`, `lpad`, …) must be constants.",
        "",
    ]
    return lines


def _codes() -> list[str]:
    # Every layer's codes in one table: the .tdg front end, the JSON/YAML
    # config form, and the engine, outputs, databases and CLI.
    rows = [(f"`{c.code}`", c.title, c.explanation) for c in all_codes().values()]
    return ["## Diagnostic codes", "", *_table(("code", "title", "explanation"), rows)]


def render_reference() -> str:
    head = [
        "# .tdg language reference",
        "",
        "<!-- Generated by `python -m testdatagen.language.reference`; do not edit. -->",
        "",
        "The forms of the language are described in LANGUAGE.md; this page lists what",
        "the registries accept. Codes: 0xx syntax and files, 1xx names and registries,",
        "2xx types and settings, 3xx references and graphs, 4xx feasibility and generate blocks.",
        "",
    ]
    body = _types() + _settings() + _formats() + _distributions() + _misc() + _codes()
    return "\n".join(head + body).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render_reference()
    if len(args) == 2 and args[0] == "--write":
        Path(args[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
