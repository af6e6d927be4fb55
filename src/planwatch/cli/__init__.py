"""The ``planwatch`` command: a thin shell over the services.

Library errors become a one-line message on stderr and exit code 2; nothing is printed on
stdout when a command fails.

Each command module registers its commands on :data:`planwatch.cli.app.app`. The modules
are imported when needed, not all at once: ``from planwatch.cli import app`` gets every
command, while the script registers only the module of a pure reading command (``extract``,
``outline``, ``indicators``, ``corpus``, ``gdp``), which then starts without the database
layer (about a second less a run; docs/benchmarks.md).
"""

from __future__ import annotations

import sys
from importlib import import_module

import typer

from planwatch.cli import app as _app_module

# Importing the submodule bound its name here; `app` is the Typer app, which __getattr__
# returns with every command registered.
del globals()["app"]

__all__ = ["app", "main"]

MODULES = (
    "documents", "corpus", "growth", "data", "annual", "plans", "comparison", "assessment",
    "reports", "users", "web", "assignments", "departments", "tasks", "projects",
)  # fmt: skip
# Commands that read documents only, and the module that holds each.
READING_COMMANDS = {
    "extract": "documents", "outline": "documents", "indicators": "documents",
    "corpus": "corpus", "gdp": "growth",
}  # fmt: skip
_registered: set[str] = set()


def _register(modules: tuple[str, ...]) -> typer.Typer:
    for name in modules:
        if name not in _registered:
            import_module(f"planwatch.cli.{name}").register(_app_module.app)
            _registered.add(name)
    return _app_module.app


def __getattr__(name: str) -> typer.Typer:
    """``app``: the command with every subcommand registered."""
    if name == "app":
        return _register(MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``planwatch`` script."""
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    reading = READING_COMMANDS.get(command or "")
    app = _register((reading,) if reading else MODULES)
    try:
        app()
    except BrokenPipeError:  # `planwatch outline | head` closes the pipe early
        sys.stderr.close()
