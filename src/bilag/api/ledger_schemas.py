"""Wire schemas of the lookups over the ledger: accounts, VAT types, accounting years."""

from __future__ import annotations

from enum import StrEnum

from bilag.api.schemas import WireModel


class EntryAccountReadModel(WireModel):
    AccountNumber: int
    PublicStandardNumber: int | None = None
    Name: str | None = None
    VatCode: str | None = None
    Category: str | None = None
    CategoryName: str | None = None
    IsHidden: bool
    IsDefaultSalesAccount: bool


class DepositAccountReadModel(WireModel):
    AccountNumber: int
    PublicStandardNumber: int | None = None
    Name: str | None = None
    IsDefault: bool
    IsHidden: bool
    BankRegistrationNumber: str | None = None
    BankAccountNumber: str | None = None
    BankSwiftNumber: str | None = None
    BankIbanNumber: str | None = None


class AccountCreateModel(WireModel):
    Number: int
    PublicStandardNumber: int | None = None
    Name: str
    VatCode: str


class DepositCreateModel(WireModel):
    Number: int
    PublicStandardNumber: int | None = None
    Name: str
    RegistrationNumber: str | None = None
    AccountNumber: str | None = None
    SwiftNumber: str | None = None
    IbanNumber: str | None = None


class VatTypeReadModel(WireModel):
    VatCode: str | None = None
    Name: str | None = None
    VatRate: float


class SalarySumTaxStateEnum(StrEnum):
    NONE = "None"
    ONLY_SALARY_SUM = "OnlySalarySum"
    MIXED_ACTIVITIES = "MixedActivities"


class AccountingYearReadModel(WireModel):
    Name: str | None = None
    FromDate: str | None = None
    ToDate: str | None = None
    SalarySumTaxStateEnum: SalarySumTaxStateEnum
