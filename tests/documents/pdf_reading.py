"""Reading rendered PDFs back: their text with pypdf, page 1 as a PNG with pypdfium2."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
from pypdf import PdfReader

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text, whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def text(pdf: bytes) -> str:
    return " ".join(pages_text(pdf))


def save_first_page_png(pdf: bytes, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=1.5)
        bitmap.to_pil().save(path)
        bitmap.close()
        page.close()
    finally:
        document.close()
    return path
