"""``planwatch department``: the managed list of responsible units and their aliases."""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli.app import actor, settings
from planwatch.cli.data import session
from planwatch.cli.documents import aligned
from planwatch.services.department_list import (
    add_alias,
    add_department,
    departments,
    find_department,
)

department_app = typer.Typer(
    help="管理责任单位名单:部门、镇街、上级机关及其别名。", no_args_is_help=True
)


def department_add(
    name: Annotated[str, typer.Argument(help="单位全称,如 区发展和改革局。")],
    kind: Annotated[str, typer.Option("--kind", help="类型:部门、镇街 或 上级机关。")] = "部门",
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="别名(可多次),如 区发改局。")
    ] = None,
    abbreviation: Annotated[
        list[str] | None, typer.Option("--abbreviation", help="简称(可多次),如 发改局。")
    ] = None,
) -> None:
    """新增单位,并记录其别名与简称。"""
    current = settings()
    with session(current) as opened:
        made = add_department(opened, name, kind, actor(current))
        for other, other_kind in [*((a, "alias") for a in alias or []),
                                  *((a, "abbreviation") for a in abbreviation or [])]:  # fmt: skip
            add_alias(opened, made, other, other_kind, actor(current))
        message = f"已新增单位 {made.name}({made.kind})。"
    typer.echo(message)


def department_alias(
    name: Annotated[str, typer.Argument(help="已有单位的名称或别名。")],
    alias: Annotated[str, typer.Argument(help="要记录的别名。")],
    abbreviation: Annotated[bool, typer.Option("--abbreviation", help="记为简称。")] = False,
) -> None:
    """为已有单位记录一个别名或简称。"""
    current = settings()
    with session(current) as opened:
        found = find_department(opened, name)
        kind = "abbreviation" if abbreviation else "alias"
        add_alias(opened, found, alias, kind, actor(current))
        message = f"已为 {found.name} 记录{'简称' if abbreviation else '别名'} {alias.strip()}。"
    typer.echo(message)


def department_list() -> None:
    """列出单位名单。"""
    with session(settings()) as opened:
        rows = [
            [d.name, d.kind, "、".join(a.name for a in d.aliases) or "—"]
            for d in departments(opened)
        ]
    for line in aligned([["单位", "类型", "别名与简称"], *rows]):
        typer.echo(line)


def register(app: typer.Typer) -> None:
    department_app.command("add")(department_add)
    department_app.command("alias")(department_alias)
    department_app.command("list")(department_list)
    app.add_typer(department_app, name="department")
