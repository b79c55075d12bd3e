"""Cross-article people: which names merge into one ``people`` row, and which never do."""
import pytest

from quotegraph.store.people import (AliasesError, canonical_form, compatible, first_names_match,
                                     name_key, read_aliases, surname_of)

from .helpers import make_record, people_names, person_of, put, speaker_of


def test_name_key_drops_case_accents_titles_and_punctuation():
    assert name_key("Sergéy  LAVROV") == "sergey lavrov"
    assert name_key("Mr. Boris Johnson") == "boris johnson"
    assert name_key("President Emmanuel Macron") == "emmanuel macron"
    assert name_key("Conan O’Brien") == "conan obrien"
    assert name_key("Jean-Claude Juncker") == "jean claude juncker"
    assert name_key("Mr") == "mr"  # a title alone stays


def test_surname_skips_suffixes():
    assert surname_of("martin luther king jr") == "king"
    assert surname_of("lavrov") is None
    assert surname_of("sergey lavrov") == "lavrov"


@pytest.mark.parametrize("a,b,same", [
    ("sergey", "sergei", True), ("sergei", "sergey", True), ("alexei", "alexey", True),
    ("bill", "hillary", False), ("jon", "john", False), ("anna", "anne", False),
    ("b", "boris", True), ("b", "hillary", False), ("boris", "boris", True),
])
def test_first_names(a, b, same):
    assert first_names_match(a, b) is same


@pytest.mark.parametrize("a,b,same", [
    ("sergey lavrov", "sergei lavrov", True),
    ("bill clinton", "hillary clinton", False),
    ("george w bush", "george h w bush", False),
    ("george w bush", "george walker bush", True),
    ("george bush", "george w bush", True),
    ("ken griffey jr", "ken griffey sr", False),
    ("sergey lavrov", "sergey lavrova", False),
])
def test_compatible(a, b, same):
    assert compatible(a, b) is same


def test_spelling_variants_merge_across_articles(store):
    put(store, make_record("a1", [("Sergey Lavrov", "We are ready.")]),
        make_record("a2", [("Sergei Lavrov", "We are not ready.")]),
        make_record("a3", [("Lavrov", "Maybe later.")]))
    assert people_names(store) == ["Sergey Lavrov"]
    assert person_of(store, "a2", "Sergei Lavrov") == ("Sergey Lavrov", "fuzzy")
    assert person_of(store, "a3", "Lavrov") == ("Sergey Lavrov", "surname")
    with store.connect() as c:
        assert c.exec_driver_sql("SELECT aliases FROM people").scalar() == "Sergei Lavrov"


def test_clintons_never_merge_and_surname_alone_stays_apart(store):
    put(store, make_record("a1", [("Bill Clinton", "I did not.")]),
        make_record("a2", [("Hillary Clinton", "We will.")]),
        make_record("a3", [("Clinton", "Perhaps.")]))
    assert people_names(store) == ["Bill Clinton", "Clinton", "Hillary Clinton"]
    assert person_of(store, "a3", "Clinton") == ("Clinton", "single")


@pytest.mark.parametrize("order", [["b", "h", "c"], ["c", "b", "h"], ["b", "c", "h"], ["c", "h", "b"]])
def test_surname_rule_does_not_depend_on_order(store, order):
    recs = {"b": make_record("b", [("Bill Clinton", "One.")]),
            "h": make_record("h", [("Hillary Clinton", "Two.")]),
            "c": make_record("c", [("Clinton", "Three.")])}
    for k in order:
        put(store, recs[k])
    assert people_names(store) == ["Bill Clinton", "Clinton", "Hillary Clinton"]
    assert speaker_of(store, "c") == "Clinton"
    assert speaker_of(store, "b") == "Bill Clinton"


def test_surname_alone_joins_the_one_full_name_that_arrives_later(store):
    put(store, make_record("a1", [("Lavrov", "Later.")]))
    assert people_names(store) == ["Lavrov"]
    put(store, make_record("a2", [("Sergey Lavrov", "Now.")]))
    assert people_names(store) == ["Sergey Lavrov"]
    assert person_of(store, "a1", "Lavrov") == ("Sergey Lavrov", "surname")
    assert speaker_of(store, "a1") == "Sergey Lavrov"


