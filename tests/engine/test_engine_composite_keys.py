"""Composite foreign keys inside composite keys: the pair always names one parent row.

Regression tests for the bug "composite FK whose columns also form the child's
composite PK generates pairs that match no parent": the joint bijection drew
each column of the key independently and ignored ``ReferenceGen.group``.
"""

from __future__ import annotations

import pyarrow as pa
import pytest
from engine_models import K, t

from testdatagen.engine import generate
from testdatagen.errors import GenerationError
from testdatagen.model import Column, ReferenceGen, Schema, SequentialGen, Table
from testdatagen.model.expr import Lit


def _fk(name: str, parent: str, column: str, group: str) -> Column:
    gen = ReferenceGen(table=parent, column=column, group=group)
    return Column(name=name, type=t(K.INTEGER), not_null=True, generator=gen)


def _parent() -> Table:
    """``table a {x int, y int, primary_key (x, y)}``; x is sequential so the parent's key
    holds by construction, y has few values, so independent draws of x and y would
    often pair into a missing parent."""
    return Table(
        name="a",
        primary_key=("x", "y"),
        columns=(
            Column(name="x", type=t(K.INTEGER), not_null=True, generator=SequentialGen()),
            Column(name="y", type=t(K.INTEGER), not_null=True, min=Lit(value=1), max=Lit(value=9)),
        ),
    )


def _schema(child: Table) -> Schema:
    d = Table(
        name="d",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.INTEGER), primary_key=True, generator=SequentialGen()),
        ),
    )
    return Schema(name="S", tables=(_parent(), d, child))


def _pairs(table: pa.Table) -> list[tuple[object, object]]:
    return list(zip(table["x"].to_pylist(), table["y"].to_pylist(), strict=True))


def _check(schema: Schema, rows: dict[str, int], key: tuple[str, ...]) -> pa.Table:
    ds = generate(schema, rows=rows, seed=7, chunk_rows=13)
    parents = set(_pairs(ds.to_arrow("a")))
    assert len(parents) == rows["a"], "the parent's own composite key must hold"
    child = ds.to_arrow("b")
    assert child.num_rows == rows["b"]
    missing = [p for p in _pairs(child) if p not in parents]
    assert missing == [], f"{len(missing)} child rows name no parent, e.g. {missing[:3]}"
    keys = list(zip(*(child[k].to_pylist() for k in key), strict=True))
    assert len(set(keys)) == len(keys), f"child key {key} repeats"
    return child


def test_composite_fk_inside_a_composite_pk_of_references_matches_a_parent() -> None:
    """``primary_key (x, y, w)`` with ``foreign_key (x, y) references a(x, y)`` and
    ``w references d.id``: the joint bijection has two units, (x, y) and w."""
    child = Table(
        name="b",
        primary_key=("x", "y", "w"),
        columns=(
            _fk("x", "a", "x", "fk_x_y"),
            _fk("y", "a", "y", "fk_x_y"),
            Column(
                name="w",
                type=t(K.INTEGER),
                not_null=True,
                generator=ReferenceGen(table="d", column="id"),
            ),
        ),
    )
    _check(_schema(child), {"a": 50, "d": 3, "b": 140}, ("x", "y", "w"))


def test_composite_fk_inside_a_composite_pk_with_a_random_column_matches_a_parent() -> None:
    """The brief's schema: ``primary_key (x, y, z)``, z random (seen-set fallback, which
    re-draws x and y together from the key's shared stream)."""
    child = Table(
        name="b",
        primary_key=("x", "y", "z"),
        columns=(
            _fk("x", "a", "x", "fk_x_y"),
            _fk("y", "a", "y", "fk_x_y"),
            Column(name="z", type=t(K.INTEGER), not_null=True, min=Lit(value=1), max=Lit(value=5)),
        ),
    )
    _check(_schema(child), {"a": 50, "d": 3, "b": 200}, ("x", "y", "z"))


def _exact() -> Table:
    """The composite PK is exactly the composite FK: at most one child per parent."""
    return Table(
        name="b",
        primary_key=("x", "y"),
        columns=(_fk("x", "a", "x", "fk_x_y"), _fk("y", "a", "y", "fk_x_y")),
    )


def test_composite_pk_equal_to_the_composite_fk_is_one_to_one() -> None:
    child = _check(_schema(_exact()), {"a": 50, "d": 1, "b": 50}, ("x", "y"))
    assert child.num_rows == 50


def test_composite_pk_equal_to_the_composite_fk_rejects_more_children_than_parents() -> None:
    with pytest.raises(GenerationError) as info:
        generate(_schema(_exact()), rows={"a": 10, "d": 1, "b": 11}).to_arrow("b")
    assert info.value.diagnostics[0].code == "TDG531"


def _random_parent() -> Table:
    """The brief's parent: ``table a {x int, y int, primary_key (x, y)}`` with both
    columns random; the key is a joint bijection over their ranges (30 × 30)."""
    return Table(
        name="a",
        primary_key=("x", "y"),
        columns=(
            Column(name="x", type=t(K.INTEGER), not_null=True, min=Lit(value=1), max=Lit(value=30)),
            Column(name="y", type=t(K.INTEGER), not_null=True, min=Lit(value=1), max=Lit(value=30)),
        ),
    )


def test_random_composite_parent_key_is_unique_and_its_children_match_it() -> None:
    """Regression: through the seen-set, a child following the key saw the parent's
    values before de-duplication, so a one-to-one child repeated pairs."""
    schema = Schema(name="S", tables=(_random_parent(), _exact()))
    child = _check(schema, {"a": 800, "b": 800}, ("x", "y"))
    assert child.num_rows == 800
    ds = generate(schema, rows={"a": 800, "b": 800}, seed=7)
    assert ds.to_arrow("a").num_rows == 800
    assert ds.fallback.checked == {}, "the parent key needs no seen-set any more"


def test_random_composite_key_too_small_for_the_rows_is_an_error() -> None:
    schema = Schema(name="S", tables=(_random_parent(),))
    with pytest.raises(GenerationError) as info:
        generate(schema, rows={"a": 901}).to_arrow("a")
    assert info.value.diagnostics[0].code == "TDG531"
