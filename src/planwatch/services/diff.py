"""Use case: what changed between two versions of a plan — chapters and targets.

Nodes are matched by stable keys (an inserted chapter shifts the numbers of those after it,
and that is reported as one renumbering, not as thirty changes) and targets by series and
the 力争 flag, never by position. Two documents that share too little to be one plan are
refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.compare.outline_diff import diff_outline, renumber_runs
from planwatch.compare.target_diff import diff_targets, relatedness
from planwatch.domain.comparison import (
    OutlineChange,
    OutlineChangeKind,
    Relatedness,
    RenumberRun,
    TargetChange,
)
from planwatch.errors import InvalidInput
from planwatch.services.plans import stored_version
from planwatch.services.refs import version_nodes, version_targets
from planwatch.store.models import Plan, PlanVersion


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """Two versions and what changed from the first to the second."""

    old_plan: Plan
    old: PlanVersion
    new_plan: Plan
    new: PlanVersion
    outline: tuple[OutlineChange, ...]  # added, removed, renamed, moved
    renumbered: tuple[RenumberRun, ...]  # runs of nodes whose number shifted
    targets: tuple[TargetChange, ...]
    relatedness: Relatedness


def diff_versions(
    plan: Plan,
    from_number: int | None = None,
    to_number: int | None = None,
    other: Plan | None = None,
) -> VersionDiff:
    """The diff of two versions of ``plan`` (default: the last two), or of ``plan``'s newest
    version against ``other``'s newest."""
    if other is not None:
        old_plan, new_plan = plan, other
        old, new = stored_version(plan, from_number), stored_version(other, to_number)
    else:
        old_plan = new_plan = plan
        if to_number is None and from_number is None and len(plan.versions) < 2:
            raise InvalidInput(f"规划「{plan.key}」只有一个版本,没有可对比的版本")
        new = stored_version(plan, to_number)
        old = stored_version(plan, from_number if from_number is not None else new.number - 1)
        if old.number == new.number:
            raise InvalidInput(f"对比的两个版本相同(第{old.number}版)")
    old_nodes, new_nodes = version_nodes(old), version_nodes(new)
    old_targets, new_targets = version_targets(old_plan, old), version_targets(new_plan, new)
    related = relatedness(old_nodes, new_nodes, old_targets, new_targets)
    if not related.related:
        raise InvalidInput(related.message)
    changes = diff_outline(old_nodes, new_nodes)
    return VersionDiff(
        old_plan=old_plan,
        old=old,
        new_plan=new_plan,
        new=new,
        outline=tuple(c for c in changes if c.kind is not OutlineChangeKind.RENUMBERED),
        renumbered=renumber_runs(changes),
        targets=diff_targets(old_targets, new_targets),
        relatedness=related,
    )
