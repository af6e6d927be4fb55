import pytest

from document_builders import SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The bundled sample plan: UTF-8, LF line endings, about 41,000 characters."""
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_lines(sample_text: str) -> list[str]:
    return sample_text.splitlines()
