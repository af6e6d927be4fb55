"""Server-rendered pages in Simplified Chinese: overview, indicator, reader, search, entry."""

from fastapi import APIRouter

from planwatch.web.pages import (
    account,
    admin,
    annual,
    assignments,
    browse,
    comparison,
    downloads,
    entry,
    grid,
    plans,
    projects,
    review,
    tasks,
)

MODULES = (
    downloads, browse, entry, grid, account, plans, comparison, projects, review, admin,
    assignments, tasks, annual,
)  # fmt: skip
router = APIRouter(include_in_schema=False)
for module in MODULES:
    router.include_router(module.router)
