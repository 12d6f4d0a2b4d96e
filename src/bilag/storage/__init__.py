"""Persistence: SQLAlchemy models, the database handle, migrations and repositories."""
