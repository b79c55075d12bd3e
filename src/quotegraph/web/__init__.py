"""The web app and REST API (``quotegraph serve``): articles with their quotes highlighted,
people, search, an overview of the corpus, and extraction on the fly.

Modules: ``app`` (FastAPI app, pages and ``/api/``), ``queries`` (the store
questions the pages need beyond ``quotegraph.store.query``), ``highlight``
(an article's text as marked-up HTML), ``gender`` (speaker gender inferred
from first names); Jinja2 templates in ``templates/`` and plain CSS and a
little JavaScript in ``static/``.
"""
from .app import Settings, create_app

__all__ = ["Settings", "create_app"]
