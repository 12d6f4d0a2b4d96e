"""The kassekladde pages' texts, Danish first."""

from __future__ import annotations

from decimal import Decimal

from bilag.web.templating import Texts

TEXTS: Texts = {
    "da": {
        "title": "Kassekladde",
        "status_title": "Bogføringsstatus",
        "intro": "Ikke-bogførte linjer. Linjer med samme bilagsnummer er ét bilag, der skal "
        "stemme (summen nul), medmindre hver linje har en modkonto.",
        "date": "Dato",
        "number": "Bilagsnr.",
        "text": "Tekst",
        "account": "Konto",
        "vat": "Momskode",
        "amount": "Beløb",
        "balancing": "Modkonto",
        "file": "Bilag (fil)",
        "actions": "Handlinger",
        "save": "Gem",
        "delete": "Slet",
        "add": "Tilføj linje",
        "new_line": "Ny linje",
        "line": "linje",
        "attach": "Vedhæft",
        "choose_file": "Vælg fil",
        "attached": "Vedhæftet",
        "no_file": "Ingen fil",
        "pending": "Sendt til bogføring",
        "empty": "Kassekladden er tom. Tilføj den første linje nedenfor.",
        "balances": "Afstemning",
        "voucher": "Bilag",
        "no_number": "(uden nummer)",
        "difference": "Difference",
        "balanced": "Stemmer",
        "unbalanced": "Stemmer ikke",
        "total": "I alt",
        "book_all": "Bogfør alle",
        "book_hint": "Bogfører alle kladdelinjer på én gang: alle eller ingen.",
        "nothing_to_book": "Der er ingen kladdelinjer at bogføre.",
        "ledger_changed": "Kassekladden er ændret, siden du åbnede den. Se den igen, og bogfør så.",
        "saved": "Linjen er gemt.",
        "added": "Linjen er tilføjet.",
        "deleted": "Linjen er slettet.",
        "file_attached": "Filen er vedhæftet.",
        "no_file_chosen": "Vælg en fil at vedhæfte.",
        "line_gone": "Linjen findes ikke længere i kassekladden; den kan være bogført eller "
        "slettet.",
        "api_error": "Dinero-API'et afviste ændringen:",
        "status_intro": "Bilagene bogføres i baggrunden. Siden opdaterer sig selv, til alle er "
        "bogført; du kan også genindlæse den.",
        "status": "Status",
        "voucher_number": "Bilagsnummer",
        "Draft": "Kladde",
        "PendingBooking": "Venter på bogføring",
        "Booked": "Bogført",
        "no_bookings": "Der er ingen bogføring fra kassekladden endnu.",
        "back": "Tilbage til kassekladden",
        "status_link": "Se seneste bogføring",
        "reload": "Genindlæs",
        "item": "Kassekladdelinje",
    },
    "en": {
        "title": "Ledger (kassekladde)",
        "status_title": "Booking status",
        "intro": "Unbooked lines. Lines with the same voucher number are one voucher, which must "
        "balance (sum to zero) unless every line has a balancing account.",
        "date": "Date",
        "number": "Voucher no.",
        "text": "Description",
        "account": "Account",
        "vat": "VAT code",
        "amount": "Amount",
        "balancing": "Balancing account",
        "file": "Attachment",
        "actions": "Actions",
        "save": "Save",
        "delete": "Delete",
        "add": "Add line",
        "new_line": "New line",
        "line": "line",
        "attach": "Attach",
        "choose_file": "Choose file",
        "attached": "Attached",
        "no_file": "No file",
        "pending": "Sent to booking",
        "empty": "The ledger is empty. Add the first line below.",
        "balances": "Balancing",
        "voucher": "Voucher",
        "no_number": "(no number)",
        "difference": "Difference",
        "balanced": "Balanced",
        "unbalanced": "Not balanced",
        "total": "Total",
        "book_all": "Book all",
        "book_hint": "Books every draft line at once: all or none.",
        "nothing_to_book": "There are no draft lines to book.",
        "ledger_changed": "The ledger changed since you opened it. Look at it again, then book.",
        "saved": "The line is saved.",
        "added": "The line is added.",
        "deleted": "The line is deleted.",
        "file_attached": "The file is attached.",
        "no_file_chosen": "Choose a file to attach.",
        "line_gone": "The line is no longer in the ledger; it may have been booked or deleted.",
        "api_error": "The Dinero API refused the change:",
        "status_intro": "The vouchers are booked in the background. The page updates itself "
        "until all are booked; you can also reload it.",
        "status": "Status",
        "voucher_number": "Voucher number",
        "Draft": "Draft",
        "PendingBooking": "Pending booking",
        "Booked": "Booked",
        "no_bookings": "Nothing has been booked from the ledger yet.",
        "back": "Back to the ledger",
        "status_link": "See the latest booking",
        "reload": "Reload",
        "item": "Ledger line",
    },
}


def format_amount(amount: Decimal, language: str) -> str:
    """1234.5 as "1.234,50" in Danish and "1,234.50" in English."""
    text = f"{amount:,.2f}"
    if language == "da":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def input_amount(amount: Decimal, language: str) -> str:
    """An amount as typed back into a field: no thousands separator, the language's comma."""
    text = f"{amount:.2f}"
    return text.replace(".", ",") if language == "da" else text
