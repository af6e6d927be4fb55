"""Server-rendered pages in Simplified Chinese: overview, indicator, reader, search, entry."""

from fastapi import APIRouter

from planwatch.web.pages import account, browse, comparison, entry, plans

MODULES = (browse, entry, account, plans, comparison)
router = APIRouter(include_in_schema=False)
for module in MODULES:
    router.include_router(module.router)
