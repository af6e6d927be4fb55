"""Where the sections on tasks, reporting and projects go in each kind of report. Pure.

Annual and mid-term reports get 主要任务推进情况, 重大项目推进情况 and
监测数据和任务进展报送情况 as sections of their own, each only when the plan has what it
describes. The final evaluation gets them as the parts of its 主要任务与重大项目, which keeps
its placeholder paragraph for whatever is not stored.
"""

from __future__ import annotations

from planwatch.report.final import TASKS_PLACEHOLDER, tasks_section
from planwatch.report.model import Block, Paragraph, Report, ReportKind, Section, Table
from planwatch.report.project_sections import projects_section
from planwatch.report.task_sections import completeness_section
from planwatch.report.task_sections import tasks_section as task_progress_section
from planwatch.services.delivery import Delivery

NO_TASKS = "规划主要任务尚未分解录入，其落实成效请起草单位根据各牵头单位报送的材料补充。"
TITLES = frozenset({"主要任务推进情况", "主要任务完成情况", "重大项目推进情况", "重大项目完成情况",
                    "监测数据和任务进展报送情况"})  # fmt: skip
SHEET_NAME_MAX = 31  # Excel's limit
NO_PROJECTS = "规划重大项目尚未录入项目库，其投资完成、开工和建成情况请起草单位补充。"


def delivery_sections(delivery: Delivery | None, kind: ReportKind) -> tuple[Section, ...]:
    """The annual and mid-term sections, in order; none for a plan without tasks or projects."""
    if delivery is None:
        return ()
    found = (
        task_progress_section(delivery),
        projects_section(delivery.projects, delivery.year),
        completeness_section(delivery),
    )
    return tuple(s for s in found if s is not None)


def final_tasks_section(delivery: Delivery | None) -> Section:
    """主要任务与重大项目 of the final evaluation: tasks, projects per box, reporting."""
    if delivery is None or delivery.empty:
        return tasks_section()
    tasks = task_progress_section(delivery, "主要任务完成情况")
    projects = projects_section(delivery.projects, delivery.year, "重大项目完成情况")
    reported = completeness_section(delivery)
    blocks: list[Block] = []
    if tasks is None:
        blocks.append(Paragraph(NO_TASKS))
    if projects is None:
        blocks.append(Paragraph(NO_PROJECTS))
    children = tuple(s for s in (tasks, projects, reported) if s is not None)
    return Section("主要任务与重大项目", tuple(blocks), children)


def delivery_tables(report: Report) -> list[tuple[str, Table]]:
    """The tables of the tasks, projects and reporting sections, each with a sheet name
    (its caption without the 表N number), for the XLSX report."""
    found: list[tuple[str, Table]] = []
    for top in report.walk():
        if top.title not in TITLES:
            continue
        for section in top.walk():
            for block in section.blocks:
                if isinstance(block, Table):
                    name = block.caption.split("\u3000", 1)[-1]
                    name = "".join("_" if c in "[]:*?/\\" else c for c in name)
                    found.append((name[:SHEET_NAME_MAX], block))
    return found


__all__ = ["TASKS_PLACEHOLDER", "delivery_sections", "delivery_tables", "final_tasks_section"]
