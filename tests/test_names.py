"""Names: what kind of entity a recognised name is, on sentences written for the test."""
import pytest
from spacy.tokens import Span

from quotegraph.names import entity_kind


@pytest.mark.parametrize("text, name, kind", [
    ("Okafor, the league chairman, said the season would start in May.", "Okafor", "person"),
    ("Halvorsen, the shipping company, said profits fell.", "Halvorsen", "organisation"),
    ("Mbeki Motors, a car maker, said sales rose.", "Mbeki Motors", "organisation"),
])
def test_name_tagged_as_an_organisation_with_a_persons_role_is_a_person(extractor, text, name, kind):
    doc = next(extractor.parse([text]))
    start = [t.i for t in doc if t.text == name.split()[0]][0]
    ent = Span(doc, start, start + len(name.split()), label="ORG")  # as the recogniser may tag it
    assert entity_kind(ent) == kind
