"""Use case: a plan's tasks (重点任务), proposed from its stored outline and its indicators.

Each 节 of the newest version is a task, and so is each paragraph that opens with a short
measure sentence ("建设区域金融中心。……" — a sentence without a comma, then more text);
each indicator is one too, led by its department. Proposals wait for a person to confirm
or reject them; proposing again adds only what is new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput, NotFound
from planwatch.services.audit import record
from planwatch.services.plans import chapter_titles, stored_version
from planwatch.store.models import (
    Department,
    IndicatorRecord,
    OutlineNodeRecord,
    Plan,
    TaskMilestone,
    TaskRecord,
    TaskUnit,
)

# A paragraph opening with a measure: a short sentence, no comma or colon in it, then more.
# "建设区域金融中心。加快集聚金融机构……" → title "建设区域金融中心"
MEASURE = re.compile(
    r"""^[ \t\u3000]*
        (?P<title>[^。，,;；:：、\n]{4,30})  # the measure, as short as a heading
        。
        (?=[^\n]{8,})                       # and the paragraph goes on
    """,
    re.VERBOSE | re.MULTILINE,
)
STATUSES = ("proposed", "confirmed", "rejected")
ROLES = ("lead", "co")
TITLE_MAX_LENGTH = 500


@dataclass(frozen=True, slots=True)
class Proposal:
    """What proposing did: the tasks added, and how many existed already."""

    added: tuple[str, ...]
    kept: int


def plan_tasks(session: Session, plan: Plan) -> list[TaskRecord]:
    """The plan's tasks in position order."""
    query = select(TaskRecord).where(TaskRecord.plan_id == plan.id).order_by(TaskRecord.position)
    return list(session.scalars(query))


def find_task(session: Session, plan: Plan, code: str) -> TaskRecord:
    """A task by its code (T001); NotFound otherwise."""
    found = session.scalars(
        select(TaskRecord).where(TaskRecord.plan_id == plan.id, TaskRecord.code == code.strip())
    ).first()
    if found is None:
        raise NotFound(f"规划「{plan.key}」没有任务 {code}")
    return found


def _innermost(nodes: list[OutlineNodeRecord], offset: int) -> OutlineNodeRecord | None:
    inside = [n for n in nodes if n.start <= offset < n.end]
    return max(inside, key=lambda n: n.start) if inside else None


def outline_proposals(plan: Plan) -> list[TaskRecord]:
    """Unsaved tasks for each 节 and each measure paragraph of the newest version.

    A plan without 节 offers its chapters' numbered items instead (一、 (一)).
    """
    version = stored_version(plan)
    nodes = list(version.nodes)
    chapters = chapter_titles(version)
    sections = [n for n in nodes if n.kind == "section"] or [
        n for n in nodes if n.kind == "item" and n.path.count(".") <= 2
    ]
    tasks = [
        TaskRecord(
            title=n.title, category="section", node_key=n.key, chapter=chapters.get(n.key),
            source_line=n.line, source_start=n.start, source_end=n.end,
        )
        for n in sections
    ]  # fmt: skip
    heading_starts = {n.start for n in nodes}
    text = version.text
    for match in MEASURE.finditer(text):
        if match.start() in heading_starts:
            continue
        node = _innermost(nodes, match.start())
        key = node.key if node else None
        tasks.append(
            TaskRecord(
                title=match["title"].strip(), category="measure", node_key=key,
                chapter=chapters.get(key or ""), source_line=text.count("\n", 0, match.start()) + 1,
                source_start=match.start("title"), source_end=match.end(),
            )
        )  # fmt: skip
    tasks.sort(key=lambda t: t.source_start or 0)
    return tasks


def indicator_proposals(plan: Plan) -> list[TaskRecord]:
    """Unsaved tasks, one per indicator, led by the indicator's department."""
    tasks = []
    for indicator in plan.indicators:
        task = TaskRecord(
            title=indicator.name, category="indicator", indicator_id=indicator.id,
            node_key=indicator.source_node, chapter=indicator.chapter,
            source_line=indicator.source_line, source_start=indicator.source_start,
            source_end=indicator.source_end,
        )  # fmt: skip
        if indicator.department is not None:
            task.units.append(TaskUnit(department=indicator.department, role="lead"))
        tasks.append(task)
    return tasks


