"""bilag: a self-hostable bookkeeping platform that speaks the Dinero public API."""

__version__ = "0.1.0"
