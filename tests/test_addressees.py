"""To whom: addressees resolved like speakers, audiences, replies."""


def test_pronoun_addressee_is_not_the_speaker(extract):
    rec = extract("Anna Berg met the trade minister, Paul Okafor, in Paris on Monday. "
                  "Ms Berg told him that Germany would not sign the deal.")
    (q,) = rec.quotes
    assert q.speaker_name == "Anna Berg"
    assert q.addressee_name == "Paul Okafor"
    assert rec.people[q.addressee_id].name == "Paul Okafor"


def test_audience(extract):
    rec = extract("Mayor Tom Reed told reporters that the bridge would reopen in May.")
    assert rec.quotes[0].addressee_name == {"audience": "reporters"}
    assert rec.quotes[0].addressee_id is None


def test_state_metonym_and_reply(extract):
    rec = extract("Prime Minister Jane Hale warned the Kremlin that Britain would respond. "
                  "“We will not stand by,” she said, to which Mr Ivanov replied: “You have no evidence.”")
    warned, stand, reply = rec.quotes
    assert warned.addressee_name == "Russia"
    assert stand.addressee_name is None
    assert reply.speaker_name == "Ivanov"
    assert reply.addressee_name == "Jane Hale"


def test_no_addressee(extract):
    rec = extract("“It is safe,” the engineer, Lena Park, said.")
    assert rec.quotes[0].addressee_name is None