def test_organisations_merge_on_the_same_name_only(store):
    org = {"Reuters": "organisation", "Acme": "organisation", "Acme Corp": "organisation"}
    put(store, make_record("a1", [("Reuters", "Hi.")], kinds=org),
        make_record("a2", [("Acme", "Yo.")], kinds=org),
        make_record("a3", [("Bob Reuters", "Hm.")], kinds=org),
        make_record("a4", [("Acme Corp", "No.")], kinds=org),
        make_record("a5", [("Acme", "Yes.")], kinds=org))
    assert people_names(store) == ["Acme", "Acme Corp", "Bob Reuters", "Reuters"]
    assert person_of(store, "a5", "Acme") == ("Acme", "exact")


def test_group_speakers_get_no_row_but_members_do(store):
    put(store, make_record("a1", [(["Boris Johnson", "Sergey Lavrov"], "We agree.", "indirect")]))
    assert people_names(store) == ["Boris Johnson", "Sergey Lavrov"]
    with store.connect() as c:
        row = c.exec_driver_sql("SELECT person_id, speaker_name, speaker_group FROM quotes").one()
    assert row[0] is None and row[1] == "Boris Johnson; Sergey Lavrov" and row[2] in (1, True)


def test_read_aliases(tmp_path):
    f = tmp_path / "aliases.csv"
    f.write_text("# people\nBill Clinton, William Clinton, William J. Clinton\n\n"
                 "Sergei Lavrov\n", encoding="utf-8")
    assert read_aliases(f) == [("Bill Clinton", "Bill Clinton"), ("William Clinton", "Bill Clinton"),
                               ("William J. Clinton", "Bill Clinton"), ("Sergei Lavrov", "Sergei Lavrov")]
    f.write_text("A B, C D\nE F, C D\n", encoding="utf-8")
    with pytest.raises(AliasesError, match="already an alias of 'A B'"):
        read_aliases(f)


def test_aliases_file_merges_and_splits_retroactively(store, tmp_path):
    from quotegraph.store.people import apply_aliases
    put(store, make_record("a1", [("Bill Clinton", "One.")]),
        make_record("a2", [("William Clinton", "Two.")]),
        make_record("a3", [("Sergey Lavrov", "Three.")]),
        make_record("a4", [("Sergei Lavrov", "Four.")]))
    assert people_names(store) == ["Bill Clinton", "Sergey Lavrov", "William Clinton"]
    f = tmp_path / "aliases.csv"
    f.write_text("Bill Clinton, William Clinton\nSergei Lavrov\n", encoding="utf-8")
    with store.begin() as c:
        assert apply_aliases(c, read_aliases(f)) == 2  # a2 and a4
    assert people_names(store) == ["Bill Clinton", "Sergei Lavrov", "Sergey Lavrov"]
    assert speaker_of(store, "a2") == "Bill Clinton"
    assert speaker_of(store, "a4") == "Sergei Lavrov"
    assert speaker_of(store, "a3") == "Sergey Lavrov"
    # and they hold for articles ingested afterwards
    put(store, make_record("a5", [("William Clinton", "Five.")]),
        make_record("a6", [("Sergei Lavrov", "Six.")]))
    assert speaker_of(store, "a5") == "Bill Clinton"
    assert person_of(store, "a6", "Sergei Lavrov") == ("Sergei Lavrov", "alias")
    assert people_names(store) == ["Bill Clinton", "Sergei Lavrov", "Sergey Lavrov"]


# --- the people do not depend on the order articles are ingested in ---------------------------

ORG = {"Post": "organisation", "Acme": "organisation", "ACME": "organisation"}
ARTICLES = [
    make_record("n1", [("David Kendall", "We filed it.")]),
    make_record("n2", [("David E. Kendall", "We filed it again.")]),
    make_record("n3", [("Post", "The paper said so.")], kinds=ORG),
    make_record("n4", [("Marjorie Merriweather Post", "I built it.")]),
    make_record("n5", [("Post", "She said so.")]),  # a person: Marjorie Merriweather Post
    make_record("n6", [("Sergey Lavrov", "Ready.")]),
    make_record("n7", [("Sergei Lavrov", "Not ready.")]),
    make_record("n8", [("Sergey Lavrov", "Later.")]),
    make_record("n9", [("ACME", "Rates stay.")], kinds=ORG),
    make_record("n10", [("Acme", "Rates rise.")], kinds=ORG),
]


