"""Any mention of an article resolved as a speaker mention is: the speakers' public API
for the graph layer (addressees, about, event participants).

``speakers.resolve_article`` gives a :class:`MentionResolver` beside the people and
the speakers; ``MentionResolver.resolve`` takes a mention (its head token and
span) and gives ``(name, person index)``, the index into the record's ``people``:
a name of a person or organisation, a list of names for a group, ``(None, None)``
when unresolved. It shares the speakers' entities, so "him" in "told him" finds
the same people the speakers did, and a group made here is a group there.
"""
from __future__ import annotations

from typing import Optional, Union

from .found import Attribution
from .groups import GROUP_WORDS, pair_around, plural
from .record import Span

Name = Union[str, list[str], None]
PRONOUNS_M = {"he", "him", "his"}
PRONOUNS_F = {"she", "her"}


class MentionResolver:
    """Resolves mentions of one article against its speakers' entities (``speakers.Resolver``)."""

    def __init__(self, resolver, new_index: dict[int, int]):
        self.resolver = resolver
        self.new_index = new_index  # entity index -> index into the record's people

    def name_of(self, idx: Optional[int]) -> Name:
        """The canonical name of an entity, the members' names for a group."""
        if idx is None:
            return None
        ents = self.resolver.entities
        e = ents[idx]
        return ([ents[m].name for m in e.members] if e.members else e.name) or None

    def resolve(self, head: int, span: Span, parts: list[Span] = (), not_person: Optional[int] = None
                ) -> tuple[Name, Optional[int]]:
        """(name, person index) of the mention headed by token ``head``; never the person
        ``not_person`` (a quote's own speaker is not its addressee). ``parts``: the content of
        the quote the mention belongs to (people named there are not the mention)."""
        res = self.resolver
        att = Attribution(type="indirect", parts=list(parts), cue=None, speaker_tok=head, speaker=span)
        tok = res.doc[head]
        excluded = {old for old, new in self.new_index.items() if new == not_person}
        for old in list(excluded):
            excluded.update(res.entities[old].members)
        low = tok.lower_
        if low in PRONOUNS_M or low in PRONOUNS_F:
            idx = res.pronoun(tok, "m" if low in PRONOUNS_M else "f", att, excluded)
        elif tok.pos_ == "NOUN" and tok.tag_ == "NNS" and any(c.lower_ in GROUP_WORDS for c in tok.children):
            idx = plural(res, tok, att)  # "the two men", "both leaders"
            if idx is None and any(c.lower_ in ("two", "both") for c in tok.children):
                idx = pair_around(res, tok)
        else:
            idx = res.resolve(att)
            if idx in excluded:
                idx = None
        if idx is None:
            return None, None
        return self.name_of(idx), self.new_index.get(idx)
