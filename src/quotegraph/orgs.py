"""Proper-noun speakers the recogniser missed, and what kind of entity they are.

Functions of a ``speakers.Resolver`` (passed in as ``res``):

- ``bare_name``: a capitalised speaker outside any recognised name ("Hale said",
  "The Courier reported") is matched by surname to a person of the article, else
  it starts an entity of its own: an organisation when its name ends as one's does
  (``data/media_words.txt``: "the Courier", "Lakeside Trust"), never a person when
  it names a place ("Riverside", "Kent") or stands in a headline;
- ``owned_organisation``: "his campaign", "Gowdy's office", "the Trump team": an
  organisation named after its owner ("Gowdy’s office", "Trump team"), one per owner
  and noun;
- ``same_organisation``: whether a name is one of an organisation's: the same words, one
  the end of the other ("the Gazette", "Harbour Gazette"; not "the Department of Justice"
  in "Office of the Inspector General of the Department of Justice"), or initials ("NHS"); a
  generic name ("the Department", "the Committee") fits every organisation so named
  but joins no two of them;
- ``new_entity``: a person or organisation known by these name words.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span as SpacySpan, Token

from .entities import place_name
from .found import Attribution
from .lexicons import lexicon
from .names import Entity, fold, headline, is_first_name, is_organisation_name, name_tokens, title_gender
from .nlp import doc_text
from .record import Span

PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")


def generic_name(words: list[str]) -> bool:
    """A name made only of nouns any organisation may be called by ("Department", "Committee")."""
    nouns = lexicon("org_nouns.txt")
    return all(w.lower() in nouns for w in words)


def same_organisation(words: list[str], forms: list[list[str]]) -> bool:
    """Whether ``words`` name the organisation known by ``forms`` (see the module's doc)."""
    folded = [fold(w) for w in words]
    for f in forms:
        other = [fold(w) for w in f]
        if other == folded:
            return True
        if generic_name(f) and not generic_name(words):
            continue  # never a bridge between two departments
        if other[-len(folded):] == folded and _whole_name_end(other, len(folded)) or \
                folded[-len(other):] == other and _whole_name_end(folded, len(other)):
            return True
        if len(words) == 1 and words[0].isupper() and "".join(w[0] for w in f if w[0].isupper()) == words[0]:
            return True
    return False


def _whole_name_end(longer: list[str], n: int) -> bool:
    """Whether the last ``n`` words of a name are a name of the same body, not the one it
    belongs to ("Department of Justice" in "Office of the Inspector General of the Department
    of Justice")."""
    return len(longer) == n or longer[-n - 1] not in ("of", "the", "for", "on", "at", "in")


def new_entity(res, kind: str, words: list[str]) -> int:
    """A new entity of this kind known by these name words; its index."""
    res.entities.append(Entity(kind=kind, forms=[words]))
    return len(res.entities) - 1


def _is_place(tok: Token, words: list[str]) -> bool:
    """A one-word name that stands for a place, not a person: tagged as one, or a state's name
    (a longer one tagged as a place is more often a foreign name: "Kemi Adeyemi")."""
    return len(words) == 1 and (tok.ent_type_ in PLACE_LABELS or place_name(words[0]) is not None)


def bare_name(res, tok: Token, span: Span) -> Optional[int]:
    """A proper-noun speaker the NER missed: a person by surname, else a new person or
    organisation; None for what is not a name ("Republicans", "a national Gallup Poll")."""
    text = doc_text(res.doc)
    words = name_tokens(text[span[0]:span[1]])
    if not words or not words[-1][:1].isupper() or tok.tag_ == "NNPS" or \
            headline(text, res.doc[tok.i:tok.i + 1]) or \
            any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) or \
            any(c.lower_ in ("more", "many", "some", "most") for c in tok.children):
        return None
    after_the = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or \
        text[span[0]:span[0] + 4].lower() == "the "
    if is_organisation_name(words, after_the) and not is_first_name(words[0], strict=True):
        found = res.match_name(words, "organisation", tok.i)
        return found if found is not None else new_entity(res, "organisation", words)
    idx = res.match_name(words, "person", tok.i, title_gender(res.np_tokens(span)))
    if idx is None:
        return None if _is_place(tok, words) else new_entity(res, "person", words)
    if words not in res.entities[idx].forms:
        res.entities[idx].forms.append(words)  # "Kemi Adeyemi", the recogniser knowing only "Adeyemi"
    return idx


