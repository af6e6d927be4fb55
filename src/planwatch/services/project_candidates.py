"""Use case: projects a plan's 专栏 boxes name with their investment, not yet in the register.

The text of a box is from its heading to the next heading of any kind (a box's own span may
stop at its heading line). ``write_candidates`` writes them as a register file with the name,
total and box filled in, for people to complete (period, department) and import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.extract.project_candidates import ProjectCandidate, find_candidates
from planwatch.services.project_boxes import fold
from planwatch.services.tables import write_csv, write_xlsx
from planwatch.store.models import Plan, ProjectRecord

HEADER = ["序号", "项目名称", "建设起止年限", "总投资(万元)", "牵头单位", "所属专栏", "备注"]


@dataclass(frozen=True, slots=True)
class BoxCandidate:
    box_key: str
    box: str  # "专栏1 标题"
    line: int  # the box heading's line
    candidate: ProjectCandidate


def box_candidates(session: Session, plan: Plan) -> list[BoxCandidate]:
    """Candidates of every box of the newest version, those already registered left out."""
    if not plan.versions:
        return []
    version = plan.versions[-1]
    text = version.text
    nodes = sorted(version.nodes, key=lambda n: n.start)
    stored = set(
        session.scalars(select(ProjectRecord.name).where(ProjectRecord.plan_id == plan.id))
    )
    found: list[BoxCandidate] = []
    for index, node in enumerate(nodes):
        if node.kind != "box":
            continue
        end = nodes[index + 1].start if index + 1 < len(nodes) else len(text)
        for candidate in find_candidates(text[node.start : end], node.start):
            if _same(candidate.name) not in stored:
                found.append(
                    BoxCandidate(node.key, f"{node.label} {node.title}", node.line, candidate)
                )
    return found


def _same(name: str) -> str:
    """A name as compared with the register: 港口二期项目 is 港口二期."""
    return fold(name).removesuffix("项目")


def write_candidates(path: Path, candidates: list[BoxCandidate]) -> None:
    """A register file (.xlsx or .csv) of the candidates, to be completed and imported."""
    rows: list[list[object]] = [
        [str(i), c.candidate.name, "", format(c.candidate.total, "f"), "", c.box.split(" ")[0],
         f"规划原文:{c.candidate.text}"]
        for i, c in enumerate(candidates, start=1)
    ]  # fmt: skip
    if path.suffix.lower() == ".csv":
        write_csv(path, HEADER, rows)
    else:
        write_xlsx(path, [("重大项目", HEADER, rows)])
