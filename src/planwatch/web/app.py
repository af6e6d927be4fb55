"""The FastAPI application: ``create_app(settings)`` builds it; nothing connects at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from planwatch import __version__
from planwatch.extract.vocabulary import load_vocabulary
from planwatch.services.signin import SignInLimiter
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.web import charts, errors, format, labels
from planwatch.web.api import PREFIX as API_PREFIX
from planwatch.web.api import router as api_router
from planwatch.web.cache import OverviewCache
from planwatch.web.guard import RequestGuard
from planwatch.web.pages import router as pages_router
from planwatch.web.project_cache import ProjectListCache

PACKAGE = Path(str(resources.files("planwatch.web")))


def templates() -> Jinja2Templates:
    engine = Jinja2Templates(directory=PACKAGE / "templates")
    engine.env.filters.update(format.FILTERS)
    engine.env.filters.update(labels.FILTERS)
    engine.env.filters["baseline_used"] = charts.baseline_used
    engine.env.globals["version"] = __version__
    return engine


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """The web app over ``database`` (default: the one ``settings.database_url`` names).

    A vocabulary file that cannot be used (``settings.vocabulary_file``) is refused here, at
    start, rather than on the first upload.
    """
    load_vocabulary(settings.vocabulary_file)
    owned = database is None
    db = database or Database(settings.database_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        db.migrate()
        yield
        if owned:
            db.dispose()

    app = FastAPI(
        title="planwatch",
        summary="五年规划纲要实施监测:指标、数据、评估",
        version=__version__,
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = db
    app.state.templates = templates()
    app.state.overviews = OverviewCache()
    app.state.signins = SignInLimiter(
        settings.signin_account_failures,
        settings.signin_address_failures,
        settings.signin_window_seconds,
        hash_slots=settings.max_concurrent_hashes,
    )
    app.state.project_lists = ProjectListCache()
    errors.install(app)
    app.add_middleware(
        RequestGuard,
        max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
        docs_path="/api/v1/docs",
    )
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    app.include_router(api_router, prefix=API_PREFIX)
    app.include_router(pages_router)
    return app
