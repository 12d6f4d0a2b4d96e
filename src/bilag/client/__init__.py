"""The bilag SDK for the Dinero API. It imports nothing else from bilag, so it ships on its own."""

__all__: list[str] = []
