"""The target diff of two versions of a plan, and whether two versions are of one plan at all.

Targets are matched by series and stretch flag (a 力争 target is compared with the earlier
力争 target, the main one with the main one). A series with several targets (a 2023 and a
2025 milestone) pairs them by year first, then the rest in order. A pair whose value, unit,
year, comparator, kind, attribute or change direction differs is *changed*, with each field
before and after; an unpaired target is *added* or *removed*.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TypeVar

from planwatch.compare.outline_keys import normalize_title
from planwatch.domain.comparison import (
    FieldChange,
    FieldValue,
    NodeRef,
    Relatedness,
    TargetChange,
    TargetChangeKind,
    TargetRef,
)
from planwatch.domain.indicator import Attribute, TargetKind

Key = TypeVar("Key")

FIELDS = ("value", "unit", "year", "comparator", "kind", "attribute", "change")
FIELD_LABELS = {"value": "目标值", "unit": "单位", "year": "目标年份", "comparator": "比较方式",
                "kind": "目标类型", "attribute": "指标属性", "change": "变化方向"}  # fmt: skip
KIND_LABELS = {TargetKind.LEVEL: "水平值", TargetKind.GROWTH_RATE: "年均增速",
               TargetKind.CUMULATIVE: "累计值", TargetKind.CEILING: "上限",
               TargetKind.FLOOR: "下限", TargetKind.CHANGE: "变化量",
               TargetKind.RELATIONAL: "关联目标", TargetKind.QUALITATIVE: "定性目标"}  # fmt: skip
COMPARATOR_LABELS = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "=": "约为"}
CHANGE_LABELS = {"increase": "提高", "decrease": "降低"}

# Titles of four characters or fewer are the genre's boilerplate (规划背景, 总体要求, 保障措施)
# that any two plans share; only the longer part of a title says which plan it is.
_BOILERPLATE_CHARS = 4
RELATED_MIN = 0.5  # below this score two versions are taken for two plans
# Two short outlines prove little: one shared "关于经济体制改革" is most of a two-heading
# report. Overlap is measured over at least this much distinctive title text, so a side with
# less cannot vouch for relatedness on its own.
_EVIDENCE_MIN = 12


def show(field: str, value: FieldValue) -> str:
    """A field's value as a user reads it.

    >>> show("comparator", "<="), show("attribute", "binding"), show("year", None)
    ('不高于', '约束性', '未注明')
    """
    if value is None:
        return "未注明"
    if field == "comparator":
        return COMPARATOR_LABELS.get(str(value), str(value))
    if field == "attribute":
        return Attribute(str(value)).label
    if field == "kind":
        return KIND_LABELS.get(TargetKind(str(value)), str(value))
    if field == "change":
        return CHANGE_LABELS.get(str(value), str(value))
    if field == "year":
        return f"{value}年"
    return str(value)


def _value(target: TargetRef, field: str) -> FieldValue:
    value: FieldValue = getattr(target, field)
    return value


def changed_fields(old: TargetRef, new: TargetRef) -> tuple[FieldChange, ...]:
    """The fields that differ; a value equal as a number (616.40 = 616.4) is unchanged.

    >>> from decimal import Decimal
    >>> a = TargetRef("s", "森林覆盖率", "%", Decimal("40.0"), 2025, ">=", TargetKind.LEVEL,
    ...               Attribute.BINDING, False, None, "", None)
    >>> b = TargetRef("s", "森林覆盖率", "%", Decimal("40"), 2025, ">", TargetKind.LEVEL,
    ...               Attribute.BINDING, False, None, "", None)
    >>> changed_fields(a, b)
    (FieldChange(field='comparator', before='>=', after='>'),)
    """
    return tuple(
        FieldChange(field, _value(old, field), _value(new, field))
        for field in FIELDS
        if _value(old, field) != _value(new, field)
    )


def _target_text(target: TargetRef) -> str:
    year = f"{target.year}年" if target.year is not None else ""
    stretch = "力争" if target.stretch else ""
    return (
        f"{target.indicator}{year}{stretch}目标{show('comparator', target.comparator)}"
        f"{target.value}{target.unit}"
    )


def _message(
    kind: TargetChangeKind,
    old: TargetRef | None,
    new: TargetRef | None,
    fields: tuple[FieldChange, ...],
) -> str:
    if kind is TargetChangeKind.ADDED and new is not None:
        return f"新增目标:{_target_text(new)}"
    if kind is TargetChangeKind.REMOVED and old is not None:
        return f"删除目标:{_target_text(old)}"
    assert new is not None
    parts = []
    for change in fields:
        before, after = show(change.field, change.before), show(change.field, change.after)
        parts.append(f"{FIELD_LABELS[change.field]}由{before}改为{after}")
    stretch = "(力争)" if new.stretch else ""
    return f"{new.indicator}{stretch}:" + ",".join(parts)


def _pairs(
    old: list[TargetRef], new: list[TargetRef]
) -> tuple[list[tuple[TargetRef, TargetRef]], list[TargetRef], list[TargetRef]]:
    """Pairs of one series and flag: same year first, then the rest in order."""
    pairs: list[tuple[TargetRef, TargetRef]] = []
    rest_new = list(new)
    rest_old: list[TargetRef] = []
    for target in old:
        same = next((n for n in rest_new if n.year == target.year), None)
        if same is None:
            rest_old.append(target)
        else:
            pairs.append((target, same))
            rest_new.remove(same)
    pairs.extend(zip(rest_old, rest_new, strict=False))
    paired = len(min(rest_old, rest_new, key=len))
    return pairs, rest_old[paired:], rest_new[paired:]


def _groups(
    old: Sequence[TargetRef], new: Sequence[TargetRef]
) -> dict[tuple[str, bool], tuple[list[TargetRef], list[TargetRef]]]:
    groups: dict[tuple[str, bool], tuple[list[TargetRef], list[TargetRef]]] = defaultdict(
        lambda: ([], [])
    )
    for target in old:
        groups[(target.series, target.stretch)][0].append(target)
    for target in new:
        groups[(target.series, target.stretch)][1].append(target)
    return groups


def match_targets(
    old: Sequence[TargetRef], new: Sequence[TargetRef]
) -> tuple[tuple[TargetRef, TargetRef], ...]:
    """Every (old, new) pair of one target, changed or not: what carries confirmations over.

    >>> from decimal import Decimal
    >>> def t(year): return TargetRef("gdp", "地区生产总值", "亿元", Decimal(1000), year, ">",
    ...     TargetKind.LEVEL, None, False, None, "", None)
    >>> [(a.year, b.year) for a, b in match_targets([t(2023), t(2025)], [t(2025), t(2026)])]
    [(2025, 2025), (2023, 2026)]
    """
    return tuple(pair for olds, news in _groups(old, new).values()
                 for pair in _pairs(olds, news)[0])  # fmt: skip


def diff_targets(old: Sequence[TargetRef], new: Sequence[TargetRef]) -> tuple[TargetChange, ...]:
    """Targets added, removed and changed from ``old`` to ``new``; unchanged ones are left out.

    >>> from decimal import Decimal
    >>> def gdp(value): return TargetRef("gdp", "地区生产总值", "亿元", Decimal(value), 2025,
    ...     ">", TargetKind.LEVEL, Attribute.EXPECTED, False, None, "", None)
    >>> [c.message for c in diff_targets([gdp(1000)], [gdp(1100)])]
    ['地区生产总值:目标值由1000改为1100']
    """
    changes: list[TargetChange] = []
    for (series, stretch), (olds, news) in _groups(old, new).items():
        pairs, removed, added = _pairs(olds, news)
        for before, after in pairs:
            fields = changed_fields(before, after)
            if fields:
                kind = TargetChangeKind.CHANGED
                changes.append(
                    TargetChange(
                        kind,
                        series,
                        stretch,
                        before,
                        after,
                        fields,
                        _message(kind, before, after, fields),
                    )
                )
        for target in removed:
            kind = TargetChangeKind.REMOVED
            changes.append(
                TargetChange(
                    kind, series, stretch, target, None, (), _message(kind, target, None, ())
                )
            )
        for target in added:
            kind = TargetChangeKind.ADDED
            changes.append(
                TargetChange(
                    kind, series, stretch, None, target, (), _message(kind, None, target, ())
                )
            )
    return tuple(changes)


def _weights(nodes: Sequence[NodeRef]) -> dict[tuple[str, str], int]:
    weights: dict[tuple[str, str], int] = {}
    for node in nodes:
        title = normalize_title(node.title)
        if len(title) > _BOILERPLATE_CHARS:
            weights[(node.kind.value, title)] = len(title) - _BOILERPLATE_CHARS
    return weights


def _overlap(a: Mapping[Key, int], b: Mapping[Key, int], floor: int = 1) -> float | None:
    """Weighted overlap: what the two share over the smaller side's total, or over ``floor``
    when that is larger (None if a side is empty).

    >>> _overlap({"x": 3, "y": 1}, {"x": 3}), _overlap({}, {"x": 1})
    (1.0, None)
    >>> _overlap({"x": 3, "y": 1}, {"x": 3}, floor=12)
    0.25
    """
    smaller = min(sum(a.values()), sum(b.values()))
    if smaller == 0:
        return None
    return sum(min(a[k], b[k]) for k in a.keys() & b.keys()) / max(smaller, floor)


def relatedness(
    old_nodes: Sequence[NodeRef],
    new_nodes: Sequence[NodeRef],
    old_targets: Sequence[TargetRef],
    new_targets: Sequence[TargetRef],
) -> Relatedness:
    """How much two versions share: titles beyond the genre's boilerplate, and series.

    The score is the mean of the measures both sides allow; versions of one plan share most
    of their chapter titles and, the series being region × indicator × unit, their series,
    while two regions' plans share only boilerplate titles and no series. An outline of a
    few short titles is weak evidence: it is measured as if it held ``_EVIDENCE_MIN``
    characters of distinctive titles.

    >>> from planwatch.domain.outline import NodeKind as K
    >>> def chapters(*titles):
    ...     return [NodeRef("c", K.CHAPTER, "", i, t, None, i) for i, t in enumerate(titles)]
    >>> a = chapters("建设区域服务业中心", "打造先进制造业集群")
    >>> relatedness(a, a, [], []).related, relatedness(a, a[:1], [], []).related
    (True, False)
    >>> relatedness(chapters("关于经济形势", "关于经济体制改革"),
    ...             chapters("关于经济建设", "关于经济体制改革", "关于外交工作"), [], []).related
    False
    """
    outline = _overlap(_weights(old_nodes), _weights(new_nodes), _EVIDENCE_MIN)
    series = _overlap(
        dict.fromkeys((t.series for t in old_targets), 1),
        dict.fromkeys((t.series for t in new_targets), 1),
    )
    measures = [m for m in (outline, series) if m is not None]
    score = sum(measures) / len(measures) if measures else 0.0
    related = score >= RELATED_MIN
    shown = ",".join(
        f"{label}{m:.0%}"
        for label, m in (("章节标题重合", outline), ("指标序列重合", series))
        if m is not None
    )
    if related:
        message = f"两个版本属于同一规划({shown or '无可比内容'})"
    else:
        message = f"两个版本看起来不是同一规划({shown or '无可比内容'}),不能比较"
    return Relatedness(round(score, 3), outline, series, related, message)


def related(
    old_nodes: Sequence[NodeRef],
    new_nodes: Sequence[NodeRef],
    old_targets: Sequence[TargetRef],
    new_targets: Sequence[TargetRef],
) -> bool:
    """Whether two versions are of the same plan (see :func:`relatedness`)."""
    return relatedness(old_nodes, new_nodes, old_targets, new_targets).related
