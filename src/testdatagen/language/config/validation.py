"""Pydantic's validation errors → diagnostics with a config path and a line.

Pydantic locates errors inside tagged unions with the tag (``rule.choice.x``)
and inside plain unions with the member's name (``distribution.str``); users
never wrote those, so they are dropped from the path. Plain unions report one
error per member: only the first per path is kept.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from testdatagen.errors import Diagnostic
from testdatagen.language.config import rules, spec
from testdatagen.language.config.codes import TDG701, TDG702
from testdatagen.language.config.context import Context, did_you_mean
from testdatagen.language.config.positions import Path, format_path
from testdatagen.model.catalog import FORMATS

__all__ = ["diagnostics_from"]

_TAGGED_FIELDS = frozenset({"rule", "fallback"})
_UNION_MEMBERS = frozenset(
    {"str", "int", "float", "bool", "none", "date", "datetime", "list[str]", "function-after"}
)


def _field_names() -> frozenset[str]:
    names: set[str] = set()
    for module in (rules, spec):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                names.update(f.alias or n for n, f in value.model_fields.items())
    return frozenset(names)


_FIELDS = _field_names()


def _is_member_label(part: Any) -> bool:
    if not isinstance(part, str):
        return False
    return part in _UNION_MEMBERS or part[:1].isupper() or part.startswith(("list[", "dict["))


def clean_path(loc: tuple[Any, ...]) -> Path:
    """``('tables', 0, 'columns', 1, 'rule', 'choice', 'x')`` → ``tables[0].columns[1].rule.x``."""
    out: list[str | int] = []
    for index, part in enumerate(loc):
        after_tagged = index > 0 and loc[index - 1] in _TAGGED_FIELDS and isinstance(part, str)
        if after_tagged and (part in rules.RULE_TYPES or part == "format"):
            continue
        if _is_member_label(part) and not (index > 0 and loc[index - 1] in ("options", "params")):
            continue
        out.append(part if isinstance(part, int) else str(part))
    return tuple(out)


def _rule_type_hint(kind: str) -> str:
    close = did_you_mean(kind, [*rules.RULE_TYPES, *FORMATS])
    return close or f"rule types: {', '.join(rules.RULE_TYPES)}, or a format such as 'email'"


#: The model behind each list or object key of the document, for "takes: …" hints.
_CONTAINERS: dict[str, type[BaseModel]] = {
    "tables": spec.TableSpec,
    "columns": spec.ColumnSpec,
    "foreign_keys": spec.ForeignKeySpec,
    "checks": spec.CheckSpec,
    "enums": spec.EnumSpec,
    "value_length": spec.LengthSpec,
    "generate": spec.GenerateSpec,
    "references": spec.ReferenceTarget,
    "per_parent": rules.RangeSpec,
}


def _key_hint(name: str, path: Path, document: Any) -> str | None:
    """Did-you-mean among the keys *this* object takes, else the list of them."""
    model = _model_at(path[:-1], document)
    if model is None:
        return did_you_mean(name, _FIELDS - {name})
    keys = [f.alias or n for n, f in model.model_fields.items() if n != "type"]
    close = did_you_mean(name, [k for k in keys if k != name])
    what = _what(model, path[:-1], document)
    return close or f"{what} takes: {', '.join(keys)}"


def _model_at(path: Path, document: Any) -> type[BaseModel] | None:
    if not path:
        return spec.ConfigDocument
    if path[-1] in _TAGGED_FIELDS:
        tag = rules.rule_tag(_node(path, document))
        return rules.member(tag) if tag is not None else None
    container = next((p for p in reversed(path) if isinstance(p, str)), None)
    return _CONTAINERS.get(container) if container is not None else None


def _what(model: type[BaseModel], path: Path, document: Any) -> str:
    if path and path[-1] in _TAGGED_FIELDS:
        node = _node(path, document)
        return f"a '{node.get('type')}' rule" if isinstance(node, dict) else "this rule"
    return f"'{format_path(path)}'" if path else "the document"


def _node(path: Path, document: Any) -> Any:
    node = document
    for part in path:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            continue
        if not (isinstance(node, dict) and part in node):
            return None
        node = node[part]
    return node


def _one(error: Any, ctx: Context, document: Any) -> Diagnostic | None:
    path = clean_path(tuple(error["loc"]))
    kind, value = error["type"], error.get("input")
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", "")
        ctx.error(TDG702, f"unknown rule type '{tag}'", (*path, "type"), _rule_type_hint(str(tag)))
        return None
    if kind == "union_tag_not_found":
        ctx.error(TDG701, "a rule needs a 'type'", path, 'e.g. {"type": "email"}')
        return None
    if kind == "missing":
        ctx.error(TDG701, f"missing required key '{path[-1]}'", path)
        return None
    if kind == "extra_forbidden":
        name = str(path[-1])
        ctx.error(TDG701, f"unknown key '{name}'", path, _key_hint(name, path, document))
        return None
    where = _where(path)
    hint = _list_hint(path) if kind == "list_type" else _value_hint(path, value)
    if hint is None and path and path[-1] in _SHARES and isinstance(value, int | float):
        hint = f"{path[-1]} is a share of 1: write {value / 100:g} for {value:g}%"
    ctx.error(TDG701, f"{where}: {error['msg'].lower()} (got {_short(value)})", path, hint)
    return None


#: Keys holding a share of 1, where a percentage is the usual slip.
_SHARES = frozenset({"null_rate", "true_rate"})


def _short(value: Any, limit: int = 60) -> str:
    """The offending value, cut: a whole table pasted into the message hides the point."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _list_hint(path: Path) -> str:
    key = next((p for p in reversed(path) if isinstance(p, str)), "items")
    return f"{key} is a list: in YAML start each item with '- ', in JSON write [{{…}}, {{…}}]"


def _where(path: Path) -> str:
    """The key the value sits under: ``probabilities[0]`` rather than a bare ``0``."""
    if not path:
        return "the document"
    if isinstance(path[-1], int) and len(path) > 1:
        return f"{path[-2]}[{path[-1]}]"
    return str(path[-1])


def _value_hint(path: Path, value: Any) -> str | None:
    """How to write what the user meant: ``'15%'`` is ``0.15``, ``'18'`` is ``18``."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith("%"):
        try:
            share = float(text[:-1]) / 100
        except ValueError:
            return None
        keys = {str(p) for p in path if isinstance(p, str)}
        if "probabilities" in keys:
            return f"probabilities are shares of 1: write {share:g} for {text}, or use weights"
        return f"write {share:g} for {text} (a share of 1, without quotes)"
    try:
        float(text.replace("_", ""))
    except ValueError:
        return None
    return f"write the number without quotes: {text}"


def diagnostics_from(exc: ValidationError, ctx: Context, document: Any = None) -> None:
    """Record one diagnostic per distinct path (plain unions report each member)."""
    seen: set[Path] = set()
    for error in exc.errors(include_url=False):
        path = clean_path(tuple(error["loc"]))
        if path in seen:
            continue
        seen.add(path)
        _one(error, ctx, document)
