"""About what: entities referred to in a quote (resolved), and keywords."""


def test_about_states_pronouns_and_cue_object(extract):
    rec = extract("Senator Ruth Cole accused Beijing of stealing trade secrets. "
                  "She said Chinese hackers had targeted American firms and that she would act.")
    accused, hackers = rec.quotes[:2]
    assert accused.about == ["China"]
    assert accused.keywords == ["trade secret"]
    assert hackers.about[:2] == ["China", "United States"]
    assert hackers.keywords[:2] == ["hacker", "firm"]


def test_about_you_is_the_addressee_and_he_is_resolved(extract):
    rec = extract("Tom Reed met Paul Okafor in Lagos. Mr Reed told him: “You know the plan.” "
                  "Mr Okafor said he trusted Mr Reed.")
    told, trusted = rec.quotes
    assert told.addressee_name == "Paul Okafor"
    assert told.about == ["Paul Okafor"]
    assert trusted.about == ["Paul Okafor", "Tom Reed"]
