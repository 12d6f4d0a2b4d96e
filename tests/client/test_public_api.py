"""The public names of bilag.client, pinned: a change here is a change to the SDK's API."""

import bilag.client

EXPECTED = {
    "DEFAULT_SCOPES", "FILTERABLE", "Account", "ApiKeyCredentials", "AsyncBooks", "AsyncClient",
    "AuthorizationError", "AuthorizationRevoked", "Books", "CallbackError", "Client", "Condition",
    "Contact", "ContactDraft", "Counters", "Credentials", "DineroClientError", "DineroError",
    "Endpoints", "Entry", "FileRateLimiter", "FileTokenStore", "FilterError", "JournalLine",
    "LedgerItemDraft", "LedgerItemRef", "LedgerItemStatus", "ManualVoucherDraft",
    "MemoryRateLimiter", "MemoryTokenStore", "NoAccessError", "NotAuthorizedError", "NotProError",
    "OAuthApp", "OAuthCredentials", "Organization", "PendingAuthorization", "PurchaseLine",
    "PurchaseVoucherDraft", "RateLimitedError", "RateLimiter", "RequestValidationError",
    "StaleVersionError", "StoredFile", "TokenRequestError", "TokenSet", "TokenStore",
    "UnattachedFileWarning", "Voucher", "aexchange_code", "contains", "eq", "exchange_code",
    "login_in_browser", "query_filter", "read_callback", "start_authorization",
    # settings, webhooks, contact notes, purchase credit notes and payments, reports
    "AccountingYear", "ContactNote", "Country", "DepositAccountDraft", "EntryAccountDraft",
    "PaymentAdded", "PurchaseCreditNote", "PurchaseCreditNoteDraft", "PurchasePayment",
    "PurchasePaymentDraft", "PurchasePreview", "ReportLine", "SimilarVoucher", "VatType",
    "VoucherVersion", "WebhookEvent", "WebhookSubscription",
    # invoices, sales credit notes, payments and products
    "DocumentLine", "DocumentRef", "Invoice", "InvoiceDraft", "InvoiceLine", "InvoiceTemplate",
    "Payment", "PaymentDraft", "PaymentRef", "Payments", "Product", "ProductDraft",
    "SalesCreditNote", "SalesCreditNoteDraft", "SalesListItem", "SalesSettings",
    "Attachment", "EInvoiceDraft", "MailDraft", "MailTemplate", "Mailout",
    "Reminder", "ReminderDraft", "SmsDraft", "StateOfAccount", "StatementEntry",
    "StatementMailDraft", "TradeOffer", "TradeOfferDraft",
}  # fmt: skip


def test_the_exported_names_are_pinned() -> None:
    assert set(bilag.client.__all__) == EXPECTED
    for name in EXPECTED:
        assert getattr(bilag.client, name) is not None


def test_public_objects_live_in_private_modules() -> None:
    for name in bilag.client.__all__:
        module = getattr(getattr(bilag.client, name), "__module__", "bilag.client._")
        assert module.startswith("bilag.client._"), (name, module)


def test_every_error_derives_from_the_root() -> None:
    errors = [getattr(bilag.client, n) for n in bilag.client.__all__ if n.endswith("Error")]
    errors.append(bilag.client.AuthorizationRevoked)
    for error in errors:
        assert issubclass(error, bilag.client.DineroClientError), error
