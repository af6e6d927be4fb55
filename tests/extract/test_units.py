"""Units from vocab/units.yaml (planwatch.extract.units)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.domain.outline import Outline
from planwatch.domain.plan import PlanMeta
from planwatch.extract.normalize import normalize
from planwatch.extract.quantities import find_quantities
from planwatch.extract.units import read_unit, unit_table

UNITS = [
    ("yi-yuan", "亿元", "20", "2000000000", "元"),
    ("wan-yuan", "万元", "10", "100000", "元"),
    ("yuan", "元", "45871", "45871", "元"),
    ("wan-mu", "万亩", "8", "80000", "亩"),
    ("yi-m3", "亿m³", "2.39", "239000000", "立方米"),
    ("yi-cubic", "亿立方米", "1.5", "150000000", "立方米"),
    ("square-km", "平方公里", "85.1", "85.1", "平方公里"),
    ("km-synonym", "千米", "5", "5", "公里"),
    ("hectare", "公顷", "1200", "1200", "公顷"),
    ("ton", "万吨", "12", "120000", "吨"),
    ("kg", "亿公斤", "5000", "500000000000", "公斤"),
    ("people", "万人", "80", "800000", "人"),
    ("visits", "万人次/年", "2000", "20000000", "人次/年"),
    ("firms", "家", "2", "2", "家"),
    ("households", "户", "100", "100", "户"),
    ("percent", "%", "39.6", "39.6", "%"),
    ("points", "个百分点", "2", "2", "百分点"),
    ("megawatt", "MW", "300", "300000", "千瓦"),
    ("wan-yi", "万亿元", "1.5", "1500000000000", "元"),
    ("age", "岁", "78", "78", "岁"),
]


@pytest.mark.parametrize(
    ("surface", "value", "base", "base_unit"), [pytest.param(*u[1:], id=u[0]) for u in UNITS]
)
def test_to_base(surface: str, value: str, base: str, base_unit: str) -> None:
    unit = read_unit(surface)
    assert unit is not None
    assert (unit.to_base(Decimal(value)), unit.base) == (Decimal(base), base_unit)


def test_every_unit_has_a_class() -> None:
    assert {u.unit_class for u in unit_table().values()} <= {
        "measure",
        "count",
        "percent",
        "duration",
        "relative",
    }


def test_unknown_unit_is_an_issue() -> None:
    plan = PlanMeta("某区规划", "某区", (2021, 2025), None, "县区")
    findings = find_quantities(
        normalize("到2025年,建成示范点30处所。完成改造12栋楼宇,新增30样品。"), Outline((), 0), plan
    )
    assert [i.code for i in findings.issues] == ["unknown_unit"]
    assert "30" in findings.issues[0].message
