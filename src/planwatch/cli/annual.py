"""Commands for annual targets (年度目标) and for figures read from bulletins and reports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.app import PlanOption, actor, fail, settings, user_errors
from planwatch.cli.data import (
    DryRun,
    _report_problems,
    decimal_option,
    observe_app,
    plain,
    session,
)
from planwatch.cli.documents import KindOption, aligned
from planwatch.extract.vocabulary import load_vocabulary
from planwatch.read import read_document
from planwatch.services.annual import annual_views, rules_of
from planwatch.services.annual_targets import (
    COMPARATOR_WORDS,
    TEMPLATE_HEADER,
    TargetEntry,
    add_annual_target,
    import_annual_targets,
    plan_targets,
    template_rows,
)
from planwatch.services.document_figures import (
    DocumentReading,
    FigureState,
    confirm_figures,
    read_figures,
    target_text,
)
from planwatch.services.observations import find_indicator
from planwatch.services.plans import get_plan
from planwatch.services.tables import read_table, write_table

annual_app = typer.Typer(
    help="录入、导入和查看年度目标(年度计划的预期目标)。", no_args_is_help=True
)


def target_add(
    code: Annotated[str, typer.Argument(help="指标编号(如 I005)或名称。")],
    year: Annotated[int, typer.Argument(help="年份。")],
    value: Annotated[str, typer.Argument(help="目标值。")],
    plan: PlanOption = None,
    comparator: Annotated[
        str, typer.Option(help="比较符:>= > <= < =,或 以上、以内、左右。")
    ] = ">=",
    unit: Annotated[str, typer.Option(help="单位;省略时为指标单位(增长率为 %)。")] = "",
    growth_rate: Annotated[
        bool, typer.Option("--growth-rate", help="目标是当年增长率(%)。")
    ] = False,
    approximate: Annotated[bool, typer.Option("--approximate", help="约数(左右)。")] = False,
    source: Annotated[str, typer.Option(help="来源:文件名称或填报人。")] = "",
) -> None:
    """录入一项年度目标;与当前目标相同则不改动,否则保存为新的修订。"""
    number = decimal_option("VALUE", value)
    meaning = COMPARATOR_WORDS.get(comparator)
    if meaning is None:
        fail(f"--comparator: 「{comparator}」应为 >= > <= < = 或 以上、以内、左右")
    current = settings()
    with session(current) as opened:
        indicator = find_indicator(get_plan(opened, plan), code)
        entry = TargetEntry(
            year,
            meaning,
            number or Decimal(0),
            unit,
            growth_rate,
            approximate or comparator == "左右",
            source,
        )
        added = add_annual_target(opened, indicator, entry, actor(current))
        message = (
            f"已记录 {indicator.name} {year} 年目标(第{added.revision}次修订)。"
            if added
            else f"未改动:{indicator.name} {year} 年目标已是该值。"
        )
    typer.echo(message)


def target_list(
    plan: PlanOption = None,
    year: Annotated[int | None, typer.Option(help="只列出该年。")] = None,
) -> None:
    """列出年度目标及完成情况(只计已审核的数据)。"""
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        views = annual_views(opened, found, rules_of(current), year=year)
        pending = len(plan_targets(opened, found, approved=False, year=year)) - len(views)
    rows = [("编号", "指标", "年份", "年度目标", "实际", "完成情况", "差距", "来源")]
    for view in views:
        result = view.assessment
        rows.append(
            (
                view.code,
                view.name,
                str(view.year),
                view.target,
                plain(result.actual) if result.actual is not None else "",
                result.status.label,
                plain(result.gap) if result.gap is not None else "",
                view.source,
            )
        )
    typer.echo("\n".join(aligned(rows)) if views else "没有已审核的年度目标。")
    if pending > 0:
        typer.echo(f"另有 {pending} 项年度目标待审核。")


def target_template(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="输出文件(.xlsx 或 .csv)。")
    ] = Path("年度目标模板.xlsx"),
    plan: PlanOption = None,
    year: Annotated[
        list[int] | None, typer.Option(help="年份(可重复);省略时为规划期各年。")
    ] = None,
) -> None:
    """生成年度目标填报模板:每项指标每年一行,已有目标已填入。"""
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        years = year or list(range(found.period_start or 2021, (found.period_end or 2025) + 1))
        rows = template_rows(opened, found, years)
    with user_errors():
        write_table(output, "年度目标", TEMPLATE_HEADER, rows)
    typer.echo(f"已生成模板 {output}({len(rows)} 行)。")


def target_import(
    file: Annotated[Path, typer.Argument(help="年度目标文件(CSV 或 XLSX,格式同模板)。")],
    plan: PlanOption = None,
    dry_run: DryRun = False,
) -> None:
    """导入年度目标:逐行校验,有任何错误则全部不写入并列出错误。"""
    current = settings()
    with session(current) as opened:
        report = import_annual_targets(
            opened, get_plan(opened, plan), read_table(file), actor(current), dry_run=dry_run
        )
        if not report.ok:
            _report_problems(str(file), report.problems)
    verb = "将新增" if dry_run else "新增"
    typer.echo(
        f"{verb}年度目标 {report.added} 项,未变 {report.unchanged} 项,空白 {report.blank} 行。"
    )


def review_rows(reading: DocumentReading) -> list[tuple[str, ...]]:
    """The review table as the CLI prints it."""
    rows: list[tuple[str, ...]] = [
        (
            "序号",
            "类别",
            "年份",
            "文中指标",
            "文中数值",
            "匹配系列",
            "写入值",
            "已有值",
            "处理",
            "说明",
            "原句",
        )
    ]
    for f in reading.figures:
        q = f.quantity
        shown = (
            target_text(f)
            if f.role == "annual_target"
            else (f"{plain(f.value)}{f.unit}" if f.value is not None else "")
        )
        rows.append(
            (
                str(f.number),
                "年度目标" if f.role == "annual_target" else "实际值",
                str(f.year),
                f.name,
                q.text,
                f.series_label or "、".join(f.candidates),
                shown,
                plain(f.stored) if f.stored is not None else "",
                f.state.label,
                f.reason,
                f"第{q.line}行 {q.sentence[:60]}",
            )
        )
    return rows


def observe_extract(
    file: Annotated[Path, typer.Argument(help="统计公报或政府工作报告(.txt .docx .pdf .html)。")],
    plan: PlanOption = None,
    year: Annotated[
        int | None, typer.Option("--year", help="文件年份(“今年”所指);省略时从标题识别。")
    ] = None,
    kind: KindOption = None,
    dry_run: DryRun = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="确认写入(待审核);省略时只显示核对表。")
    ] = False,
    replace_conflicts: Annotated[
        bool, typer.Option("--replace-conflicts", help="与已审核值不一致的也写入为新修订。")
    ] = False,
    other_region: Annotated[
        bool, typer.Option("--other-region", help="文件地区与规划不同时仍然读取。")
    ] = False,
) -> None:
    """读取统计公报或报告的实际值和本年目标,与规划指标匹配并显示核对表;--yes 时写入待审核数据。"""
    current = settings()
    if year is not None and not 1949 <= year <= 2200:
        fail(f"--year: {year} 不是合理的年份")
    with session(current) as opened:
        found = get_plan(opened, plan)
        document = read_document(file, max_bytes=current.max_document_bytes)
        reading = read_figures(
            opened,
            found,
            document,
            year=year,
            kind=kind,
            allow_other_region=other_region,
            max_chars=current.max_extract_chars,
            vocabulary=load_vocabulary(current.vocabulary_file),
        )
        typer.echo(
            f"{file}:{reading.kind_label},年份 {reading.year},数值 {len(reading.figures)} 个"
        )
        typer.echo("\n".join(aligned(review_rows(reading))))
        counts = reading.counts()
        summary = ",".join(f"{state.label} {n}" for state, n in counts.items() if n)
        if not yes or dry_run:
            typer.echo(f"{summary}。未写入任何数据;核对无误后加 --yes 写入(待审核)。")
            return
        outcome = confirm_figures(
            opened, found, reading, actor(current), replace_conflicts=replace_conflicts
        )
        kept = (
            f";与已审核值不一致的 {outcome.conflicts_kept} 项未写入(加 --replace-conflicts 写入)"
            if outcome.conflicts_kept
            else ""
        )
        skipped = counts[FigureState.AMBIGUOUS] + counts[FigureState.UNMATCHED]
        typer.echo(
            f"已写入待审核的实际值 {outcome.observations} 个、年度目标 {outcome.targets} 项"
            f"{kept};未匹配或匹配到多个系列的 {skipped} 个未写入。"
        )


def register(app: typer.Typer) -> None:
    annual_app.command("add")(target_add)
    annual_app.command("list")(target_list)
    annual_app.command("template")(target_template)
    annual_app.command("import")(target_import)
    observe_app.command("extract")(observe_extract)
    app.add_typer(annual_app, name="annual-target")