def organisation_extended(ent: SpacySpan) -> SpacySpan:
    """An organisation's name the recogniser cut or padded: taken on over the capitalised noun
    its last word qualifies ("the pro-Christie [Union] Leader") and over "of (the)" and a
    second organisation when it ends in a body's noun ("the [Science and Technology
    Directorate] of [the Department of Homeland Security]"); without a hyphenated modifier
    before two capitalised words ("pro-Christie")."""
    if ent.label_ != "ORG":
        return ent
    doc, start, end = ent.doc, ent.start, ent.end
    while end < len(doc) and end - start < 8 and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
            and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not doc[end].ent_type_ \
            and doc[end].lower_ not in lexicon("role_nouns.txt"):  # "the Labour [Leader]" is a person
        end += 1
    after = end + 1 + (end + 2 < len(doc) and doc[end + 1].lower_ == "the" and doc[end + 1].ent_iob_ != "B")
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end - 1].lemma_.lower() in lexicon("org_nouns.txt") \
            and after < len(doc) and doc[after].ent_type_ == "ORG" and doc[after].ent_iob_ == "B":
        end = after + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    if start + 5 <= end and doc[start].is_lower and doc[start + 1].text == "-" and not doc[start].whitespace_ \
            and not doc[start + 1].whitespace_ and all(t.text[:1].isupper() for t in doc[start + 2:start + 5]):
        start += 3  # "pro-Christie Union Leader": a modifier, not the name
    return ent if (start, end) == (ent.start, ent.end) else SpacySpan(doc, start, end, label="ORG")


def entity_words(ent: SpacySpan) -> list[str]:
    """The name words of a recognised name; an organisation keeps a plural possessive inside
    its name ("the Irish Farmers' Association", not "Association")."""
    text = ent.text
    if ent.label_ == "ORG" and any(t.tag_ == "POS" and t.text in ("'", "’") and t.i < ent.end - 1 for t in ent):
        text = "".join(t.text_with_ws if not (t.tag_ == "POS" and t.text in ("'", "’")) else t.whitespace_
                       for t in ent)
    return name_tokens(text)


def owned_organisation(res, tok: Token, att: Optional[Attribution] = None) -> Optional[int]:
    """"his campaign", "Gowdy's office", "the Trump team": the organisation of a person, named
    by the person's surname and the noun ("Gowdy’s office", "Trump team"); None when the owner
    is no person of the article."""
    owner = None
    att = att or Attribution(type="indirect", parts=[], cue=None, speaker_tok=tok.i, speaker=None)
    for c in tok.children:
        if c.dep_ == "poss" and c.i in res.by_token:
            owner, words = res.by_token[c.i], ["’s", tok.lemma_.lower()]
        elif c.dep_ == "poss" and c.lower_ in ("his", "her"):
            owner, words = res.pronoun(c, "m" if c.lower_ == "his" else "f", att), ["’s", tok.lemma_.lower()]
        elif c.dep_ == "compound" and c.pos_ == "PROPN" and c.i in res.by_token:
            owner, words = res.by_token[c.i], ["", tok.lemma_.lower()]
        if owner is not None:
            break
    if owner is None or res.entities[owner].kind != "person" or not res.entities[owner].forms:
        return None
    words = [res.entities[owner].forms[0][-1] + words[0], words[1]]
    for i, e in enumerate(res.entities):
        if e.kind == "organisation" and words in e.forms:
            return i
    return new_entity(res, "organisation", words)
