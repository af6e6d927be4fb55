"""The only package that imports SQLAlchemy and Alembic: tables, engine, migrations."""
