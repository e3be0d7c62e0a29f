"""The `sverka` command line: thin Typer shells over sverka.api."""
