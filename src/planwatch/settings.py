"""Typed settings, read from ``PLANWATCH_*`` environment variables at the entry point."""

from decimal import Decimal
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MEGABYTE = 1024 * 1024


class Settings(BaseSettings):
    """Everything a deployment may change.

    >>> Settings(max_document_bytes=1024).max_document_bytes
    1024
    """

    model_config = SettingsConfigDict(env_prefix="PLANWATCH_", frozen=True)

    max_document_bytes: int = Field(default=50 * MEGABYTE, gt=0)
    """Largest plan document accepted, in bytes (PLANWATCH_MAX_DOCUMENT_BYTES)."""

    max_extract_chars: int = Field(default=10_000_000, gt=0)
    """Largest decoded text extraction reads, in characters (PLANWATCH_MAX_EXTRACT_CHARS):
    extraction is linear in the text's length, so this bounds its time and memory (about
    1 s and 100 MB per million characters, docs/benchmarks.md)."""

    vocabulary_file: Path | None = None
    """A YAML file of words merged over the package's ``vocab/words.yaml``
    (PLANWATCH_VOCABULARY_FILE): synonyms of a region's plans without a release
    (docs/extraction.md, "Vocabulary")."""

    database_url: str = "sqlite:///planwatch.sqlite3"
    """SQLAlchemy URL (PLANWATCH_DATABASE_URL): the embedded SQLite file in the working folder
    by default; ``postgresql://user@host/db`` for a multi-user deployment."""

    thresholds: dict[str, str] = Field(default_factory=dict)
    """Assessment thresholds to override (PLANWATCH_THRESHOLDS, JSON), e.g.
    ``{"ahead": "0.15", "binding_lag_red": "0.15"}``; names as in docs/assessment.md."""

    project_thresholds: dict[str, str] = Field(default_factory=dict)
    """Major-project light thresholds to override (PLANWATCH_PROJECT_THRESHOLDS, JSON), e.g.
    ``{"lag_red": "0.2"}``; names as in docs/projects.md."""

    entry_jump_factor: Decimal = Field(default=Decimal(3), gt=1, le=1000)
    """An entered value beyond this factor of the previous one (×3 or ÷3 by default) needs
    a confirmation (PLANWATCH_ENTRY_JUMP_FACTOR); so do a share outside 0–100, a negative
    level and a value about 10⁴ times the previous one (services/entry_checks.py)."""

    public_read: bool = False
    """Anyone may read the dashboard and the API without signing in (PLANWATCH_PUBLIC_READ);
    writes always need a signed-in user."""

    session_ttl_hours: int = Field(default=12, gt=0, le=24 * 30)
    """How long a web sign-in lasts (PLANWATCH_SESSION_TTL_HOURS)."""

    secure_cookies: bool = False
    """Mark the session cookie Secure (PLANWATCH_SECURE_COOKIES): set it behind HTTPS."""

    show_pending: bool = False
    """Pages also show values submitted and not yet approved, labelled 待审核
    (PLANWATCH_SHOW_PENDING); reports always use approved data only."""

    max_evidence_bytes: int = Field(default=10 * MEGABYTE, gt=0)
    """Largest evidence file a progress report may carry (PLANWATCH_MAX_EVIDENCE_BYTES)."""

    annual_tolerance_points: str = Field(default="0.5", pattern=r"^\d+(\.\d+)?$")
    """How far an approximate (左右) annual target of a rate or percentage may be missed and
    still count as met, in percentage points (PLANWATCH_ANNUAL_TOLERANCE_POINTS)."""

    annual_tolerance_share: str = Field(default="0.02", pattern=r"^\d+(\.\d+)?$")
    """The same for a level target, as a share of the target (PLANWATCH_ANNUAL_TOLERANCE_SHARE)."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, gt=0, lt=65536)

    user: str | None = None
    """Who the CLI records in the audit log (PLANWATCH_USER); the login name by default."""

    max_body_bytes: int = Field(default=MEGABYTE, gt=0)
    """Largest JSON or form request body, in bytes (PLANWATCH_MAX_BODY_BYTES); a larger one
    is refused with 413 before it is read and before sign-in is checked."""

    max_upload_bytes: int = Field(default=51 * MEGABYTE, gt=0)
    """Largest multipart upload (a plan document or a data file with the form around it),
    in bytes (PLANWATCH_MAX_UPLOAD_BYTES)."""

    signin_account_failures: int = Field(default=5, gt=0)
    """Failed sign-ins of one account within the window that lock it
    (PLANWATCH_SIGNIN_ACCOUNT_FAILURES)."""

    signin_address_failures: int = Field(default=20, gt=0)
    """Failed sign-ins from one client address within the window that lock it
    (PLANWATCH_SIGNIN_ADDRESS_FAILURES)."""

    signin_window_seconds: int = Field(default=15 * 60, gt=0)
    """How long a failed sign-in counts, and how long a lockout lasts
    (PLANWATCH_SIGNIN_WINDOW_SECONDS)."""

    max_concurrent_hashes: int = Field(default=2, gt=0, le=64)
    """Password hashes (argon2, 64 MiB each) computed at once; more sign-ins wait
    (PLANWATCH_MAX_CONCURRENT_HASHES)."""
