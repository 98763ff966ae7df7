"""Static analysis of one table: column dependencies, order, and bounds derived from checks.

A check such as ``price >= cost * 1.1`` is turned into a per-row bound on the
column it can be solved for (``cost <= price / 1.1``), so most rows satisfy
it by construction and the redraw loop only mops up the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from testdatagen.engine.bounds import extreme_expr, own_constant_range
from testdatagen.engine.expressions import AGGREGATES, children, refs
from testdatagen.engine.linear import budget_bounds
from testdatagen.errors import Diagnostic, InputError
from testdatagen.model.expr import Binary, Call, Expr, IsNull, Lit, Ref, Unary
from testdatagen.model.schema import Check, Column, ComputeGen, Table

__all__ = ["TableAnalysis", "analyse"]

_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}
_DERIVABLE = ("random",)


@dataclass
class TableAnalysis:
    deps: dict[str, set[str]]
    order: list[str]
    extra_min: dict[str, list[Expr]] = field(default_factory=dict)
    extra_max: dict[str, list[Expr]] = field(default_factory=dict)

    def closure(self, names: set[str]) -> set[str]:
        out: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name not in out:
                out.add(name)
                todo.extend(self.deps[name])
        return out

    def dependents(self, names: set[str]) -> set[str]:
        out = set(names)
        changed = True
        while changed:
            changed = False
            for col, deps in self.deps.items():
                if col not in out and deps & out:
                    out.add(col)
                    changed = True
        return out


def same_row_refs(expr: Expr, table: Table) -> set[str]:
    """Columns of this table an expression reads (following a key reads the key)."""
    names = set(table.column_names)
    out = set()
    for ref in _refs_outside_aggregates(expr):
        if ref.path[0] in names:
            out.add(ref.path[0])
    return out


def _refs_outside_aggregates(expr: Expr) -> list[Ref]:
    if isinstance(expr, Ref):
        return [expr]
    if (
        isinstance(expr, Call)
        and expr.name in AGGREGATES
        and len(expr.args) == 1
        and isinstance(expr.args[0], Ref)
    ):
        return []
    return [r for child in children(expr) for r in _refs_outside_aggregates(child)]


def _column_exprs(column: Column) -> list[Expr]:
    exprs = [e for e in (column.min, column.max, column.when, column.default) if e is not None]
    if isinstance(column.generator, ComputeGen):
        exprs.append(column.generator.expr)
    return exprs


def _toposort(table: Table, deps: dict[str, set[str]]) -> list[str]:
    done: list[str] = []
    state: dict[str, int] = {}

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = " → ".join((*trail[trail.index(name) :], name))
            raise InputError(
                [
                    Diagnostic(
                        "TDG320",
                        f"columns of {table.name} depend on each other: {cycle}",
                        span=table.column(name).span,
                        hint="break the cycle",
                    )
                ]
            )
        state[name] = 1
        for dep in sorted(deps[name], key=table.column_names.index):
            visit(dep, (*trail, name))
        state[name] = 2
        done.append(name)

    for name in table.column_names:
        visit(name, ())
    return done


def _solve(side: Expr, other: Expr, target: str) -> tuple[Expr, bool] | None:
    """Rewrite ``side op other`` into ``target op' bound`` (``True``: op flips);
    only simple linear forms, anything else is left to the re-draw loop."""
    if isinstance(side, Ref) and side.path == (target,):
        return other, False
    if isinstance(side, Unary) and side.op == "-":
        inner = _solve(side.operand, Unary(op="-", operand=other), target)
        return None if inner is None else (inner[0], not inner[1])
    if isinstance(side, Binary) and side.op in ("*", "+", "-"):
        left, right = side.left, side.right
        if side.op == "*" and isinstance(left, Lit):
            left, right = right, left
        if not (isinstance(left, Ref) and left.path == (target,)):
            return None
        if (
            side.op == "*"
            and isinstance(right, Lit)
            and isinstance(right.value, int | float)
            and right.value > 0
        ):
            return Binary(op="/", left=other, right=right), False
        if side.op in ("+", "-") and target not in {r.path[0] for r in refs(right)}:
            return Binary(op="-" if side.op == "+" else "+", left=other, right=right), False
    return None


def _comparison(expr: Expr) -> Binary | None:
    if isinstance(expr, Binary) and expr.op in _FLIP:
        return expr
    if isinstance(expr, Binary) and expr.op == "or" and isinstance(expr.left, IsNull):
        return _comparison(expr.right)
    return None


def _derive(check: Check, table: Table, an: TableAnalysis) -> str | None:
    """The column the check was solved for, if any."""
    cmp = _comparison(check.expr)
    if cmp is None:
        return None
    names = table.column_names
    candidates = sorted(same_row_refs(cmp, table), key=names.index, reverse=True)
    for target in candidates:
        column = table.column(target)
        if column.generator.strategy not in _DERIVABLE or column.unique or column.primary_key:
            continue
        for side, other, op in (
            (cmp.left, cmp.right, cmp.op),
            (cmp.right, cmp.left, _FLIP[cmp.op]),
        ):
            solved = _solve(side, other, target)
            if solved is None or target in an.closure(same_row_refs(solved[0], table)):
                continue
            bound = solved[0]
            op = _FLIP[op] if solved[1] else op
            into = an.extra_min if op in (">=", ">") else an.extra_max
            into.setdefault(target, []).append(bound)
            an.deps[target] |= same_row_refs(bound, table)
            return target
    return None


def _derive_linear(check: Check, table: Table, an: TableAnalysis, solved: str | None) -> None:
    """Budgets for the other columns of a check linear in several (``engine.linear``)."""
    for name, is_min, bound in budget_bounds(
        check, table, solved, extreme_expr, own_constant_range, an.closure
    ):
        into = an.extra_min if is_min else an.extra_max
        into.setdefault(name, []).append(bound)
        an.deps[name] |= same_row_refs(bound, table)


def analyse(table: Table) -> TableAnalysis:
    deps = {
        c.name: set().union(*(same_row_refs(e, table) for e in _column_exprs(c)))
        for c in table.columns
    }
    for name in deps:
        deps[name].discard(name)
    an = TableAnalysis(deps=deps, order=[])
    for check in table.checks:
        _derive_linear(check, table, an, _derive(check, table, an))
    an.order = _toposort(table, an.deps)
    return an
