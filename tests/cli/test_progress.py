"""Progress reporters: plain lines for logs, live bars for terminals."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.progress import (
    NullReporter,
    PlainReporter,
    RichReporter,
    make_reporter,
)


def console(terminal: bool = False) -> Console:
    return Console(file=StringIO(), width=100, force_terminal=terminal, no_color=True)


def text(c: Console) -> str:
    return c.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def test_plain_reports_each_finished_table_once() -> None:
    c = console()
    reporter = PlainReporter(c, interval_s=3600)
    reporter.start_output("csv → out/", {"a": 10, "b": 4})
    for done in (5, 10, 10):
        reporter.update("a", done)
    reporter.update("b", 4)
    lines = text(c).splitlines()
    assert lines[0] == "csv → out/"
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["a", "b"]
    assert "10 rows in" in lines[1] and "rows/s" in lines[1]


def test_plain_reports_long_tables_periodically_with_eta() -> None:
    c = console()
    reporter = PlainReporter(c, interval_s=0)
    reporter.start_output("parquet → out/", {"a": 100})
    reporter.update("a", 25)
    reporter.update("a", 50)
    periodic = [line for line in text(c).splitlines() if "eta" in line]
    assert len(periodic) == 2 and "25/100 rows (25%)" in periodic[0]


def test_rich_bars_finish_every_table() -> None:
    c = console(terminal=True)
    reporter = RichReporter(c)
    reporter.start_output("csv → out/", {"a": 3, "b": 2})
    reporter.update("a", 3)
    reporter.update("b", 2)
    reporter.close()
    output = text(c)
    assert "3/3" in output and "2/2" in output


def test_quiet_and_json_silence_progress() -> None:
    assert isinstance(make_reporter(make_consoles(quiet=True)), NullReporter)
    assert isinstance(make_reporter(make_consoles(json=True)), NullReporter)
