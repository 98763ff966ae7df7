"""Mistakes a new user makes outside the .tdg language, through the real ``tdg``.

Each is found by acting as that user; each test pins what the message must
carry — the option or place at fault, what is wrong, how to fix it, the
did-you-mean — the documented exit code (1 input, 2 usage, 3 output), no
traceback, and that nothing was written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from testdatagen.interfaces.cli.progress import RichReporter

from .test_subprocess import tdg

Invoke = Callable[..., Result]

SHOP = """\
schema Shop {
  table customers {
    id     integer  [primary_key, sequential]
    email  string   [format: email]
  }
  table orders {
    id           integer  [primary_key, sequential]
    customer_id  integer  [not_null, references: customers.id]
  }
}
generate dev {
  schema: Shop
  seed: 1
  param scale: 1
  param full: false
  rows { customers: 10 * scale, orders: 20 }
  output csv { dir: 'out/' }
}
"""
CONFIG = """\
tables:
  - name: t
    rows: 3
    columns:
      - {name: id, type: int, primary_key: true, rule: {type: sequence}}
"""


@pytest.fixture
def shop(workdir: Path) -> Path:
    path = workdir / "shop.tdg"
    path.write_text(SHOP, encoding="utf-8")
    return path


@pytest.fixture
def config(workdir: Path) -> Path:
    path = workdir / "t.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def written(workdir: Path) -> list[str]:
    """Everything under the work directory except the inputs the test wrote."""
    inputs = {"shop.tdg", "t.yaml"}
    return sorted(str(p.relative_to(workdir)) for p in workdir.rglob("*") if p.name not in inputs)


def clean(result: Result) -> str:
    assert "Traceback" not in result.output
    return " ".join(result.stderr.split())


# --locale


@pytest.mark.parametrize(
    ("locale", "hint"),
    [("de-DE", "did you mean 'de_DE'?"), ("de", "did you mean 'de_DE'?"), ("FR_fr", "'fr_FR'")],
)
def test_unknown_locale_is_a_usage_error_before_anything_is_written(
    invoke: Invoke, shop: Path, workdir: Path, locale: str, hint: str
) -> None:
    result = invoke("generate", str(shop), "--locale", locale)
    assert result.exit_code == 2, result.output
    err = clean(result)
    assert f"--locale: error[TDG103]: unknown locale '{locale}'" in err and hint in err
    assert f"{shop}:" not in err  # not blamed on the output block any more
    assert written(workdir) == []  # not even the output directory


def test_unknown_locale_in_preview_and_formats(invoke: Invoke, shop: Path) -> None:
    preview = invoke("preview", str(shop), "--locale", "ja")
    assert preview.exit_code == 2 and "did you mean 'ja_JP'?" in clean(preview)
    formats = invoke("formats", "--locale", "pt-BR", "--json")
    assert formats.exit_code == 2
    (diag,) = json.loads(formats.stdout)["diagnostics"]
    assert diag["path"] == "--locale" and diag["hint"] == "did you mean 'pt_BR'?"


# --set


def test_set_of_an_unknown_param_suggests_the_declared_one(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    result = invoke("generate", str(shop), "--set", "scal=2", "--json")
    assert result.exit_code == 2
    (diag,) = json.loads(result.stdout)["diagnostics"]
    assert diag["code"] == "TDG411" and diag["path"] == "--set scal=2"
    assert diag["hint"] == "did you mean 'scale'?"
    assert written(workdir) == []


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("scale=big", "param 'scale' is a number (declared as 1), got 'big'"),
        ("scale=true", "param 'scale' is a number (declared as 1), got true"),
        ("full=3", "param 'full' is true or false (declared as false), got 3"),
    ],
)
def test_set_with_a_value_of_the_wrong_kind(
    invoke: Invoke, shop: Path, workdir: Path, pair: str, message: str
) -> None:
    result = invoke("generate", str(shop), "--set", pair)
    assert result.exit_code == 2, result.output
    err = clean(result)
    assert f"--set {pair}: error[TDG410]: {message}" in err
    assert written(workdir) == []


def test_set_of_the_right_kind_still_works(invoke: Invoke, shop: Path, workdir: Path) -> None:
    result = invoke("generate", str(shop), "--set", "scale=2", "--set", "full=true", "--json")
    assert result.exit_code == 0, result.output
    assert {t["name"]: t["rows"] for t in json.loads(result.stdout)["tables"]}["customers"] == 20


def test_explain_checks_set_too(invoke: Invoke, shop: Path) -> None:
    result = invoke("explain", str(shop), "--set", "sclae=3", "--no-measure")
    assert result.exit_code == 2 and "did you mean 'scale'?" in clean(result)


def test_set_when_no_param_is_declared_says_how_to_declare_one(
    invoke: Invoke, config: Path
) -> None:
    result = invoke("generate", str(config), "--set", "scale=2", "--out", "o/")
    assert result.exit_code == 2
    assert "declares no params; add one: param scale: <default>" in clean(result)


# --rows and --set syntax


@pytest.mark.parametrize(
    ("pair", "fix"),
    [
        ("customers:10", "write --rows customers=10"),
        ("customers=1e3", "write --rows customers=1_000"),
        ("customers=1,000", "write --rows customers=1_000"),
        ("customers=ten", "e.g. --rows customers=1000"),
    ],
)
def test_rows_syntax_slips_show_the_pair_to_write(
    invoke: Invoke, shop: Path, pair: str, fix: str
) -> None:
    result = invoke("generate", str(shop), "--rows", pair)
    assert result.exit_code == 2
    err = clean(result).replace("│", " ")
    assert fix in " ".join(err.split())


# --out as a database URL


@pytest.mark.parametrize(
    ("url", "hint"),
    [("http://example.com/x", "--out takes a directory"), ("postgre://h/db", "'postgres://'")],
)
def test_out_with_a_scheme_that_is_no_database_is_a_usage_error(
    invoke: Invoke, shop: Path, workdir: Path, url: str, hint: str
) -> None:
    result = invoke("generate", str(shop), "--out", url)
    assert result.exit_code == 2, result.output
    err = clean(result)
    assert "--out: error[TDG614]" in err and "is not a database URL" in err and hint in err
    assert written(workdir) == []


def test_out_needing_a_driver_that_is_missing_fails_before_generating(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    result = invoke("generate", str(shop), "--out", "oracle://scott:tiger-99@h/db")
    assert result.exit_code == 3, result.output
    err = clean(result)
    assert "needs the Python package 'oracledb'" in err and "pip install oracledb" in err
    assert "tiger-99" not in result.output and "***" in err  # the password never shows
    assert written(workdir) == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://127.0.0.1", "names no database"),
        ("postgresql://127.0.0.1:abc/db", "cannot be parsed"),
        ("sqlite://", "names no database file"),
    ],
)
def test_a_malformed_database_url_is_a_usage_error(
    invoke: Invoke, shop: Path, workdir: Path, url: str, message: str
) -> None:
    result = invoke("generate", str(shop), "--out", url)
    assert result.exit_code == 2, result.output
    assert "--out: error[TDG614]" in clean(result) and message in clean(result)
    assert written(workdir) == []


def test_an_unknown_url_parameter_gets_a_suggestion(invoke: Invoke, shop: Path) -> None:
    result = invoke("generate", str(shop), "--out", "postgresql://h/db?sslmod=disable")
    assert result.exit_code == 2
    assert "did you mean 'sslmode' for 'sslmod'?" in clean(result)


def test_a_malformed_url_in_an_output_block_is_an_input_error_at_its_line(
    invoke: Invoke, workdir: Path
) -> None:
    path = workdir / "shop.tdg"
    path.write_text(
        SHOP.replace("output csv { dir: 'out/' }", "output postgresql { url: 'postgresql://h' }"),
        encoding="utf-8",
    )
    result = invoke("generate", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:17:3: error[TDG614]" in clean(result)


# commands


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("gen", "Did you mean 'generate'?"),
        ("c", "Did you mean 'check', 'convert'?"),
        ("generat", "Did you mean 'generate'?"),
        ("shop.tdg", "name the command first: tdg generate shop.tdg"),
    ],
)
def test_unknown_command_suggestions(invoke: Invoke, word: str, hint: str) -> None:
    result = invoke(word, "x.tdg")
    assert result.exit_code == 2
    assert hint in " ".join(result.stderr.replace("│", " ").split())


def test_preview_of_an_unknown_table_is_a_usage_error_with_a_suggestion(
    invoke: Invoke, shop: Path
) -> None:
    result = invoke("preview", str(shop), "--table", "custmers")
    assert result.exit_code == 2
    assert "--table custmers: error[TDG120]" in clean(result)
    assert "did you mean 'customers'?" in clean(result)


# convert, fmt, introspect


def test_convert_refuses_an_existing_target_without_force(
    invoke: Invoke, shop: Path, config: Path
) -> None:
    before = shop.read_text(encoding="utf-8")
    result = invoke("convert", str(config), "-o", str(shop))
    assert result.exit_code == 2
    assert "--out: error[TDG600]" in clean(result) and "pass --force" in clean(result)
    assert shop.read_text(encoding="utf-8") == before
    forced = invoke("convert", str(config), "-o", str(shop), "--force")
    assert forced.exit_code == 0 and "table t" in shop.read_text(encoding="utf-8")


def test_convert_onto_its_own_input_is_refused_even_with_force(
    invoke: Invoke, config: Path
) -> None:
    result = invoke("convert", str(config), "-o", str(config), "--force")
    assert result.exit_code == 2 and "is the file being converted" in clean(result)
    assert config.read_text(encoding="utf-8") == CONFIG


@pytest.mark.parametrize(
    ("target", "code", "message"),
    [
        ("t.txt", 2, "end it in .tdg, .json, .yaml or .yml: -o t.tdg"),
        (".", 2, "is a directory"),
        ("nodir/t.tdg", 3, "the directory nodir does not exist"),
    ],
)
def test_convert_target_problems(
    invoke: Invoke, config: Path, workdir: Path, target: str, code: int, message: str
) -> None:
    result = invoke("convert", str(config), "-o", target)
    assert result.exit_code == code, result.output
    assert "--out: error" in clean(result) and message in clean(result)
    assert written(workdir) == []


def test_convert_of_a_missing_file_names_it(invoke: Invoke, workdir: Path) -> None:
    result = invoke("convert", "nope.yaml", "-o", "x.tdg")
    assert result.exit_code == 1
    assert clean(result).startswith("nope.yaml: error") and "<input>" not in result.output


def test_fmt_on_a_config_points_to_convert(invoke: Invoke, config: Path) -> None:
    result = invoke("fmt", str(config))
    assert result.exit_code == 1
    err = clean(result)
    assert f"{config}: error[TDG002]" in err and "is a JSON/YAML config" in err
    assert f"tdg convert {config} -o {config.with_suffix('.tdg')}" in err
    assert config.read_text(encoding="utf-8") == CONFIG


def test_introspect_of_something_that_is_no_url_is_a_usage_error(
    invoke: Invoke, workdir: Path
) -> None:
    result = invoke("introspect", "shop")
    assert result.exit_code == 2
    assert "URL shop: error[TDG614]" in clean(result) and "sqlite:///file.db" in clean(result)


def test_introspect_of_a_missing_sqlite_file_names_the_url(invoke: Invoke, workdir: Path) -> None:
    result = invoke("introspect", "sqlite:///nothing_here.db")
    assert result.exit_code == 3
    assert clean(result).startswith("sqlite:///nothing_here.db: error[TDG612]")
    assert "<input>" not in result.output and written(workdir) == []


# the terminal


def test_live_progress_starts_only_when_writing_begins() -> None:
    """A run that fails before writing must not leave the cursor hidden."""
    import io

    from rich.console import Console

    reporter = RichReporter(Console(force_terminal=True, file=io.StringIO()))
    assert not reporter._progress.live.is_started
    reporter.close()  # closing what never started is fine
    reporter.start_output("csv → out/", {"t": 1})
    assert reporter._progress.live.is_started
    reporter.close()
    assert not reporter._progress.live.is_started


# the same through a real process: exit codes, no colour when piped, nothing written


def test_user_mistakes_in_a_real_process(shop: Path, workdir: Path) -> None:
    locale = tdg("generate", str(shop), "--locale", "de-DE", cwd=workdir)
    assert locale.returncode == 2 and "did you mean 'de_DE'?" in locale.stderr
    param = tdg("generate", str(shop), "--set", "scal=2", cwd=workdir)
    assert param.returncode == 2 and "--set scal=2" in param.stderr
    url = tdg("generate", str(shop), "--out", "http://x/y", cwd=workdir)
    assert url.returncode == 2 and "is not a database URL" in url.stderr
    command = tdg("gen", str(shop), cwd=workdir)
    assert command.returncode == 2 and "Did you mean 'generate'?" in command.stderr
    results = (locale, param, url, command)
    for result in results:
        assert "Traceback" not in result.stderr and "\x1b[" not in result.stderr
    assert written(workdir) == []


# files of one form saved under the other's extension, and other first-run slips


def test_a_yaml_config_saved_as_tdg_says_to_rename_it(invoke: Invoke, workdir: Path) -> None:
    path = workdir / "t.tdg"
    path.write_text("seed: 1\n" + CONFIG, encoding="utf-8")  # 'tables:' first is TDG025's
    for command in ("check", "generate"):
        result = invoke(command, str(path))
        assert result.exit_code == 1
        assert "this file is a YAML config: rename it to" in clean(result)
        assert f"{workdir / 't.yaml'}" in clean(result)


def test_a_tdg_file_saved_as_yaml_says_to_rename_it(invoke: Invoke, workdir: Path) -> None:
    path = workdir / "shop.yaml"
    path.write_text("// the shop\n" + SHOP, encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert "this file is a .tdg description: rename it to" in clean(result)


def test_a_config_without_outputs_is_told_the_config_spelling(
    invoke: Invoke, config: Path, workdir: Path
) -> None:
    result = invoke("generate", str(config))
    assert result.exit_code == 1
    assert "add outputs: [{type: csv, dir: out/}] to the config" in clean(result)
    assert written(workdir) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("overwrite", "'overwrite' is not one of fail, replace"), ("replce", "'replace'?")],
)
def test_if_exists_bad_value(invoke: Invoke, shop: Path, value: str, expected: str) -> None:
    result = invoke("generate", str(shop), "--out", "x.db", "--if-exists", value)
    assert result.exit_code == 2
    assert expected in " ".join(result.stderr.replace("│", " ").split())


def test_existing_tables_say_the_command_line_option(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    assert invoke("generate", str(shop), "--out", "x.db").exit_code == 0
    again = invoke("generate", str(shop), "--out", "x.db")
    assert again.exit_code == 3
    assert "TDG630" in clean(again) and "--if-exists replace" in clean(again)
    upper = invoke("generate", str(shop), "--out", "x.db", "--if-exists", "REPLACE")
    assert upper.exit_code == 0, upper.output


def test_json_error_payload_stays_json_under_force_color(shop: Path, workdir: Path) -> None:
    """FORCE_COLOR once coloured the error payload on stdout: not JSON any more."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"FORCE_COLOR": "1"}
    result = tdg("generate", str(shop), "--locale", "xx", "--json", cwd=workdir, env=env)
    assert result.returncode == 2
    assert "\x1b[" not in result.stdout
    assert json.loads(result.stdout)["diagnostics"][0]["path"] == "--locale"


