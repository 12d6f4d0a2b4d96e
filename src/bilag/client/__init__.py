"""The bilag SDK for the Dinero API. It imports nothing else from bilag, so it ships on its own.

from bilag.client import Client, OAuthApp, OAuthCredentials, FileTokenStore

app = OAuthApp(client_id="isv_...", client_secret="...", redirect_uri="http://127.0.0.1:8765/")
credentials = OAuthCredentials(app, FileTokenStore("~/.config/bilag/tokens.json"))
with Client(credentials) as client:
    for organization in client.organizations():
        print(organization.id, organization.name, organization.is_pro)
"""

from bilag.client._async_client import AsyncClient
from bilag.client._async_resources import AsyncBooks
from bilag.client._auth import (
    DEFAULT_SCOPES,
    Endpoints,
    OAuthApp,
    PendingAuthorization,
    read_callback,
    start_authorization,
)
from bilag.client._client import Client
from bilag.client._credentials import ApiKeyCredentials, Credentials, OAuthCredentials
from bilag.client._document_models import Attachment, StatementEntry, StateOfAccount
from bilag.client._drafts import ContactDraft, PurchaseLine, PurchaseVoucherDraft
from bilag.client._errors import (
    AuthorizationError,
    AuthorizationRevoked,
    CallbackError,
    DineroClientError,
    DineroError,
    FilterError,
    NoAccessError,
    NotAuthorizedError,
    NotProError,
    RateLimitedError,
    RequestValidationError,
    StaleVersionError,
    TokenRequestError,
    UnattachedFileWarning,
)
from bilag.client._filters import FILTERABLE, Condition, contains, eq, query_filter
from bilag.client._ledger_drafts import JournalLine, LedgerItemDraft, ManualVoucherDraft
from bilag.client._limits import Counters, FileRateLimiter, MemoryRateLimiter, RateLimiter
from bilag.client._login import aexchange_code, exchange_code, login_in_browser
from bilag.client._models import (
    Account,
    Contact,
    Entry,
    LedgerItemRef,
    LedgerItemStatus,
    Organization,
    StoredFile,
    Voucher,
)
from bilag.client._offer_drafts import TradeOfferDraft
from bilag.client._offer_models import TradeOffer
from bilag.client._product_drafts import ProductDraft
from bilag.client._product_models import InvoiceTemplate, Product, SalesSettings
from bilag.client._purchase_extra_drafts import PurchaseCreditNoteDraft, PurchasePaymentDraft
from bilag.client._purchase_extra_models import (
    PaymentAdded,
    PurchaseCreditNote,
    PurchasePayment,
    PurchasePreview,
    SimilarVoucher,
    VoucherVersion,
)
from bilag.client._reminder_drafts import ReminderDraft
from bilag.client._reminder_models import Reminder
from bilag.client._resources import Books
from bilag.client._sales_drafts import (
    InvoiceDraft,
    InvoiceLine,
    PaymentDraft,
    SalesCreditNoteDraft,
)
from bilag.client._sales_models import (
    DocumentLine,
    DocumentRef,
    Invoice,
    Payment,
    PaymentRef,
    Payments,
    SalesCreditNote,
    SalesListItem,
)
from bilag.client._sending_drafts import EInvoiceDraft, MailDraft, SmsDraft, StatementMailDraft
from bilag.client._sending_models import Mailout, MailTemplate
from bilag.client._settings_drafts import DepositAccountDraft, EntryAccountDraft
from bilag.client._settings_models import (
    AccountingYear,
    ContactNote,
    Country,
    ReportLine,
    VatType,
    WebhookEvent,
    WebhookSubscription,
)
from bilag.client._tokens import FileTokenStore, MemoryTokenStore, TokenSet, TokenStore

__all__ = [
    "DEFAULT_SCOPES",
    "FILTERABLE",
    "Account",
    "AccountingYear",
    "ApiKeyCredentials",
    "AsyncBooks",
    "AsyncClient",
    "Attachment",
    "AuthorizationError",
    "AuthorizationRevoked",
    "Books",
    "CallbackError",
    "Client",
    "Condition",
    "Contact",
    "ContactDraft",
    "ContactNote",
    "Counters",
    "Country",
    "Credentials",
    "DepositAccountDraft",
    "DineroClientError",
    "DineroError",
    "DocumentLine",
    "DocumentRef",
    "EInvoiceDraft",
    "Endpoints",
    "Entry",
    "EntryAccountDraft",
    "FileRateLimiter",
    "FileTokenStore",
    "FilterError",
    "Invoice",
    "InvoiceDraft",
    "InvoiceLine",
    "InvoiceTemplate",
    "JournalLine",
    "LedgerItemDraft",
    "LedgerItemRef",
    "LedgerItemStatus",
    "MailDraft",
    "MailTemplate",
    "Mailout",
    "ManualVoucherDraft",
    "MemoryRateLimiter",
    "MemoryTokenStore",
    "NoAccessError",
    "NotAuthorizedError",
    "NotProError",
    "OAuthApp",
    "OAuthCredentials",
    "Organization",
    "Payment",
    "PaymentAdded",
    "PaymentDraft",
    "PaymentRef",
    "Payments",
    "PendingAuthorization",
    "Product",
    "ProductDraft",
    "PurchaseCreditNote",
    "PurchaseCreditNoteDraft",
    "PurchaseLine",
    "PurchasePayment",
    "PurchasePaymentDraft",
    "PurchasePreview",
    "PurchaseVoucherDraft",
    "RateLimitedError",
    "RateLimiter",
    "Reminder",
    "ReminderDraft",
    "ReportLine",
    "RequestValidationError",
    "SalesCreditNote",
    "SalesCreditNoteDraft",
    "SalesListItem",
    "SalesSettings",
    "SmsDraft",
    "SimilarVoucher",
    "StaleVersionError",
    "StateOfAccount",
    "StatementEntry",
    "StatementMailDraft",
    "StoredFile",
    "TokenRequestError",
    "TokenSet",
    "TokenStore",
    "TradeOffer",
    "TradeOfferDraft",
    "UnattachedFileWarning",
    "VatType",
    "Voucher",
    "VoucherVersion",
    "WebhookEvent",
    "WebhookSubscription",
    "aexchange_code",
    "contains",
    "eq",
    "exchange_code",
    "login_in_browser",
    "query_filter",
    "read_callback",
    "start_authorization",
]
