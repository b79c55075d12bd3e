"""Speakers that are not people by name: documents, organisations by description, "it",
"which", appositions, headlines (``sources`` and ``speakers``)."""
import pytest


def speakers(extract, text):
    record = extract(text)
    return [(q.speaker_text, q.speaker_name) for q in record.quotes], \
        [(p.name, p.kind) for p in record.people]


@pytest.mark.parametrize("text, expected", [
    # a document speaks for the body that made it
    ("The Lakeside Trust published a study on Monday. The study found that river pollution had "
     "tripled since 2010.", ("The study", "Lakeside Trust")),
    ("A lawsuit filed by Marco Diaz accuses the company of fraud. The suit says the firm hid its losses.",
     ("The suit", "Marco Diaz")),
    ("Oxfam's report said that food prices would rise.", ("Oxfam's report", "Oxfam")),
    # no issuer in sight: the document stays unnamed, never the latest person
    ("Ann Cole runs the clinic. A new report found that waiting lists had doubled.", ("A new report", None)),
    # "it" is an organisation, never a person
    ("Ann Cole met the Lakeside Trust on Monday. The Lakeside Trust rejected the plan. "
     "“Nobody is checking the outflows,” it said.", ("it", "Lakeside Trust")),
    # a relative pronoun is the noun it hangs on
    ("Greenpeace, which said the dam would destroy the valley, has called for a protest.",
     ("which", "Greenpeace")),
    # an outlet described by type
    ("The Harbour Gazette ran an editorial on Sunday. “The council has failed the town,” the newspaper wrote.",
     ("the newspaper", "Harbour Gazette")),
    # a named person in apposition to a title, even one the recogniser misses
    ("The Business Secretary, Kemi Adeyemi, urged firms to invest.", ("The Business Secretary", "Kemi Adeyemi")),
])
def test_speaker(extract, text, expected):
    said, _ = speakers(extract, text)
    assert expected in said


def test_a_group_that_wrote_a_letter(extract):
    said, _ = speakers(extract, "Anna Reyes and Tom Baird sent a letter to the board last week. "
                                "The letter said the plan was reckless.")
    assert said[-1] == ("The letter", ["Anna Reyes", "Tom Baird"])


def test_a_role_with_no_name_stays_unnamed(extract):
    said, _ = speakers(extract, "Senator Ian Marsh criticised the rail plan on Monday. Fares will rise by "
                                "5 per cent in March. “This is the right decision for passengers,” the prime "
                                "minister said.")
    assert said[-1] == ("the prime minister", None)
    said, _ = speakers(extract, "Ian Marsh criticised the rail plan on Monday. “This is the right decision "
                                "for passengers,” the senator said.")
    assert said[-1] == ("the senator", "Ian Marsh")


def test_headline_words_are_not_people(extract):
    _, people = speakers(extract, "Donald Trump Rampages Through Iowa Rally\n\n"
                                  "Donald Trump told supporters in Des Moines that the polls were wrong.")
    assert people == [("Donald Trump", "person")]
    _, people = speakers(extract, "Riverside Council Votes To Close Library\n\nThe council voted 5-2 on "
                                  "Tuesday. “It is a sad day,” said Ann Cole, a librarian.")
    assert people == [("Ann Cole", "person")]


def test_titles_are_not_part_of_names(extract):
    _, people = speakers(extract, "Councillor David Harrow and Assemblywoman Claudia Tenney met on Friday. "
                                  "“We agree on the budget,” Harrow said.")
    assert people == [("David Harrow", "person"), ("Claudia Tenney", "person")]


def test_an_outlet_name_is_an_organisation(extract):
    _, people = speakers(extract, "The Harbour Gazette ran an editorial on Sunday.")
    assert people == [("Harbour Gazette", "organisation")]


def test_name_words_leave_titles_and_suffixes_out():
    from quotegraph.names import name_tokens
    assert name_tokens("GOP Rep Mara Quill") == ["Mara", "Quill"]
    assert name_tokens("Attorney General Lena Ward") == ["Lena", "Ward"]
    assert name_tokens("Brent Moss III") == ["Brent", "Moss"]
    assert name_tokens("Martin Luther King Jr.") == ["Martin", "Luther", "King"]
    assert name_tokens("Billie Jean King") == ["Billie", "Jean", "King"]
    assert name_tokens("Secretary of State Jon Kerr") == ["Jon", "Kerr"]


@pytest.mark.parametrize("text, expected", [
    # a poll is named after its maker, whatever the recogniser takes the name for
    ("“Labour has lost the north,” said a new Ipsos-Mori poll. “Nobody trusts the leaders,” the poll also found.",
     [("a new Ipsos-Mori poll", "Ipsos-Mori"), ("the poll", "Ipsos-Mori")]),
    # a short name of a pollster named before in full ("the M poll" after "the Marist poll")
    ("Tuesday's Marist poll put the mayor ten points behind. “Most voters want change,” the M poll also finds.",
     [("the M poll", "Marist")]),
    # a document named long before still speaks for its issuer
    ("The Fenwick Harbour Authority published its annual review in March, blaming the weather. Shipping fell by "
     "a third. Fishing boats stayed in port. The quay was rebuilt. Two cranes were sold. Ferries ran late all "
     "winter. Tourism fell too. Hotels closed early. “The harbour cannot survive another year like this,” "
     "the review said.", [("the review", "Fenwick Harbour Authority")]),
    # the owner of "the committee's report" named later in its sentence
    ("“The committee’s final report shows the dam is unsafe,” said Rosa Ibarra, who chairs the Senate Committee "
     "on Water and Power. “It must be drained,” the report said.",
     [("Rosa Ibarra", "Rosa Ibarra"), ("the report", "Senate Committee on Water and Power")]),
    # no issuer: "the agency" named nowhere, the report stays unnamed
    ("“The agency’s final report shows the dam is unsafe,” said Rosa Ibarra, a hydrologist. “It must be "
     "drained,” the report said.", [("Rosa Ibarra", "Rosa Ibarra"), ("the report", None)]),
])
def test_document_makers(extract, text, expected):
    said, _ = speakers(extract, text)
    assert said[-len(expected):] == expected


@pytest.mark.parametrize("text, expected", [
    # "the commission" is the one just described by its name, not the latest organisation named
    ("The Ontario Energy Board approved the rate rise in May. But a Manitoba utilities commission rejected a "
     "similar request last week. “Customers cannot pay more this winter,” the commission said.",
     [("The Ontario Energy Board", "Ontario Energy Board"),
      ("a Manitoba utilities commission", "Manitoba utilities commission"),
      ("the commission", "Manitoba utilities commission")]),
    # a body the tagger took for a proper noun in lower case
    ("In a statement on Friday, the Liberal leadership committee said: “We will choose a new leader by June.”",
     [("the Liberal leadership committee", "Liberal leadership committee")]),
    # an outlet known by the newspaper in apposition to it, even tagged as a person
    ("The Evening Chronicle, the city's oldest newspaper, has opposed the stadium for a decade. “The council has "
     "lost its nerve,” the editorial board wrote on Sunday.",
     [("The Evening Chronicle", "Evening Chronicle"), ("the editorial board", "Evening Chronicle")]),
    ("The pro-business Harbour Ledger, the island's main newspaper, backed the port deal. “The deal is good for "
     "jobs,” the editorial said.",
     [("The pro-business Harbour Ledger", "Harbour Ledger"), ("the editorial", "Harbour Ledger")]),
])
def test_organisation_descriptions(extract, text, expected):
    said, _ = speakers(extract, text)
    assert said == expected
