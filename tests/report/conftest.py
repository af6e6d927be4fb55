"""Reports rendered once per test session: the sample as of 2022 and 2025, the hand-built overview."""

from __future__ import annotations

import pytest
from report_builders import overview, sample_overview

from planwatch.report import ReportFormat, ReportKind, render_report
from planwatch.services.overview import PlanOverview


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> PlanOverview:
    return sample_overview(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def sample_final(tmp_path_factory: pytest.TempPathFactory) -> PlanOverview:
    """The sample as of its last year (2025), for the final evaluation."""
    return sample_overview(tmp_path_factory.mktemp("sample-final"), as_of=2025)


@pytest.fixture(scope="session")
def built() -> PlanOverview:
    return overview()


@pytest.fixture(scope="session")
def sample_docx(sample: PlanOverview) -> bytes:
    return render_report(sample, ReportKind.MIDTERM, ReportFormat.DOCX)


@pytest.fixture(scope="session")
def built_docx(built: PlanOverview) -> bytes:
    return render_report(built, ReportKind.MIDTERM, ReportFormat.DOCX)


@pytest.fixture(scope="session")
def built_html(built: PlanOverview) -> str:
    return render_report(built, ReportKind.MIDTERM, ReportFormat.HTML).decode("utf-8")


@pytest.fixture(scope="session")
def built_xlsx(built: PlanOverview) -> bytes:
    return render_report(built, ReportKind.FINAL, ReportFormat.XLSX)
