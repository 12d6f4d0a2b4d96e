"""The Dinero REST API: one module per resource, plus the shared front-door pieces."""
