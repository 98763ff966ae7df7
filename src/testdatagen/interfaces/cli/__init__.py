"""The ``tdg`` command line: Typer for arguments, Rich for everything the user sees.

This package is the only place in TestDataGen that prints. Every layer below
is imported lazily inside the commands (through :mod:`.layers`) so that
``tdg --help`` and shell completion stay instant.
"""
