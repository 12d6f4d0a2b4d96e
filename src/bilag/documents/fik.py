"""FIK codes (Fælles IndbetalingsKort), the payment line Danish banks read off an invoice."""

from __future__ import annotations

from bilag.documents.model import DocumentError

PAYMENT_ID_DIGITS = 15
CREDITOR_DIGITS = 8
CARD_TYPES = ("71", "75")


def fik_code(creditor_number: str, payment_id: str, card_type: str = "71") -> str:
    """The FIK line "+71<PPPPPPPPPPPPPPC+CCCCCCCC<" for a payment id and an 8-digit creditor.

    Card types 71 and 75 carry a 15-digit payment id: the caller's id (at most 14 digits, e.g. the
    invoice number) left-padded with zeros to 14 digits, then a mod-10 (Luhn) check digit C:
    from the right of the 14 digits, every first, third, ... digit is doubled (a two-digit
    product counts as the sum of its digits), everything is summed, and C = (10 - sum mod 10) mod
    10. The creditor number is the organization's 8-digit FI creditor number.
    Example: invoice 1646090, creditor 12345678 → "+71<000000016460909+12345678<".
    """
    if card_type not in CARD_TYPES:
        raise DocumentError(f"FIK card type must be one of {', '.join(CARD_TYPES)}")
    if not (creditor_number.isascii() and creditor_number.isdigit()):
        raise DocumentError("FIK creditor number must be digits")
    if len(creditor_number) != CREDITOR_DIGITS:
        raise DocumentError(f"FIK creditor number must have {CREDITOR_DIGITS} digits")
    if not (payment_id.isascii() and payment_id.isdigit()):
        raise DocumentError("FIK payment id must be digits")
    if len(payment_id) > PAYMENT_ID_DIGITS - 1:
        raise DocumentError(f"FIK payment id must have at most {PAYMENT_ID_DIGITS - 1} digits")
    body = payment_id.rjust(PAYMENT_ID_DIGITS - 1, "0")
    return f"+{card_type}<{body}{luhn_check_digit(body)}+{creditor_number}<"


def luhn_check_digit(digits: str) -> int:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def parse_fik_code(code: str) -> tuple[str, str, str]:
    """(card type, payment id, creditor number) of "+71<…+…<"; the "<" marks may be left out."""
    parts = code.strip().replace("<", "").replace(" ", "").split("+")
    if len(parts) != 3 or parts[0] != "" or parts[1][:2] not in CARD_TYPES:
        raise DocumentError("FIK code must look like +71<payment id+creditor number<")
    card_type, payment_id, creditor = parts[1][:2], parts[1][2:], parts[2]
    if len(payment_id) != PAYMENT_ID_DIGITS or not payment_id.isdigit():
        raise DocumentError(f"FIK code's payment id must have {PAYMENT_ID_DIGITS} digits")
    if len(creditor) != CREDITOR_DIGITS or not creditor.isdigit():
        raise DocumentError(f"FIK code's creditor number must have {CREDITOR_DIGITS} digits")
    return card_type, payment_id, creditor