def _identity(task: TaskRecord) -> tuple[str, str | None, str | None]:
    """What makes a proposal the same as a stored task: its indicator, or its place and title."""
    if task.indicator_id is not None:
        return ("indicator", str(task.indicator_id), None)
    category = "section" if task.category == "section" else "text"
    return (category, task.node_key, task.title)


def propose_tasks(session: Session, plan: Plan, actor: str) -> Proposal:
    """Store the outline's and the indicators' tasks that are not stored yet; audited."""
    existing = plan_tasks(session, plan)
    known = {_identity(t) for t in existing}
    position = max((t.position for t in existing), default=0)
    number = max((int(t.code[1:]) for t in existing if t.code[1:].isdigit()), default=0)
    added: list[str] = []
    for task in [*outline_proposals(plan), *indicator_proposals(plan)]:
        if _identity(task) in known:
            continue
        known.add(_identity(task))
        position, number = position + 1, number + 1
        task.plan_id, task.position, task.code = plan.id, position, f"T{number:03d}"
        task.status, task.origin = "proposed", "outline"
        session.add(task)
        added.append(task.code)
    session.flush()
    if added:
        record(session, actor, "propose", "plan", plan.id, None, {"tasks": added})
    return Proposal(tuple(added), len(existing))


def task_snapshot(task: TaskRecord) -> dict[str, object]:
    """The fields of a task a person decides, for the audit log."""
    return {
        "code": task.code,
        "title": task.title,
        "status": task.status,
        "deadline": task.deadline_text,
        "units": [[u.department.name, u.role] for u in task.units],
        "milestones": {str(m.year): m.target for m in task.milestones},
    }


def decide_task(session: Session, task: TaskRecord, status: str, actor: str) -> TaskRecord:
    """Confirm or reject a proposed task (or undo that); audited."""
    if status not in STATUSES:
        raise InvalidInput(f"任务状态「{status}」应为 {'、'.join(STATUSES)} 之一")
    before = task_snapshot(task)
    task.status = status
    session.flush()
    record(session, actor, status, "task", task.id, before, task_snapshot(task))
    return task


def set_units(
    session: Session, task: TaskRecord, units: list[tuple[Department, str]], actor: str
) -> TaskRecord:
    """Replace a task's responsible units: at most one lead, each unit once; audited."""
    if any(role not in ROLES for _, role in units):
        raise InvalidInput("单位角色应为 lead(牵头)或 co(责任)")
    if sum(role == "lead" for _, role in units) > 1:
        raise InvalidInput(f"任务 {task.code} 只能有一个牵头单位")
    if len({d.id for d, _ in units}) != len(units):
        raise InvalidInput(f"任务 {task.code} 的单位有重复")
    before = task_snapshot(task)
    task.units.clear()
    session.flush()
    task.units.extend(TaskUnit(department=d, role=role) for d, role in units)
    session.flush()
    record(session, actor, "units", "task", task.id, before, task_snapshot(task))
    return task


def set_schedule(
    session: Session,
    task: TaskRecord,
    deadline_year: int | None,
    milestones: dict[int, str],
    actor: str,
) -> TaskRecord:
    """Set a task's deadline and yearly milestones (年度目标) within the plan's period."""
    plan = task.plan
    low, high = plan.period_start or 1949, plan.period_end or 2200
    for year in [*milestones, *([deadline_year] if deadline_year is not None else [])]:
        if not low <= year <= high:
            raise InvalidInput(f"年份 {year} 不在规划期 {low}—{high} 内")
    before = task_snapshot(task)
    task.deadline_year = deadline_year
    task.deadline_text = f"{deadline_year}年" if deadline_year is not None else ""
    task.milestones.clear()
    session.flush()
    task.milestones.extend(
        TaskMilestone(year=y, target=t.strip()) for y, t in sorted(milestones.items()) if t.strip()
    )
    session.flush()
    record(session, actor, "schedule", "task", task.id, before, task_snapshot(task))
    return task


def lead_of(task: TaskRecord) -> Department | None:
    """The task's lead unit, if any."""
    return next((u.department for u in task.units if u.role == "lead"), None)


def task_departments(task: TaskRecord) -> list[int]:
    """Ids of every unit responsible for a task, the lead first."""
    return [u.department_id for u in sorted(task.units, key=lambda u: u.role != "lead")]


def indicator_task(session: Session, indicator: IndicatorRecord) -> TaskRecord | None:
    """The task that follows an indicator, if one was proposed."""
    query = select(TaskRecord).where(TaskRecord.indicator_id == indicator.id)
    return session.scalars(query).first()
