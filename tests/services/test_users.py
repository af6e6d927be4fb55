"""Users, passwords, sessions and permissions on SQLite and PostgreSQL; and `planwatch user`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import Forbidden, InvalidInput, NotFound, Unauthorized
from planwatch.services import users as users_service
from planwatch.services.indicators import department
from planwatch.services.observations import find_indicator
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.users import (
    Role,
    add_user,
    authenticate,
    can_administer,
    can_edit_indicator,
    can_view,
    deactivate,
    end_session,
    find_user,
    list_users,
    parse_role,
    password_problem,
    purge_sessions,
    require_admin,
    require_edit,
    session_for_token,
    set_password,
    start_session,
    user_for_token,
)
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import AuditEntry, IndicatorRecord, SessionRecord, UserRecord

PASSWORD = "江阳规划-2025-ok"
PRODUCTION_HASH = "$argon2id$v=19$m=65536,t=3,p=4$"
NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TTL = timedelta(hours=12)


PRODUCTION_HASHER = users_service.HASHER


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at a test's cost: the production parameters take about 0.1 s a hash."""
    monkeypatch.setattr(
        users_service, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )


@pytest.fixture
def production_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The production parameters, for the tests that check them (runs after cheap_hashing)."""
    monkeypatch.setattr(users_service, "HASHER", PRODUCTION_HASHER)


def test_roles_have_chinese_labels() -> None:
    assert [(r.value, r.label) for r in Role] == [
        ("admin", "管理员"), ("reviewer", "审核员"), ("editor", "部门填报员"),
        ("viewer", "查看者"),
    ]  # fmt: skip
    assert parse_role("管理员") is Role.ADMIN and parse_role(" viewer ") is Role.VIEWER
    with pytest.raises(InvalidInput, match="角色「boss」"):
        parse_role("boss")


PASSWORDS = [
    # id, password, username, problem (None: accepted)
    ("ten characters", "ten-chars!", "", None),
    ("common password", "qwertyuiop", "", "密码太常见,请换一个"),
    ("common password with a year", "Password2025!", "", "密码太常见,请换一个"),
    ("two characters repeated", "abababababab", "", "密码过于简单(字符种类太少)"),
    ("a Chinese phrase", "江阳区规划实施监测平台", "", None),
    ("Chinese sentence", "江阳区十四五规划纲要实施", "", None),
    ("nine characters", "abcdefghi", "", "至少需要 10 个字符"),
    ("all digits", "12345678901", "", "不能全是数字"),
    ("full-width digits", "１２３４５６７８９０", "", "不能全是数字"),
    ("same as username", "Zhang.San.2025", "zhang.san.2025", "不能与用户名相同"),
    ("too long", "a" * 201, "", "不能超过 200 个字符"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("password", "username", "problem"), [c[1:] for c in PASSWORDS], ids=[c[0] for c in PASSWORDS]
)
def test_password_policy(password: str, username: str, problem: str | None) -> None:
    found = password_problem(password, username)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


@pytest.mark.usefixtures("production_hashing")
def test_add_user_hashes_with_argon2id_and_audits_without_the_hash(database: Database) -> None:
    with database.session() as session:
        user = add_user(session, " Zhang.San ", PASSWORD, "editor", "区统计局", "张三", "规划科",
                        create_department=True)
    with database.session() as session:
        stored = find_user(session, "zhang.san")
        assert stored.id == user.id and stored.username == "zhang.san"
        assert stored.password_hash.startswith(PRODUCTION_HASH)
        assert PASSWORD not in stored.password_hash
        assert (stored.role, stored.display_name, stored.active) == ("editor", "张三", True)
        assert stored.department is not None and stored.department.name == "区统计局"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "user")).one()
        assert (entry.actor, entry.action, entry.before) == ("规划科", "add", None)
        assert entry.entity_id == user.id
        assert entry.after == {"username": "zhang.san", "display_name": "张三", "role": "editor",
                               "department": "区统计局", "active": True}  # fmt: skip


def test_display_name_defaults_to_the_username(database: Database) -> None:
    with database.session() as session:
        user = add_user(session, "viewer1", PASSWORD, Role.VIEWER, None, None, "规划科")
        assert (user.display_name, user.department) == ("viewer1", None)


BAD_USERS = [
    # id, username, password, role, department, message
    ("short username", "ab", PASSWORD, "viewer", None, "3 至 50 个字符"),
    ("long username", "a" * 51, PASSWORD, "viewer", None, "3 至 50 个字符"),
    ("Chinese username", "张三", PASSWORD, "viewer", None, "只含字母、数字"),
    ("space in username", "zhang san", PASSWORD, "viewer", None, "只含字母、数字"),
    ("username starts with a dot", ".zhang", PASSWORD, "viewer", None, "以字母或数字开头"),
    ("short password", "zhangsan", "short1", "viewer", None, "至少需要 10 个字符"),
    ("digits password", "zhangsan", "2025202520", "viewer", None, "不能全是数字"),
    ("editor without department", "zhangsan", PASSWORD, "editor", None, "需要指定所属部门"),
    ("editor with blank department", "zhangsan", PASSWORD, "editor", "  ", "需要指定所属部门"),
    ("unknown role", "zhangsan", PASSWORD, "owner", None, "角色「owner」"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("username", "password", "role", "dept", "message"),
    [c[1:] for c in BAD_USERS],
    ids=[c[0] for c in BAD_USERS],
)
def test_bad_users_are_refused(
    database: Database, username: str, password: str, role: str, dept: str | None, message: str
) -> None:
    with database.session() as session, pytest.raises(InvalidInput, match=message):
        add_user(session, username, password, role, dept, None, "规划科")
    with database.session() as session:
        assert list_users(session) == []


def test_duplicate_username_is_refused_whatever_its_case(database: Database) -> None:
    with database.session() as session:
        add_user(session, "admin", PASSWORD, Role.ADMIN, None, None, "规划科")
    with database.session() as session, pytest.raises(InvalidInput, match="用户名「admin」已存在"):
        add_user(session, "ADMIN", PASSWORD, Role.VIEWER, None, None, "规划科")


@pytest.fixture
def users(database: Database) -> Database:
    """An administrator, an editor of 区统计局, a viewer and a deactivated viewer."""
    with database.session() as session:
        add_user(session, "admin", PASSWORD, Role.ADMIN, None, "规划科", "setup")
        add_user(session, "editor", PASSWORD, Role.EDITOR, "区统计局", None, "setup",
                 create_department=True)
        add_user(session, "viewer", PASSWORD, Role.VIEWER, None, None, "setup")
        gone = add_user(session, "gone", PASSWORD, Role.VIEWER, None, None, "setup")
        gone.active = False
    return database


SIGN_INS = [
    # id, username, password, signed in
    ("right password", "editor", PASSWORD, True),
    ("username in capitals", "EDITOR", PASSWORD, True),
    ("wrong password", "editor", PASSWORD + "x", False),
    ("empty password", "editor", "", False),
    ("unknown user", "nobody", PASSWORD, False),
    ("inactive user", "gone", PASSWORD, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("username", "password", "ok"), [c[1:] for c in SIGN_INS], ids=[c[0] for c in SIGN_INS]
)
def test_authenticate(users: Database, username: str, password: str, ok: bool) -> None:
    with users.session() as session:
        user = authenticate(session, username, password, NOW)
        assert (user is not None) is ok
    with users.session() as session:
        logins = session.scalars(select(AuditEntry).where(AuditEntry.action == "login")).all()
        assert len(logins) == ok
        if ok:
            stored = find_user(session, username)
            assert stored.last_login_at is not None
            assert stored.last_login_at.replace(tzinfo=UTC) == NOW


@pytest.mark.usefixtures("production_hashing")
def test_hash_with_old_parameters_is_upgraded_at_sign_in(users: Database) -> None:
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with users.session() as session:
        find_user(session, "viewer").password_hash = old
    with users.session() as session:
        assert authenticate(session, "viewer", PASSWORD) is not None
    with users.session() as session:
        upgraded = find_user(session, "viewer").password_hash
        assert upgraded != old and upgraded.startswith(PRODUCTION_HASH)
        assert authenticate(session, "viewer", PASSWORD) is not None


def test_set_password_replaces_it_and_ends_every_session(users: Database) -> None:
    new = "另一个足够长的密码abc"
    with users.session() as session:
        token, _ = start_session(session, find_user(session, "editor"), TTL, NOW)
        set_password(session, find_user(session, "editor"), new, "规划科")
    with users.session() as session:
        assert authenticate(session, "editor", PASSWORD) is None
        assert authenticate(session, "editor", new) is not None
        assert user_for_token(session, token, NOW) is None
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "password")).one()
        assert entry.after == {"username": "editor", "password": "changed"}
    with users.session() as session, pytest.raises(InvalidInput, match="至少需要"):
        set_password(session, find_user(session, "editor"), "short", "规划科")


def test_deactivate_refuses_sign_in_and_ends_sessions(users: Database) -> None:
    with users.session() as session:
        token, _ = start_session(session, find_user(session, "viewer"), TTL, NOW)
        deactivate(session, find_user(session, "viewer"), "规划科")
    with users.session() as session:
        assert authenticate(session, "viewer", PASSWORD) is None
        assert user_for_token(session, token, NOW) is None
        assert session.scalars(select(SessionRecord)).all() == []
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "deactivate")).one()
        assert entry.before is not None and entry.after is not None
        assert (entry.before["active"], entry.after["active"]) == (True, False)
        with pytest.raises(Unauthorized):
            start_session(session, find_user(session, "viewer"), TTL, NOW)


def test_the_last_active_administrator_cannot_be_deactivated(users: Database) -> None:
    with users.session() as session, pytest.raises(InvalidInput, match="唯一的管理员"):
        deactivate(session, find_user(session, "admin"), "规划科")
    with users.session() as session:
        add_user(session, "admin2", PASSWORD, Role.ADMIN, None, None, "规划科")
        assert not deactivate(session, find_user(session, "admin"), "admin2").active


def test_unknown_user_is_not_found(users: Database) -> None:
    with users.session() as session, pytest.raises(NotFound, match="没有用户「nobody」"):
        find_user(session, "nobody")


def test_a_session_stores_only_the_token_hash(users: Database) -> None:
    with users.session() as session:
        token, row = start_session(session, find_user(session, "editor"), TTL, NOW)
        assert len(token) >= 40 and row.id == hashlib.sha256(token.encode()).hexdigest()
        assert row.id != token and len(row.csrf_secret) == 64
    with users.session() as session:
        stored = session.scalars(select(SessionRecord)).one()
        assert token not in (stored.id, stored.csrf_secret)
        assert stored.expires_at.replace(tzinfo=UTC) == NOW + TTL
        found = session_for_token(session, token, NOW + TTL - timedelta(seconds=1))
        assert found is not None and found.user.username == "editor"


TOKENS = [
    # id, how the cookie's token is changed, seconds after the start, user found
    ("the token itself", lambda t: t, 0, True),
    ("just before expiry", lambda t: t, TTL.total_seconds() - 1, True),
    ("at expiry", lambda t: t, TTL.total_seconds(), False),
    ("a day after expiry", lambda t: t, TTL.total_seconds() + 86400, False),
    ("last character changed", lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), 0, False),
    ("truncated", lambda t: t[:-2], 0, False),
    ("extended", lambda t: t + "x", 0, False),
    ("the stored hash instead", lambda t: hashlib.sha256(t.encode()).hexdigest(), 0, False),
    ("empty", lambda t: "", 0, False),
    ("very long", lambda t: t * 100, 0, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "after", "found"), [c[1:] for c in TOKENS], ids=[c[0] for c in TOKENS]
)
def test_user_for_token(
    users: Database, change: Callable[[str], str], after: float, found: bool
) -> None:
    with users.session() as session:
        token, _ = start_session(session, find_user(session, "editor"), TTL, NOW)
    with users.session() as session:
        user = user_for_token(session, change(token), NOW + timedelta(seconds=after))
        assert (user is not None and user.username == "editor") is found


def test_sign_out_and_purge(users: Database) -> None:
    with users.session() as session:
        token, _ = start_session(session, find_user(session, "editor"), TTL, NOW)
        other, _ = start_session(session, find_user(session, "editor"), TTL, NOW)
        old, _ = start_session(session, find_user(session, "viewer"), TTL, NOW - 2 * TTL)
        end_session(session, token)
        end_session(session, "no-such-token")
        end_session(session, None)
    with users.session() as session:
        assert user_for_token(session, token, NOW) is None
        assert user_for_token(session, other, NOW) is not None
        assert user_for_token(session, old, NOW) is None
        assert purge_sessions(session, NOW) == 1
        assert len(session.scalars(select(SessionRecord)).all()) == 1
    with users.session() as session:
        assert user_for_token(session, None, NOW) is None


def test_the_audit_log_never_holds_a_password_or_its_hash(users: Database) -> None:
    with users.session() as session:
        set_password(session, find_user(session, "viewer"), "新的密码也够长了abc", "规划科")
        authenticate(session, "viewer", "新的密码也够长了abc")
        deactivate(session, find_user(session, "viewer"), "规划科")
    with users.session() as session:
        logged = json.dumps(
            [[e.before, e.after] for e in session.scalars(select(AuditEntry))], ensure_ascii=False
        )
        assert "$argon2" not in logged and PASSWORD not in logged and "新的密码" not in logged
        assert "password_hash" not in logged


def _user(role: str, department_id: int | None, active: bool = True) -> UserRecord:
    return UserRecord(username=role, role=role, department_id=department_id, active=active)


STATISTICS, FINANCE = 1, 2
EDITS = [
    # id, user (None: anonymous), indicator's department, may edit
    ("administrator, any department", _user("admin", None), FINANCE, True),
    ("administrator, no department", _user("admin", None), None, True),
    ("editor, own department", _user("editor", STATISTICS), STATISTICS, True),
    ("editor, another department", _user("editor", STATISTICS), FINANCE, False),
    ("editor, indicator without department", _user("editor", STATISTICS), None, False),
    ("editor without department, indicator without", _user("editor", None), None, False),
    ("viewer, own department", _user("viewer", STATISTICS), STATISTICS, False),
    ("inactive administrator", _user("admin", None, active=False), FINANCE, False),
    ("inactive editor, own department", _user("editor", STATISTICS, active=False), STATISTICS, False),
    ("anonymous", None, STATISTICS, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("user", "department_id", "allowed"), [c[1:] for c in EDITS], ids=[c[0] for c in EDITS]
)
def test_who_may_edit_an_indicator(
    user: UserRecord | None, department_id: int | None, allowed: bool
) -> None:
    indicator = IndicatorRecord(name="地区生产总值", department_id=department_id)
    assert can_edit_indicator(user, indicator) is allowed
    if allowed:
        assert require_edit(user, indicator) is user
    else:
        with pytest.raises(Unauthorized if user is None or not user.active else Forbidden):
            require_edit(user, indicator)


ADMINISTER = [
    # id, user, may administer, may view privately, may view in public read-only mode
    ("administrator", _user("admin", None), True, True, True),
    ("editor", _user("editor", STATISTICS), False, True, True),
    ("viewer", _user("viewer", None), False, True, True),
    ("inactive administrator", _user("admin", None, active=False), False, False, True),
    ("anonymous", None, False, False, True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("user", "admin", "private", "public"),
    [c[1:] for c in ADMINISTER],
    ids=[c[0] for c in ADMINISTER],
)
def test_who_may_administer_and_view(
    user: UserRecord | None, admin: bool, private: bool, public: bool
) -> None:
    assert can_administer(user) is admin
    assert (can_view(user, public_read=False), can_view(user, public_read=True)) == (
        private,
        public,
    )
    if admin:
        assert require_admin(user) is user
    else:
        with pytest.raises(Unauthorized if user is None or not user.active else Forbidden):
            require_admin(user)


def test_editor_of_one_department_cannot_edit_another_departments_sample_indicator(
    database: Database,
) -> None:
    with database.session() as session:
        load_sample(session, Settings(), "样例")
        plan = get_plan(session, None)
        gdp, forest = find_indicator(plan, "GDP"), find_indicator(plan, "森林覆盖率")
        gdp.department = department(session, "区统计局", create=True)
        forest.department = department(session, "区自然资源局", create=True)
        statistics = add_user(session, "tongji", PASSWORD, Role.EDITOR, "区统计局", None, "规划科")
        admin = add_user(session, "guihua", PASSWORD, Role.ADMIN, None, None, "规划科")
    with database.session() as session:
        plan = get_plan(session, None)
        gdp, forest = find_indicator(plan, "GDP"), find_indicator(plan, "森林覆盖率")
        editor = authenticate(session, "tongji", PASSWORD)
        assert editor is not None and editor.id == statistics.id
        assert can_edit_indicator(editor, gdp) and not can_edit_indicator(editor, forest)
        with pytest.raises(Forbidden, match="只能修改本部门的指标,「森林覆盖率」不属于本部门"):
            require_edit(editor, forest)
        assert all(
            can_edit_indicator(session.get(UserRecord, admin.id), i) for i in plan.indicators
        )


runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'pw.sqlite3'}")
    monkeypatch.setenv("PLANWATCH_USER", "规划科")
    return tmp_path


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_cli_user_add_list_password_deactivate(env: Path) -> None:
    code, out, err = run("user", "add", "admin", "--role", "admin", "--name", "王局长",
                         "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0, err
    assert out == "已添加用户 admin(王局长,管理员)。\n"
    code, out, err = run("user", "add", "tongji", "--role", "部门填报员", "--department", "区统计局", "--create-department",
                         "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0 and "tongji(tongji,部门填报员,区统计局)" in out, err
    code, out, _ = run("user", "list")
    header = ["用户名", "姓名", "角色", "部门", "状态", "创建时间", "最近登录"]
    assert code == 0 and out.splitlines()[0].split() == header
    assert "区统计局" in out.splitlines()[2] and "启用" in out.splitlines()[2]
    assert (
        run("user", "password", "tongji", "--password-stdin", stdin="换一个新密码abcdef\n")[0] == 0
    )
    assert run("user", "deactivate", "tongji")[:2] == (0, "已停用用户 tongji。\n")
    assert "停用" in run("user", "list")[1].splitlines()[2]
    database = Database(f"sqlite:///{env / 'pw.sqlite3'}")
    with database.session() as session:
        assert authenticate(session, "admin", PASSWORD) is not None
        actions = [
            (e.actor, e.action) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
        # the admin, the department 区统计局 (asked for), the editor tongji
        assert [action for _, action in actions] == [
            "add",
            "add",
            "add",
            "password",
            "deactivate",
            "login",
        ]
        assert {who for who, _ in actions[:5]} == {"规划科"}
    database.dispose()


def test_cli_user_add_prompts_for_the_password_twice(env: Path) -> None:
    code, out, err = run(
        "user", "add", "viewer", "--role", "viewer", stdin=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert code == 0 and "已添加用户 viewer" in out, err
    assert PASSWORD not in out


CLI_ERRORS = [
    # id, arguments, standard input, message on stderr
    ("unknown role", ["user", "add", "x1x", "--role", "boss", "--password-stdin"], PASSWORD, "角色「boss」"),
    ("short password", ["user", "add", "x1x", "--role", "viewer", "--password-stdin"], "short", "至少需要 10 个字符"),
    ("no password on stdin", ["user", "add", "x1x", "--role", "viewer", "--password-stdin"], "", "标准输入中没有密码"),
    ("editor without department", ["user", "add", "x1x", "--role", "editor", "--password-stdin"], PASSWORD, "需要指定所属部门"),
    ("unknown department", ["user", "add", "x1x", "--role", "editor", "--department", "区文旅局", "--password-stdin"], PASSWORD, "未知单位「区文旅局」"),
    ("unknown user", ["user", "deactivate", "nobody"], None, "没有用户「nobody」"),
    ("password of unknown user", ["user", "password", "nobody", "--password-stdin"], PASSWORD, "没有用户「nobody」"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "stdin", "message"), [c[1:] for c in CLI_ERRORS], ids=[c[0] for c in CLI_ERRORS]
)
def test_cli_errors_are_one_line_and_exit_2(
    env: Path, args: list[str], stdin: str | None, message: str
) -> None:
    code, out, err = run(*args, stdin=None if stdin is None else stdin + "\n")
    assert (code, out) == (2, "")
    assert err.startswith("planwatch: ") and message in err and err.count("\n") == 1
