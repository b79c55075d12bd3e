"""The corpus store: many articles' records in SQLite or PostgreSQL, queried and exported.

Modules: ``schema`` (tables), ``db`` (opening, migrations, full-text search),
``people`` (one person across articles), ``ingest`` (articles in),
``query`` (questions, as plain data) and ``export`` (rows or records out).
"""
from .db import Store, StoreError

__all__ = ["Store", "StoreError"]
