"""The ``planwatch`` command: a thin shell over the services.

Library errors become a one-line message on stderr and exit code 2; nothing is printed on
stdout when a command fails.
"""

from __future__ import annotations

import sys

from planwatch.cli import (
    annual,
    assessment,
    assignments,
    comparison,
    corpus,
    data,
    departments,
    documents,
    plans,
    projects,
    reports,
    tasks,
    users,
    web,
)
from planwatch.cli.app import app

__all__ = ["app", "main"]

documents.register(app)
corpus.register(app)
data.register(app)
annual.register(app)
plans.register(app)
comparison.register(app)
assessment.register(app)
reports.register(app)
users.register(app)
web.register(app)
assignments.register(app)
departments.register(app)
tasks.register(app)
projects.register(app)


def main() -> None:
    """Entry point of the ``planwatch`` script."""
    try:
        app()
    except BrokenPipeError:  # `planwatch outline | head` closes the pipe early
        sys.stderr.close()
