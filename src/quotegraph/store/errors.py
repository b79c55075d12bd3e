"""The error of a bad question to the store (``quotegraph.store.query.QueryError``, here so that
every module of the store can raise it)."""


class QueryError(ValueError):
    """A bad argument (an unknown type, a malformed date, a search too long)."""
