"""``tdg version``: the version, and the versions that decide the bytes written."""

from __future__ import annotations

import json as jsonlib
import platform
from importlib import metadata

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.options import JsonOpt

__all__ = ["version", "version_info"]

_COMPONENTS = ("numpy", "pyarrow", "lark", "pydantic", "sqlalchemy")


def version_info() -> dict[str, str]:
    from testdatagen import __version__

    info = {"testdatagen": __version__, "python": platform.python_version()}
    for name in _COMPONENTS:
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[name] = "not installed"
    return info


def version(json: JsonOpt = False) -> None:
    """Show the version of tdg and of the libraries that shape its output."""
    consoles = make_consoles(json=json)
    info = version_info()
    if json:
        consoles.out.print(jsonlib.dumps(info), markup=False, soft_wrap=True)
        return
    consoles.out.print(f"tdg {info.pop('testdatagen')}")
    for name, value in info.items():
        consoles.out.print(f"  {name:<11} {value}", style="muted")
