"""The printer writes text the .tdg reader turns back into the same model."""

from __future__ import annotations

import pytest
from config_models import expressions, schemas
from hypothesis import HealthCheck, given, settings

from testdatagen.language.api import analyze_text
from testdatagen.language.config.exprs import parse_expression, print_expr
from testdatagen.language.printer import print_project, print_schema
from testdatagen.model import Expr, Project, Schema


@settings(deadline=None)
@given(expressions)
def test_expressions_print_and_parse_back(expr: Expr) -> None:
    text = print_expr(expr)
    assert parse_expression(text) == expr, text


def _reparsed(schema: Schema) -> Schema:
    text = print_schema(schema)
    analysis = analyze_text(text)
    assert analysis.project is not None, (text, [d.headline() for d in analysis.diagnostics])
    (again,) = analysis.project.schemas
    return again


_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _reads_back(schema: Schema) -> None:
    again = _reparsed(schema)
    assert again.model_dump(mode="json") == schema.model_dump(mode="json"), print_schema(schema)


@settings(max_examples=15, deadline=None, suppress_health_check=_QUIET)
@given(schemas())
def test_printed_schemas_read_back_equal(schema: Schema) -> None:
    _reads_back(schema)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=_QUIET)
@given(schemas())
def test_printed_schemas_read_back_equal_many(schema: Schema) -> None:
    _reads_back(schema)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(schemas())
def test_printing_is_canonical(schema: Schema) -> None:
    text = print_project(Project(schemas=(schema,)))
    assert print_project(Project(schemas=(_reparsed(schema),))) == text
