"""Use case: read a task division plan (任务分工方案) file into its assignments, no database.

One data function (:func:`read_assignment_file`) feeds every renderer: the
``assignments extract`` JSON (:func:`assignments_contract`, docs/cli.md) and the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planwatch.domain.assignment import Assignment
from planwatch.domain.document import Document
from planwatch.domain.issue import Issue
from planwatch.extract.assignments import find_assignments
from planwatch.read import read_document
from planwatch.settings import Settings


@dataclass(frozen=True, slots=True)
class AssignmentDocument:
    """A task division plan as read: the document and its items, in order."""

    document: Document
    assignments: tuple[Assignment, ...]

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every item's problems, in line order."""
        return tuple(issue for item in self.assignments for issue in item.issues)


def read_assignment_file(path: Path, settings: Settings) -> AssignmentDocument:
    """Read a 分工方案 file (txt, docx, pdf, html); unreadable input raises UnreadableDocument."""
    document = read_document(path, max_bytes=settings.max_document_bytes)
    return AssignmentDocument(document, find_assignments(document.text))


def _issue_dict(issue: Issue) -> dict[str, Any]:
    return {"code": issue.code, "message": issue.message, "line": issue.line}


def assignment_dict(item: Assignment) -> dict[str, Any]:
    """One assignment as JSON-ready data (keys as documented in docs/cli.md).

    >>> from planwatch.extract.assignments import find_assignments
    >>> (item,) = find_assignments("1.推进城市更新。(牵头:住建局;完成时限:2024年)")
    >>> data = assignment_dict(item)
    >>> data["lead"], data["deadline"], data["category"]
    (['住建局'], {'text': '2024年', 'year': 2024, 'ongoing': False}, 'task')
    """
    deadline = item.deadline
    return {
        "label": item.label,
        "text": item.text,
        "category": item.category.value if item.category else None,
        "attribute": item.attribute.value if item.attribute else None,
        "heading": item.heading,
        "lead": list(item.lead),
        "co": list(item.co),
        "units": [
            {"name": u.name, "role": u.role.value, "start": u.span[0], "end": u.span[1]}
            for u in item.units
        ],
        "deadline": (
            {"text": deadline.text, "year": deadline.year, "ongoing": deadline.ongoing}
            if deadline
            else None
        ),
        "milestones": item.milestones,
        "line": item.line,
        "start": item.span[0],
        "end": item.span[1],
        "issues": [_issue_dict(issue) for issue in item.issues],
    }


def assignments_contract(result: AssignmentDocument) -> dict[str, Any]:
    """The ``planwatch assignments extract --format json`` object."""
    source = result.document.source
    return {
        "source": {
            "path": source.path,
            "sha256": source.sha256,
            "format": source.format.value,
            "encoding": source.encoding,
            "chars": source.chars,
        },
        "assignments": [assignment_dict(item) for item in result.assignments],
        "issues": [_issue_dict(issue) for issue in result.issues],
    }
