"""``tdg convert``: between a .tdg file and the JSON/YAML config form, by extension.

``.json``/``.yaml``/``.yml`` → ``.tdg`` prints the model; ``.tdg`` → config
lifts it; config → config changes only the notation. Either way the input is
loaded and checked first, so a converted file describes exactly the same data.
"""

from __future__ import annotations

import json
from os import PathLike
from pathlib import Path

import yaml

from testdatagen.errors import Diagnostic, InputError, OutputError
from testdatagen.language.config import load_config
from testdatagen.language.config.codes import TDG713
from testdatagen.language.config.lift import project_to_config
from testdatagen.language.printer import print_project
from testdatagen.model.plan import Project

__all__ = ["FORMS", "convert", "render"]

FORMS = {".tdg": "tdg", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def _form(path: Path) -> str:
    form = FORMS.get(path.suffix.lower())
    if form is None:
        raise InputError(
            [
                Diagnostic(
                    TDG713.code,
                    f"cannot tell the form of '{path.name}' from its extension",
                    hint="use .tdg, .json, .yaml or .yml",
                )
            ]
        )
    return form


def _load(path: Path) -> Project:
    if _form(path) == "tdg":
        from testdatagen.language.api import load_file

        return load_file(path)
    return load_config(path)


def render(project: Project, form: str) -> str:
    """The project as text of ``form`` (``tdg``, ``json`` or ``yaml``)."""
    if form == "tdg":
        return print_project(project)
    data = project_to_config(project)
    if form == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def convert(in_path: str | PathLike[str], out_path: str | PathLike[str]) -> None:
    """Read ``in_path``, write the same model to ``out_path`` in the form its extension names."""
    source, target = Path(in_path), Path(out_path)
    form = _form(target)
    text = render(_load(source), form)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise OutputError(
            [Diagnostic("TDG600", f"cannot write {target}: {exc.strerror}", hint="check the path")]
        ) from None
