"""The JSON API under /api/v1: one router per resource, one error shape (web/errors.py)."""

from fastapi import APIRouter

from planwatch.web.api import (
    annual,
    auth,
    comparison,
    departments,
    indicators,
    plans,
    projects,
    reports,
    review,
    search,
    settings,
    tasks,
)

PREFIX = "/api/v1"
MODULES = (
    plans, settings, comparison, indicators, search, departments, reports, projects, tasks,
    review, auth, annual,
)  # fmt: skip
router = APIRouter()
for module in MODULES:
    router.include_router(module.router)
