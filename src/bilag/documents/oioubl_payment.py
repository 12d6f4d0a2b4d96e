"""OIOUBL PaymentMeans for Dinero's PaymentMeanEnum: Domestic, International and FIK."""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from lxml import etree

from bilag.documents.fik import parse_fik_code
from bilag.documents.model import DocumentError
from bilag.documents.xml import CAC, CBC, sub

PAYMENT_MEANS = ("Domestic", "International", "FIK")
CHANNEL_LIST = {"listAgencyID": "320", "listID": "urn:oioubl:codelist:paymentchannelcode-1.1"}
BANK_ACCOUNT = re.compile(r"\D*(\d{4})\D+(\d{1,10})\D*")


class Payable(Protocol):
    """What a document says about being paid: an invoice (`SalesDocument`) or a reminder."""

    @property
    def due_date(self) -> date | None: ...
    @property
    def bank_account(self) -> str | None: ...
    @property
    def iban(self) -> str | None: ...
    @property
    def bic(self) -> str | None: ...
    @property
    def fik_code(self) -> str | None: ...


def payment_means_element(document: Payable, kind: str) -> etree._Element:
    """Domestic: code 42 over DK:BANK to reg. and account number; International: code 31 over
    IBAN with the BIC; FIK: code 93 with the card type as PaymentID, the 15-digit payment id as
    InstructionID and the creditor number as CreditAccount."""
    if kind not in PAYMENT_MEANS:
        raise DocumentError(f"payment means must be one of {', '.join(PAYMENT_MEANS)}")
    if document.due_date is None:
        raise DocumentError("an e-invoice needs a due date")
    means = etree.Element(f"{{{CAC}}}PaymentMeans")
    sub(means, CBC, "ID", "1")
    if kind == "Domestic":
        registration, account = _domestic_account(document.bank_account)
        sub(means, CBC, "PaymentMeansCode", "42")
        sub(means, CBC, "PaymentDueDate", document.due_date.isoformat())
        sub(means, CBC, "PaymentChannelCode", "DK:BANK", **CHANNEL_LIST)
        payee = sub(means, CAC, "PayeeFinancialAccount")
        sub(payee, CBC, "ID", account)
        sub(sub(payee, CAC, "FinancialInstitutionBranch"), CBC, "ID", registration)
    elif kind == "International":
        if not document.iban or not document.bic:
            raise DocumentError("International payment needs the organization's IBAN and BIC")
        sub(means, CBC, "PaymentMeansCode", "31")
        sub(means, CBC, "PaymentDueDate", document.due_date.isoformat())
        sub(means, CBC, "PaymentChannelCode", "IBAN", **CHANNEL_LIST)
        payee = sub(means, CAC, "PayeeFinancialAccount")
        sub(payee, CBC, "ID", document.iban.replace(" ", ""))
        branch = sub(payee, CAC, "FinancialInstitutionBranch")
        sub(sub(branch, CAC, "FinancialInstitution"), CBC, "ID", document.bic.replace(" ", ""))
    else:
        if not document.fik_code:
            raise DocumentError("FIK payment needs the invoice's FIK code; turn FIK on first")
        card_type, payment_id, creditor = parse_fik_code(document.fik_code)
        sub(means, CBC, "PaymentMeansCode", "93")
        sub(means, CBC, "PaymentDueDate", document.due_date.isoformat())
        sub(means, CBC, "InstructionID", payment_id)
        sub(
            means,
            CBC,
            "PaymentID",
            card_type,
            schemeAgencyID="320",
            schemeID="urn:oioubl:id:paymentid-1.1",
        )
        sub(sub(means, CAC, "CreditAccount"), CBC, "AccountID", creditor)
    return means


def _domestic_account(bank_account: str | None) -> tuple[str, str]:
    """("1234", "0001234567") from "reg. 1234 konto 0001234567" or "1234-0001234567"."""
    match = BANK_ACCOUNT.fullmatch(bank_account or "")
    if match is None:
        raise DocumentError(
            "Domestic payment needs the organization's bank account as reg. no. and account no."
        )
    return match.group(1), match.group(2)
