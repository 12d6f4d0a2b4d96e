"""Danish VAT codes, their rates and how each is posted (reference §1.5; momsloven § 33: 25 %).

Four kinds of code:
- sales (`U25`): the amount is excl. VAT; the VAT is posted to sales VAT (64000);
- purchase (`I25`): the amount is incl. VAT; the VAT part is posted to purchase VAT (64010);
- reverse charge (EU and world purchases): the amount is excl. VAT, since none was paid; the VAT
  is posted on both sides, to purchase VAT and to the acquisition VAT account, so it nets to zero;
- zero-rated sales (EU and world sales) are reported but post no VAT.
`none` suppresses VAT; a missing code means "use the account's default".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from bilag.ledger.money import round_kroner

SALES_VAT_ACCOUNT = 64000
PURCHASE_VAT_ACCOUNT = 64010
EU_GOODS_VAT_ACCOUNT = 64020
EU_SERVICES_VAT_ACCOUNT = 64030
WORLD_PURCHASE_VAT_ACCOUNT = 64040
VAT_SETTLEMENT_ACCOUNT = 64060

NO_VAT = "none"


class VatKind(Enum):
    SALES = "sales"
    PURCHASE = "purchase"
    REVERSE_CHARGE = "reverse charge"
    ZERO_RATED = "zero rated"


@dataclass(frozen=True)
class VatType:
    code: str
    name: str
    rate: Decimal
    kind: VatKind
    vat_account: int | None  # where the VAT goes; purchase VAT for reverse charge
    counter_account: int | None = None  # reverse charge: the acquisition VAT account

    @property
    def amount_includes_vat(self) -> bool:
        """Manual voucher lines carry amounts incl. VAT for purchase codes only (§1.5)."""
        return self.kind is VatKind.PURCHASE

    def vat_of(self, amount: Decimal) -> Decimal:
        """The VAT in (purchase) or on (the others) a signed amount, rounded half-up to øre."""
        if self.kind is VatKind.ZERO_RATED or not self.rate:
            return Decimal("0.00")
        if self.amount_includes_vat:
            return round_kroner(amount * self.rate / (1 + self.rate))
        return round_kroner(amount * self.rate)


TWENTY_FIVE = Decimal("0.25")
ZERO = Decimal("0")

VAT_TYPES: tuple[VatType, ...] = (
    VatType("I25", "Dansk købsmoms", TWENTY_FIVE, VatKind.PURCHASE, PURCHASE_VAT_ACCOUNT),
    VatType("U25", "Dansk salgsmoms", TWENTY_FIVE, VatKind.SALES, SALES_VAT_ACCOUNT),
    VatType(
        "IEUV",
        "Moms af varekøb i EU",
        TWENTY_FIVE,
        VatKind.REVERSE_CHARGE,
        PURCHASE_VAT_ACCOUNT,
        EU_GOODS_VAT_ACCOUNT,
    ),
    VatType(
        "IEUY",
        "Moms af ydelseskøb i EU",
        TWENTY_FIVE,
        VatKind.REVERSE_CHARGE,
        PURCHASE_VAT_ACCOUNT,
        EU_SERVICES_VAT_ACCOUNT,
    ),
    VatType(
        "IVV",
        "Moms af varekøb uden for EU",
        TWENTY_FIVE,
        VatKind.REVERSE_CHARGE,
        PURCHASE_VAT_ACCOUNT,
        WORLD_PURCHASE_VAT_ACCOUNT,
    ),
    VatType(
        "IVY",
        "Moms af ydelseskøb uden for EU",
        TWENTY_FIVE,
        VatKind.REVERSE_CHARGE,
        PURCHASE_VAT_ACCOUNT,
        WORLD_PURCHASE_VAT_ACCOUNT,
    ),
    VatType("UEUV", "Salg af varer til EU", ZERO, VatKind.ZERO_RATED, None),
    VatType("UEUY", "Salg af ydelser til EU", ZERO, VatKind.ZERO_RATED, None),
    VatType("UVC", "Salg af varer og ydelser uden for EU", ZERO, VatKind.ZERO_RATED, None),
)

_BY_CODE = {vat_type.code.lower(): vat_type for vat_type in VAT_TYPES}


def is_no_vat(code: str) -> bool:
    return code.strip().lower() == NO_VAT


def get_vat_type(code: str) -> VatType | None:
    """The VAT type for a code in any casing; None for `none` and for unknown codes."""
    return _BY_CODE.get(code.strip().lower())


def is_known_code(code: str) -> bool:
    return is_no_vat(code) or get_vat_type(code) is not None


def canonical_code(code: str) -> str:
    """The code as bilag spells it (`i25` → `I25`, `NONE` → `none`); unknown codes unchanged."""
    if is_no_vat(code):
        return NO_VAT
    vat_type = get_vat_type(code)
    return code if vat_type is None else vat_type.code
