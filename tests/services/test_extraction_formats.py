"""The same plan gives the same outline and targets from every format and encoding it comes in."""

import pytest

from document_builders import build_docx, build_pdf
from planwatch.domain.document import DocumentFormat
from planwatch.read import read_bytes
from planwatch.samples import sample_path
from planwatch.services.extraction import Extraction, extract_document

LIMIT = 50 * 1024 * 1024
SAMPLE = sample_path().read_text(encoding="utf-8")


def as_bytes(form: str) -> tuple[str, bytes]:
    lines = SAMPLE.splitlines()
    if form == "docx":
        return "plan.docx", build_docx(lines)
    if form == "pdf":
        return "plan.pdf", build_pdf(lines)
    if form == "html":
        body = "".join(f"<p>{line}</p>\n" for line in lines)
        return (
            "plan.html",
            f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode(),
        )
    if form == "utf-16-le-crlf":
        return "plan.txt", SAMPLE.replace("\n", "\r\n").encode("utf-16-le")
    if form == "utf-8-bom-cr":
        return "plan.txt", ("\ufeff" + SAMPLE.replace("\n", "\r")).encode("utf-8")
    return "plan.txt", SAMPLE.encode(form)


def outline_shape(extraction: Extraction) -> list[tuple[str, str, str]]:
    return [(n.id, n.label, n.title) for n in extraction.outline.walk()]


@pytest.fixture(scope="module")
def reference() -> Extraction:
    return extract_document(read_bytes(SAMPLE.encode("utf-8"), name="plan.txt", max_bytes=LIMIT))


FORMS = ["gb18030", "utf-16", "utf-16-le-crlf", "utf-8-bom-cr", "docx", "html", "pdf"]


@pytest.mark.parametrize("form", FORMS)
def test_same_outline_in_every_form(form: str, reference: Extraction) -> None:
    name, data = as_bytes(form)
    extraction = extract_document(read_bytes(data, name=name, max_bytes=LIMIT))
    assert outline_shape(extraction) == outline_shape(reference)
    assert [(i.code, i.message) for i in extraction.issues if i.code == "duplicate_number"] == [
        ("duplicate_number", "第十六章中第二节重复出现")
    ]
    assert (extraction.plan.title, extraction.plan.period) == (
        reference.plan.title,
        reference.plan.period,
    )
    text = extraction.document.text
    for node in extraction.outline.walk():
        assert text[node.start : node.title_end].replace(" ", "").startswith(node.label)


@pytest.mark.parametrize("form", ["gb18030", "utf-16-le-crlf", "docx", "html"])
def test_same_quantities_in_every_form(form: str, reference: Extraction) -> None:
    name, data = as_bytes(form)
    extraction = extract_document(read_bytes(data, name=name, max_bytes=LIMIT))
    expected = [
        (q.indicator, q.value, q.unit, q.comparator, q.year) for q in reference.findings.quantities
    ]
    got = [
        (q.indicator, q.value, q.unit, q.comparator, q.year) for q in extraction.findings.quantities
    ]
    assert got == expected
    text = extraction.document.text
    for quantity in extraction.findings.quantities:
        assert text[quantity.start : quantity.end] == quantity.text


def test_formats_are_detected() -> None:
    _, data = as_bytes("docx")
    assert read_bytes(data, name="plan.bin", max_bytes=LIMIT).source.format is DocumentFormat.DOCX


def test_pdf_wrapped_lines_give_the_same_quantities(reference: Extraction) -> None:
    """The PDF wraps every 36 characters; rejoined, every target reads as in the text.

    One difference is the PDF's, not the reader's: the built-in CID font has no "³", so
    "2.39 亿 m³" comes back as "2.39 亿 m" and reads as 亿 (a count, not a volume).
    """
    name, data = as_bytes("pdf")
    extraction = extract_document(read_bytes(data, name=name, max_bytes=LIMIT))
    expected = [
        (q.indicator, q.value, q.unit, q.comparator, q.year) for q in reference.findings.quantities
    ]
    got = [
        (q.indicator, q.value, q.unit, q.comparator, q.year) for q in extraction.findings.quantities
    ]
    differing = [(e, g) for e, g in zip(expected, got, strict=True) if e != g]
    assert [(e[2], g[2]) for e, g in differing] == [("亿立方米", "亿")]
