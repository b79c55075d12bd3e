"""The ``quotegraph`` command's entry point; the commands live in :mod:`quotegraph.commands`."""
from .commands import app

__all__ = ["app"]