def people_table(store) -> tuple[list, list]:
    """The people (name, kind, aliases) and each mention's person, by name: no ids."""
    with store.connect() as c:
        rows = sorted(tuple(r) for r in c.exec_driver_sql("SELECT name, kind, aliases FROM people"))
        by_mention = sorted(tuple(r) for r in c.exec_driver_sql(
            "SELECT m.article_id, m.name, m.kind, p.name, p.kind FROM mentions m "
            "LEFT JOIN people p ON p.id = m.person_id"))
    return rows, by_mention


def test_people_do_not_depend_on_ingest_order(tmp_path):
    """Before: "David Kendall" or "David E. Kendall" by which came first; the organisation
    "Post" and a person "Post" joined one row (whichever came first took the other)."""
    import random
    from quotegraph.store import Store
    from quotegraph.store.integrity import check
    orders = [list(ARTICLES), list(reversed(ARTICLES))]
    for seed in range(3):
        orders.append(random.Random(seed).sample(ARTICLES, len(ARTICLES)))
    tables = []
    for i, order in enumerate(orders):
        with Store(str(tmp_path / f"o{i}.db")) as store:
            for rec in order:
                put(store, rec)
            tables.append(people_table(store))
            assert check(store) == []
    assert all(t == tables[0] for t in tables[1:])
    people, by_mention = tables[0]
    assert ("David E. Kendall", "person", "David Kendall") in people
    assert ("Sergey Lavrov", "person", "Sergei Lavrov") in people
    assert ("Post", "organisation", "") in people
    assert ("n5", "Post", "person", "Marjorie Merriweather Post", "person") in by_mention
    assert ("n3", "Post", "organisation", "Post", "organisation") in by_mention
    assert ("Acme", "organisation", "ACME") in people  # one row; the name: the first article's form (n10 < n9)


def test_canonical_form_fullest_then_most_used_then_longest_then_first_article():
    assert canonical_form({"David Kendall": (5, "a1"), "David E. Kendall": (1, "a9")}) == "David E. Kendall"
    assert canonical_form({"Sergei Lavrov": (1, "a1"), "Sergey Lavrov": (2, "a2")}) == "Sergey Lavrov"
    assert canonical_form({"S. Lavrov": (1, "a1"), "Sergey Lavrov": (1, "a2")}) == "Sergey Lavrov"
    assert canonical_form({"Sergei Lavrov": (1, "a2"), "Sergey Lavrov": (1, "a1")}) == "Sergey Lavrov"
    # titles and suffixes are not words of the name
    assert canonical_form({"President Joe Biden": (1, "a1"), "Joe R. Biden": (1, "a2")}) == "Joe R. Biden"


def test_name_key_reads_run_together_initials_as_initials():
    assert name_key("George HW Bush") == name_key("George H.W. Bush") == name_key("George H. W. Bush")
    assert name_key("The US Army") == "the us army"


@pytest.mark.parametrize("first", ["AP", "Associated Press"])
def test_an_acronym_joins_the_one_organisation_it_stands_for(store, first):
    org = {"AP": "organisation", "Associated Press": "organisation", "Action Party": "organisation"}
    second = "Associated Press" if first == "AP" else "AP"
    put(store, make_record("a1", [(first, "One.")], kinds=org), make_record("a2", [(second, "Two.")], kinds=org))
    assert people_names(store) == ["Associated Press"]
    put(store, make_record("a3", [("Action Party", "Three.")], kinds=org))
    assert people_names(store) == ["Action Party", "Associated Press"]


def test_a_surname_joins_its_one_full_name(store):
    put(store, make_record("a1", [("Barack Obama", "Yes we can.")]), make_record("a2", [("Obama", "Thanks.")]))
    assert people_names(store) == ["Barack Obama"]
