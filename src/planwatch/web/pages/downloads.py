"""Downloads of one indicator's data as CSV or XLSX (every revision the page shows).

One row per stored revision, oldest first: the year, value, unit, status, source, revision
number, review state, who recorded it and when, and the checks they confirmed. A cell that
begins with = + - @ is kept as text, never a formula (services/tables.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import Response

from planwatch.services.entry_checks import check_labels
from planwatch.services.observations import STATUS_NAMES, find_indicator
from planwatch.services.overview import IndicatorView
from planwatch.services.tables import write_csv, write_xlsx
from planwatch.web.api.common import overview
from planwatch.web.deps import ReaderDep, SessionDep, SettingsDep
from planwatch.web.pages.browse import AsOfQuery, PlanQuery
from planwatch.web.pages.context import chosen_plan

router = APIRouter()
HEADER = [
    "指标编号", "指标名称", "年份", "数值", "单位", "口径", "状态", "来源", "修订",
    "审核状态", "录入人", "录入时间", "已确认的异常提示", "模拟数据",
]  # fmt: skip
REVIEW_NAMES = {"approved": "已通过", "submitted": "待审核", "returned": "已退回", "draft": "草稿"}
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def data_rows(view: IndicatorView) -> list[list[object]]:
    """One row per revision, oldest year and revision first."""
    return [
        [
            view.code,
            view.indicator.name,
            r.year,
            r.value.normalize() if r.value == r.value.to_integral_value() else r.value,
            "%" if r.is_growth_rate else view.indicator.unit,
            "增长率" if r.is_growth_rate else "总量",
            STATUS_NAMES.get(r.status, r.status),
            r.source,
            r.revision,
            REVIEW_NAMES.get(r.review_state, r.review_state),
            r.recorded_by,
            r.recorded_at.strftime("%Y-%m-%d %H:%M"),
            check_labels(r.confirmed_checks),
            "是" if r.simulated else "否",
        ]
        for r in sorted(view.revisions, key=lambda r: (r.year, r.revision))
    ]


@router.get("/indicators/{code}/data.{suffix}", response_class=Response)
def indicator_data(
    code: str,
    suffix: Annotated[Literal["csv", "xlsx"], PathParam()],
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    plan: PlanQuery = None,
    as_of: AsOfQuery = None,
) -> Response:
    chosen = chosen_plan(session, plan)
    record = find_indicator(chosen, code)
    view = overview(session, chosen, as_of, settings).indicator(record.code)
    assert view is not None  # the indicator belongs to the plan it was found in
    rows = data_rows(view)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"data.{suffix}"
        if suffix == "csv":
            write_csv(path, HEADER, rows)
        else:
            write_xlsx(path, [("观测数据", HEADER, rows)])
        body = path.read_bytes()
    name = quote(f"{record.code}-{record.name}.{suffix}")
    return Response(
        body,
        media_type=MEDIA[suffix],
        headers={"Content-Disposition": f"attachment; filename=\"{record.code}.{suffix}\"; "
                                        f"filename*=UTF-8''{name}"},
    )  # fmt: skip
