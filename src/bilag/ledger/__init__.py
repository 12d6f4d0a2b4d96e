"""The double-entry core: pure Python, no framework. Filled in by the ledger issue."""
