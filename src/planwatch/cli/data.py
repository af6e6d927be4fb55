"""Commands over the database: import plans, edit indicators, enter and import data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from planwatch.cli.app import PlanFile, PlanOption, actor, fail, settings, user_errors
from planwatch.cli.documents import aligned
from planwatch.extract.vocabulary import load_vocabulary
from planwatch.read import read_document
from planwatch.samples import sample_path
from planwatch.services.entry_checks import entry_rules
from planwatch.services.indicators import IndicatorChanges, edit_indicator, import_indicator_table
from planwatch.services.observations import (
    STATUS_LABELS,
    TEMPLATE_HEADER,
    add_observation,
    current_observations,
    find_indicator,
    import_observations,
    set_progress_note,
    template_rows,
)
from planwatch.services.plans import RegionChoice, VersionFacts, get_plan, import_plan
from planwatch.services.sample import load_sample
from planwatch.services.tables import (
    RowProblem,
    number_problem,
    parse_number,
    read_table,
    write_table,
)
from planwatch.settings import Settings
from planwatch.store.database import Database


@contextmanager
def session(current: Settings) -> Iterator[Session]:
    """A migrated database's session; commits when the command succeeds."""
    with user_errors():
        database = Database(current.database_url)
        try:
            database.migrate()
            with database.session() as opened:
                yield opened
        finally:
            database.dispose()


indicator_app = typer.Typer(help="查看、确认和修改指标。", no_args_is_help=True)
ConfirmChecks = Annotated[
    bool,
    typer.Option(
        "--confirm-checks",
        help="确认异常值(超出 0–100、为负、变动超过阈值、疑似单位错位)无误并保存;"
        "确认记入修订记录。",
    ),
]
observe_app = typer.Typer(help="录入或导入指标的观测数据。", no_args_is_help=True)

DryRun = Annotated[bool, typer.Option("--dry-run", help="只检查,不写入。")]


def import_(
    file: PlanFile = None,
    region: Annotated[
        str | None, typer.Option("--region", help="地区名称;省略时从规划标题中识别。")
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="地区级别:国家、省、市、县区 或 乡镇。")
    ] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="上级地区名称。")] = None,
    adopted_on: Annotated[
        str | None, typer.Option("--adopted-on", help="通过或修订日期,如 2022-03-01。")
    ] = None,
    approved_by: Annotated[
        str | None, typer.Option("--approved-by", help="批准机关,如 区人民代表大会。")
    ] = None,
) -> None:
    """导入规划文件为草稿:同一文件再次导入不做改动,内容有变则成为新版本。"""
    current = settings()
    facts = VersionFacts(date_option("--adopted-on", adopted_on), approved_by)
    with session(current) as opened:
        document = read_document(file or sample_path(), max_bytes=current.max_document_bytes)
        outcome = import_plan(
            opened,
            document,
            actor(current),
            RegionChoice(region, level, parent),
            facts,
            max_chars=current.max_extract_chars,
            vocabulary=load_vocabulary(current.vocabulary_file),
        )
    if not outcome.created:
        typer.echo(f"未改动:该文件已是规划「{outcome.plan_key}」的第{outcome.version}版。")
        return
    kind = "新规划" if outcome.new_plan else "新版本"
    updated = f",更新指标草稿 {outcome.indicators_updated} 项" if outcome.indicators_updated else ""
    place = f"(地区:{outcome.region})" if outcome.region else "(未识别地区,可用 plan edit 设置)"
    typer.echo(
        f"已导入{kind}「{outcome.plan_key}」第{outcome.version}版{place},"
        f"新增指标草稿 {outcome.indicators_added} 项{updated}。"
    )


def sample() -> None:
    """导入内置样例规划及其有出处的观测数据(可重复运行)。"""
    current = settings()
    with session(current) as opened:
        outcome = load_sample(opened, current, actor(current))
    typer.echo(
        f"样例规划「{outcome.plan.plan_key}」:新增指标 {outcome.plan.indicators_added} 项,"
        f"新增观测值 {outcome.observations_added} 条;"
        f"上级地区数据 {outcome.other_region_rows} 行留待规划衔接。"
    )


def indicator_list(plan: PlanOption = None) -> None:
    """列出数据库中规划的指标。"""
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        rows = [
            (
                "编号",
                "指标",
                "范围",
                "单位",
                "属性",
                "类型",
                "基期",
                "目标",
                "牵头单位",
                "确认",
                "最新值",
            )
        ]
        for i in found.indicators:
            target = ", ".join(
                f"{t.year}{t.comparator}{plain(t.value)}{'(力争)' if t.stretch else ''}"
                for t in i.targets
            )
            latest = current_observations(i)
            rows.append(
                (
                    i.code,
                    i.name,
                    i.scope or "",
                    i.unit,
                    "约束性" if i.attribute == "binding" else "预期性",
                    i.kind,
                    f"{i.baseline_year}:{plain(i.baseline_value)}"
                    if i.baseline_value is not None
                    else "",
                    target,
                    i.department.name if i.department else "",
                    "是" if i.confirmed else "否",
                    f"{latest[-1].year}:{plain(latest[-1].value)}" if latest else "",
                )
            )
    typer.echo("\n".join(aligned(rows)))


