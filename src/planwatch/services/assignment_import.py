"""Use case: import a task division plan (任务分工方案) into a plan's tasks, for confirmation.

Each item — from a document or a spreadsheet — is matched to the plan's indicators (their
names, and their catalogue entries' names and aliases) and to its outline (the titles of
its 章, 节 and items), with a score from 0 to 1, and its units are resolved against the
managed department list. An item without a unit, or with a unit the list does not hold,
is a problem (with candidates); any problem means nothing is written. Otherwise every
item becomes a proposed task (origin ``assignment``) that a person confirms or rejects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from planwatch.domain.assignment import Category
from planwatch.errors import UnknownDepartment
from planwatch.extract.departments import is_collective
from planwatch.services.assignment_documents import AssignmentDocument
from planwatch.services.assignment_tables import AssignmentTable
from planwatch.services.audit import record
from planwatch.services.department_list import departments, find_department
from planwatch.services.plans import chapter_titles, stored_version
from planwatch.services.tasks import plan_tasks, task_snapshot
from planwatch.store.models import (
    Department,
    Plan,
    PlanVersion,
    TaskMilestone,
    TaskRecord,
    TaskUnit,
)

MIN_SCORE = 0.5  # below it an item matches nothing: a new task of its own
CONTAINED_SCORE = 0.9  # the item's text names the indicator or the heading outright
HEADING_WEIGHT = 0.9  # the item's heading is the section, not the item itself
STATED_SCORE = 0.95  # the plan's text states the item word for word, under that node
MIN_STATED_LENGTH = 6  # shorter texts (推进改革) are found anywhere
TOWN_WORDS = ("镇", "乡", "街")  # a collective of towns and streets: 各乡镇, 各镇街, 各街道


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One item to import, as a document or a spreadsheet row gives it."""

    line: int  # the document's line, or the spreadsheet's row
    label: str
    text: str
    heading: str | None
    category: Category | None
    lead: tuple[str, ...]
    co: tuple[str, ...]
    deadline_text: str
    deadline_year: int | None
    milestones: str | None


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """How one item matched: the indicator code or outline key, the score, the units found.

    ``problems`` are one-line messages (no unit, an unknown unit and its candidates).
    """

    item: ImportItem
    indicator: str | None
    node_key: str | None
    target: str  # what matched, as a person reads it: "I003 森林覆盖率", "第一节 …", ""
    score: Decimal
    lead: tuple[str, ...]
    co: tuple[str, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AssignmentImport:
    """What an import did or would do."""

    matches: tuple[ItemMatch, ...]
    added: tuple[str, ...]  # codes of the tasks proposed (none on a dry run)
    fresh: int  # items not imported before: what is (or would be) added
    dry_run: bool

    @property
    def problems(self) -> list[str]:
        return [f"第{m.item.line}行:{p}" for m in self.matches for p in m.problems]

    @property
    def ok(self) -> bool:
        return not self.problems


def items_from_document(document: AssignmentDocument) -> list[ImportItem]:
    """Import items from a task division plan as read."""
    return [
        ImportItem(
            a.line, a.label, a.text, a.heading, a.category, a.lead, a.co,
            a.deadline.text if a.deadline else "", a.deadline.year if a.deadline else None,
            a.milestones,
        )
        for a in document.assignments
    ]  # fmt: skip


def items_from_table(table: AssignmentTable) -> list[ImportItem]:
    """Import items from spreadsheet rows (序号, 任务, 牵头单位, 责任单位, 完成时限, 年度目标)."""
    return [
        ImportItem(
            r.row, r.number, r.task, None, None, r.lead, r.co,
            r.deadline.text if r.deadline else "", r.deadline.year if r.deadline else None,
            r.milestones,
        )
        for r in table.rows
    ]  # fmt: skip


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def text_similarity(a: str, b: str) -> float:
    """Dice's coefficient over the character pairs of two texts, from 0 to 1.

    >>> text_similarity("建设区域消费中心", "建设区域消费中心"), text_similarity("ab", "cd")
    (1.0, 0.0)
    """
    if not a or not b:
        return 0.0
    x, y = _bigrams(a), _bigrams(b)
    return round(2 * len(x & y) / (len(x) + len(y)), 3)


def _indicator_names(plan: Plan) -> list[tuple[str, str, str]]:
    """(name, indicator code, label) for every name that denotes one of the plan's indicators."""
    names = []
    for indicator in plan.indicators:
        label = f"{indicator.code} {indicator.name}"
        names.append((indicator.name, indicator.code, label))
        if indicator.series is not None:
            entry = indicator.series.catalogue
            names.append((entry.name, indicator.code, label))
            names.extend((a.name, indicator.code, label) for a in entry.aliases)
    return names


def _indicator_score(text: str, names: list[tuple[str, str, str]]) -> tuple[float, str, str]:
    best = (0.0, "", "")
    for name, code, label in names:
        score = CONTAINED_SCORE if len(name) >= 2 and name in text else text_similarity(text, name)
        # the longest contained name wins: 人均地区生产总值 before 地区生产总值
        if (score, len(name)) > (best[0], len(best[2])):
            best = (score, code, label)
    return best


def _section_score(
    item: ImportItem, titles: list[tuple[str, str]], version: PlanVersion
) -> tuple[float, str, str]:
    """The outline node an item is: its title, or the node whose own text states the item."""
    best = (0.0, "", "")
    where = version.text.find(item.text) if len(item.text) >= MIN_STATED_LENGTH else -1
    if where >= 0:
        inside = [n for n in version.nodes if n.start <= where < n.end]
        if inside:
            node = max(inside, key=lambda n: n.start)
            best = (STATED_SCORE, node.key, node.title)
    for title, key in titles:
        score = max(
            CONTAINED_SCORE if len(title) >= 4 and title in item.text else 0.0,
            text_similarity(item.text, title),
            HEADING_WEIGHT * text_similarity(_heading(item.heading), title),
        )
        if score > best[0]:
            best = (score, key, title)
    return best


def _heading(heading: str | None) -> str:
    """A heading without its number: "(一)坚持创新驱动发展" → "坚持创新驱动发展"."""
    text = (heading or "").strip()
    return text.lstrip("一二三四五六七八九十百0123456789()（）、.． 第章节")


def _units(session: Session, names: Iterable[str], role: str) -> tuple[list[Department], list[str]]:
    """The departments named; a collective of towns (各乡镇, 各镇街) is every 镇街 on the list,
    another collective (有关部门, 各区县) names no one in particular and is left in the text."""
    found: list[Department] = []
    problems: list[str] = []
    towns = [d for d in departments(session) if d.kind == "镇街"]
    for name in names:
        if is_collective(name):
            if any(word in name for word in TOWN_WORDS):
                found.extend(towns)
                if not towns:
                    problems.append(f"「{name}」:单位名单中还没有镇街,请先新建")
            continue
        try:
            found.append(find_department(session, name))
        except UnknownDepartment as error:
            word = "牵头单位" if role == "lead" else "责任单位"
            problems.append(f"{word}{error}")
    return found, problems


def match_items(session: Session, plan: Plan, items: Sequence[ImportItem]) -> list[ItemMatch]:
    """Match every item to the plan's indicators and outline and resolve its units."""
    version = stored_version(plan)
    chapters = chapter_titles(version)
    titles = [(n.title, n.key) for n in version.nodes if n.kind in ("chapter", "section", "item")]
    names = _indicator_names(plan)
    matches = []
    for item in items:
        lead, lead_problems = _units(session, item.lead, "lead")
        co, co_problems = _units(session, item.co, "co")
        problems = [*lead_problems, *co_problems]
        if not item.lead and not item.co:
            problems.append(f"「{item.text[:20]}」没有写明牵头单位或责任单位")
        i_score, code, i_label = _indicator_score(item.text, names)
        s_score, key, s_title = _section_score(item, titles, version)
        prefer_indicator = item.category is Category.INDICATOR or i_score >= s_score
        if prefer_indicator and i_score >= MIN_SCORE:
            found: tuple[str | None, str | None, str, float] = (code, None, i_label, i_score)
        elif s_score >= MIN_SCORE:
            found = (None, key, f"{chapters.get(key, '')} {s_title}".strip(), s_score)
        else:
            found = (None, None, "", max(i_score, s_score))
        matches.append(
            ItemMatch(
                item, found[0], found[1], found[2], Decimal(str(round(found[3], 3))),
                tuple(d.name for d in lead), tuple(d.name for d in co), tuple(problems),
            )
        )  # fmt: skip
    return matches


def import_assignments(
    session: Session,
    plan: Plan,
    items: Sequence[ImportItem],
    actor: str,
    *,
    dry_run: bool = False,
) -> AssignmentImport:
    """Propose a task for every item not imported before; any problem writes nothing."""
    matches = match_items(session, plan, items)
    existing = plan_tasks(session, plan)
    known = {(t.origin, t.text) for t in existing}
    fresh = len({m.item.text for m in matches if ("assignment", m.item.text) not in known})
    result = AssignmentImport(tuple(matches), (), fresh, dry_run)
    if not result.ok or dry_run:
        return result
    by_code = {i.code: i for i in plan.indicators}
    chapters = chapter_titles(stored_version(plan))
    position = max((t.position for t in existing), default=0)
    number = max((int(t.code[1:]) for t in existing if t.code[1:].isdigit()), default=0)
    added: list[str] = []
    for match in matches:
        item = match.item
        if ("assignment", item.text) in known:
            continue
        known.add(("assignment", item.text))
        position, number = position + 1, number + 1
        indicator = by_code.get(match.indicator or "")
        node_key = match.node_key or (indicator.source_node if indicator else None)
        task = TaskRecord(
            plan_id=plan.id, code=f"T{number:03d}", position=position, title=item.text[:500],
            text=item.text, category=_category(item), status="proposed", origin="assignment",
            node_key=node_key, chapter=chapters.get(node_key or ""),
            indicator_id=indicator.id if indicator else None, deadline_year=item.deadline_year,
            deadline_text=item.deadline_text, score=match.score, source_line=item.line,
        )  # fmt: skip
        seen: set[str] = set()
        for name, role in [*((n, "lead") for n in match.lead), *((n, "co") for n in match.co)]:
            if name not in seen:  # a unit named twice keeps its first role
                seen.add(name)
                task.units.append(TaskUnit(department=find_department(session, name), role=role))
        if item.milestones and item.deadline_year:
            task.milestones.append(TaskMilestone(year=item.deadline_year, target=item.milestones))
        session.add(task)
        session.flush()
        record(session, actor, "import", "task", task.id, None, task_snapshot(task))
        added.append(task.code)
    return AssignmentImport(tuple(matches), tuple(added), fresh, dry_run)


def _category(item: ImportItem) -> str:
    if item.category is None:
        return "assignment"
    return {Category.INDICATOR: "indicator", Category.TASK: "measure"}.get(
        item.category, item.category.value
    )
