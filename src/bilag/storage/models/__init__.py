"""Every table of bilag. Import from here; the submodules group tables by concept."""

from bilag.storage.models.base import Base, utcnow
from bilag.storage.models.contact_notes import ContactNote
from bilag.storage.models.contacts import Contact
from bilag.storage.models.files import (
    DefaultAttachment,
    DocumentAttachment,
    FileLink,
    StoredFile,
)
from bilag.storage.models.identity import (
    Application,
    AuthorizationCode,
    AuthorizationFailure,
    BrowserSession,
    ClientSecret,
    Grant,
    IdentityEvent,
    RefreshToken,
    SigningKey,
)
from bilag.storage.models.ledger import Account, AccountingYear
from bilag.storage.models.monitoring import RateWindow, UsageCounter, UsageHourly
from bilag.storage.models.organizations import ApiKey, Membership, Organization, User
from bilag.storage.models.sales import (
    InvoiceSettings,
    Mailout,
    Product,
    Reminder,
    SalesDocument,
    SalesPayment,
)
from bilag.storage.models.sandbox import SandboxClockOffset, SandboxFault
from bilag.storage.models.vouchers import (
    JournalEntry,
    PurchasePayment,
    Voucher,
    VoucherLine,
)
from bilag.storage.models.webhooks import (
    IdempotencyRecord,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)

__all__ = [
    "Account",
    "AccountingYear",
    "ApiKey",
    "Application",
    "AuthorizationCode",
    "AuthorizationFailure",
    "Base",
    "BrowserSession",
    "ClientSecret",
    "Contact",
    "ContactNote",
    "DefaultAttachment",
    "DocumentAttachment",
    "FileLink",
    "Grant",
    "IdempotencyRecord",
    "IdentityEvent",
    "InvoiceSettings",
    "JournalEntry",
    "Mailout",
    "Membership",
    "Organization",
    "Product",
    "PurchasePayment",
    "RateWindow",
    "RefreshToken",
    "Reminder",
    "SalesDocument",
    "SalesPayment",
    "SandboxClockOffset",
    "SandboxFault",
    "SigningKey",
    "StoredFile",
    "UsageCounter",
    "UsageHourly",
    "User",
    "Voucher",
    "VoucherLine",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscription",
    "utcnow",
]
