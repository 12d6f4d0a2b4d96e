"""Static reference data served by the API."""
