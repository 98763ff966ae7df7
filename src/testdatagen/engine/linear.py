"""Checks linear in several number columns become a budget each column draws within.

``check small: a + b + x <= 60`` over three columns in ``0..1000`` holds for
one random row in ~36,000: re-drawing cannot satisfy it. Instead the columns
are drawn in declaration order, each bounded by what the later ones leave it
at their least: ``a <= 60 - min(b) - min(x)``, then ``b <= 60 - a - min(x)``,
then ``x <= 60 - a - b``. Every row then passes by construction whenever the
check can hold at all (if even ``a = min(a)`` leaves no room, the bounds are
empty, the re-draw loop gives up and reports the check, TDG540).

Only what is needed is added: an earlier column whose budget cannot bind (all
terms constant and its own range inside the budget, as for ``price >= cost *
1.1`` with ``price >= 1``) keeps its own range, so checks that construction
already satisfied produce exactly the values they did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from testdatagen.engine.expressions import refs
from testdatagen.model.expr import Binary, Expr, IsNull, Lit, Ref, Unary
from testdatagen.model.schema import Check, Column, ComputeGen, Table
from testdatagen.model.types import TypeKind

__all__ = ["LinearForm", "budget_bounds", "linearize"]

_NUMBER = (TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DECIMAL, TypeKind.FLOAT)
_LESS = ("<=", "<")
_GREATER = (">=", ">")


@dataclass
class LinearForm:
    """``sum(coef * column) + sum(coef * term) + const``; ``terms`` are the parts that
    are not linear in a column (products of columns, calls, followed keys)."""

    coefs: dict[str, float] = field(default_factory=dict)
    terms: list[tuple[float, Expr]] = field(default_factory=list)
    const: float = 0.0

    def add(self, other: LinearForm, scale: float) -> None:
        for name, c in other.coefs.items():
            self.coefs[name] = self.coefs.get(name, 0.0) + scale * c
        self.terms += [(scale * c, e) for c, e in other.terms]
        self.const += scale * other.const


def _number(expr: Expr) -> float | None:
    if isinstance(expr, Lit) and isinstance(expr.value, int | float):
        if isinstance(expr.value, bool):
            return None
        return float(expr.value) / (100.0 if expr.unit == "percent" else 1.0)
    if isinstance(expr, Unary) and expr.op == "-":
        inner = _number(expr.operand)
        return None if inner is None else -inner
    return None


Inline = Callable[[str], Expr | None]


def _no_inline(name: str) -> Expr | None:
    return None


def linearize(expr: Expr, inline: Inline = _no_inline, depth: int = 0) -> LinearForm:
    """The linear form of ``expr`` over same-row column references; ``inline(name)``
    gives a computed column's expression to read through (``tot`` → ``a + b``)."""
    out = LinearForm()
    value = _number(expr)

    def sub(e: Expr, scale: float) -> None:
        out.add(linearize(e, inline, depth), scale)

    if value is not None:
        out.const = value
    elif isinstance(expr, Ref) and len(expr.path) == 1:
        body = inline(expr.path[0]) if depth < 16 else None
        if body is None:
            out.coefs[expr.path[0]] = 1.0
        else:
            out.add(linearize(body, inline, depth + 1), 1.0)
    elif isinstance(expr, Unary) and expr.op == "-":
        sub(expr.operand, -1.0)
    elif isinstance(expr, Binary) and expr.op in ("+", "-"):
        sub(expr.left, 1.0)
        sub(expr.right, 1.0 if expr.op == "+" else -1.0)
    elif isinstance(expr, Binary) and expr.op == "*" and _number(expr.left) is not None:
        sub(expr.right, _number(expr.left) or 0.0)
    elif isinstance(expr, Binary) and expr.op == "*" and _number(expr.right) is not None:
        sub(expr.left, _number(expr.right) or 0.0)
    elif isinstance(expr, Binary) and expr.op == "/" and _number(expr.right):
        sub(expr.left, 1.0 / (_number(expr.right) or 1.0))
    else:
        out.terms.append((1.0, expr))
    return out


def _computed(table: Table) -> Inline:
    """A computed column's expression when reading through it is exact enough: no
    ``when``/NULLs, and a number type (the cast back to it may round by a grid step,
    which the re-draw loop mops up)."""

    def body(name: str) -> Expr | None:
        if name not in table.column_names:
            return None
        column = table.column(name)
        gen = column.generator
        if (
            not isinstance(gen, ComputeGen)
            or column.when is not None
            or column.type.kind not in _NUMBER
        ):
            return None
        return gen.expr

    return body


def _comparison(expr: Expr) -> Binary | None:
    if isinstance(expr, Binary) and expr.op in (*_LESS, *_GREATER):
        return expr
    if isinstance(expr, Binary) and expr.op == "or" and isinstance(expr.left, IsNull):
        return _comparison(expr.right)
    return None


def _eligible(column: Column) -> bool:
    return (
        column.generator.strategy == "random"
        and column.type.kind in _NUMBER
        and not column.unique
        and not column.primary_key
        and column.when is None
    )


def _step(column: Column) -> float:
    """The smallest difference the column's values make (strict comparisons need it)."""
    kind = column.type.kind
    if kind in (TypeKind.INTEGER, TypeKind.BIGINT):
        return 1.0
    if kind is TypeKind.DECIMAL:
        return 10.0 ** -(column.type.scale or 0)
    return 0.0