def indicator_edit(
    code: Annotated[str, typer.Argument(help="指标编号(如 I005)或名称。")],
    plan: PlanOption = None,
    name: Annotated[str | None, typer.Option(help="名称。")] = None,
    unit: Annotated[str | None, typer.Option(help="单位。")] = None,
    attribute: Annotated[str | None, typer.Option(help="属性:预期性 或 约束性。")] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="类型:level growth_rate cumulative ceiling floor change relational qualitative。"
        ),
    ] = None,
    direction: Annotated[str | None, typer.Option(help="方向:increase 或 decrease。")] = None,
    baseline_year: Annotated[int | None, typer.Option(help="基期年份。")] = None,
    baseline: Annotated[str | None, typer.Option(help="基期值。")] = None,
    target: Annotated[str | None, typer.Option(help="目标值。")] = None,
    target_year: Annotated[int | None, typer.Option(help="目标年份。")] = None,
    comparator: Annotated[str | None, typer.Option(help="比较符:>= > <= < =。")] = None,
    stretch: Annotated[str | None, typer.Option(help="力争目标值。")] = None,
    department: Annotated[str | None, typer.Option(help="牵头单位。")] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="确认该指标。")] = False,
    definition: Annotated[str | None, typer.Option(help="指标解释。")] = None,
    measure_note: Annotated[str | None, typer.Option(help="统计口径。")] = None,
    data_source: Annotated[str | None, typer.Option(help="数据来源。")] = None,
    frequency: Annotated[str | None, typer.Option(help="更新频率,如 年度、季度。")] = None,
    contact: Annotated[str | None, typer.Option(help="联系人及电话。")] = None,
) -> None:
    """修改并确认一项指标;每次修改记入审计日志。"""
    changes = IndicatorChanges(
        name=name,
        unit=unit,
        attribute=attribute,
        kind=kind,
        direction=direction,
        baseline_year=baseline_year,
        baseline_value=decimal_option("--baseline", baseline),
        target_value=decimal_option("--target", target),
        target_year=target_year,
        comparator=comparator,
        stretch_value=decimal_option("--stretch", stretch),
        department=department,
        confirmed=True if confirm else None,
        definition=definition,
        measure_note=measure_note,
        data_source=data_source,
        frequency=frequency,
        contact=contact,
    )
    current = settings()
    with session(current) as opened:
        indicator = find_indicator(get_plan(opened, plan), code)
        edit_indicator(opened, indicator, changes, actor(current))
        typer.echo(f"已更新指标 {indicator.code}「{indicator.name}」。")


def indicator_table(
    file: Annotated[Path, typer.Argument(help="主要指标表(CSV 或 XLSX)。")],
    plan: PlanOption = None,
    dry_run: DryRun = False,
    create_departments: Annotated[
        bool, typer.Option("--create-departments", help="责任单位不在单位名单中时新建。")
    ] = False,
) -> None:
    """导入规划的主要指标表(指标、单位、基期年、目标年、年均增长/累计、属性)。"""
    current = settings()
    with session(current) as opened:
        report = import_indicator_table(
            opened,
            get_plan(opened, plan),
            read_table(file),
            actor(current),
            dry_run=dry_run,
            create_departments=create_departments,
        )
        if not report.ok:
            _report_problems(str(file), report.problems)
    verb = "将" if dry_run else "已"
    typer.echo(
        f"{verb}更新指标 {report.updated} 项,{verb}新增 {report.added} 项(共 {report.rows} 行)。"
    )


def template(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="输出文件(.xlsx 或 .csv)。")
    ] = Path("观测数据模板.xlsx"),
    plan: PlanOption = None,
    department: Annotated[
        str | None, typer.Option("--department", help="只含该牵头单位的指标(部门填报模板)。")
    ] = None,
) -> None:
    """生成观测数据填报模板:每项指标每年一行,已有数值已填入。"""
    current = settings()
    with session(current) as opened:
        chosen = get_plan(opened, plan)
        if department is not None:
            led = {i.department.name for i in chosen.indicators if i.department}
            if department not in led:
                known = "、".join(sorted(led)) or "无"
                fail(f"没有由「{department}」牵头的指标(牵头单位有:{known})")
        rows = template_rows(
            chosen,
            None if department is None else (
                lambda i: i.department is not None and i.department.name == department
            ),
        )  # fmt: skip
    with user_errors():
        write_table(output, "观测数据", TEMPLATE_HEADER, rows)
    typer.echo(f"已生成模板 {output}({len(rows)} 行)。")


