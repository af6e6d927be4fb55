"""series and versions: regions, the indicator catalogue, series, stored extraction, adjustments

Revision ID: 0005
Revises: 0004

Carries a database of the first release forward with nothing lost:

- each plan's region (a name and a level) becomes a ``region`` row;
- each indicator gets a catalogue entry (its canonical name) and a series (region ×
  catalogue entry × unit × scope); its observations move to the series, revisions renumbered
  where two plans of one region had the same indicator;
- outline nodes get stable keys (kind and title) beside their positional ids, indicators
  point at the stable key of their node and remember their chapter;
- each version's text is extracted once more and its quantities stored, so no page
  re-extracts at view time;
- values become exact decimals on SQLite (text) — they were floats there.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LEVELS = ("国家", "省", "市", "县区", "乡镇")


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    exact = sa.String(40) if sqlite else sa.Numeric(26, 6)

    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("region_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_plan_region_id_region", "region", ["region_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("plan_version") as batch:
        batch.add_column(sa.Column("title", sa.String(300), nullable=True))
        batch.add_column(sa.Column("adopted_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("approved_by", sa.String(100), nullable=True))
        batch.add_column(sa.Column("issues", sa.JSON(), nullable=True))
    with op.batch_alter_table("outline_node") as batch:
        batch.add_column(sa.Column("path", sa.String(100), nullable=True))
        batch.alter_column("key", type_=sa.String(300))
        batch.alter_column("parent_key", type_=sa.String(300))
    with op.batch_alter_table("indicator") as batch:
        batch.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("chapter", sa.String(300), nullable=True))
        batch.alter_column("source_node", type_=sa.String(300))
        batch.alter_column("baseline_value", type_=exact)
        batch.create_foreign_key("fk_indicator_series_id_series", "series", ["series_id"], ["id"])
        batch.create_index("ix_indicator_series_id", ["series_id"])
    with op.batch_alter_table("target") as batch:
        batch.alter_column("value", type_=exact)
    with op.batch_alter_table("observation") as batch:
        batch.add_column(sa.Column("series_id", sa.Integer(), nullable=True))

    _carry_data(bind)

    with op.batch_alter_table("observation") as batch:
        batch.drop_constraint("uq_observation_indicator_id_year_revision", type_="unique")
        batch.drop_constraint("fk_observation_indicator_id_indicator", type_="foreignkey")
        batch.drop_column("indicator_id")
        batch.alter_column("series_id", nullable=False)
        batch.alter_column("value", type_=exact)
        batch.create_foreign_key(
            "fk_observation_series_id_series", "series", ["series_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_unique_constraint(
            "uq_observation_series_id_year_revision", ["series_id", "year", "revision"]
        )
    with op.batch_alter_table("outline_node") as batch:
        batch.alter_column("path", nullable=False)
    with op.batch_alter_table("plan_version") as batch:
        batch.alter_column("issues", nullable=False)
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("region")
        batch.drop_column("level")


def _create_tables() -> None:
    op.create_table(
        "region",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("level IN ('国家', '省', '市', '县区', '乡镇')", name="ck_region_level"),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["region.id"], name="fk_region_parent_id_region", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_region"),
        sa.UniqueConstraint("name", name="uq_region_name"),
    )
    op.create_table(
        "catalogue_indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit_family", sa.String(20), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_catalogue_indicator"),
        sa.UniqueConstraint("name", name="uq_catalogue_indicator_name"),
    )
    op.create_table(
        "catalogue_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalogue_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalogue_id"],
            ["catalogue_indicator.id"],
            name="fk_catalogue_alias_catalogue_id_catalogue_indicator",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_catalogue_alias"),
        sa.UniqueConstraint("name", name="uq_catalogue_alias_name"),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("catalogue_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(30), nullable=False),
        sa.Column("scope", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["region.id"], name="fk_series_region_id_region", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["catalogue_id"],
            ["catalogue_indicator.id"],
            name="fk_series_catalogue_id_catalogue_indicator",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_series"),
        sa.UniqueConstraint(
            "region_id",
            "catalogue_id",
            "unit",
            "scope",
            name="uq_series_region_id_catalogue_id_unit_scope",
        ),
    )
    exact = sa.String(40) if op.get_bind().dialect.name == "sqlite" else sa.Numeric(26, 6)
    op.create_table(
        "quantity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("scope", sa.String(100), nullable=False),
        sa.Column("value", exact, nullable=True),
        sa.Column("unit", sa.String(30), nullable=False),
        sa.Column("base_value", exact, nullable=True),
        sa.Column("base_unit", sa.String(30), nullable=False),
        sa.Column("comparator", sa.String(2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("cumulative", sa.Boolean(), nullable=False),
        sa.Column("growth_rate", sa.Boolean(), nullable=False),
        sa.Column("stretch", sa.Boolean(), nullable=False),
        sa.Column("change", sa.String(10), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("node_key", sa.String(300), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["plan_version.id"],
            name="fk_quantity_version_id_plan_version",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name="fk_quantity_indicator_id_indicator",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quantity"),
    )
    op.create_index("ix_quantity_version_id", "quantity", ["version_id"])
    op.create_index("ix_quantity_indicator_id", "quantity", ["indicator_id"])
    op.create_table(
        "adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("proposed_by", sa.String(100), nullable=False),
        sa.Column("approved_by", sa.String(100), nullable=False),
        sa.Column("document_number", sa.String(100), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("effective_year", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name="fk_adjustment_plan_id_plan", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_adjustment"),
    )
    op.create_table(
        "adjusted_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("adjustment_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("stretch", sa.Boolean(), nullable=False),
        sa.Column("old_value", exact, nullable=False),
        sa.Column("old_year", sa.Integer(), nullable=False),
        sa.Column("old_comparator", sa.String(2), nullable=False),
        sa.Column("value", exact, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("comparator", sa.String(2), nullable=False),
        sa.ForeignKeyConstraint(
            ["adjustment_id"],
            ["adjustment.id"],
            name="fk_adjusted_target_adjustment_id_adjustment",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name="fk_adjusted_target_indicator_id_indicator",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_adjusted_target"),
        sa.UniqueConstraint(
            "adjustment_id",
            "indicator_id",
            "stretch",
            name="uq_adjusted_target_adjustment_id_indicator_id_stretch",
        ),
    )
    op.create_table(
        "alignment_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lower_id", sa.Integer(), nullable=False),
        sa.Column("upper_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("score", exact, nullable=False),
        sa.Column("decided_by", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["lower_id"],
            ["indicator.id"],
            name="fk_alignment_pair_lower_id_indicator",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["upper_id"],
            ["indicator.id"],
            name="fk_alignment_pair_upper_id_indicator",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_alignment_pair"),
        sa.UniqueConstraint("lower_id", "upper_id", name="uq_alignment_pair_lower_id_upper_id"),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_app_setting"),
    )


def _carry_data(bind: sa.Connection) -> None:
    """Regions, catalogue, series, stable outline keys and stored quantities for old rows."""
    meta = sa.MetaData()
    meta.reflect(bind)
    t = meta.tables
    regions = _regions(bind, t)
    catalogue: dict[str, int] = {}
    series: dict[tuple[int | None, int, str, str], int] = {}
    chapters_by_version: dict[int, tuple[dict[str, str], dict[str, str]]] = {}
    for version in bind.execute(sa.select(t["plan_version"])).mappings().all():
        chapters_by_version[version["id"]] = _rekey_nodes(bind, t, version["id"], version["text"])
    newest: dict[int, int] = {}
    for row in bind.execute(
        sa.select(t["plan_version"].c.plan_id, sa.func.max(t["plan_version"].c.id)).group_by(
            t["plan_version"].c.plan_id
        )
    ):
        newest[row[0]] = row[1]
    for indicator in bind.execute(sa.select(t["indicator"])).mappings().all():
        region_id = regions.get(indicator["plan_id"])
        entry = _catalogue_entry(bind, t, catalogue, indicator["name"], indicator["unit"])
        scope = _series_scope(indicator["scope"])
        key = (region_id, entry, indicator["unit"], scope)
        if key not in series or region_id is None:
            series[key] = _insert(
                bind,
                t["series"],
                region_id=region_id,
                catalogue_id=entry,
                unit=indicator["unit"],
                scope=scope,
            )
        version_id = indicator["source_version_id"] or newest.get(indicator["plan_id"])
        paths, chapters = chapters_by_version.get(version_id or -1, ({}, {}))
        node = paths.get(indicator["source_node"] or "")
        bind.execute(
            t["indicator"]
            .update()
            .where(t["indicator"].c.id == indicator["id"])
            .values(series_id=series[key], source_node=node, chapter=chapters.get(node or ""))
        )
        bind.execute(
            t["observation"]
            .update()
            .where(t["observation"].c.indicator_id == indicator["id"])
            .values(series_id=series[key])
        )
    _renumber_revisions(bind, t)
    _store_quantities(bind, t, chapters_by_version)


def _insert(bind: sa.Connection, table: sa.Table, **values: Any) -> int:
    """Insert one row and return its id."""
    key = bind.execute(table.insert().values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _regions(bind: sa.Connection, t: dict[str, sa.Table]) -> dict[int, int]:
    """plan id → region id, a region row for each distinct region name of the old plans."""
    by_name: dict[str, int] = {}
    out: dict[int, int] = {}
    for plan in bind.execute(sa.select(t["plan"])).mappings():
        name = plan["region"]
        if not name:
            continue
        if name not in by_name:
            level = plan["level"] if plan["level"] in LEVELS else _level_of(name)
            by_name[name] = _insert(bind, t["region"], name=name, level=level)
        out[plan["id"]] = by_name[name]
        bind.execute(
            t["plan"].update().where(t["plan"].c.id == plan["id"]).values(region_id=by_name[name])
        )
    return out


def _level_of(name: str) -> str:
    from planwatch.extract.metadata import region_level

    return region_level(name) or "县区"


def _catalogue_entry(
    bind: sa.Connection, t: dict[str, sa.Table], known: dict[str, int], name: str, unit: str
) -> int:
    from planwatch.extract.aliases import canonical_name, synonyms
    from planwatch.extract.units import read_unit

    canonical = canonical_name(name)
    if canonical not in known:
        reading = read_unit(unit)
        family = reading.base if reading and reading.unit else unit
        entry = _insert(
            bind, t["catalogue_indicator"], name=canonical, unit_family=family[:20], definition=""
        )
        for alias in {canonical, *synonyms(canonical)}:
            bind.execute(t["catalogue_alias"].insert().values(catalogue_id=entry, name=alias))
        known[canonical] = entry
    return known[canonical]


def _series_scope(scope: str | None) -> str:
    """The whole region (全区, 全市 …) is the empty scope; a park or a town keeps its name."""
    if not scope or (scope.startswith("全") and len(scope) <= 3):
        return ""
    return scope


def _rekey_nodes(
    bind: sa.Connection, t: dict[str, sa.Table], version_id: int, text: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Give a version's nodes stable keys; returns (positional id → stable key, key → chapter)."""
    from planwatch.compare.outline_keys import stable_keys
    from planwatch.domain.outline import NodeKind, OutlineNode

    table = t["outline_node"]
    rows = (
        bind.execute(
            sa.select(table).where(table.c.version_id == version_id).order_by(table.c.start)
        )
        .mappings()
        .all()
    )
    children: dict[str | None, list[Any]] = defaultdict(list)
    for row in rows:
        children[row["parent_key"]].append(row)

    def tree(row: Any) -> OutlineNode:
        return OutlineNode(
            id=row["key"],
            kind=NodeKind(row["kind"]),
            label=row["label"],
            number=row["number"],
            title=row["title"],
            line=row["line"],
            start=row["start"],
            end=row["end"],
            title_end=row["start"],
            level=row["key"].count(".") + 1,
            children=tuple(tree(child) for child in children[row["key"]]),
        )

    keys = stable_keys([tree(row) for row in children[None]], text)
    by_path = {row["key"]: row for row in rows}
    chapters: dict[str, str] = {}
    for row in rows:
        bind.execute(
            table.update()
            .where(table.c.id == row["id"])
            .values(
                path=row["key"], key=keys[row["key"]], parent_key=keys.get(row["parent_key"] or "")
            )
        )
        parts = row["key"].split(".")
        for end in range(len(parts), 0, -1):  # the node itself or its nearest chapter ancestor
            found = by_path.get(".".join(parts[:end]))
            if found is not None and found["kind"] == "chapter":
                chapters[keys[row["key"]]] = f"{found['label']} {found['title']}"
                break
    return keys, chapters


