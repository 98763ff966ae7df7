"""``--set``, ``--locale`` and an ``--out`` URL checked before anything runs.

Both used to fail late: an unknown param as an error against the whole file
with no did-you-mean, an unknown locale only when the first table was
written — reported at the ``output`` block, after its directory had been
created. Here each is a usage error (exit 2) naming the option, with the
closest valid name, before any output is created or any row generated.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from typing import TYPE_CHECKING

from testdatagen.errors import Diagnostic, InputError, MissingDependencyError
from testdatagen.interfaces.cli.failures import UsageProblem

if TYPE_CHECKING:
    from testdatagen.model.expr import Expr, Scalar
    from testdatagen.model.plan import Project

__all__ = ["check_locale", "check_param_overrides", "check_url_scheme", "locale_hint"]

BAD_URL = "TDG614"
#: What --out takes, for a target that is none of them.
OUT_FORMS = (
    "--out takes a directory (out/), a file (data.csv, data.parquet, …) or a database URL: "
    "postgresql://user@host/db, mysql://user@host/db, sqlite:///file.db"
)
#: Schemes people mean, for the did-you-mean of an unknown one.
_KNOWN_SCHEMES = ("postgresql", "postgres", "mysql", "mariadb", "sqlite", "mssql", "oracle")
UNKNOWN_LOCALE = "TDG103"
UNKNOWN_PARAM = "TDG411"
PARAM_TYPE = "TDG410"


def locale_hint(locale: str, known: tuple[str, ...] | list[str]) -> str:
    """``de-DE`` and ``de_de`` are spellings of de_DE; ``de`` names its language."""
    normalized = locale.strip().replace("-", "_")
    by_case = {name.lower(): name for name in known}
    if normalized.lower() in by_case:
        return f"did you mean '{by_case[normalized.lower()]}'?"
    language = normalized.split("_")[0].lower()
    same = [name for name in known if name.split("_")[0].lower() == language]
    if same:
        return f"did you mean {' or '.join(repr(n) for n in same)}?"
    close = get_close_matches(locale, list(known), n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"locales: {', '.join(known)}"


def check_locale(locale: str | None) -> None:
    """Raise a usage error for an unknown ``--locale``."""
    if locale is None:
        return
    from testdatagen.model.catalog import LOCALES

    if locale in LOCALES:
        return
    raise UsageProblem(
        [
            Diagnostic(
                UNKNOWN_LOCALE,
                f"unknown locale '{locale}'",
                hint=locale_hint(locale, tuple(LOCALES)),
                path="--locale",
            )
        ]
    )


def check_param_overrides(project: Project, plan: str | None, params: Mapping[str, Scalar]) -> None:
    """Every ``--set`` names a declared param, with a value of the param's kind.

    The kind is that of the declared value: ``param scale: 1`` takes numbers,
    ``param full: false`` takes true/false. A string param takes anything.
    """
    if not params:
        return
    chosen = project.plan_named(plan) if plan is not None and project.plans else None
    declared = dict(chosen.params) if chosen is not None else {}
    defaults = _defaults(declared)
    problems = []
    for name, value in params.items():
        option = f"--set {name}={_show(value)}"
        if name not in declared:
            problems.append(_unknown(name, list(declared), option, plan))
        elif (problem := _wrong_kind(name, value, defaults.get(name), option)) is not None:
            problems.append(problem)
    if problems:
        raise UsageProblem(problems)


def _defaults(declared: Mapping[str, Expr]) -> dict[str, Scalar]:
    """The declared values, or nothing when they cannot be computed (reported later)."""
    from testdatagen.model.evaluate import resolve_params

    try:
        return resolve_params(declared)
    except InputError:
        return {}


def _unknown(name: str, declared: list[str], option: str, plan: str | None) -> Diagnostic:
    close = get_close_matches(name, declared, n=1)
    if close:
        hint = f"did you mean '{close[0]}'?"
    elif declared:
        hint = f"declared params: {', '.join(declared)}"
    else:
        block = f"generate {plan}" if plan else "the generate block"
        hint = f"{block} declares no params; add one: param {name}: <default>"
    return Diagnostic(UNKNOWN_PARAM, f"unknown parameter '{name}'", hint=hint, path=option)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _wrong_kind(name: str, value: Scalar, default: Scalar, option: str) -> Diagnostic | None:
    if _is_number(default) and not _is_number(value):
        return Diagnostic(
            PARAM_TYPE,
            f"param '{name}' is a number (declared as {default!r}), got {_got(value)}",
            hint=f"give a number: --set {name}=10 (underscores allowed: 1_000)",
            path=option,
        )
    if isinstance(default, bool) and not isinstance(value, bool):
        return Diagnostic(
            PARAM_TYPE,
            f"param '{name}' is true or false (declared as {str(default).lower()}), "
            f"got {_got(value)}",
            hint=f"give --set {name}=true or --set {name}=false",
            path=option,
        )
    return None


def _show(value: Scalar) -> str:
    """The value as it was typed after ``=``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _got(value: Scalar) -> str:
    return repr(value) if isinstance(value, str) else _show(value)


def check_url_scheme(url: str) -> None:
    """An ``--out`` URL whose scheme names no database is a usage error (``http://``,
    ``postgre://``); one whose driver is not installed fails now (exit 3), before any
    row is generated, rather than after."""
    from testdatagen.outputs.db.url import SCHEMES, redact

    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if not scheme or scheme.split("+", 1)[0] in SCHEMES:
        return  # the native loaders parse and check these when the output is created
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    shown = redact(url)
    try:
        dialect = make_url(url).get_dialect()
    except NoSuchModuleError:
        base = scheme.split("+", 1)[0]
        close = get_close_matches(base, _KNOWN_SCHEMES, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}://'? " if close else ""
        raise UsageProblem(
            [
                Diagnostic(
                    BAD_URL,
                    f"'{shown}' is not a database URL: no database is called '{base}'",
                    hint=hint + OUT_FORMS,
                    path="--out",
                )
            ]
        ) from None
    except (ArgumentError, ValueError):
        return  # malformed: the generic loader reports it with its own hint
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        module = getattr(exc, "name", None) or "its driver"
        raise MissingDependencyError(
            [
                Diagnostic(
                    BAD_URL,
                    f"the database URL '{shown}' needs the Python package '{module}', "
                    "which is not installed",
                    hint=f"pip install {module} (or name another driver: dialect+driver://…)",
                    path="--out",
                )
            ]
        ) from None
