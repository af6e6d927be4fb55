"""The entry grid (数据填报): all of one's indicators × the plan's years on one page.

Department editors see their own department's indicators, administrators all. One submit
checks every changed cell first (the number, the year lock, the entry checks) and writes
only when all are good, through ``add_observation`` (review state, audit): any refused
cell writes nothing, and the page comes back
(422) with what was typed, the reason at each refused cell and, for implausible values, the
warnings with a confirmation checkbox. A cell emptied is left as it was (values are never
deleted here). The department's template (XLSX) is downloaded from the same page.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from planwatch.domain.amount import check_amount
from planwatch.errors import Forbidden, InvalidInput, Unauthorized, YearLocked
from planwatch.services.entry_checks import (
    EntryCheck,
    check_entry,
    entry_rules,
    level_history,
    parse_entered,
)
from planwatch.services.observations import (
    TEMPLATE_HEADER,
    add_observation,
    current_observation,
    template_rows,
)
from planwatch.services.review import entry_state, require_unlocked
from planwatch.services.tables import write_xlsx
from planwatch.services.users import Role, can_administer, can_edit_indicator
from planwatch.settings import Settings
from planwatch.store.models import IndicatorRecord, Plan, UserRecord
from planwatch.web.deps import Auth, AuthDep, ReaderDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.format import number
from planwatch.web.pages.browse import PlanQuery
from planwatch.web.pages.context import chosen_plan, render

router = APIRouter()
MAX_CELLS = 5000  # indicators × years a grid form may carry


@dataclass(slots=True)
class Cell:
    """One indicator × year of the grid: the stored value and what was typed."""

    year: int
    stored: str  # the current value as text, "" when none
    typed: str | None = None  # what the person typed, when the page comes back
    error: str = ""
    checks: list[EntryCheck] = field(default_factory=list)
    pending: bool = False  # the stored value awaits review

    @property
    def shown(self) -> str:
        return self.stored if self.typed is None else self.typed


@dataclass(slots=True)
class Row:
    indicator: IndicatorRecord
    cells: list[Cell]


def grid_years(plan: Plan) -> list[int]:
    """The base year before the period to its last year (five-year plans: six columns)."""
    start = plan.period_start or 2021
    end = plan.period_end or start + 4
    return list(range(start - 1, end + 1))


def grid_rows(plan: Plan, user: UserRecord | None) -> list[Row]:
    """The indicators ``user`` may fill in, each with its stored value per year."""
    rows = []
    for indicator in plan.indicators:
        if not can_edit_indicator(user, indicator):
            continue
        cells = []
        for year in grid_years(plan):
            current = current_observation(indicator, year)
            stored = number(current.value) if current and not current.is_growth_rate else ""
            pending = current is not None and current.review_state != "approved"
            cells.append(Cell(year, stored, pending=pending))
        rows.append(Row(indicator, cells))
    return rows


def entry_context(session: Session, auth: Auth, chosen: Plan | None) -> dict[str, Any]:
    """What the 数据填报 page shows besides the grid."""
    editable = [i for i in chosen.indicators if can_edit_indicator(auth.user, i)] if chosen else []
    return {"plan": chosen, "editable": editable, "is_admin": can_administer(auth.user)}


def _key(code: str, year: int) -> str:
    """A cell's form field: "v-I005-2024"."""
    return f"v-{code}-{year}"


def grid_context(
    plan: Plan, user: UserRecord | None, rows: list[Row] | None = None
) -> dict[str, Any]:
    rows = grid_rows(plan, user) if rows is None else rows
    flagged = [c for r in rows for c in r.cells if c.checks]
    return {
        "grid": rows,
        "grid_years": grid_years(plan),
        "grid_key": _key,
        "grid_errors": sum(1 for r in rows for c in r.cells if c.error),
        "grid_flagged": len(flagged),
    }


