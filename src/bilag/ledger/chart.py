"""The chart of accounts every new organization starts with, shaped like Dinero's standard chart.

Numbers the reference names are used as named: sales 1000, bank 55000, VAT 64000 and 64060,
expense accounts in 2000-9399, deposit accounts in 55000-55999 (§1.5, §2.2). The rest is bilag's
choice, recorded in docs/chart-of-accounts.md.
"""

from __future__ import annotations

from bilag.ledger import vat
from bilag.ledger.accounts import Account, Category

SALES_ACCOUNT = 1000
BANK_ACCOUNT = 55000
CREDIT_CARD_ACCOUNT = 55010
MOBILEPAY_ACCOUNT = 55020
DEBTORS_ACCOUNT = 57000
EQUITY_ACCOUNT = 61000
CREDITORS_ACCOUNT = 63000

C = Category

STANDARD_CHART: tuple[Account, ...] = (
    Account(1000, "Salg af varer og ydelser m/moms", "U25", C.TURNOVER, is_default_sales=True),
    Account(1100, "Salg af varer og ydelser u/moms", None, C.TURNOVER),
    Account(1200, "Salg af varer til EU", "UEUV", C.TURNOVER),
    Account(1250, "Salg af ydelser til EU", "UEUY", C.TURNOVER),
    Account(1300, "Salg til lande uden for EU", "UVC", C.TURNOVER),
    Account(2000, "Varekøb", "I25", C.VARIABLE_EXPENSES),
    Account(2100, "Varekøb i EU", "IEUV", C.VARIABLE_EXPENSES),
    Account(2150, "Ydelseskøb i EU", "IEUY", C.VARIABLE_EXPENSES),
    Account(2200, "Varekøb uden for EU", "IVV", C.VARIABLE_EXPENSES),
    Account(2250, "Ydelseskøb uden for EU", "IVY", C.VARIABLE_EXPENSES),
    Account(2400, "Fremmed arbejde", "I25", C.VARIABLE_EXPENSES),
    Account(3000, "Lønninger", None, C.SALARY),
    Account(3100, "Pension", None, C.SALARY),
    Account(4000, "Reklame og annoncer", "I25", C.SALES_EXPENSES),
    Account(4100, "Repræsentation", None, C.SALES_EXPENSES),
    Account(5000, "Husleje", None, C.PROPERTY_EXPENSES),
    Account(5100, "El, vand og varme", "I25", C.PROPERTY_EXPENSES),
    Account(6000, "Kontorartikler", "I25", C.ADMINISTRATION_EXPENSES),
    Account(6100, "Telefon og internet", "I25", C.ADMINISTRATION_EXPENSES),
    Account(6200, "Revisor og rådgivning", "I25", C.ADMINISTRATION_EXPENSES),
    Account(6300, "Software og abonnementer", "I25", C.ADMINISTRATION_EXPENSES),
    Account(6400, "Gebyrer", None, C.ADMINISTRATION_EXPENSES),
    Account(7000, "Rejseudgifter", "I25", C.TRAVEL_EXPENSES),
    Account(7300, "Kørselsgodtgørelse", None, C.TRAVEL_EXPENSES),
    Account(8000, "Afskrivninger", None, C.DEPRECIATION),
    Account(9000, "Renteindtægter", None, C.INTEREST_INCOME),
    Account(9200, "Renteudgifter", None, C.INTEREST_EXPENSES),
    Account(52000, "Inventar", None, C.PROPERTY),
    Account(BANK_ACCOUNT, "Bank", None, C.LIQUID_ASSETS, is_deposit=True, is_default_deposit=True),
    Account(CREDIT_CARD_ACCOUNT, "Kreditkort", None, C.LIQUID_ASSETS, is_deposit=True),
    Account(MOBILEPAY_ACCOUNT, "MobilePay", None, C.LIQUID_ASSETS, is_deposit=True),
    Account(56000, "Varelager", None, C.TURNOVER_ASSETS),
    Account(DEBTORS_ACCOUNT, "Debitorer", None, C.RECEIVABLES),
    Account(EQUITY_ACCOUNT, "Egenkapital", None, C.EQUITY),
    Account(61100, "Privat hævet", None, C.EQUITY),
    Account(61200, "Overført resultat", None, C.EQUITY),
    Account(CREDITORS_ACCOUNT, "Kreditorer", None, C.SHORT_TERM_DEBT),
    Account(vat.SALES_VAT_ACCOUNT, "Salgsmoms", None, C.VAT_DUE),
    Account(vat.PURCHASE_VAT_ACCOUNT, "Købsmoms", None, C.VAT_DUE),
    Account(vat.EU_GOODS_VAT_ACCOUNT, "Moms af varekøb i EU", None, C.VAT_DUE),
    Account(vat.EU_SERVICES_VAT_ACCOUNT, "Moms af ydelseskøb i EU", None, C.VAT_DUE),
    Account(vat.WORLD_PURCHASE_VAT_ACCOUNT, "Moms af køb uden for EU", None, C.VAT_DUE),
    Account(vat.VAT_SETTLEMENT_ACCOUNT, "Momsafregning", None, C.VAT_DUE),
)