def _renumber_revisions(bind: sa.Connection, t: dict[str, sa.Table]) -> None:
    """Two plans of one region had the same indicator: their revisions now share one series."""
    table = t["observation"]
    groups: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for row in bind.execute(
        sa.select(table.c.id, table.c.series_id, table.c.year).order_by(
            table.c.recorded_at, table.c.id
        )
    ):
        groups[(row.series_id, row.year)].append(row.id)
    for ids in groups.values():
        for revision, row_id in enumerate(ids, start=1):
            bind.execute(table.update().where(table.c.id == row_id).values(revision=revision))


def _store_quantities(
    bind: sa.Connection,
    t: dict[str, sa.Table],
    chapters_by_version: dict[int, tuple[dict[str, str], dict[str, str]]],
) -> None:
    """Extract each old version's text once more and store its quantities with their spans."""
    from planwatch.domain.document import Document, DocumentFormat, Source
    from planwatch.services.extraction import extract_document

    versions = t["plan_version"]
    indicators = t["indicator"]
    for version in bind.execute(sa.select(versions)).mappings().all():
        text = version["text"]
        source = Source(version["source_path"], version["sha256"], DocumentFormat.TXT,
                        version["encoding"], len(text))  # fmt: skip
        extraction = extract_document(Document(text, source))
        paths, _ = chapters_by_version.get(version["id"], ({}, {}))
        linked = bind.execute(
            sa.select(indicators.c.id, indicators.c.source_start, indicators.c.extracted_key)
            .join(versions, versions.c.plan_id == indicators.c.plan_id)
            .where(versions.c.id == version["id"])
        ).all()
        starts = {row.source_start: row.id for row in linked if row.source_start is not None}
        names = {row.extracted_key: row.id for row in linked if row.extracted_key}
        rows = [
            dict(
                version_id=version["id"],
                indicator_id=starts.get(q.start) or names.get(f"{q.indicator}|{q.unit}"),
                kind=q.kind,
                name=q.indicator[:200],
                scope=q.scope[:100],
                value=str(q.value) if bind.dialect.name == "sqlite" else q.value,
                unit=q.unit[:30],
                base_value=str(q.base_value) if bind.dialect.name == "sqlite" else q.base_value,
                base_unit=q.base_unit[:30],
                comparator=q.comparator,
                year=q.year,
                cumulative=q.cumulative,
                growth_rate=q.growth_rate,
                stretch=q.stretch,
                change=q.change,
                text=q.text,
                line=q.line,
                start=q.start,
                end=q.end,
                sentence=q.sentence,
                node_key=paths.get(q.node or ""),
            )
            for q in extraction.findings.quantities
        ]
        if rows:
            bind.execute(t["quantity"].insert(), rows)
        bind.execute(
            versions.update()
            .where(versions.c.id == version["id"])
            .values(
                title=extraction.plan.title,
                issues=[
                    {"code": i.code, "message": i.message, "line": i.line}
                    for i in extraction.issues
                ],
            )
        )


def downgrade() -> None:
    raise NotImplementedError("planwatch does not downgrade a database; restore a backup")