@router.post("/entry", response_model=None)
async def save_grid(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    auth: AuthDep,
    user: WriterDep,
) -> RedirectResponse | HTMLResponse:
    form = await request.form()
    reference = form.get("plan")
    chosen = chosen_plan(session, reference if isinstance(reference, str) else None)
    if user.role == Role.VIEWER:
        raise Forbidden("查看者不能填报数据")
    rows = grid_rows(chosen, user)
    if sum(len(r.cells) for r in rows) > MAX_CELLS:
        raise InvalidInput("表格过大,请改用文件上传")
    mine = {row.indicator.code for row in rows}
    foreign = sorted({k[2:].rsplit("-", 1)[0] for k in form if k.startswith("v-")} - mine)
    if foreign:
        raise Forbidden(f"无权修改指标 {'、'.join(foreign[:5])}(不属于本部门)")
    confirm = form.get("confirm") == "1"
    source = str(form.get("source") or "").strip()[:500]
    typed: list[tuple[Row, Cell, Decimal]] = []
    for row in rows:
        for cell in row.cells:
            text = form.get(_key(row.indicator.code, cell.year))
            if not isinstance(text, str) or text.strip() in ("", cell.stored):
                continue  # unchanged, or emptied: nothing is deleted from the grid
            cell.typed = text.strip()[:40]
            value = _checked(session, settings, chosen, row.indicator, cell, typed)
            if value is not None:
                typed.append((row, cell, value))
    if any(c.error or (c.checks and not confirm) for r in rows for c in r.cells):
        return _again(request, session, auth, chosen, rows, source)
    # every cell is good: write them, plan order and oldest year first, as they were checked
    changed = 0
    for row, cell, value in typed:
        added = add_observation(
            session, row.indicator, cell.year, value, user.username, source=source,
            review=entry_state(user), checks=entry_rules(settings), confirm=confirm,
        )  # fmt: skip
        changed += added is not None
    session.commit()
    saved = "已保存" if entry_state(user) == "approved" else "已提交审核"
    message = f"{saved} {changed} 个数值" if changed else "没有改动的数值"
    return RedirectResponse(f"/entry?plan={chosen.id}&message={quote(message)}", status_code=303)


def _checked(
    session: Session,
    settings: Settings,
    plan: Plan,
    indicator: IndicatorRecord,
    cell: Cell,
    before: list[tuple[Row, Cell, Decimal]],
) -> Decimal | None:
    """The typed cell's value, checked before anything is written; a refusal stays on the
    cell. The entry checks compare with the stored values and the cells typed before it."""
    assert cell.typed is not None
    try:
        value = parse_entered(cell.typed, indicator.unit)
        check_amount(value, f"{indicator.name} {cell.year} 年数值")
        require_unlocked(session, [plan.id], cell.year)
    except (InvalidInput, YearLocked) as error:
        cell.error = str(error)
        return None
    history = level_history(indicator.observations)
    history |= {c.year: v for r, c, v in before if r.indicator.id == indicator.id}
    current = current_observation(indicator, cell.year)
    if current is None or current.value != value:
        cell.checks = check_entry(
            indicator, cell.year, value, entry_rules(settings), history=history
        )
    return value


def _again(
    request: Request, session: Session, auth: Auth, chosen: Plan, rows: list[Row], source: str
) -> HTMLResponse:
    """The entry page again, 422, the grid holding what was typed and each cell's reason."""
    context = entry_context(session, auth, chosen) | grid_context(chosen, auth.user, rows)
    context["grid_source"] = source
    return render(request, session, auth, "entry.html", context, status_code=422)


@router.get("/entry/template.xlsx", response_class=Response)
def department_template(session: SessionDep, auth: ReaderDep, plan: PlanQuery = None) -> Response:
    """The data template with the indicators the signed-in user may fill in, and no others."""
    if auth.user is None:
        raise Unauthorized("请先登录")
    user = auth.user
    chosen = chosen_plan(session, plan)
    rows = template_rows(chosen, lambda indicator: can_edit_indicator(user, indicator))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.xlsx"
        write_xlsx(path, [("观测数据", TEMPLATE_HEADER, rows)])
        body = path.read_bytes()
    who = user.department.name if user.department else "全部指标"
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": "attachment; filename=\"template.xlsx\"; "
                                        f"filename*=UTF-8''{quote(f'观测数据模板-{who}.xlsx')}"},
    )  # fmt: skip
