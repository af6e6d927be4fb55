"""Use case: the questions a 分工方案 import asks a person, and their answers.

The web import reads a document, shows every item with what it matched, and asks about each
unit name the department list does not hold: which listed unit it means (recorded as an
alias, so the next import knows it) or that it is a new unit (created, of a kind). The items
travel between the preview and the confirmation as JSON (:func:`items_json`); answers and the
import are written in one transaction, so a refused import leaves no alias or unit behind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from planwatch.domain.assignment import Category
from planwatch.errors import InvalidInput, UnknownDepartment
from planwatch.extract.departments import is_collective
from planwatch.services.assignment_import import ImportItem
from planwatch.services.department_list import (
    KINDS,
    add_alias,
    add_department,
    departments,
    find_department,
    guess_kind,
)

ITEMS_MAX = 2000
TEXT_MAX = 5000
NEW = "new"  # the answer "a new unit"


@dataclass(frozen=True, slots=True)
class UnitQuestion:
    """An unknown unit name, the items that use it, its candidates, the kind it suggests."""

    name: str
    lines: tuple[int, ...]
    candidates: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class Answer:
    """A department id the name denotes, or NEW with the new unit's kind."""

    choice: str  # a department id as text, or "new"
    kind: str = "部门"


def unit_questions(session: Session, items: Iterable[ImportItem]) -> list[UnitQuestion]:
    """Every unit name of the items the list does not hold, in order of first use."""
    found: dict[str, tuple[list[int], tuple[str, ...]]] = {}
    for item in items:
        for name in (*item.lead, *item.co):
            if is_collective(name):
                continue
            if name in found:
                found[name][0].append(item.line)
                continue
            try:
                find_department(session, name)
            except UnknownDepartment as error:
                found[name] = ([item.line], error.candidates)
    return [
        UnitQuestion(name, tuple(dict.fromkeys(lines)), candidates, guess_kind(name))
        for name, (lines, candidates) in found.items()
    ]


def answer_questions(
    session: Session, questions: Sequence[UnitQuestion], answers: Mapping[str, Answer], actor: str
) -> None:
    """Record each answer: an alias of the chosen unit, or a new unit; an unanswered or
    invalid answer is InvalidInput naming the unit (the caller rolls back)."""
    by_id = {str(d.id): d for d in departments(session)}
    for question in questions:
        answer = answers.get(question.name)
        if answer is None or not answer.choice:
            raise InvalidInput(f"未知单位「{question.name}」:请选择已有单位或选择新建")
        if answer.choice == NEW:
            if answer.kind not in KINDS:
                raise InvalidInput(f"单位类型「{answer.kind}」应为 {'、'.join(KINDS)} 之一")
            add_department(session, question.name, answer.kind, actor)
            continue
        department = by_id.get(answer.choice)
        if department is None:
            raise InvalidInput(f"未知单位「{question.name}」:所选单位不存在")
        add_alias(session, department, question.name, "alias", actor)


def items_json(items: Sequence[ImportItem]) -> str:
    """The items as JSON for the confirmation form."""
    return json.dumps(
        [{**asdict(i), "category": i.category.value if i.category else None} for i in items],
        ensure_ascii=False,
    )


def items_from_json(text: str) -> list[ImportItem]:
    """The items a confirmation form sends back; anything malformed is InvalidInput."""
    try:
        raw = json.loads(text)
        if not isinstance(raw, list) or len(raw) > ITEMS_MAX:
            raise ValueError("not a list of items")
        return [_item(entry) for entry in raw]
    except (ValueError, TypeError, KeyError) as error:
        raise InvalidInput(f"导入内容无法识别,请重新上传分工方案({error})") from None


def _text(value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > TEXT_MAX:
        raise ValueError("a text field is not text")
    return value


def _names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > 100:
        raise ValueError("units are not a list")
    return tuple(str(_text(v)) for v in value)


def _item(entry: object) -> ImportItem:
    if not isinstance(entry, dict):
        raise ValueError("an item is not an object")
    line, year = entry["line"], entry["deadline_year"]
    if not isinstance(line, int) or (year is not None and not isinstance(year, int)):
        raise ValueError("a line or a year is not a number")
    category = entry["category"]
    return ImportItem(
        line, str(_text(entry["label"])), str(_text(entry["text"])),
        _text(entry["heading"], optional=True),
        Category(category) if category is not None else None,
        _names(entry["lead"]), _names(entry["co"]), str(_text(entry["deadline_text"])), year,
        _text(entry["milestones"], optional=True),
    )  # fmt: skip
