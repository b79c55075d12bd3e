"""The kind of each quote: speech, writing, document, belief, question."""
import pytest

from quotegraph.kinds import KINDS, kind_words


@pytest.mark.parametrize("text, kind, content", [
    ("The mayor wrote on Facebook that the bridge would reopen in May.", "writing",
     "that the bridge would reopen in May"),
    ("Ms. Okafor said in a statement that the council had acted lawfully.", "writing",
     "that the council had acted lawfully"),
    ("The union's letter said the strike would go ahead.", "writing", "the strike would go ahead"),
    ("A report released by the Audit Office on Tuesday found that hospital waiting lists had doubled.",
     "document", "that hospital waiting lists had doubled"),
    ("According to a survey by the Harbour Institute, most residents oppose the new tower.", "document",
     "most residents oppose the new tower"),
    ("The farmer believes that the drought will end soon.", "belief", "that the drought will end soon"),
    ("Reporters asked whether the minister would resign.", "question", "whether the minister would resign"),
    ("“Will the ferry run tomorrow?” asked Tom Varga, a commuter.", "question", "Will the ferry run tomorrow?"),
    ("“We are not going anywhere,” the coach said after the match.", "speech", "We are not going anywhere,"),
    ("Facebook said it would remove the posts.", "speech", "it would remove the posts"),
    ("She asked the board to delay the vote.", "speech", "to delay the vote"),
])
def test_kind(extract, text, kind, content):
    record = extract(text)
    got = [(text[q.content[0]:q.content[1]], q.kind) for q in record.quotes]
    assert got == [(content, kind)]


def test_kind_is_always_in_the_record(extract):
    d = extract("“Nothing has changed,” the captain said.").to_dict()
    assert d["quotes"][0]["kind"] == "speech"


def test_word_list_names_only_known_kinds():
    assert set(kind_words().values()) <= set(KINDS)
