"""One module per ``tdg`` subcommand; each exposes a plain function Typer wraps."""
