"""Parser: the AST it builds, the spans it records, keyword handling, recovery."""

from __future__ import annotations

from testdatagen.language import ast
from testdatagen.language.parser import lark_parser, parse_text
from testdatagen.model import Binary, Call, If, In, IsNull, Lit, Ref, Unary


def _column(text: str) -> ast.ColumnDecl:
    result = parse_text(f"schema S {{\n  table t {{\n    {text}\n  }}\n}}\n", "f.tdg")
    assert result.diagnostics == []
    schema = result.ast.items[0]
    assert isinstance(schema, ast.SchemaDecl)
    table = schema.items[0]
    assert isinstance(table, ast.TableDecl)
    column = table.items[0]
    assert isinstance(column, ast.ColumnDecl)
    return column


def test_parser_is_built_once() -> None:
    assert lark_parser() is lark_parser()


def test_column_spans_point_at_source() -> None:
    col = _column("email  string(120)  [unique, format: email]")
    assert (col.name.span.line, col.name.span.column) == (3, 5)
    assert col.name.span.file == "f.tdg"
    assert (col.type.name, col.type.args) == ("string", (120,))
    fmt = col.settings[1]
    assert fmt.name == "format"
    assert (fmt.value_span.line, fmt.value_span.column) == (3, 42)
    assert fmt.value_span.end_column == 47


def test_settings_shapes() -> None:
    col = _column(
        "x integer [sequential(start: 5, step: 2), per_parent: 1..5, "
        "choice: {'a': 70%, 'b': 30%}, min: -3]"
    )
    seq, per, choice, low = col.settings
    assert seq.call and dict(seq.kwargs) == {
        "start": Lit(value=5),
        "step": Lit(value=2),
    }
    assert isinstance(per.value, ast.RangeValue)
    assert isinstance(choice.value, ast.WeightsValue)
    assert [(w.weight, w.percent) for w in choice.value.items] == [(70.0, True), (30.0, True)]
    assert low.value == Lit(value=-3)


def test_expressions_follow_precedence() -> None:
    col = _column("x integer [compute: a + b * 2 >= 3 and not c is null or d in ('x', 'y')]")
    expr = col.settings[0].value
    assert isinstance(expr, Binary) and expr.op == "or"
    left = expr.left
    assert isinstance(left, Binary) and left.op == "and"
    cmp_ = left.left
    assert isinstance(cmp_, Binary) and cmp_.op == ">="
    assert isinstance(cmp_.left, Binary) and cmp_.left.op == "+"
    assert isinstance(left.right, Unary) and isinstance(left.right.operand, IsNull)
    assert isinstance(expr.right, In) and len(expr.right.options) == 2


def test_if_percent_and_not_equal() -> None:
    col = _column("x integer [compute: if a <> 1 then 15% elif b then 2 else 0 end]")
    expr = col.settings[0].value
    assert isinstance(expr, If)
    assert len(expr.branches) == 2
    cond, then = expr.branches[0]
    assert isinstance(cond, Binary) and cond.op == "!="
    assert then == Lit(value=15, unit="percent")


def test_strings_use_sql_quoting() -> None:
    col = _column("x string [pattern: 'it''s \\d{4}']")
    assert col.settings[0].value == Lit(value="it's \\d{4}")


def test_keywords_are_names_where_unambiguous() -> None:
    col = _column('"check"  integer  [references: t.id, compute: end_date.year]')
    assert col.name.name == "check" and col.name.quoted
    ref = col.settings[1].value
    assert isinstance(ref, Ref) and ref.path == ("end_date", "year")


def test_call_with_named_args() -> None:
    col = _column("x integer [distribution: normal(mean: 38, sd: 12)]")
    call = col.settings[0].value
    assert isinstance(call, Call) and set(call.kwargs) == {"mean", "sd"}


def test_comments_are_kept_for_the_formatter() -> None:
    text = "// head\nschema S { /* inline */ table t { id integer } } // tail\n"
    result = parse_text(text, None)
    assert [c for _, c in result.ast.comments] == ["// head", "/* inline */", "// tail"]


def test_recovery_reports_an_error_per_broken_table() -> None:
    text = (
        "schema S {\n  table a { id integer [unique not_null] }\n"
        "  table b { id integer [min = 1] }\n  table c { id integer }\n}\n"
    )
    result = parse_text(text, "r.tdg")
    assert [d.code for d in result.diagnostics] == ["TDG013", "TDG016"]
    schema = result.ast.items[0]
    assert isinstance(schema, ast.SchemaDecl)
    assert [t.name.name for t in schema.items] == ["c"]


def test_recovery_across_top_level_items() -> None:
    text = "enum e { a b }\nschema S { table t { x integer [min = 1] } }\ngenerate g { seed = 1 }\n"
    result = parse_text(text, None)
    assert [d.code for d in result.diagnostics] == ["TDG016", "TDG016"]
    assert isinstance(result.ast.items[0], ast.EnumDecl)


def test_grammar_is_strict_lalr() -> None:
    """No shift/reduce conflicts and no colliding terminals (needs interegular)."""
    from lark import Lark

    from testdatagen.language.parser import grammar_text

    Lark(grammar_text(), parser="lalr", strict=True, start=["start", "schema_item"])


def test_cached_parser_still_collects_comments() -> None:
    lark_parser.cache_clear()
    result = parse_text("// a\nenum e { x }\n", None)
    assert [c for _, c in result.ast.comments] == ["// a"]
