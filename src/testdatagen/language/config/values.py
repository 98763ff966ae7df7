"""Small config values that become model nodes: distributions, per_parent, bounds."""

from __future__ import annotations

import datetime as dt
import re

from testdatagen.language.config.codes import TDG701, TDG712
from testdatagen.language.config.context import Context, did_you_mean
from testdatagen.language.config.exprs import scalar_expr
from testdatagen.language.config.positions import Path
from testdatagen.language.config.rules import DistributionSpec, ExprValue, RangeSpec
from testdatagen.model.catalog import DISTRIBUTIONS, canonical_params
from testdatagen.model.expr import Call, Expr, Lit, Unary
from testdatagen.model.schema import Distribution, IntRange

__all__ = ["lower_bound", "lower_distribution", "lower_per_parent"]

BoundValue = int | float | dt.datetime | dt.date | str | ExprValue
_DIST_HINT = "name the parameters: 'normal(mean: 38, sd: 12)', 'zipf(s: 1.2)', 'poisson(lam: 3)'"
#: Other names of the same distributions, as statistics packages spell them.
_DIST_ALIASES = {
    "gaussian": "normal",
    "gauss": "normal",
    "norm": "normal",
    "log_normal": "lognormal",
    "log-normal": "lognormal",
    "lognorm": "lognormal",
    "exp": "exponential",
    "expon": "exponential",
    "zipfian": "zipf",
    "pareto": "zipf",
}
#: ``1-5``, ``1 to 5``, ``1...5``: a range written the way people write ranges.
_DASHED = re.compile(r"\s*(?P<low>\d+)\s*(?:-|–|to|\.\.\.|…|,)\s*(?P<high>\d+)\s*\Z")


def _number(expr: Expr) -> float | None:
    match expr:
        case Lit(value=value) if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        case Unary(op="-", operand=Lit(value=value)) if isinstance(value, int | float):
            return -float(value)
    return None


def _from_call(call: Call, ctx: Context, path: Path) -> Distribution | None:
    params: dict[str, float] = {}
    for key, arg in call.kwargs.items():
        number = _number(arg)
        if number is None:
            ctx.error(TDG701, f"distribution parameter '{key}' must be a number", path)
            return None
        params[key] = number
    if call.args:
        ctx.error(TDG701, "name distribution parameters: normal(mean: 38, sd: 12)", path)
        return None
    return Distribution(name=call.name, params=params)


def _known(dist: Distribution, ctx: Context, path: Path) -> Distribution | None:
    params, problems = canonical_params(dist.name, dist.params)
    for problem in problems:
        ctx.error(TDG701, problem, path)
    if problems:
        return None
    if params is not dist.params:
        dist = dist.model_copy(update={"params": params})
    info = DISTRIBUTIONS.get(dist.name)
    if info is None:
        alias = _DIST_ALIASES.get(dist.name.lower())
        hint = (
            (f"did you mean '{alias}'?" if alias else None)
            or did_you_mean(dist.name, DISTRIBUTIONS)
            or f"known: {', '.join(DISTRIBUTIONS)}"
        )
        ctx.error(TDG712, f"unknown distribution '{dist.name}'", path, hint)
        return None
    missing = [p for p in info.required if p not in dist.params]
    unknown = [p for p in dist.params if p not in info.required and p not in info.optional]
    if missing or unknown:
        wanted = ", ".join((*info.required, *info.optional)) or "none"
        what = f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(unknown)}"
        ctx.error(TDG701, f"distribution '{dist.name}': {what}", path, f"parameters: {wanted}")
        return None
    return dist


def lower_distribution(
    spec: str | DistributionSpec, ctx: Context, path: Path
) -> Distribution | None:
    """``'zipf(s: 1.2)'``, ``'uniform'`` or ``{name: zipf, s: 1.2}``."""
    if isinstance(spec, DistributionSpec):
        params = dict(spec.model_extra or {})
        return _known(Distribution(name=spec.name, params=params), ctx, path)
    expr = ctx.expr(spec, path, "distribution", _DIST_HINT)
    dist: Distribution | None
    match expr:
        case None:
            return None
        case Call():
            dist = _from_call(expr, ctx, path)
        case _ if spec.strip().isidentifier():
            dist = Distribution(name=spec.strip())
        case _:
            alias = _DIST_ALIASES.get(spec.strip().lower())
            hint = f"did you mean '{alias}'?" if alias else "e.g. 'normal(mean: 5, sd: 2)'"
            ctx.error(TDG701, f"'{spec}' is not a distribution", path, hint)
            return None
    return _known(dist, ctx, path) if dist else None


def lower_per_parent(
    spec: int | str | RangeSpec, ctx: Context, path: Path
) -> IntRange | Distribution | None:
    """``3``, ``'1..5'``, ``{min: 1, max: 5}`` or a discrete distribution."""
    if isinstance(spec, int):
        low = high = spec
    elif isinstance(spec, RangeSpec):
        low, high = spec.min, spec.max
    elif (pair := Context.int_range(spec)) is not None:
        low, high = pair
    elif (dashed := _DASHED.match(spec)) is not None:
        low, high = int(dashed["low"]), int(dashed["high"])
        ctx.error(
            TDG701,
            f"per_parent '{spec}' is not a range",
            path,
            f"write '{low}..{high}' (or {{min: {low}, max: {high}}})",
        )
        return None
    else:
        return lower_distribution(spec, ctx, path)
    if not 0 <= low <= high:
        ctx.error(TDG701, f"per_parent {low}..{high} must have 0 <= min <= max", path)
        return None
    return IntRange(low=low, high=high)


def lower_bound(value: BoundValue, ctx: Context, path: Path) -> Expr | None:
    """Numbers and ISO strings are literals; ``{expr: …}`` is an expression."""
    if isinstance(value, ExprValue):
        return ctx.expr(value.expr, path, "bound")
    if isinstance(value, dt.date):  # datetime is a date too
        return Lit(
            value=value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        )
    return scalar_expr(value)
