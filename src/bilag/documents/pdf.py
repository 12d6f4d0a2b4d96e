"""PDFs of sales documents (invoice, credit note, quote), reminders and statements of account."""

from __future__ import annotations

from bilag.documents.labels import Labels
from bilag.documents.layout import WIDTH, Column, Page
from bilag.documents.model import (
    DocumentError,
    ReminderDocument,
    SalesDocument,
    StatementDocument,
)

SALES_KINDS = ("invoice", "credit_note", "trade_offer")


def render_sales_pdf(document: SalesDocument) -> bytes:
    if document.kind not in SALES_KINDS:
        raise DocumentError(f"kind must be one of {', '.join(SALES_KINDS)}")
    labels = Labels(document.language)
    page = Page(labels, document.seller, document.issue_date)
    page.parties(document.buyer)
    page.facts(_sales_facts(document, labels))
    subtitle = None
    if document.kind == "credit_note" and document.credit_note_for_number is not None:
        subtitle = labels["credit_note_for"].format(number=document.credit_note_for_number)
    page.heading(_sales_title(document, labels), subtitle)
    if document.description and document.description != labels[document.kind]:
        page.write_text(document.description, size=10, style="B")
        page.ln(2)
    _sales_lines(page, document, labels)
    page.sums(_sums(document, labels))
    page.notes(_payment_notes(document, labels))
    return page.document()


def _sales_title(document: SalesDocument, labels: Labels) -> str:
    word = labels[document.kind]
    if document.number is None:
        return f"{word} - {labels['draft']}"
    return f"{word} {labels['number']} {document.number}"


def _sales_facts(document: SalesDocument, labels: Labels) -> list[tuple[str, str]]:
    if document.kind == "invoice":
        rows = [(labels["invoice_date"], labels.date(document.issue_date))]
        if document.due_date:
            rows.append((labels["due_date"], labels.date(document.due_date)))
    else:
        rows = [(labels["date"], labels.date(document.issue_date))]
        if document.kind == "trade_offer" and document.due_date:
            rows.append((labels["valid_until"], labels.date(document.due_date)))
    if document.external_reference:
        rows.append((labels["reference"], document.external_reference))
    return rows


def _sales_lines(page: Page, document: SalesDocument, labels: Labels) -> None:
    amount_title = f"{labels['amount']} {document.currency}"
    columns = [
        Column(labels["description"], 76, "L"),
        Column(labels["quantity"], 18),
        Column(f"  {labels['unit']}", 20, "L"),
        Column(labels["unit_price"], 24),
        Column(labels["discount"], 16),
        Column(amount_title, 26),
    ]
    page.table_head(columns)
    for line in document.lines:
        if line.is_text:
            page.table_row([Column("", WIDTH, "L")], [line.description], line.comments, "B")
            continue
        page.table_row(
            columns,
            [
                line.description,
                labels.quantity(line.quantity),
                f"  {labels.unit(line.unit)}",
                labels.amount(line.unit_price),
                labels.percent(line.discount) if line.discount else "",
                labels.amount(line.total),
            ],
            line.comments,
        )
    page.rule()


def _sums(document: SalesDocument, labels: Labels) -> list[tuple[str, str, bool]]:
    """The document's own total lines; without any, subtotal, VAT and total from its totals."""
    if document.total_lines:
        return [
            (line.label, labels.amount(line.amount), line.type == "Total")
            for line in document.total_lines
        ]
    return [
        (labels["subtotal"], labels.amount(document.total_excl_vat), False),
        (labels["vat"], labels.amount(document.total_vat), False),
        (f"{labels['total']} {document.currency}", labels.amount(document.total_incl_vat), True),
    ]


def _payment_notes(document: SalesDocument, labels: Labels) -> list[tuple[str, str, bool]]:
    notes: list[tuple[str, str, bool]] = []
    if document.payment_terms:
        notes.append((labels["payment_terms"], document.payment_terms, False))
    if document.bank_account:
        notes.append((labels["bank_account"], document.bank_account, False))
    if document.iban:
        notes.append((labels["iban"], document.iban, False))
    if document.bic:
        notes.append((labels["bic"], document.bic, False))
    if document.fik_code:
        notes.append((labels["fik_code"], document.fik_code, True))
    if document.comment:
        notes.append((labels["comment"], document.comment, False))
    return notes


def render_reminder_pdf(document: ReminderDocument) -> bytes:
    labels = Labels(document.language)
    page = Page(labels, document.seller, document.issue_date)
    page.parties(document.buyer)
    page.facts([(labels["date"], labels.date(document.issue_date))])
    page.heading(document.title, labels["reminder_for"].format(number=document.invoice_number))
    if document.description:
        page.write_text(document.description)
        page.ln(3)
    columns = [Column("", 120, "L"), Column(document.currency, 60)]
    page.table_head(columns)
    for label, value in (
        (labels["invoice_date"], labels.date(document.invoice_date)),
        (labels["due_date"], labels.date(document.invoice_due_date)),
        (labels["invoice_total"], labels.amount(document.invoice_total)),
        (labels["paid_amount"], labels.amount(-document.paid_amount)),
        (labels["reminder_fee"], labels.amount(document.fee)),
        (labels["interest"], labels.amount(document.interest)),
        (labels["compensation_fee"], labels.amount(document.compensation_fee)),
    ):
        page.table_row(columns, [label, value])
    if document.earlier_charges:
        earlier = labels.amount(document.earlier_charges)
        page.table_row(columns, [labels["earlier_charges"], earlier])
    page.rule()
    page.table_row(columns, [labels["total_due"], labels.amount(document.total_due)], style="B")
    page.ln(6)
    notes: list[tuple[str, str, bool]] = []
    if document.fik_code:
        notes.append((labels["fik_code"], document.fik_code, True))
    page.notes(notes)
    if document.debt_collection_warning:
        page.write_text(document.debt_collection_warning, style="B")
    return page.document()


def render_statement_pdf(document: StatementDocument) -> bytes:
    labels = Labels(document.language)
    page = Page(labels, document.seller, document.issue_date)
    page.parties(document.buyer)
    facts = [(labels["date"], labels.date(document.issue_date))]
    if document.period_from or document.period_to:
        start = labels.date(document.period_from) if document.period_from else ""
        end = labels.date(document.period_to) if document.period_to else ""
        facts.append((labels["period"], f"{start} - {end}"))
    page.facts(facts)
    page.heading(labels["statement"])
    columns = [
        Column(labels["text"], 86, "L"),
        Column(labels["date"], 22, "L"),
        Column(labels["voucher"], 18, "L"),
        Column(f"{labels['amount']} {document.currency}", 27),
        Column(labels["balance"], 27),
    ]
    page.table_head(columns)
    opening = labels.amount(document.opening_balance)
    page.table_row(columns, [labels["opening_balance"], "", "", "", opening], style="I")
    for entry in document.entries:
        page.table_row(
            columns,
            [
                entry.description,
                labels.date(entry.entry_date),
                entry.voucher_number or "",
                labels.amount(entry.amount),
                labels.amount(entry.balance),
            ],
        )
    page.rule()
    closing = labels.amount(document.closing_balance)
    page.table_row(columns, [labels["closing_balance"], "", "", "", closing], style="B")
    return page.document()
