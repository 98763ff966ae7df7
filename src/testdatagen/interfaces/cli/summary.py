"""The end of a generate run: what was made, how fast, and where it went."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from testdatagen.interfaces.cli.run import RunSummary
from testdatagen.outputs.base import OutputResult, WrittenItem

__all__ = ["human_size", "print_summary", "summary_json"]


def human_size(size: int | None) -> str:
    if size is None:
        return "—"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    return f"{value:,.1f} TB"  # pragma: no cover - unreachable


def item_size(item: WrittenItem) -> int | None:
    """Outputs report bytes when they know them; a plain file can be measured."""
    if item.bytes is not None:
        return item.bytes
    path = Path(item.location)
    return path.stat().st_size if path.is_file() else None


def output_size(result: OutputResult) -> int | None:
    sizes = [item_size(i) for i in result.items]
    known = [s for s in sizes if s is not None]
    if known:
        # Database tables share one file: report the file once when items cannot say.
        return sum(known)
    path = Path(result.target.removeprefix("sqlite:///"))
    return path.stat().st_size if path.is_file() else None


def shown(location: str) -> str:
    """Locations under the current directory are shown relative to it."""
    return location.replace(f"{Path.cwd()}/", "")


def print_summary(console: Console, summary: RunSummary) -> None:
    console.print(
        f"[ok]✓[/] generated [number]{summary.rows:,}[/] rows in {summary.seconds:.2f}s "
        f"([number]{summary.rows_per_second:,.0f}[/] rows/s) · seed {summary.seed} · "
        f"locale {summary.locale}"
    )
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name, justify in (("output", "left"), ("table", "left"), ("rows", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("location", style="path", overflow="fold")
    table.add_column("size", justify="right")
    for result in summary.outputs:
        for item in result.items:
            size = human_size(item_size(item))
            table.add_row(result.kind, item.table, f"{item.rows:,}", shown(item.location), size)
    console.print(table)
    for result in summary.outputs:
        if any(item_size(i) is None for i in result.items):
            total = human_size(output_size(result))
            console.print(f"  {result.kind} → [path]{shown(result.target)}[/]: {total}")


def summary_json(summary: RunSummary) -> str:
    """The ``--json`` document; its keys are documented in docs/cli.md."""
    payload: dict[str, Any] = {
        "status": "ok",
        "source": summary.source,
        "plan": summary.plan,
        "seed": summary.seed,
        "locale": summary.locale,
        "rows": summary.rows,
        "seconds": round(summary.seconds, 6),
        "rows_per_second": round(summary.rows_per_second, 1),
        "tables": [{"name": n, "rows": r} for n, r in summary.tables.items()],
        "outputs": [
            {
                "kind": result.kind,
                "target": result.target,
                "bytes": output_size(result),
                "items": [
                    {
                        "table": i.table,
                        "rows": i.rows,
                        "location": i.location,
                        "bytes": item_size(i),
                        "sha256": i.sha256,
                    }
                    for i in result.items
                ],
            }
            for result in summary.outputs
        ],
    }
    return json.dumps(payload)
