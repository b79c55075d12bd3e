"""A relative clause after a comma at the end of a content is the writer's aside,
left out of the content; one in the middle, or one inside a quotation, stays. Small
texts written for the test, through the whole extractor."""
import pytest

from test_attribution import find


@pytest.mark.parametrize("text, part, speaker", [
    ("Ms Keane said the club would sign Jo Berg, who played for Malmo last season.",
     "the club would sign Jo Berg", "Ms Keane"),
    ("The chairman said sales rose sharply in Brazil, where the firm opened two plants.",
     "sales rose sharply in Brazil", "The chairman"),
    ("The rowing federation announced that the regatta would move to Lake Bled, which hosted it in 2011.",
     "that the regatta would move to Lake Bled", "The rowing federation"),
], ids=["who", "where", "which-after-that"])
def test_trailing_relative_clause_is_left_out(said, text, part, speaker):
    q = find(said(text), part)
    assert (q.type, q.parts, q.speaker_text) == ("indirect", [part], speaker)


@pytest.mark.parametrize("text, part", [
    ("The coach said the stadium, which opened in 1990, needs a new roof.",
     "the stadium, which opened in 1990, needs a new roof"),
    ("The coach said the team would sign the striker that scored twice against them.",
     "the team would sign the striker that scored twice against them"),
], ids=["in-the-middle", "restrictive"])
def test_other_relative_clauses_stay(said, text, part):
    q = find(said(text), part)
    assert (q.type, q.speaker_text) == ("indirect", "The coach")


def test_relative_clause_inside_a_quotation_stays(said):
    text = "The referee said the goal was fair, “which nobody in the ground believed.”"
    quotes = said(text)
    assert len(quotes) == 1
    assert quotes[0].type == "mixed" and quotes[0].parts[0].endswith("believed.”")
