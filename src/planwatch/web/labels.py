"""The Chinese a page shows for the engine's codes: input names, kinds, thresholds, checks.

The assessment keeps ASCII keys and codes (``kind: level``, ``attribute: expected``, the
threshold ``binding_lag_red``) because the API and the CLI's JSON carry them; a page a
deputy reads shows each one by its Chinese term, and its value translated too.
"""

from __future__ import annotations

from collections.abc import Mapping

from planwatch.report.method import THRESHOLD_ROWS, threshold_value
from planwatch.services.entry_checks import check_labels

INPUT_NAMES = {
    "indicator": "指标",
    "unit": "单位",
    "kind": "目标类型",
    "attribute": "指标属性",
    "direction": "方向",
    "as_of": "评估年份",
    "baseline_year": "基期年",
    "baseline_value": "基期值",
    "target_year": "目标年",
    "target_value": "目标值",
    "comparator": "比较方式",
    "latest_year": "最新数据年份",
    "latest_value": "最新值",
    "years_observed": "有数据的年数",
    "target_rate": "目标年均增速",
    "growth": "观测年均增速",
    "growth_source": "增速来源",
    "gap": "差距",
    "implied_target": "换算后的目标值",
    "required_per_year": "此后每年所需",
    "years_breached": "未达标年份",
    "simulated": "模拟数据",
    "will_meet_stretch": "可望实现力争目标",
    "binding": "约束性",
    "reason": "原因",
}
KIND_NAMES = {
    "level": "水平值目标",
    "growth_rate": "年均增长目标",
    "cumulative": "累计目标",
    "ceiling": "控制上限",
    "floor": "控制下限",
    "change": "变化目标",
    "relational": "相对目标",
    "qualitative": "定性目标",
}
VALUE_NAMES: dict[str, dict[str, str]] = {
    "kind": KIND_NAMES,
    "attribute": {"expected": "预期性", "binding": "约束性"},
    "direction": {"increase": "越大越好", "decrease": "越小越好"},
    "comparator": {
        ">=": "不低于(≥)",
        ">": "高于(>)",
        "<=": "不超过(≤)",
        "<": "低于(<)",
        "=": "左右(=)",
    },
    "simulated": {"True": "是", "False": "否"},
    "will_meet_stretch": {"True": "是", "False": "否"},
    "binding": {"True": "是", "False": "否"},
    "growth_source": {"levels": "由各年数值计算", "published_rates": "由公布的增长率计算"},
}
THRESHOLD_NAMES = {name: label for name, label, _ in THRESHOLD_ROWS}
ORIGIN_NAMES = {
    "extracted": "规划文本",
    "table": "主要指标表",
    "data": "统计数据",
    "manual": "手工录入",
}


def input_rows(inputs: Mapping[str, str]) -> list[tuple[str, str]]:
    """The formula's inputs as (Chinese name, value in Chinese).

    >>> input_rows({"kind": "level", "attribute": "expected", "baseline_value": "616.36"})
    [('目标类型', '水平值目标'), ('指标属性', '预期性'), ('基期值', '616.36')]
    """
    return [
        (INPUT_NAMES.get(key, key), VALUE_NAMES.get(key, {}).get(value, value))
        for key, value in inputs.items()
    ]


def threshold_rows(thresholds: Mapping[str, str]) -> list[tuple[str, str]]:
    """The thresholds a judgement used, as (Chinese name, value as a reader takes it).

    >>> threshold_rows({"binding_lag_red": "0.20", "growth_on_track": "0.95"})
    [('约束性指标红灯界限', '20个百分点'), ('增速比值基本符合界限', '0.95')]
    """
    return [
        (THRESHOLD_NAMES.get(key, key), threshold_value(key, value))
        for key, value in thresholds.items()
    ]


SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "≈"}


def comparator_symbol(comparator: str) -> str:
    """A comparator as a reader writes it: ">=" → "≥", "=" (左右) → "≈".

    >>> comparator_symbol(">="), comparator_symbol("=")
    ('≥', '≈')
    """
    return SYMBOLS.get(comparator, comparator)


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


FILTERS = {
    "input_rows": input_rows,
    "threshold_rows": threshold_rows,
    "kind_name": kind_name,
    "cmp": comparator_symbol,
    "check_labels": check_labels,
    "origin_name": lambda origin: ORIGIN_NAMES.get(origin, origin),
}
