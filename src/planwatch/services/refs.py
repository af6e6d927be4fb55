"""Stored records as the comparisons read them: outline nodes, targets and series keys.

:mod:`planwatch.compare` is pure; these functions turn a stored version's nodes and
quantities, or a plan's indicators, into its :class:`NodeRef` and :class:`TargetRef`.
"""

from __future__ import annotations

from collections import Counter

from planwatch.domain.comparison import NodeRef, TargetRef
from planwatch.domain.indicator import Attribute, Direction, TargetKind
from planwatch.domain.outline import NodeKind
from planwatch.domain.quantity import judged_kind
from planwatch.extract.aliases import canonical_name
from planwatch.services.catalogue import series_scope
from planwatch.store.models import IndicatorRecord, Plan, PlanVersion


def version_nodes(version: PlanVersion) -> tuple[NodeRef, ...]:
    """A stored version's outline, in document order, with each node's place among siblings."""
    orders: Counter[str | None] = Counter()
    refs: list[NodeRef] = []
    for node in sorted(version.nodes, key=lambda n: n.start):
        refs.append(
            NodeRef(node.key, NodeKind(node.kind), node.label, node.number, node.title,
                    node.parent_key, orders[node.parent_key])
        )  # fmt: skip
        orders[node.parent_key] += 1
    return tuple(refs)


def identity_key(plan: Plan, name: str, unit: str, scope: str | None) -> str:
    """A series identity for a stated quantity: region, catalogue name, unit, scope.

    >>> from types import SimpleNamespace as N
    >>> identity_key(N(region_name="某区", key="k"), "全区GDP", "亿元", "全区")
    '某区|地区生产总值|亿元|'
    """
    return f"{plan.region_name or plan.key}|{canonical_name(name)}|{unit}|{series_scope(scope)}"


def version_targets(plan: Plan, version: PlanVersion) -> tuple[TargetRef, ...]:
    """The targets a stored version states, each keyed by its series identity."""
    refs: list[TargetRef] = []
    for q in version.quantities:
        if q.kind != "target" or q.value is None:
            continue
        attribute = Attribute(q.indicator.attribute) if q.indicator is not None else None
        refs.append(
            TargetRef(
                series=identity_key(plan, q.name, q.unit, q.scope),
                indicator=q.name,
                unit=q.unit,
                value=q.value,
                year=q.year,
                comparator=q.comparator,  # type: ignore[arg-type]  # written from a Comparator
                kind=TargetKind(judged_kind(q)),
                attribute=attribute,
                stretch=q.stretch,
                change=Direction(q.change) if q.change else None,
                sentence=q.sentence,
                line=q.line,
            )
        )
    return tuple(refs)


def indicator_targets(indicator: IndicatorRecord) -> tuple[TargetRef, ...]:
    """An indicator's targets as adopted, keyed by its series id (for alignment)."""
    direction = Direction(indicator.direction)
    kind = TargetKind(indicator.kind)
    return tuple(
        TargetRef(
            series=str(indicator.series_id),
            indicator=indicator.name,
            unit=indicator.unit,
            value=t.value,
            year=t.year,
            comparator=t.comparator,  # type: ignore[arg-type]  # checked on every write
            kind=kind,
            attribute=Attribute(indicator.attribute),
            stretch=t.stretch,
            change=direction if kind is TargetKind.CHANGE else None,
            sentence=indicator.sentence or "",
            line=indicator.source_line,
        )
        for t in indicator.targets
    )
