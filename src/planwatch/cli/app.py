"""The Typer application and what every command shares: error handling, settings, database."""

from __future__ import annotations

import getpass
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from sqlalchemy.exc import SQLAlchemyError

from planwatch.errors import PlanwatchError
from planwatch.settings import Settings

app = typer.Typer(
    name="planwatch",
    help="跟踪五年规划纲要的实施:读取规划、提取目标、评估进展。",
    no_args_is_help=True,
    add_completion=False,
)

PlanFile = Annotated[
    Path | None,
    typer.Argument(
        help="规划文件(.txt .docx .pdf .html);省略时使用内置样例(泸州市江阳区“十四五”规划)。"
    ),
]
PlanOption = Annotated[
    str | None, typer.Option("--plan", help="规划编号或标识;省略时为最近导入的规划。")
]


@app.callback()
def quiet_libraries() -> None:
    """跟踪五年规划纲要的实施:读取规划、提取目标、评估进展。"""
    # Library log records and warnings (pdfminer's "CropBox missing", openpyxl's "Data
    # Validation extension is not supported", our own debug notes) are for developers:
    # Python prints unhandled WARNING records on stderr, before the one `planwatch:` line
    # a failure gives. A handler on the root logger that drops them keeps stderr to that
    # line; `planwatch serve` configures uvicorn's own loggers and is unaffected.
    logging.captureWarnings(True)
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit with code 2."""
    typer.echo(f"planwatch: {message}", err=True)
    raise typer.Exit(code=2)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn planwatch and database errors into one line on stderr and exit code 2."""
    try:
        yield
    except PlanwatchError as error:
        fail(str(error))
    except SQLAlchemyError as error:
        fail(f"数据库错误:{str(error).splitlines()[0]}")


def settings() -> Settings:
    with user_errors():
        return Settings()


def actor(current: Settings) -> str:
    return current.user or getpass.getuser()