def test_check_of_a_directory_and_a_missing_file_names_each(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    (workdir / "d").mkdir()
    result = invoke("check", "d", "nope.tdg", str(shop))
    assert result.exit_code == 1
    err = clean(result)
    assert "d: error[TDG002]: d is a directory" in err and "tdg check d/*.tdg" in err
    assert "nope.tdg: error[TDG002]: no such file: nope.tdg" in err
    assert "<input>" not in result.output and f"✓ {shop}: ok" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--format", "xlsx", "--out", "o/"], "did you mean 'excel'? --format names the format"),
        (["--format", "ndjson", "--out", "o/"], "did you mean 'jsonl'?"),
        (["--out", "x.xls"], "tdg writes Excel as .xlsx: --out x.xlsx"),
        (["--format", "sqlite", "--out", "o/"], "give the database: --out o.db"),
    ],
)
def test_format_and_out_slips(
    invoke: Invoke, shop: Path, workdir: Path, args: list[str], expected: str
) -> None:
    result = invoke("generate", str(shop), *args)
    assert result.exit_code == 2, result.output
    assert expected in clean(result)
    assert written(workdir) == []


def test_a_sqlite_file_by_extension_still_works(invoke: Invoke, shop: Path, workdir: Path) -> None:
    result = invoke("generate", str(shop), "--out", "o.sqlite3", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outputs"][0]["kind"] == "sqlite"


def test_out_directory_that_is_a_file_and_file_that_is_a_directory(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    (workdir / "taken").write_text("x", encoding="utf-8")
    result = invoke("generate", str(shop), "--out", "taken")
    assert result.exit_code == 2
    assert "names a directory (one file per table), but 'taken' is a file" in clean(result)
    (workdir / "d.csv").mkdir()
    result = invoke("generate", str(shop), "--out", "d.csv")
    assert result.exit_code == 2
    assert "--out d.csv/ --format csv" in clean(result)
    assert (workdir / "taken").read_text(encoding="utf-8") == "x"
    assert list((workdir / "d.csv").iterdir()) == []


def test_introspect_of_an_unknown_table_names_the_option(invoke: Invoke, workdir: Path) -> None:
    import sqlite3

    with sqlite3.connect(workdir / "shop.db") as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    conn.close()
    result = invoke("introspect", "sqlite:///shop.db", "--tables", "custmers")
    assert result.exit_code == 3
    err = clean(result)
    assert "--tables: error[TDG661]" in err and "did you mean 'customers'?" in err


def test_unknown_generate_block_is_a_usage_error_with_a_suggestion(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    result = invoke("generate", str(shop), "-g", "deve")
    assert result.exit_code == 2
    assert "--generate deve: error[TDG412]" in clean(result) and "did you mean 'dev'?" in clean(
        result
    )
    assert written(workdir) == []
