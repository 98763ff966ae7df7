"""``python -m testdatagen.interfaces.cli`` — the same program as ``tdg``."""

from testdatagen.interfaces.cli.app import main

main()
