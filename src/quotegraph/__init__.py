"""quotegraph: who said what, to whom, about what, in news articles."""

__version__ = "0.1.0"

from .record import Article, Person, Quote, Record  # noqa: E402

__all__ = ["Article", "Person", "Quote", "Record", "__version__"]
