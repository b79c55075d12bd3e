"""One-line messages for the user: an exception as the first line of what it says."""
from __future__ import annotations


def first_line(e: BaseException) -> str:
    """The first line of an exception's message, else its class name (never a traceback)."""
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
