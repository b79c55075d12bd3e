"""``python -m quotegraph``: the same as the ``quotegraph`` command."""
from .cli import app

app(prog_name="quotegraph")
