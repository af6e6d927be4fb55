"""The report's sections on tasks (主要任务推进情况) and on reporting (报送情况). Pure.

From a :class:`~planwatch.services.delivery.Delivery`: the confirmed tasks counted by the
status of their newest approved progress report up to the report's year, by chapter and by
lead unit, the lagging ones listed with what their report says; and who has not yet
reported what is due for the year (values and yearly task reports). Nothing appears for a
plan without confirmed tasks. Tasks are named by their title, never by a code.
"""

from __future__ import annotations

from collections.abc import Callable

from planwatch.report.model import Block, Paragraph, Section, Table
from planwatch.services.completeness import STATE_LABELS, Completeness
from planwatch.services.delivery import NOT_REPORTED, Delivery, TaskProgress

COMPLETED, ONGOING, LAGGING, NOT_STARTED = "已完成", "推进中", "滞后", "未启动"
TASK_COLUMNS = (COMPLETED, ONGOING, LAGGING, NOT_STARTED, NOT_REPORTED)
PENDING_MARK = "（待审核）"
STATE_ORDER = ("approved", "submitted", "returned", "draft", "missing")
# What is still owed for follow-up: never sent, sent back, or saved but not submitted.
OWED = ("missing", "returned", "draft")
DRAFT_LABEL = "草稿未提交"


def counts_sentence(tasks: tuple[TaskProgress, ...], year: int) -> str:
    """截至2022年，分解落实的8项主要任务中，已完成2项，… ."""
    count = {s: sum(1 for t in tasks if t.status == s) for s in TASK_COLUMNS}
    text = (
        f"截至{year}年，规划分解落实的{len(tasks)}项主要任务中，已完成{count[COMPLETED]}项，"
        f"推进中{count[ONGOING]}项，滞后{count[LAGGING]}项，未启动{count[NOT_STARTED]}项"
    )
    if count[NOT_REPORTED]:
        text += f"；另有{count[NOT_REPORTED]}项尚无经审核的进展报告"
    pending = sum(1 for t in tasks if t.pending)
    if pending:
        text += f"（以上含{pending}项尚待审核的进展报告，已标注“待审核”）"
    return text + "。"


def grouped_table(
    tasks: tuple[TaskProgress, ...], caption: str, column: str, key: Callable[[TaskProgress], str]
) -> Table:
    """Task counts per status, one row per group in order of first appearance, and a total."""
    groups: dict[str, list[TaskProgress]] = {}
    for task in tasks:
        groups.setdefault(key(task), []).append(task)

    def row(name: str, members: list[TaskProgress] | tuple[TaskProgress, ...]) -> tuple[str, ...]:
        counts = (sum(1 for t in members if t.status == s) for s in TASK_COLUMNS)
        return (name, str(len(members)), *(str(n) for n in counts))

    rows = [row(name, members) for name, members in groups.items()]
    total = row("合计", tasks)
    header = (column, "任务数", *TASK_COLUMNS[:-1], "未报送进展")
    return Table(caption, header, (*rows, total))


def lagging_table(lagging: list[TaskProgress]) -> Table:
    rows = tuple(
        (
            str(n),
            task.title,
            task.lead,
            "、".join(task.co) or "—",
            f"{task.period}{PENDING_MARK if task.pending else ''}：{task.narrative}"
            if task.narrative
            else f"{task.period}{PENDING_MARK if task.pending else ''}：未说明原因，请牵头单位补充",
        )
        for n, task in enumerate(lagging, start=1)
    )
    return Table("进度滞后的任务", ("序号", "任务", "牵头单位", "责任单位", "进展情况及原因"), rows)


def tasks_section(delivery: Delivery | None, title: str = "主要任务推进情况") -> Section | None:
    """Counts, the two tables and the lagging tasks; None without confirmed tasks."""
    if delivery is None or not delivery.tasks:
        return None
    tasks = delivery.tasks
    blocks: list[Block] = [
        Paragraph(counts_sentence(tasks, delivery.year)),
        Paragraph("任务状态以各牵头单位报送、经规划主管部门审核的最近一期进展报告为准。"),
        grouped_table(tasks, "主要任务推进情况（按章节）", "章节", lambda t: t.chapter),
        grouped_table(tasks, "主要任务推进情况（按牵头单位）", "牵头单位", lambda t: t.lead),
    ]
    lagging = [t for t in tasks if t.status == LAGGING]
    if lagging:
        child = Section(
            "进度滞后的任务",
            (
                Paragraph(f"{len(lagging)}项任务进度滞后，牵头单位报送的情况如下："),
                lagging_table(lagging),
            ),
        )
    else:
        child = Section("进度滞后的任务", (Paragraph("没有报告进度滞后的任务。"),))
    return Section(title, tuple(blocks), (child,))


def _count(items: list[str], state: str) -> int:
    return sum(1 for s in items if s == state)


def completeness_sentence(result: Completeness) -> str:
    states = [i.state for i in result.items]
    values = sum(1 for i in result.items if i.kind == "数据")
    reports = len(states) - values
    return (
        f"{result.year}年应报送{len(states)}项（指标数据{values}项，任务进展{reports}项），"
        f"已审核通过{_count(states, 'approved')}项，待审核{_count(states, 'submitted')}项，"
        f"退回修改{_count(states, 'returned')}项，{DRAFT_LABEL}{_count(states, 'draft')}项，"
        f"未报送{_count(states, 'missing')}项。"
    )


def completeness_section(delivery: Delivery | None) -> Section | None:
    """Who has reported what is due for the year; None without confirmed tasks."""
    if delivery is None or delivery.completeness is None or not delivery.completeness.items:
        return None
    result = delivery.completeness
    rows = []
    for name in result.departments:
        states = [i.state for i in result.items if i.department == name]
        rows.append((name, str(len(states)), *(str(_count(states, s)) for s in STATE_ORDER)))
    labels = {**STATE_LABELS, "draft": DRAFT_LABEL}
    matrix = Table(
        f"{result.year}年各单位报送情况",
        ("单位", "应报送", *(labels[s] for s in STATE_ORDER)),
        tuple(rows),
    )
    blocks: list[Block] = [Paragraph(completeness_sentence(result)), matrix]
    owed = [i for i in result.items if i.state in OWED]
    if owed:
        blocks.append(
            Paragraph(f"以下{len(owed)}项尚未报送或经退回尚未重新报送，请有关单位抓紧补报：")
        )
        owed_rows = tuple(
            (str(n), i.department, "指标数据" if i.kind == "数据" else i.kind, i.name,
             labels[i.state], i.comment or "—")
            for n, i in enumerate(owed, start=1)
        )  # fmt: skip
        header = ("序号", "单位", "类别", "事项", "情况", "审核意见")
        blocks.append(Table("未报送及退回事项", header, owed_rows))
    else:
        blocks.append(Paragraph("应报送的指标数据和任务进展均已报送。"))
    return Section("监测数据和任务进展报送情况", tuple(blocks))
