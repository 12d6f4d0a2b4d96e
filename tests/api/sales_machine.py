"""The sales half of the books state machine (`test_books_stateful`): invoices and sales credit
notes drafted, updated, deleted, booked and credited, and their payments added and deleted, in
two organizations. Every call's outcome, success or the exact refusal, is predicted from the
model in `sales_model`; the invariants compare the API and the journal with that model.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    precondition,
    rule,
)
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.storage.models import JournalEntry, SalesDocument
from tests.api.sales_model import (
    BOOKED,
    CREDIT_NOTES,
    DEBTORS,
    DELETED,
    DRAFT,
    INVOICES,
    SalesDoc,
    cents,
    in_dkk,
    ore,
)

STALE = "0000000000000000"
DRAFT_NUMBER = 9223372036854775807
LIST_FIELDS = "Guid,Status,Number,TotalInclVat"
hundredths = st.integers(min_value=1, max_value=100_00).map(lambda value: value / 100)
product_lines = st.fixed_dictionaries(
    {
        "LineType": st.just("Product"),
        "Description": st.just("Vare"),
        "Unit": st.just("parts"),
        "Quantity": hundredths,
        "BaseAmountValue": st.integers(min_value=0, max_value=50_000_00).map(lambda o: o / 100),
        "Discount": st.integers(min_value=0, max_value=100_00).map(lambda value: value / 100),
        "AccountNumber": st.sampled_from([1000, 1100, 1200]),
    }
)
text_lines = st.fixed_dictionaries({"LineType": st.just("Text"), "Description": st.just("Om")})
document_lines = st.lists(
    st.one_of(product_lines, product_lines, product_lines, text_lines), min_size=1, max_size=4
)
currencies = st.sampled_from(["DKK", "EUR"])
MAX_LIVE_DOCUMENTS = 4  # per example, so the other rules work on the documents there are
one_in_four = st.integers(min_value=0, max_value=3).map(lambda value: value == 0)
picks = st.integers(min_value=0, max_value=99)
WAYS_TO_PAY = ("partial", "full", "over", "fee")


def _issued(overdue: bool) -> date:
    """Today, or a month back (within the year, so it falls in an accounting year)."""
    today = date.today()
    return max(today - timedelta(days=30), date(today.year, 1, 1)) if overdue else today


def sales_rules(
    api: TestClient, database: Any, headers: dict[int, dict[str, str]]
) -> type[RuleBasedStateMachine]:
    """The sales rules and invariants over the given client and organizations. The model
    outlives each Hypothesis example, as the database does, so the lists can be compared whole."""
    organizations = st.sampled_from(sorted(headers))
    known: dict[str, SalesDoc] = {}
    customers: dict[int, str] = {}

    def call(method: str, organization: int, path: str, body: Any = None) -> Any:
        return api.request(method, path, json=body, headers=headers[organization])

    def customer(organization: int) -> str:
        if organization not in customers:
            body = {
                "Name": "Kunde",
                "CountryKey": "DK",
                "IsPerson": False,
                "IsMember": False,
                "UseCvr": False,
            }
            created = call("POST", organization, f"/v1/{organization}/contacts", body)
            assert created.status_code == 200, created.text
            customers[organization] = created.json()["ContactGuid"]
        return customers[organization]

    def refused(response: Any, status: int = 400, code: int | None = None) -> None:
        assert response.status_code == status, response.text
        if code is not None:
            assert response.json()["code"] == code, response.text

    class SalesRules(RuleBasedStateMachine):
        sales = Bundle("sales")

        def __init__(self) -> None:
            super().__init__()
            self.touched: list[str] = []

        def _url(self, doc: SalesDoc, tail: str = "") -> str:
            return f"/v1/{doc.organization}/{doc.path}/{doc.guid}{tail}"

        def _payments_url(self, doc: SalesDoc, reading: bool = False) -> str:
            """Invoice payments are listed under /v2 (`InvoicePaymentsModel`), added under /v1."""
            version = "v2" if reading and doc.path == INVOICES else "v1"
            return f"/{version}/{doc.organization}/{doc.path}/{doc.guid}/payments"

        def _add(self, doc: SalesDoc, response: Any) -> str:
            assert response.status_code == 200, response.text
            doc.guid, doc.timestamp = response.json()["Guid"], response.json()["TimeStamp"]
            known[doc.guid] = doc
            self.touched.append(doc.guid)
            return doc.guid

        def _prefer(self, guid: str, pick: int, wanted: Callable[[SalesDoc], bool]) -> str:
            """Mostly one of this example's booked documents that is `wanted`, so the rules for
            booked documents get their turn; sometimes `guid`, whatever state it is in."""
            booked = [g for g in self.touched if known[g].status == BOOKED and wanted(known[g])]
            return booked[pick % len(booked)] if booked and pick % 4 else guid

        def _unchanged(self, doc: SalesDoc) -> None:
            read = call("GET", doc.organization, self._url(doc))
            if doc.status == DELETED:
                refused(read, 404)
                return
            assert read.json()["TimeStamp"] == doc.timestamp, read.text
            assert Decimal(str(read.json()["TotalInclVat"])) == doc.total, read.text

        def live_documents(self) -> int:
            return sum(known[guid].status != DELETED for guid in self.touched)

        @precondition(lambda self: self.live_documents() < MAX_LIVE_DOCUMENTS)
        @rule(
            target=sales,
            organization=organizations,
            path=st.sampled_from([INVOICES, CREDIT_NOTES]),
            lines=document_lines,
            currency=currencies,
            incl_vat=st.booleans(),
            anonymous=one_in_four,
            overdue=one_in_four,
            book=st.booleans(),
        )
        def create_sales_draft(
            self,
            organization: int,
            path: str,
            lines: list[dict[str, Any]],
            currency: str,
            incl_vat: bool,
            anonymous: bool,
            overdue: bool,
            book: bool,
        ) -> str:
            """A draft, and with `book` booked at once (so that payments get their turn)."""
            contact = None if anonymous else customer(organization)
            doc = SalesDoc(
                path, organization, "", "", lines, currency, incl_vat, contact, _issued(overdue)
            )
            guid = self._add(
                doc, call("POST", organization, f"/v1/{organization}/{path}", doc.body())
            )
            if book:
                self.book_sales_document(guid, twice=False)
            return guid

        @rule(
            guid=sales,
            lines=document_lines,
            currency=currencies,
            incl_vat=st.booleans(),
            stale=one_in_four,
        )
        def update_sales_draft(
            self, guid: str, lines: list[dict[str, Any]], currency: str, incl_vat: bool, stale: bool
        ) -> None:
            doc = known[guid]
            changed = {**doc.body(), "ProductLines": lines, "Currency": currency}
            changed.update(ShowLinesInclVat=incl_vat, Timestamp=STALE if stale else doc.timestamp)
            url = self._url(doc).replace("/v1/", "/v1.2/", 1)
            response = call("PUT", doc.organization, url, changed)
            if doc.status == DELETED:
                return refused(response, 404)
            if stale or doc.status == BOOKED:
                refused(response, 400, 58 if stale and doc.status == DRAFT else None)
                return self._unchanged(doc)
            assert response.status_code == 200, response.text
            doc.lines, doc.currency, doc.incl_vat = lines, currency, incl_vat
            doc.timestamp = response.json()["TimeStamp"]
            self._unchanged(doc)

        @rule(guid=sales, stale=one_in_four)
        def delete_sales_draft(self, guid: str, stale: bool) -> None:
            doc = known[guid]
            body = {"Timestamp": STALE if stale else doc.timestamp}
            response = call("DELETE", doc.organization, self._url(doc), body)
            if doc.status == DELETED:
                return refused(response, 404)
            if stale or doc.status == BOOKED:
                refused(response, 400, 58 if stale and doc.status == DRAFT else None)
                return self._unchanged(doc)
            assert response.status_code == 200, response.text
            doc.status = DELETED
            self._unchanged(doc)

        @rule(guid=sales, twice=st.booleans())
        def book_sales_document(self, guid: str, twice: bool) -> None:
            doc = known[guid]
            response = call(
                "POST", doc.organization, self._url(doc, "/book"), {"Timestamp": doc.timestamp}
            )
            if doc.status == DELETED:
                return refused(response, 404)
            if doc.status == BOOKED or not doc.bookable:
                refused(response)
                return self._unchanged(doc)
            assert response.status_code == 200, response.text
            booked = response.json()
            numbers = [d.number or 0 for d in known.values() if d.organization == doc.organization]
            assert booked["Number"] == max(numbers) + 1, booked
            assert Decimal(str(booked["TotalInclVat"])) == doc.total, booked
            doc.status, doc.number, doc.timestamp = BOOKED, booked["Number"], booked["TimeStamp"]
            assert booked["PaymentStatus"] == doc.payment_status(date.today()), booked
            if twice:
                again = {"Timestamp": doc.timestamp}
                refused(call("POST", doc.organization, self._url(doc, "/book"), again))
                self._unchanged(doc)

        @rule(target=sales, guid=sales, pick=picks)
        def generate_credit_note(self, guid: str, pick: int) -> Any:
            invoice = known[self._prefer(guid, pick, lambda doc: doc.path == INVOICES)]
            url = f"/v1/{invoice.organization}/invoices/{invoice.guid}/generate-creditnote"
            response = call("POST", invoice.organization, url, {"Timestamp": invoice.timestamp})
            if invoice.status == DELETED or invoice.path != INVOICES:
                refused(response, 404)
                return multiple()
            if invoice.status != BOOKED:
                refused(response)
                return multiple()
            note = SalesDoc(
                CREDIT_NOTES,
                invoice.organization,
                "",
                "",
                invoice.lines,
                invoice.currency,
                invoice.incl_vat,
                invoice.contact,
                date.today(),
            )
            created = self._add(note, response)
            read = call("GET", note.organization, self._url(note)).json()
            assert read["CreditNoteFor"] == invoice.guid, read
            assert Decimal(str(read["TotalInclVat"])) == invoice.total, read
            return created

        @rule(
            guid=sales,
            pick=picks,
            way=st.sampled_from(WAYS_TO_PAY),
            share=st.integers(min_value=1, max_value=99),
            drift=st.integers(min_value=-500, max_value=500).map(lambda value: value / 100),
            blunder=st.sampled_from([None, None, None, None, "stale", "currency"]),
            deposit=st.sampled_from([55000, 55010, 55020]),
        )
        def pay_sales_document(
            self,
            guid: str,
            pick: int,
            way: str,
            share: int,
            drift: float,
            blunder: str | None,
            deposit: int,
        ) -> None:
            doc = known[self._prefer(guid, pick, lambda doc: True)]
            remaining = doc.total - doc.paid
            settles = {
                "partial": max(cents(remaining * share / 100), Decimal("0.01")),
                "full": remaining,
                "over": max(remaining, Decimal(0)) + Decimal(share),
                "fee": remaining,
            }[way]
            received = cents(remaining * share / 100) if way == "fee" else settles
            amount = received if doc.currency == "DKK" else in_dkk(received, doc.currency)
            if doc.currency != "DKK":
                amount += Decimal(str(drift))
            body: dict[str, Any] = {
                "Timestamp": STALE if blunder == "stale" else doc.timestamp,
                "DepositAccountNumber": deposit,
                "Description": "Betaling",
                "Amount": float(amount),
                "RemainderIsFee": way == "fee",
            }
            if (doc.currency != "DKK") != (blunder == "currency"):
                body["AmountInForeignCurrency"] = float(received)
            response = call("POST", doc.organization, self._payments_url(doc), body)
            if doc.status == DELETED:
                return refused(response, 404)
            zero_foreign = doc.currency != "DKK" and blunder != "currency" and received == 0
            invalid = (
                amount == 0
                or (way == "fee" and remaining <= 0)
                or blunder == "currency"
                or zero_foreign
            )
            if doc.status == DRAFT or invalid or blunder == "stale":
                stale_only = doc.status == BOOKED and not invalid
                refused(response, 400, 58 if stale_only else None)
                return self._unchanged(doc)
            assert response.status_code == 200, response.text
            paid = response.json()
            doc.payments[paid["Guid"]] = settles
            doc.timestamp = paid["TimeStamp"]
            sign = -1 if doc.path == INVOICES else 1
            posted = _entries_of(database, [paid["RelatedVoucherGuid"]])[paid["RelatedVoucherGuid"]]
            assert posted[deposit] == -sign * ore(amount), posted
            assert posted.get(DEBTORS, 0) == sign * ore(in_dkk(settles, doc.currency)), posted

        @precondition(lambda self: any(known[guid].payments for guid in self.touched))
        @rule(pick=picks, stale=one_in_four)
        def delete_sales_payment(self, pick: int, stale: bool) -> None:
            paid = [guid for guid in self.touched if known[guid].payments]
            doc = known[paid[pick % len(paid)]]
            payment = sorted(doc.payments)[pick % len(doc.payments)]
            url = self._url(doc, f"/payments/{payment}")
            response = call(
                "DELETE", doc.organization, url, {"Timestamp": STALE if stale else doc.timestamp}
            )
            if stale:
                refused(response, 400, 58)
                return self._unchanged(doc)
            assert response.status_code == 200, response.text
            del doc.payments[payment]
            doc.timestamp = response.json()["TimeStamp"]

        @invariant()
        def sales_numbers_are_one_gap_free_series(self) -> None:
            with database.read() as session:
                numbered = session.execute(
                    select(SalesDocument.organization_id, SalesDocument.number).where(
                        SalesDocument.number.is_not(None)
                    )
                ).all()
            for organization in headers:
                numbers = sorted(number for owner, number in numbered if owner == organization)
                assert numbers == list(range(1, len(numbers) + 1)), numbers
                modelled = [d.number for d in known.values() if d.organization == organization]
                assert sorted(number for number in modelled if number) == numbers

        @invariant()
        def booked_entries_are_as_modelled(self) -> None:
            booked = {guid: doc for guid, doc in known.items() if doc.status == BOOKED}
            posted = _entries_of(database, list(booked))
            for guid, doc in booked.items():
                entries = posted[guid]
                assert entries == doc.entries(), (guid, entries, doc)
                debtors = entries.get(DEBTORS, 0)
                sales_and_vat = sum(
                    amount for account, amount in entries.items() if account != DEBTORS
                )
                assert debtors == -sales_and_vat, entries
                if doc.currency == "DKK":
                    sign = 1 if doc.path == INVOICES else -1
                    assert debtors == sign * ore(doc.total)

        @invariant()
        def payment_status_is_as_modelled(self) -> None:
            today = date.today()
            for guid in self.touched[-4:]:
                doc = known[guid]
                if doc.status != BOOKED:
                    continue
                read = call("GET", doc.organization, self._url(doc)).json()
                assert read["PaymentStatus"] == doc.payment_status(today), (read, doc)
                assert read["TimeStamp"] == doc.timestamp
                listed = call("GET", doc.organization, self._payments_url(doc, reading=True)).json()
                assert Decimal(str(listed["PaidAmount"])) == doc.paid, (listed, doc)
                assert len(listed["Payments"]) == len(doc.payments)

        @invariant()
        def lists_are_as_modelled(self) -> None:
            today = date.today()
            for organization in headers:
                response = call(
                    "GET",
                    organization,
                    f"/v1/{organization}/sales?fields={LIST_FIELDS}&pageSize=1000",
                )
                assert response.status_code == 200, response.text
                listed = {row["Guid"]: row for row in response.json()["Collection"]}
                expected = {
                    guid: {
                        "Guid": guid,
                        "Status": doc.payment_status(today),
                        "Number": doc.number or DRAFT_NUMBER,
                        "TotalInclVat": float(doc.total),
                    }
                    for guid, doc in known.items()
                    if doc.organization == organization and doc.status != DELETED
                }
                assert listed == expected

        @invariant()
        def no_organization_reads_anothers_sales(self) -> None:
            for guid in self.touched[-3:]:
                doc = known[guid]
                for organization in headers:
                    if organization == doc.organization:
                        continue
                    foreign = f"/v1/{organization}/{doc.path}/{doc.guid}"
                    refused(call("GET", organization, foreign), 404)
                    refused(call("GET", organization, foreign + "/payments"), 404)

    return SalesRules


def _entries_of(database: Any, guids: list[str]) -> dict[str, dict[int, int]]:
    """The entries of each voucher or document, summed per account in øre, zeros left out."""
    found: dict[str, dict[int, int]] = {guid: {} for guid in guids}
    if not guids:
        return found
    query = (
        select(
            JournalEntry.voucher_guid,
            JournalEntry.account_number,
            func.sum(JournalEntry.amount_ore),
        )
        .where(JournalEntry.voucher_guid.in_(guids))
        .group_by(JournalEntry.voucher_guid, JournalEntry.account_number)
    )
    with database.read() as session:
        for guid, account, total in session.execute(query):
            if total:
                found[guid][account] = int(total)
    return found
