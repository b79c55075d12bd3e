"""Organisations and groups of organisations as speakers, and names that are no person
(``orgs``, ``groups``, ``sources``, ``names``)."""
import pytest

from test_sources import speakers


@pytest.mark.parametrize("text, expected", [
    # an organisation a person owns: named after the person, never the latest organisation
    ("Councillor Maria Lopez criticised the plan. Her office said the proposal was unlawful.",
     ("Her office", "Lopez’s office")),
    ("Senator Rob Tarrant has been under pressure. “We will not comment on rumours,” Tarrant’s office said.",
     ("Tarrant’s office", "Tarrant’s office")),
    # a club, and a description of it
    ("Leeds United lost 3-0 at home. “We were second best all afternoon,” the club said in a statement.",
     ("the club", "Leeds United")),
    # organisations named together speak as a group, later described as one
    ("The Royal College of Nursing and the GMB union rejected the offer. “Nurses deserve better,” the two "
     "unions said.", ("the two unions", ["Royal College of Nursing", "GMB"])),
    # an outlet the recogniser missed: an organisation by its name's last word
    ("Local residents packed the hall. “This will ruin the village,” The Courier reported on Friday.",
     ("The Courier", "Courier")),
    # a complaint is made by whoever sued
    ("Priya Shah sued the council in March. The complaint says the council ignored her warnings for two years.",
     ("The complaint", "Priya Shah")),
    # an editorial with no issuer of its own is the outlet's
    ("The Harbour Gazette has backed the stadium for years. “The council has lost its way,” the editorial said.",
     ("the editorial", "Harbour Gazette")),
    ("Dan Whitby is running for mayor. His campaign sued the election board in May. The complaint says "
     "thousands of ballots were lost.", ("The complaint", "Whitby’s campaign")),
    # a statement from organisations described together
    ("The Environment Agency and Natural England issued new rules on Monday. “Rivers must come first,” said "
     "a joint statement from the two agencies.",
     ("a joint statement from the two agencies", ["Environment Agency", "Natural England"])),
    # a generic name is the latest organisation so named, and joins no two of them
    ("The Justice Department opened an inquiry on Monday. The State Department declined to comment. "
     "“We will cooperate fully,” the Department said.", ("the Department", "State Department")),
    # people described together by their role
    ("Councillor Amy Hart and Councillor Raj Mehta sent the budget to ministers. “We have no money left,” "
     "the councillors wrote.", ("the councillors", ["Amy Hart", "Raj Mehta"])),
])
def test_speaker(extract, text, expected):
    said, _ = speakers(extract, text)
    assert expected in said


@pytest.mark.parametrize("text, name", [
    ("Hospital Chiefs Warn Of Winter Crisis.\n\nThe NHS said beds were full.", "Hospital Chiefs Warn Of Winter Crisis"),
    ("Flooding hit homes across Riverside on Monday. Riverside has flooded twice this year. "
     "“We are exhausted,” said Tom Hale.", "Riverside"),
])
def test_not_a_person(extract, text, name):
    """A headline line (even one closed by a full stop) and a place are no people."""
    _, people = speakers(extract, text)
    assert name not in [n for n, _ in people]


def test_a_role_no_one_in_the_article_holds_stays_unnamed(extract):
    said, _ = speakers(extract, "Ann Porter, a local farmer, disagreed. “They never listen,” she said. "
                                "“We have done enough,” the prime minister said.")
    assert said == [("she", "Ann Porter"), ("the prime minister", None)]


def test_a_name_the_recogniser_knows_only_in_part(extract):
    """Her full name from the apposition is her canonical name, and her quotes stay hers."""
    said, people = speakers(extract, "The Business Secretary, Kemi Adeyemi, urged firms to invest. “Now is the "
                                     "time,” she said. Tom Hale, the shadow chancellor, said the plan would fail. "
                                     "“Firms are not fools,” Adeyemi said.")
    assert said == [("The Business Secretary", "Kemi Adeyemi"), ("she", "Kemi Adeyemi"), ("Tom Hale", "Tom Hale"),
                    ("Adeyemi", "Kemi Adeyemi")]
    assert sorted(people) == [("Kemi Adeyemi", "person"), ("Tom Hale", "person")]


def test_a_statement_speaks_for_whoever_released_it(extract):
    said, _ = speakers(extract, "Arsenal manager Mikel Arteta put out a statement saying the club would appeal.")
    assert said == [("a statement", "Mikel Arteta")]


@pytest.mark.parametrize("text, expected", [
    # a report from a role: the person the article gives it, not the body owning the role
    ("The mill had dumped waste in the river for years, according to a report from the ministry's inspector "
     "general. The ministry's inspector general, Joan Okafor, said more reports would follow.",
     [("a report from the ministry's inspector general", "Joan Okafor"),
      ("The ministry's inspector general", "Joan Okafor")]),
    # a document on a body's website is the body's
    ("Tom Varga leads the Green Party in the county. “Every tree counts,” said a document on the Varga "
     "campaign's website.", [("a document", "Varga campaign")]),
    # a body "of" another body is one organisation, and the second keeps its own name
    ("Last year the Fraud Investigation Directorate of the Ministry of Finance said the bank had hidden its "
     "losses. “No bank is too big to answer for this,” the directorate said. “We agree,” the Ministry of "
     "Finance said.",
     [("the Fraud Investigation Directorate of the Ministry of Finance",
       "Fraud Investigation Directorate of the Ministry of Finance"),
      ("the directorate", "Fraud Investigation Directorate of the Ministry of Finance"),
      ("the Ministry of Finance", "Ministry of Finance")]),
])
def test_makers_and_bodies(extract, text, expected):
    said, _ = speakers(extract, text)
    assert said[-len(expected):] == expected


def test_a_named_speaker_is_not_the_name_beside_it(extractor):
    """"Sofia Brandt, Twitter:" with the platform tagged as a person: the speaker is still Sofia Brandt."""
    from spacy.tokens import Span as SpacySpan
    from quotegraph.pipeline import build_record
    from quotegraph.record import Article
    text = 'Sofia Brandt, Twitter: "The referee lost control of this game. Nobody deserved that."'
    doc = next(extractor.parse([text]))
    doc.set_ents([SpacySpan(doc, 0, 2, "PERSON"), SpacySpan(doc, 3, 4, "PERSON")])
    record = build_record(Article(id="t", text=text), doc)
    assert [(q.speaker_text, q.speaker_name) for q in record.quotes] == [("Sofia Brandt", "Sofia Brandt")]


@pytest.mark.parametrize("text, expected", [
    # a plural possessive is part of an organisation's name
    ("A report commissioned by the Irish Farmers' Association warned that “one in five farms could close within "
     "a decade.” The report also said “young people are leaving the land.”",
     [("A report", "Irish Farmers Association"), ("The report", "Irish Farmers Association")]),
    # court papers are one document: "a motion" filed, then "the filing"
    ("Siemens filed a motion in a Munich court on Friday. The filing argues that “the patent was never valid.”",
     [("The filing", "Siemens")]),
])
def test_more_makers(extract, text, expected):
    said, _ = speakers(extract, text)
    assert said[-len(expected):] == expected


def test_several_bodies_are_never_the_latest_one(extract):
    """"the two organisations" with only one of them recognised: unnamed, not that one."""
    said, _ = speakers(extract, "The Kenya Wildlife Service and Save the Elephants counted 36,000 elephants. "
                                "“Poaching is at its lowest level in a decade,” the two organisations said.")
    assert said[-1] == ("the two organisations", None)
