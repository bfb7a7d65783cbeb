"""The command-line tools, one module per `make` target (python -m macros.commands.<name>)."""
