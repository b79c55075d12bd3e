"""Shared fixtures: one extractor (the spaCy model takes a while to load) for all tests."""
import pytest


@pytest.fixture(scope="session")
def extractor():
    """The extractor with the default model, loaded once per test session."""
    from quotegraph.pipeline import Extractor
    return Extractor()
