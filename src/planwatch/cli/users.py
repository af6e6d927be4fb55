"""Commands over users: add, list, deactivate, change a password (docs/security.md).

The CLI runs on the server with the database's own rights, so it is how the first
administrator is made; each change is audited under the CLI's actor (PLANWATCH_USER).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from planwatch.cli.app import actor, fail, settings
from planwatch.cli.data import session
from planwatch.cli.documents import aligned
from planwatch.errors import InvalidInput
from planwatch.services.users import (
    Role,
    add_user,
    deactivate,
    find_user,
    list_users,
    parse_role,
    set_password,
)
from planwatch.web.security import PASSWORD_POLICY

user_app = typer.Typer(help="管理网页用户:管理员、部门填报员、查看者。", no_args_is_help=True)

Username = Annotated[str, typer.Argument(help="用户名(3-50 个字母、数字或 . _ -)。")]
PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="从标准输入读取密码(一行),用于脚本。"),
]


def user_add(
    username: Username,
    role: Annotated[
        str,
        typer.Option(
            "--role",
            help="角色:admin(管理员)、reviewer(审核员)、editor(部门填报员)、viewer(查看者)。",
        ),
    ],
    department: Annotated[
        str | None, typer.Option("--department", help="所属部门;部门填报员必填。")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="姓名(显示用)。")] = None,
    password_stdin: PasswordStdin = False,
    create_department: Annotated[
        bool, typer.Option("--create-department", help="所属部门不在单位名单中时新建。")
    ] = False,
) -> None:
    """添加用户;密码从交互提示(不回显)或 --password-stdin 读取。"""
    checked_role = _role(role)
    password = _password(password_stdin)
    current = settings()
    with session(current) as opened:
        user = add_user(
            opened,
            username,
            password,
            checked_role,
            department,
            name,
            actor(current),
            create_department=create_department,
        )
        where = f",{user.department.name}" if user.department else ""
        message = f"已添加用户 {user.username}({user.display_name},{checked_role.label}{where})。"
    typer.echo(message)


def user_list() -> None:
    """列出所有用户。"""
    current = settings()
    with session(current) as opened:
        rows = [("用户名", "姓名", "角色", "部门", "状态", "创建时间", "最近登录")]
        for user in list_users(opened):
            rows.append(
                (
                    user.username,
                    user.display_name,
                    Role(user.role).label,
                    user.department.name if user.department else "",
                    "启用" if user.active else "停用",
                    _moment(user.created_at),
                    _moment(user.last_login_at),
                )
            )
    typer.echo("\n".join(aligned(rows)))


def user_deactivate(username: Username) -> None:
    """停用用户并结束其所有会话(记录保留,审计日志不变)。"""
    current = settings()
    with session(current) as opened:
        user = deactivate(opened, find_user(opened, username), actor(current))
        message = f"已停用用户 {user.username}。"
    typer.echo(message)


def user_password(username: Username, password_stdin: PasswordStdin = False) -> None:
    """修改用户密码,并结束其所有会话。"""
    password = _password(password_stdin)
    current = settings()
    with session(current) as opened:
        user = find_user(opened, username)
        set_password(opened, user, password, actor(current))
        message = f"已修改用户 {user.username} 的密码。"
    typer.echo(message)


def _role(text: str) -> Role:
    try:
        return parse_role(text)
    except InvalidInput as error:
        fail(str(error))


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = typer.get_text_stream("stdin").readline().rstrip("\r\n")
        if not line:
            fail("标准输入中没有密码")
        return line
    typer.echo(PASSWORD_POLICY, err=True)
    password: str = typer.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    return password


def _moment(moment: datetime | None) -> str:
    """A stored time in the machine's local zone (SQLite hands back UTC without a zone)."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def register(app: typer.Typer) -> None:
    user_app.command("add")(user_add)
    user_app.command("list")(user_list)
    user_app.command("deactivate")(user_deactivate)
    user_app.command("password")(user_password)
    app.add_typer(user_app, name="user")
