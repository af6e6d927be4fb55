"""The JSON API under schemathesis, on SQLite and PostgreSQL: requests generated from its own
OpenAPI schema — valid ones and ones that break it — signed in as an administrator with the
CSRF token, so writes reach the services, never get a 500, and every error is in the one
error shape.

Bounded for CI (PLANWATCH_API_FUZZ_EXAMPLES examples an operation and mode, 8 by default;
derandomized, so a failure reproduces).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode

from conftest import Site, login, make_client
from planwatch.web.security import CSRF_HEADER, SESSION_COOKIE

EXAMPLES = int(os.environ.get("PLANWATCH_API_FUZZ_EXAMPLES", "8"))
SKIPPED = {("POST", "/api/v1/auth/logout")}  # would end the session every other case uses


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_no_request_gets_a_500(site: Site, mode: GenerationMode) -> None:
    limits = {"signin_account_failures": 10_000, "signin_address_failures": 10_000}
    with make_client(site, **limits) as client:
        csrf = login(client, "admin")
        auth = {CSRF_HEADER: csrf, "Cookie": f"{SESSION_COOKIE}={client.cookies[SESSION_COOKIE]}"}
        schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", client.app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 10
        for operation in operations:
            if (operation.method.upper(), operation.path) in SKIPPED:
                continue

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def no_500(case: Any) -> None:
                response = case.call(headers={**(case.headers or {}), **auth})
                where = f"{case.method} {case.formatted_path}"
                assert response.status_code < 500, (where, response.text[:300])
                if response.status_code >= 400:
                    assert set(response.json()) == {"error"}, (where, response.text[:300])

            try:
                no_500()
            except Unsatisfiable:  # an operation without parameters has no invalid form
                assert mode is GenerationMode.NEGATIVE
