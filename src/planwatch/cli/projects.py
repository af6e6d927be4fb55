"""Commands over the major-project register: template, import, list, show, progress, rate."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from planwatch.assess.projects import ProjectThresholds
from planwatch.cli.app import PlanOption, actor, fail, settings, user_errors
from planwatch.cli.data import DryRun, _report_problems, date_option, session
from planwatch.cli.documents import aligned
from planwatch.domain.assessment import Light
from planwatch.domain.project import ProjectStatus
from planwatch.services.plans import get_plan
from planwatch.services.project_boxes import plan_outline
from planwatch.services.project_candidates import box_candidates, write_candidates
from planwatch.services.project_cells import parse_amount, parse_report_period
from planwatch.services.project_detail import project_detail
from planwatch.services.project_export import (
    EXPORT_HEADER,
    amount,
    detail_json,
    export_rows,
    list_json,
)
from planwatch.services.project_progress import import_progress
from planwatch.services.project_register import import_register
from planwatch.services.project_template import template_year, write_template
from planwatch.services.project_views import ProjectFilters, as_of_date, project_list
from planwatch.services.projects import (
    ReportEntry,
    add_report,
    find_project,
    parse_milestone,
    rate_project,
    set_milestone,
)
from planwatch.services.tables import read_table, write_xlsx
from planwatch.settings import Settings

projects_app = typer.Typer(help="重大项目库:导入、进展填报、评估和导出。", no_args_is_help=True)
progress_app = typer.Typer(help="填报或导入项目进展(完成投资、形象进度)。", no_args_is_help=True)

Year = Annotated[int | None, typer.Option("--year", help="年度(默认今年)。")]
Format = Annotated[str, typer.Option("--format", help="table 或 json。")]
Reference = Annotated[str, typer.Argument(help="项目编号或名称。")]


def thresholds(current: Settings) -> ProjectThresholds:
    with user_errors():
        return ProjectThresholds.from_mapping(current.project_thresholds)


def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="模板文件(.xlsx 或 .csv)。")],
    plan: PlanOption = None,
    year: Year = None,
) -> None:
    """生成重大项目库模板(两行表头;另附本规划的专栏清单)。"""
    if output.suffix.lower() not in (".xlsx", ".csv"):
        fail(f"{output}: 模板应为 .xlsx 或 .csv 文件")
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        write_template(output, found, year or template_year(found, date.today()))
    typer.echo(f"已生成模板 {output}")


def import_(
    file: Annotated[
        Path, typer.Argument(help="项目库文件(XLSX 或 CSV,可含合并单元格和两行表头)。")
    ],
    plan: PlanOption = None,
    year: Annotated[
        int | None, typer.Option("--year", help="「年度计划投资」列未注明年份时的年份。")
    ] = None,
    dry_run: DryRun = False,
    add_departments: Annotated[
        bool, typer.Option("--add-departments", help="把文件中的新责任单位一并添加。")
    ] = False,
) -> None:
    """导入重大项目库:逐行校验,有任何错误则全部不写入并列出错误。"""
    current = settings()
    with session(current) as opened:
        table = read_table(file, merged=True)
        report = import_register(
            opened, get_plan(opened, plan), table, actor(current),
            year=year, dry_run=dry_run, add_departments=add_departments,
        )  # fmt: skip
        if not report.ok:
            _report_problems(str(file), report.problems)
    verb = "将" if dry_run else ""
    added = (
        f",{verb}新增责任单位 {len(report.departments_added)} 个"
        if report.departments_added
        else ""
    )
    typer.echo(
        f"{verb}新增项目 {report.created} 个,{verb}更新 {report.updated} 个,"
        f"未变 {report.unchanged} 个{added}。"
    )


def list_(
    plan: PlanOption = None,
    year: Year = None,
    box: Annotated[str | None, typer.Option("--box", help="专栏(如 专栏1)。")] = None,
    department: Annotated[str | None, typer.Option("--department", help="牵头单位。")] = None,
    status: Annotated[str | None, typer.Option("--status", help="未开工、在建 或 已竣工。")] = None,
    light: Annotated[str | None, typer.Option("--light", help="绿灯、黄灯、红灯 或 灰灯。")] = None,
    format: Format = "table",
) -> None:
    """列出项目及其判断(投资进度、时间进度、灯号)和合计。"""
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        box_key = None
        if box:
            ref = plan_outline(found).box(box)
            if ref is None:
                fail(f"--box: 规划中没有「{box}」")
            box_key = ref.key
        filters = ProjectFilters(
            box=box_key, department=department, status=_status(status), light=_light(light),
            year=year,
        )  # fmt: skip
        listing = project_list(opened, found, thresholds(current), filters)
    if format == "json":
        typer.echo(json.dumps(list_json(listing), ensure_ascii=False, indent=2))
        return
    rows = [
        [
            "编号",
            "项目名称",
            "牵头单位",
            "总投资(万元)",
            "累计完成",
            "投资进度",
            "时间进度",
            "状态",
            "灯号",
            "信心",
        ]
    ]
    for r in listing.rows:
        j = r.judgement
        share = "" if j.investment_share is None else f"{(j.investment_share * 100):.1f}%"
        time = f"{(j.time_share * 100):.1f}%"
        total, done = amount(r.total) or "", amount(j.cumulative) or ""
        rows.append(
            [r.code, r.name, r.department, total, done, share, time, j.status.label,
             j.light.label, r.rating or ""]
        )  # fmt: skip
    for line in aligned(rows):
        typer.echo(line)
    t = listing.totals
    typer.echo(
        f"合计 {t.count} 个项目,总投资 {amount(t.total)} 万元,"
        f"累计完成 {amount(t.cumulative)} 万元;{listing.as_of.year}年计划 "
        f"{amount(t.year_plan)} 万元,完成 {amount(t.year_completed)} 万元。"
    )


def show(
    reference: Reference, plan: PlanOption = None, year: Year = None, format: Format = "table"
) -> None:
    """显示一个项目:投资、里程碑、判断依据和进展记录。"""
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        project = find_project(opened, found, reference)
        detail = project_detail(
            opened, found, project, as_of_date(year, date.today()), thresholds(current)
        )
        data = detail_json(detail)
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    j = detail.judgement
    typer.echo(f"{data['code']} {data['name']}({data['department'] or '未指定牵头单位'})")
    typer.echo(
        f"建设期 {data['period']},总投资 {data['total_investment']} 万元;"
        f"{j.status.label},{j.light.label}"
    )
    for signal in j.signals:
        typer.echo(f"  {signal.formula}")
    for m in data["milestones"]:
        typer.echo(f"  {m['label']}:计划 {m['planned'] or '—'},实际 {m['actual'] or '—'}")
    for r in data["reports"]:
        typer.echo(f"  {r['period']} 本期 {r['completed']} 累计 {r['cumulative']} {r['progress']}")


def progress_add(
    reference: Reference,
    period: Annotated[
        str, typer.Argument(help="报告期:2023-06、2023年6月、2023Q2 或 2023年第二季度。")
    ],
    plan: PlanOption = None,
    completed: Annotated[str | None, typer.Option("--completed", help="本期完成投资。")] = None,
    cumulative: Annotated[str | None, typer.Option("--cumulative", help="累计完成投资。")] = None,
    unit: Annotated[str, typer.Option("--unit", help="金额单位:万元 或 亿元。")] = "万元",
    progress: Annotated[str, typer.Option("--progress", help="形象进度。")] = "",
    note: Annotated[str, typer.Option("--note", help="备注(累计超过总投资时必填)。")] = "",
    evidence: Annotated[
        list[str] | None, typer.Option("--evidence", help="佐证材料(可多次)。")
    ] = None,
) -> None:
    """填报一个项目一期的进展;同一报告期再次填报即更正。"""
    if unit not in ("万元", "亿元"):
        fail(f"--unit 应为 万元 或 亿元,而不是「{unit}」")
    try:
        entry = ReportEntry(
            parse_report_period(period), _amount("--completed", completed, unit),
            _amount("--cumulative", cumulative, unit), progress, note, tuple(evidence or ()),
        )  # fmt: skip
    except ValueError as error:
        fail(f"报告期「{period}」:{error}")
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        project = find_project(opened, found, reference)
        report = add_report(opened, found, project, entry, actor(current))
        typer.echo(
            f"已记录 {project.name} {report.period}:本期完成 {amount(report.completed)} 万元,"
            f"累计 {amount(report.cumulative)} 万元。"
        )


def progress_import(
    file: Annotated[Path, typer.Argument(help="进展文件(XLSX 或 CSV)。")],
    plan: PlanOption = None,
    dry_run: DryRun = False,
) -> None:
    """导入多个项目的进展:逐行校验,有任何错误则全部不写入。"""
    current = settings()
    with session(current) as opened:
        report = import_progress(
            opened, get_plan(opened, plan), read_table(file), actor(current), dry_run=dry_run
        )
        if not report.ok:
            _report_problems(str(file), report.problems)
    typer.echo(f"{'将' if dry_run else ''}记录进展 {report.added} 条。")


def milestone(
    reference: Reference,
    kind: Annotated[str, typer.Argument(help="前期手续、开工、主体完工、竣工 或 投产。")],
    plan: PlanOption = None,
    planned: Annotated[
        str | None, typer.Option("--planned", help="计划日期,如 2023-06-30。")
    ] = None,
    actual: Annotated[str | None, typer.Option("--actual", help="实际日期。")] = None,
    note: Annotated[str, typer.Option("--note", help="说明。")] = "",
) -> None:
    """设置项目里程碑的计划或实际日期。"""
    planned_on, actual_on = date_option("--planned", planned), date_option("--actual", actual)
    if planned_on is None and actual_on is None:
        fail("请给出 --planned 或 --actual")
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        project = find_project(opened, found, reference)
        which = parse_milestone(kind)
        set_milestone(
            opened, project, which, actor(current), planned=planned_on, actual=actual_on, note=note
        )
        typer.echo(f"已更新 {project.name} 的「{which.label}」。")


def rate(
    reference: Reference,
    rating: Annotated[str, typer.Argument(help="交付信心:绿、绿黄、黄、黄红 或 红。")],
    reason: Annotated[str, typer.Option("--reason", help="评级理由(必填)。")] = "",
    plan: PlanOption = None,
) -> None:
    """记录项目的交付信心评级(与计算出的灯号并列显示)。"""
    current = settings()
    with session(current) as opened:
        project = find_project(opened, get_plan(opened, plan), reference)
        entry = rate_project(opened, project, rating, reason, actor(current))
        typer.echo(f"已记录 {project.name} 的交付信心:{entry.rating}。")


def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="导出文件(.xlsx)。")],
    plan: PlanOption = None,
    year: Year = None,
) -> None:
    """导出项目清单及判断为 XLSX。"""
    if output.suffix.lower() != ".xlsx":
        fail(f"{output}: 导出文件应为 .xlsx")
    current = settings()
    with session(current) as opened:
        listing = project_list(
            opened, get_plan(opened, plan), thresholds(current), ProjectFilters(year=year)
        )
    write_xlsx(output, [("重大项目", EXPORT_HEADER, export_rows(listing))])
    typer.echo(f"已导出 {len(listing.rows)} 个项目到 {output}")


def candidates(
    plan: PlanOption = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="写成项目库文件(.xlsx 或 .csv)待补全后导入。"),
    ] = None,
    format: Format = "table",
) -> None:
    """从专栏文字中找出列明总投资的项目(尚未入库的),作为项目库候选。"""
    current = settings()
    with session(current) as opened:
        found = box_candidates(opened, get_plan(opened, plan))
    if output is not None:
        if output.suffix.lower() not in (".xlsx", ".csv"):
            fail(f"{output}: 应为 .xlsx 或 .csv 文件")
        write_candidates(output, found)
        typer.echo(f"已写出 {len(found)} 个候选项目到 {output}")
        return
    if format == "json":
        data = [{"box_key": c.box_key, "box": c.box, "name": c.candidate.name,
                 "total_investment": amount(c.candidate.total), "text": c.candidate.text,
                 "start": c.candidate.start, "end": c.candidate.end} for c in found]  # fmt: skip
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rows = [["专栏", "项目名称", "总投资(万元)", "原文"]]
    rows += [
        [c.box, c.candidate.name, amount(c.candidate.total) or "", c.candidate.text] for c in found
    ]
    for line in aligned(rows):
        typer.echo(line)
    typer.echo(f"共 {len(found)} 个候选项目。")


def _amount(option: str, text: str | None, unit: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return parse_amount(text, unit)
    except ValueError as error:
        fail(f"{option}「{text}」:{error}")


STATUSES = {s.label: s for s in ProjectStatus}
LIGHTS = {light.label: light for light in Light}


def _status(text: str | None) -> ProjectStatus | None:
    if text is None:
        return None
    if text not in STATUSES:
        fail(f"--status 应为 {'、'.join(STATUSES)} 之一")
    return STATUSES[text]


def _light(text: str | None) -> Light | None:
    if text is None:
        return None
    if text not in LIGHTS:
        fail(f"--light 应为 {'、'.join(LIGHTS)} 之一")
    return LIGHTS[text]


def register(app: typer.Typer) -> None:
    projects_app.command()(template)
    projects_app.command("import")(import_)
    projects_app.command("list")(list_)
    projects_app.command()(show)
    projects_app.command()(milestone)
    projects_app.command()(rate)
    projects_app.command()(export)
    projects_app.command()(candidates)
    progress_app.command("add")(progress_add)
    progress_app.command("import")(progress_import)
    projects_app.add_typer(progress_app, name="progress")
    app.add_typer(projects_app, name="projects")
