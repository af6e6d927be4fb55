"""``planwatch serve``: the dashboard and the JSON API."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from planwatch.cli.app import actor, settings
from planwatch.cli.data import session
from planwatch.services.sample import load_sample
from planwatch.store.models import Plan


def serve(
    host: Annotated[str | None, typer.Option(help="监听地址(默认 127.0.0.1)。")] = None,
    port: Annotated[int | None, typer.Option(help="端口(默认 8000)。")] = None,
    sample: Annotated[
        bool, typer.Option("--sample/--no-sample", help="数据库为空时导入内置样例。")
    ] = True,
) -> None:
    """启动仪表板和 JSON API(/api/v1,文档见 /api/v1/docs)。"""
    from planwatch.web.app import create_app

    current = settings()
    with session(current) as opened:
        empty = opened.query(Plan).first() is None
        if empty and sample:
            outcome = load_sample(opened, current, actor(current))
            typer.echo(f"数据库为空,已导入内置样例「{outcome.plan.plan_key}」。")
    bind_host, bind_port = host or current.host, port or current.port
    typer.echo(f"planwatch 仪表板:http://{bind_host}:{bind_port}/  (Ctrl+C 停止)")
    typer.echo("写操作需要登录;创建管理员:planwatch user add admin --role admin")
    uvicorn.run(create_app(current), host=bind_host, port=bind_port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
