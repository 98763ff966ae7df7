"""The front end's speed work keeps its meaning: same results, linear in the input.

Each rewrite made for speed (iterative cycle search, row counts settled by
chain, one regex match per token, the fast ``Span`` constructor, the
collector pause) is compared here with the straightforward version it
replaced, or with lark, on generated inputs. benchmarks/bench_parse.py
measures the speed itself; no test here is timed.
"""

from __future__ import annotations

import dataclasses
import gc
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.errors import Span
from testdatagen.language.api import analyze_text
from testdatagen.language.checks.graph import find_cycles
from testdatagen.language.checks.rowcounts import minimum_rows
from testdatagen.language.fastlex import make_span, tokenize
from testdatagen.language.fastparse import fast_parse
from testdatagen.language.parser import parse_text_lark
from testdatagen.model import GeneratePlan, IntRange, Schema

from .test_fastparse import assert_same

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


# -- cycles ----------------------------------------------------------------------


def recursive_find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The recursive search ``find_cycles`` replaced (it overflowed on long chains)."""
    cycles: list[list[str]] = []
    seen_sets: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                if frozenset(cycle) not in seen_sets:
                    seen_sets.add(frozenset(cycle))
                    cycles.append(cycle)
            elif nxt not in state and nxt in graph:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    return cycles


graphs = st.dictionaries(
    st.sampled_from("abcdefgh"), st.sets(st.sampled_from("abcdefghij"), max_size=4), max_size=8
)


@given(graphs)
def test_find_cycles_matches_the_recursive_search(graph: dict[str, set[str]]) -> None:
    assert find_cycles(graph) == recursive_find_cycles(graph)


def _chain(tables: int) -> str:
    """Each table's not_null key points at the next one, declared after it."""
    parts = ["schema S {"]
    for i in range(tables):
        parts.append(f"  table t{i} {{\n    id bigint [primary_key]")
        if i < tables - 1:
            parts.append(f"    p bigint [not_null, references: t{i + 1}.id]")
        parts.append("  }")
    return "\n".join([*parts, "}"]) + "\n"


def test_a_long_reference_chain_is_not_too_deep() -> None:
    """Regression: 1,500 chained tables were reported as TDG010 'nests too deeply'."""
    assert analyze_text(_chain(1500), filename="chain.tdg").diagnostics == []


def test_a_long_reference_cycle_is_reported_once() -> None:
    text = _chain(1200).replace(
        "  table t1199 {", "  table t1199 {\n    p bigint [not_null, references: t0.id]"
    )
    codes = [d.code for d in analyze_text(text, filename="ring.tdg").diagnostics]
    assert codes == ["TDG311"]


# -- row counts --------------------------------------------------------------------


def rounds_minimum_rows(
    schema: Schema, plan: GeneratePlan, counts: dict[str, int]
) -> dict[str, int]:
    """The settling ``minimum_rows`` used before: one level of per_parent per round."""
    counts = dict(counts)
    links = {}
    for table in schema.tables:
        link = table.per_parent
        if link is not None and table.name not in plan.rows:
            links[table.name] = link[1]
    for _ in range(len(links)):
        changed = False
        for name, ref in links.items():
            parents = counts.get(ref.table)
            if name not in counts and parents is not None and isinstance(ref.per_parent, IntRange):
                counts[name] = parents * max(ref.per_parent.low, 0)
                changed = True
        if not changed:
            break
    return counts


per_parent_links = st.lists(
    st.tuples(
        st.integers(0, 7),  # parent table index
        st.sampled_from(["1..3", "0..2", "2", "uniform"]),  # uniform is a distribution
    )
    | st.none(),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(per_parent_links, st.sets(st.integers(0, 7)))
def test_minimum_rows_matches_settling_by_rounds(
    links: list[tuple[int, str] | None], counted: set[int]
) -> None:
    tables = len(links)
    parts = ["schema S {"]
    for i, link in enumerate(links):
        parts.append(f"  table t{i} {{\n    id bigint [primary_key]")
        if link is not None:
            parent, per_parent = link
            parts.append(
                f"    p bigint [references: t{parent % tables}.id, per_parent: {per_parent}]"
            )
        parts.append("  }")
    parts.append("}\ngenerate g {\n  schema: S\n  rows {")
    parts += [f"    t{i}: {10 + i}" for i in sorted(counted) if i < tables]
    parts.append("  }\n}")
    project = analyze_text("\n".join(parts) + "\n", filename="rows.tdg").project
    assert project is not None
    schema, plan = project.schemas[0], project.plans[0]
    explicit = {t: 10 + int(t[1:]) for t in plan.rows}
    assert minimum_rows(schema, plan) == rounds_minimum_rows(schema, plan, explicit)


# -- tokens and spans ------------------------------------------------------------


def test_make_span_builds_the_same_span() -> None:
    fast, slow = make_span("f.tdg", 3, 5, 4, 1), Span("f.tdg", 3, 5, 4, 1)
    assert type(fast) is Span
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert dataclasses.astuple(fast) == dataclasses.astuple(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.line = 1  # type: ignore[misc]


_MULTILINE = """\
/* a block comment
   over three
   lines */ schema S { // trailing
  table t [comment: 'a comment
that spans two lines'] {
    a string(9) [choice: {'x''y': 50%, 'z': 50%}, null_rate: 5%]
    b integer [min: 1, max: 1e3]   /* inline */  c date
  }
}
"""


def test_tokens_spanning_lines_keep_lark_positions() -> None:
    assert_same(parse_text_lark(_MULTILINE, "m.tdg").ast, fast_parse(_MULTILINE, "m.tdg"))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["a", "'s\nt'", "/*\n*/", "// c\n", "\n", " ", "1.5", "9%", "{"])))
def test_token_lines_are_where_the_text_puts_them(pieces: list[str]) -> None:
    text = " ".join(pieces)
    toks = tokenize(text, None)
    for value, start, line in zip(toks.values, toks.starts, toks.lines, strict=True):
        assert text[start : start + len(value)] == value
        assert line == text.count("\n", 0, start) + 1


# -- the collector pause ---------------------------------------------------------


def test_a_run_leaves_no_cycles_behind() -> None:
    """The run's objects go straight to the oldest generation, which is only sound
    while a run makes no reference cycles (they would wait for a full collection)."""
    text = (EXAMPLES / "shop.tdg").read_text()
    analyze_text(text, filename="shop.tdg", base_dir=EXAMPLES)  # imports, caches
    gc.collect()
    analysis = analyze_text(text, filename="shop.tdg", base_dir=EXAMPLES)
    del analysis
    assert gc.collect() == 0


def test_the_collector_state_is_restored() -> None:
    text = (EXAMPLES / "shop.tdg").read_text()
    assert gc.isenabled()
    analyze_text(text, filename="shop.tdg", base_dir=EXAMPLES)
    assert gc.isenabled()
    gc.disable()
    try:
        analyze_text(text, filename="shop.tdg", base_dir=EXAMPLES)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_the_host_froze_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        analyze_text("schema S { table t { id bigint [primary_key] } }", filename="x.tdg")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_the_benchmark_runs_on_a_file_without_findings() -> None:
    """bench_parse.py asserts its generated file checks clean; a new check that
    flags it would make the benchmark measure the error path instead."""
    script = ROOT / "benchmarks" / "bench_parse.py"
    done = subprocess.run(
        [sys.executable, str(script), "12", "1"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("12 tables, ")
