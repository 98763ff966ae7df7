"""``python -m testdatagen`` runs the command line."""

from testdatagen.interfaces.cli.app import main

if __name__ == "__main__":
    main()
