"""The report's section on major projects (重大项目推进情况), and the final evaluation's
completion per 专栏 box. Pure.

From a :class:`~planwatch.assess.project_summary.ProjectSummary`: projects started and
completed (by the year's end, and within the year), the year's planned and completed
investment, the cumulative investment against the total, the lagging projects (red first)
with their reasons in words, and per box the share of projects completed. Amounts are
stored in 万元; a register of 1 亿元 or more in total is reported in 亿元.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planwatch.assess.project_summary import LaggingProject, ProjectSummary
from planwatch.domain.assessment import Light
from planwatch.domain.project import MilestoneKind
from planwatch.report import numbers
from planwatch.report.model import Block, Paragraph, Section, Table

WAN_PER_YI = Decimal(10000)
LIGHT_WORDS = {Light.RED: "红灯", Light.YELLOW: "黄灯"}


def unit_of(summary: ProjectSummary) -> str:
    """亿元 for a register of at least 1 亿元 in total, else 万元."""
    return "亿元" if summary.total >= WAN_PER_YI else "万元"


def amount(wan: Decimal, unit: str) -> str:
    """An amount stored in 万元, in ``unit``, to two decimals.

    >>> amount(Decimal("123456"), "亿元"), amount(Decimal("850.5"), "万元")
    ('12.35', '850.5')
    """
    return numbers.rounded(wan / WAN_PER_YI if unit == "亿元" else wan)


def day(moment: date) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日"


def reasons(lag: LaggingProject, unit: str) -> str:
    """Why a project lags, in words: investment behind time, the year's plan, late milestones."""
    j, project = lag.judgement, lag.project
    if j is None or project is None:
        return "；".join(lag.reasons)
    said: list[str] = []
    for signal in j.signals:
        if signal.light not in (Light.YELLOW, Light.RED):
            continue
        if signal.code == "investment" and j.investment_share is not None:
            said.append(
                f"累计完成投资{amount(j.cumulative, unit)}{unit}，占总投资的"
                f"{numbers.percent(j.investment_share)}，低于时间进度{numbers.percent(j.time_share)}"
            )
        elif signal.code == "annual" and j.year_plan:
            share = numbers.percent(j.year_completed / j.year_plan)
            said.append(
                f"{j.as_of.year}年完成投资{amount(j.year_completed, unit)}{unit}，为年度计划投资"
                f"{amount(j.year_plan, unit)}{unit}的{share}"
            )
        elif signal.code == "start":
            start = project.milestone(MilestoneKind.START)
            due = start.planned if start and start.planned else project.start
            said.append(f"计划{day(due)}开工，尚未开工")
    said += [f"{m.kind.label}计划{day(m.planned)}完成，尚未完成" for m in j.overdue if m.planned]
    if lag.rating:
        rated = f"交付信心评级为“{lag.rating}”"
        said.append(f"{rated}（{lag.rating_reason}）" if lag.rating_reason else rated)
    return "；".join(said)


def overview_paragraphs(summary: ProjectSummary, year: int) -> list[Block]:
    unit = unit_of(summary)
    not_started = summary.projects - summary.started
    lines = [
        f"规划重大项目库共有项目{summary.projects}个，总投资{amount(summary.total, unit)}{unit}。"
        f"截至{year}年底，已开工{summary.started}个（其中{year}年新开工{summary.started_in_year}个），"
        f"已竣工{summary.completed}个（其中{year}年竣工{summary.completed_in_year}个），"
        f"尚未开工{not_started}个。",
    ]
    if summary.year_plan:
        lines.append(
            f"{year}年计划投资{amount(summary.year_plan, unit)}{unit}，完成投资"
            f"{amount(summary.year_completed, unit)}{unit}，为年度计划的"
            f"{numbers.percent(summary.year_rate)}。"
        )
    else:
        lines.append(
            f"项目库未填报{year}年计划投资；{year}年完成投资"
            f"{amount(summary.year_completed, unit)}{unit}。"
        )
    share = summary.cumulative / summary.total if summary.total else None
    lines.append(
        f"项目累计完成投资{amount(summary.cumulative, unit)}{unit}"
        + (f"，占总投资的{numbers.percent(share)}。" if share is not None else "。")
    )
    return [Paragraph(line) for line in lines]


def lagging_blocks(summary: ProjectSummary) -> list[Block]:
    unit = unit_of(summary)
    if not summary.lagging:
        return [Paragraph("没有进度滞后（亮黄灯或红灯）的项目。")]
    red = sum(1 for lag in summary.lagging if lag.light is Light.RED)
    rows = tuple(
        (str(n), lag.name, lag.box or "—", lag.department or "—", LIGHT_WORDS[lag.light],
         reasons(lag, unit) or "—", lag.progress or "—")
        for n, lag in enumerate(summary.lagging, start=1)
    )  # fmt: skip
    return [
        Paragraph(
            f"{len(summary.lagging)}个项目进度滞后，其中亮红灯{red}个、亮黄灯"
            f"{len(summary.lagging) - red}个，情况如下："
        ),
        Table(
            "进度滞后的重大项目",
            ("序号", "项目名称", "所属专栏", "责任单位", "预警", "滞后原因", "形象进度"),
            rows,
            lights=tuple(lag.light for lag in summary.lagging),
        ),
    ]


def box_table(summary: ProjectSummary, year: int) -> Table:
    unit = unit_of(summary)
    rows = tuple(
        (box.box, str(box.projects), str(box.completed), numbers.percent(box.completion_rate),
         amount(box.total, unit), amount(box.cumulative, unit),
         numbers.percent(box.cumulative / box.total) if box.total else "—")
        for box in summary.boxes
    )  # fmt: skip
    return Table(
        f"各专栏重大项目完成情况（截至{year}年底）",
        ("专栏", "项目数", "已竣工", "竣工率", f"总投资（{unit}）", f"累计完成投资（{unit}）",
         "投资完成率"),
        rows,
        note="竣工率为已竣工项目数占项目数的比例；投资完成率为累计完成投资占总投资的比例。",
    )  # fmt: skip


def projects_section(
    summary: ProjectSummary | None, year: int, title: str = "重大项目推进情况"
) -> Section | None:
    """Counts, investment, lagging projects and the boxes; None without projects."""
    if summary is None or not summary.projects:
        return None
    lagging = Section("进度滞后的项目", tuple(lagging_blocks(summary)))
    blocks = (*overview_paragraphs(summary, year), box_table(summary, year))
    return Section(title, blocks, (lagging,))
