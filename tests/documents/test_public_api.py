"""The names the API may use from `bilag.documents`, and their layering."""

from __future__ import annotations

import subprocess
import sys

import bilag.documents

EXPORTED = {
    "DocumentError",
    "DocumentLine",
    "EndpointId",
    "Party",
    "ReminderDocument",
    "SalesDocument",
    "StatementDocument",
    "StatementEntry",
    "TotalLine",
    "fik_code",
    "oioubl_invoice",
    "oioubl_reminder",
    "render_reminder_pdf",
    "render_sales_pdf",
    "render_statement_pdf",
    "validate_cvr",
    "validate_gln",
}


def test_exported_names_are_pinned() -> None:
    assert set(bilag.documents.__all__) == EXPORTED
    assert all(hasattr(bilag.documents, name) for name in EXPORTED)


def test_document_error_is_a_value_error() -> None:
    assert issubclass(bilag.documents.DocumentError, ValueError)


def test_importing_documents_loads_no_web_or_database_framework() -> None:
    code = (
        "import sys, bilag.documents; "
        "print(sorted(m for m in ('fastapi', 'starlette', 'sqlalchemy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