def observe_add(
    code: Annotated[str, typer.Argument(help="指标编号或名称。")],
    year: Annotated[int, typer.Argument(help="年份。")],
    value: Annotated[str, typer.Argument(help="数值(按指标单位)。")],
    plan: PlanOption = None,
    status: Annotated[str, typer.Option(help="状态:初步、最终 或 修订。")] = "最终",
    source: Annotated[str, typer.Option(help="数据来源。")] = "",
    growth_rate: Annotated[
        bool, typer.Option("--growth-rate", help="数值是当年增长率(%)。")
    ] = False,
    simulated: Annotated[bool, typer.Option("--simulated", help="模拟数据(演示用)。")] = False,
    confirm_checks: ConfirmChecks = False,
) -> None:
    """录入一项观测值;与当前值相同则不改动,否则保存为新的修订。"""
    number = decimal_option("VALUE", value)
    if status not in STATUS_LABELS:
        fail(f"状态「{status}」应为 初步、最终 或 修订")
    current = settings()
    with session(current) as opened:
        indicator = find_indicator(get_plan(opened, plan), code)
        added = add_observation(
            opened,
            indicator,
            year,
            number or Decimal(0),
            actor(current),
            status=STATUS_LABELS[status],
            source=source,
            is_growth_rate=growth_rate,
            simulated=simulated,
            checks=entry_rules(current),
            confirm=confirm_checks,
        )
        message = (
            f"已记录 {indicator.name} {year} 年:{value}{indicator.unit}(第{added.revision}次修订)。"
            if added
            else f"未改动:{indicator.name} {year} 年已是该值。"
        )
    typer.echo(message)


def observe_import(
    file: Annotated[
        Path, typer.Argument(help="观测数据文件(CSV 或 XLSX,格式同 planwatch template)。")
    ],
    plan: PlanOption = None,
    dry_run: DryRun = False,
    confirm_checks: ConfirmChecks = False,
) -> None:
    """导入观测数据:逐行校验,有任何错误则全部不写入并列出错误。"""
    current = settings()
    with session(current) as opened:
        report = import_observations(
            opened, get_plan(opened, plan), read_table(file), actor(current), dry_run=dry_run,
            checks=entry_rules(current), confirm=confirm_checks,
        )  # fmt: skip
        if not report.ok:
            _report_problems(str(file), report.problems)
    verb = "将新增" if dry_run else "新增"
    typer.echo(
        f"{verb}观测值 {report.added} 条,未变 {report.unchanged} 条,空白 {report.blank} 行。"
    )


def observe_note(
    code: Annotated[str, typer.Argument(help="指标编号或名称。")],
    year: Annotated[int, typer.Argument(help="年份。")],
    plan: PlanOption = None,
    reason: Annotated[str, typer.Option(help="进展滞后或超前的原因。")] = "",
    measures: Annotated[str, typer.Option(help="已采取或拟采取的措施。")] = "",
) -> None:
    """记录某项指标某年的原因与措施(评估报告的滞后指标一节引用)。"""
    current = settings()
    with session(current) as opened:
        indicator = find_indicator(get_plan(opened, plan), code)
        set_progress_note(opened, indicator, year, reason, measures, actor(current))
        typer.echo(f"已记录 {indicator.name} {year} 年的原因与措施。")


SHOWN_PROBLEMS = 5


def _report_problems(name: str, problems: list[RowProblem]) -> None:
    """One line: how many bad rows, the first few of them, and that nothing was written."""
    shown = ";".join(str(problem) for problem in problems[:SHOWN_PROBLEMS])
    more = f";另有 {len(problems) - SHOWN_PROBLEMS} 处" if len(problems) > SHOWN_PROBLEMS else ""
    fail(f"{name}: {len(problems)} 处错误,未写入任何数据:{shown}{more}")


def decimal_option(option: str, text: str | None) -> Decimal | None:
    if text is None:
        return None
    number = parse_number(text)  # "1,234.5" yes, "1,2,3" no
    if number is None:
        fail(f"{option}: 「{text}」{number_problem(text) or '不是数字'}")
    return number


def date_option(option: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option}: 「{text}」不是日期(应为 2022-03-01 这样的格式)")


def plain(value: Decimal | None) -> str:
    """A stored value without trailing zeros: 767.810000 → 767.81."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command()(sample)
    app.command()(template)
    indicator_app.command("list")(indicator_list)
    indicator_app.command("edit")(indicator_edit)
    indicator_app.command("import-table")(indicator_table)
    observe_app.command("add")(observe_add)
    observe_app.command("import")(observe_import)
    observe_app.command("note")(observe_note)
    app.add_typer(indicator_app, name="indicator")
    app.add_typer(observe_app, name="observe")
