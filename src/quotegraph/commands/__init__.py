"""The ``quotegraph`` command, grouped by what the commands serve.

``common`` holds what they share (the Typer app, options, one-line errors, the
model); ``extract`` (extract, evaluate, demo), ``store`` (ingest, people,
quotes, show, export), ``graph`` (events, claims, claim-fix,
graph-export), ``corrections`` (the ``corrections`` group) and ``web``
(serve) register their commands on the app.
"""
from . import corrections, extract, graph, store, web  # noqa: F401  (registers the commands)
from .common import app

__all__ = ["app"]