def _lit(value: float) -> Lit:
    return Lit(value=int(value) if float(value).is_integer() and abs(value) < 2**53 else value)


def _minus(acc: Expr, coef: float, term: Expr) -> Expr:
    """``acc - coef * term`` with the trivial coefficients left out."""
    if coef == 1.0:
        return Binary(op="-", left=acc, right=term)
    if coef == -1.0:
        return Binary(op="+", left=acc, right=term)
    return Binary(op="-", left=acc, right=Binary(op="*", left=_lit(coef), right=term))


@dataclass
class _Budget:
    """One column's bound: ``coef * column <= rhs`` (``<=`` after normalising)."""

    column: str
    coef: float
    rhs: Expr
    #: ``rhs`` as a number at its tightest, when every part is constant.
    worst: float | None


Extreme = Callable[[Column, bool], Expr]
OwnRange = Callable[[Column], tuple[float, float] | None]


def budget_bounds(
    check: Check,
    table: Table,
    solved: str | None,
    extreme: Extreme,
    own_range: OwnRange,
    closure: Callable[[set[str]], set[str]],
) -> list[tuple[str, bool, Expr]]:
    """Bounds ``(column, is_min, expr)`` that make every row pass ``check`` when it is
    linear in two or more random number columns. ``solved`` is the column the simple
    rewrite already bounded (it stays the last one drawn); ``extreme(column, low)``
    is the column's ``min`` (``low``) or ``max`` as an expression."""
    cmp = _comparison(check.expr)
    if cmp is None:
        return []
    form = LinearForm()
    inline = _computed(table)
    form.add(linearize(cmp.left, inline), 1.0)
    form.add(linearize(cmp.right, inline), -1.0)
    if cmp.op in _GREATER:  # normalise to ``form <= 0`` (or ``< 0``)
        scaled = LinearForm()
        scaled.add(form, -1.0)
        form = scaled
    names = table.column_names
    in_terms = {r.path[0] for _, e in form.terms for r in refs(e)}
    chosen = [
        n
        for n, c in form.coefs.items()
        if c != 0.0 and n in names and n not in in_terms and _eligible(table.column(n))
    ]
    if solved is not None and solved not in chosen:
        return []
    chosen.sort(key=names.index)
    if solved is not None:
        chosen.remove(solved)
        chosen.append(solved)
    if len(chosen) < 2 and solved is not None:
        return []
    if not chosen:
        return []
    last = table.column(chosen[-1])
    margin = abs(form.coefs[chosen[-1]]) * _step(last) if cmp.op == "<" else 0.0
    # Columns of the form that are not drawn here (keys, computed, …) are fixed terms.
    fixed: list[tuple[float, Expr]] = [
        (c, Ref(path=(n,))) for n, c in form.coefs.items() if n not in chosen and c != 0.0
    ]
    out: list[tuple[str, bool, Expr]] = []
    for k, name in enumerate(chosen):
        if name == solved:
            continue  # the simple rewrite bounds it already (the same bound, exactly)
        budget = _budget(form, chosen, k, fixed, margin, table, extreme, own_range)
        if budget is None:
            continue
        column = table.column(name)
        if _cannot_bind(budget, own_range(column)):
            continue
        bound: Expr = budget.rhs
        if budget.coef != 1.0:
            bound = Binary(op="/", left=bound, right=_lit(budget.coef))
        reads = {r.path[0] for r in refs(bound) if r.path[0] in names}
        if name in closure(reads):
            continue  # it would depend on itself: leave the row to the re-draw loop
        out.append((name, budget.coef < 0, bound))
    return out


def _budget(
    form: LinearForm,
    chosen: list[str],
    k: int,
    fixed: list[tuple[float, Expr]],
    margin: float,
    table: Table,
    extreme: Extreme,
    own_range: OwnRange,
) -> _Budget | None:
    """``coef_k * x_k <= -(const + margin) - earlier columns - fixed terms - each later
    column at the value that leaves the most room``; ``worst`` bounds it below."""
    name = chosen[k]
    rhs: Expr = _lit(-(form.const + margin))
    worst: float | None = -(form.const + margin)
    for j, other in enumerate(chosen):
        if j == k:
            continue
        c = form.coefs[other]
        column = table.column(other)
        own = own_range(column)
        if j < k:
            rhs = _minus(rhs, c, Ref(path=(other,)))
            if worst is not None and own is not None:
                worst -= c * (own[1] if c > 0 else own[0])
            else:
                worst = None
        else:
            rhs = _minus(rhs, c, extreme(column, c > 0))
            if worst is not None and own is not None:
                worst -= c * (own[0] if c > 0 else own[1])
            else:
                worst = None
    for c, term in [*fixed, *form.terms]:
        rhs = _minus(rhs, c, term)
        worst = None
    return _Budget(name, form.coefs[name], rhs, worst)


def _cannot_bind(budget: _Budget, own: tuple[float, float] | None) -> bool:
    """True when the bound lies outside the column's own range for every row."""
    if budget.worst is None or own is None:
        return False
    limit = budget.worst / budget.coef
    return limit >= own[1] if budget.coef > 0 else limit <= own[0]
