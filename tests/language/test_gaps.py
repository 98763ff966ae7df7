"""Forms added so models read back exactly: llm, format parameters, negative
literals and choice values, foreign-key groups; and import aliases are refused."""

from __future__ import annotations

from testdatagen.language.api import analyze_text, load_text
from testdatagen.language.printer import print_project
from testdatagen.model import FormatGen, Lit, LlmGen, ReferenceGen


def _column(text: str, name: str = "x") -> object:
    project = load_text(f"schema S {{ table t {{ {text} }} }}")
    return project.schemas[0].tables[0].column(name)


def _codes(text: str) -> list[str]:
    return [d.code for d in analyze_text(f"schema S {{ table t {{ {text} }} }}").diagnostics]


def test_llm_wraps_the_columns_strategy_as_fallback() -> None:
    col = _column(
        "x text [llm(prompt: 'A review', model: 'm', cache: 'c', max_cost_usd: 2), format: sentence]"
    )
    gen = col.generator  # type: ignore[attr-defined]
    assert isinstance(gen, LlmGen)
    assert (gen.prompt, gen.model, gen.cache, gen.max_cost_usd) == ("A review", "m", "c", 2.0)
    assert gen.fallback == FormatGen(name="sentence")


def test_llm_mistakes_are_reported() -> None:
    assert "TDG206" in _codes("x text [llm(promt: 'x')]")
    assert "TDG206" in _codes("x text [llm('x')]")
    assert "TDG207" in _codes("x text [llm(prompt: 'x'), compute: 1]")
    assert "TDG200" in _codes("x integer [llm(prompt: 'x')]")


def test_format_parameters_are_read() -> None:
    col = _column("x string(80) [format: email(domain: 'example.org', plus: true)]")
    assert col.generator == FormatGen(  # type: ignore[attr-defined]
        name="email", params={"domain": "example.org", "plus": True}
    )
    assert "TDG206" in _codes("x string(80) [format: email('example.org')]")


def test_negative_numbers_are_literals_everywhere() -> None:
    col = _column("x integer [min: -5, max: -(2), choice: {-1: 50%, 2: 50%}]")
    assert col.min == Lit(value=-5)  # type: ignore[attr-defined]
    assert col.max == Lit(value=-2)  # type: ignore[attr-defined]
    assert col.generator.values == (-1, 2)  # type: ignore[attr-defined]


def test_foreign_key_groups_are_named_by_their_columns() -> None:
    project = load_text(
        """schema S {
          table p { a integer [unique, not_null]  b integer [not_null]  unique (a, b) }
          table c {
            a integer  b integer  d integer
            foreign_key (a, b) references p (a, b)
            foreign_key (d) references p (a)
          }
        }"""
    )
    child = project.schemas[0].table("c")
    groups = {c.name: c.generator.group for c in child.columns}  # type: ignore[union-attr]
    assert groups == {"a": "fk_a_b", "b": "fk_a_b", "d": None}
    assert isinstance(child.column("d").generator, ReferenceGen)
    assert load_text(print_project(project)) == project


def test_import_alias_is_an_error_not_ignored() -> None:
    analysis = analyze_text("import 'x.tdg' as x", base_dir="/nonexistent")
    assert "TDG023" in [d.code for d in analysis.diagnostics]
