"""The head of a figure: the event or thing its number attaches to, read from the figure's own clause.

A year or a day is only evidence of one fact together with what happened then: "took over the
presidency in 2012" is about the presidency, "her last visit to Lyon in 2019" about a visit, not about
everything else the sentence says. ``figure_head`` finds those words with a cheap local walk, no parser:

* the clause is cut at punctuation (commas, brackets, dashes, quotes) and at words that open another
  clause ("before", "after", "when", "which", "because", ...); the figure's own preposition ("in 2012",
  "since last year") and its hedge ("just before") are skipped first;
* walking away from the figure, prepositions cut the clause into segments: the nearest segments are the
  prepositional phrases the figure sits in ("at a summit", "in Lisbon"), the last one is the core of
  the clause ("the new chairman took"). The word of each segment nearest the figure is its head and
  weighs most; farther segments weigh less, and a role phrase ("as mayor") away from the figure weighs
  little ("her first visit as mayor to Lyon in 2015" is about a visit);
* a figure that opens its sentence ("In 2019, the leader threw ...", "Last year, just weeks before
  ..., the leaders met") takes the main clause after it, skipping a subordinate clause first;
* a clause opened by "which"/"who" also takes the noun it refers to ("the war, which started in 2022");
* a figure used as a modifier ("the March 3-5 strike") takes the noun right after it.

Capitalised words inside prepositional phrases are kept apart as *places* (names the event happened
at, to or in): two reports of one event should not name different places there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.pipeline.lexicon import HEAD_STOPWORDS, word_set

WINDOW = 160  # characters read on each side of the figure
MAX_WORDS_PER_SIDE = 14
MAX_SEGMENTS = 3
SEGMENT_DECAY = 0.7
OF_WEIGHT = 0.6  # the complement in "the invasion of the island", "chief executive of the airline"
ROLE_WEIGHT = 0.4  # "as president", "like a friend": a role or comparison, not the event itself

_TOKEN = re.compile(
    r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d.,:]*[A-Za-z]*|[,;:()\[\]\"\u201c\u201d\u2014\u2013]|(?<=\s)-(?=\s)"
)
_PUNCTUATION = frozenset(',;:()[]"\u201c\u201d\u2014\u2013-')


PREPOSITIONS = word_set(
    "in on at to from of for with by over into onto during across near under between against among amid via "
    "through throughout toward towards around within without upon despite behind beyond inside outside off "
    "like as per past"
)
# Words that open another clause: the figure's clause ends there.
SUBORDINATORS = word_set(
    "before after when whenever which who whom whose while whereas because although though if unless until "
    "till since where once whether so but and_then"
)
_ROLE_PREPOSITIONS = word_set("as like")
_CLAUSE_WORDS = SUBORDINATORS | {"as"}
_RELATIVE = word_set("which who")
# Words that may stand between a figure and its own preposition ("just before", "shortly after").
_HEDGES = word_set("just shortly soon about around nearly almost roughly some approximately only early late mid")
_OBJECT_PRONOUNS = word_set("he she they it we i you there this these those")
# Verbs too light to be an event on their own ("made a visit": the visit is the event). They stay out
# of the head, except when they are all there is.
_LIGHT_VERBS = word_set("make made take took come came go went become became becoming get got give gave have had")


@dataclass(frozen=True)
class Head:
    """What a figure is about: weighted event words (lower case) and the places named around it."""

    events: tuple[tuple[str, float], ...] = ()
    places: tuple[str, ...] = ()

    def terms(self, limit: int = 4) -> tuple[str, ...]:
        """The heaviest event words, then the places, as the subject of an extracted claim."""
        ranked = [word for word, _weight in sorted(self.events, key=lambda item: -item[1])]
        return tuple(dict.fromkeys(ranked[: max(1, limit - len(self.places[:2]))] + list(self.places[:2])))[:limit]


@dataclass
class _Segment:
    preposition: str | None
    words: list[str]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _opens_clause(lower: str, following: str | None) -> bool:
    """A word that opens another clause. "as" opens one before a name or a pronoun ("as Maria lands")."""
    if lower in SUBORDINATORS:
        return True
    if lower == "as" and following is not None:
        return following[:1].isupper() or following.lower() in _OBJECT_PRONOUNS
    return False


def _walk(tokens: list[str], *, backwards: bool) -> tuple[list[_Segment], str | None, int]:
    """Segments of the clause next to the figure, the boundary word that ended it, and tokens used."""
    order = tokens[::-1] if backwards else tokens
    segments = [_Segment(None, [])]
    boundary: str | None = None
    words = 0
    index = 0
    for index, token in enumerate(order):
        if token in _PUNCTUATION:
            boundary = token
            break
        lower = token.lower()
        if lower in _CLAUSE_WORDS:
            neighbour_index = index - 1 if backwards else index + 1
            neighbour = order[neighbour_index] if 0 <= neighbour_index < len(order) else None
            if _opens_clause(lower, neighbour):
                boundary = lower
                break
        if lower in PREPOSITIONS:
            if backwards:
                segments[-1].preposition = lower
                segments.append(_Segment(None, []))
            else:
                segments.append(_Segment(lower, []))
            if len(segments) > MAX_SEGMENTS + 1:
                segments.pop()
                break
        elif token[0].isalpha():
            segments[-1].words.append(token)
            words += 1
            if words >= MAX_WORDS_PER_SIDE:
                index += 1
                break
    else:
        index = len(order)
    return [s for s in segments if s.words], boundary, index


def _is_content(word: str) -> bool:
    lower = word.lower()
    return len(lower) >= 3 and lower not in HEAD_STOPWORDS and lower.replace("-", "").isalpha()


def _clean(word: str) -> str:
    word = word.rstrip("'\u2019")
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    return word


def _read_segments(
    segments: list[_Segment], *, nearest_is_head: bool, scale: float, events: dict[str, float], places: list[str]
) -> None:
    """Weigh the words of each segment: its head (nearest the figure, or last when reading forward) most."""
    level = scale
    for rank, segment in enumerate(segments):
        weight = level
        if segment.preposition == "of":
            weight *= OF_WEIGHT  # "the head of the airline": the noun before "of" is the head, not decayed
        else:
            level *= SEGMENT_DECAY
        if segment.preposition in _ROLE_PREPOSITIONS and rank > 0:
            weight *= ROLE_WEIGHT  # "a visit as mayor to Lyon in 2015"; but "took over as chief in 2019"
        ordered = segment.words if nearest_is_head else list(reversed(segment.words))
        content = [_clean(w) for w in ordered if _is_content(_clean(w))]
        head_taken = False
        for word in content:
            if word[:1].isupper():
                if segment.preposition is not None and word not in places:
                    places.append(word)
                continue
            lower = word.lower()
            share = weight if not head_taken else weight * 0.6
            if lower in _LIGHT_VERBS:
                share *= 0.3
            else:
                head_taken = True
            events[lower] = max(events.get(lower, 0.0), round(share, 3))


def figure_head(sentence: str, start: int, end: int) -> Head:
    """The event words and places of the clause that the figure at sentence[start:end] belongs to."""
    before = _tokens(sentence[max(0, start - WINDOW) : start])
    after = _tokens(sentence[end : end + WINDOW])
    # The figure's own preposition and hedge: "in 2012", "just before 9 am", "since last year".
    skipped = 0
    own_preposition = False
    while (
        before
        and skipped < 3
        and (before[-1].lower() in PREPOSITIONS or before[-1].lower() in _HEDGES or before[-1].lower() in SUBORDINATORS)
    ):
        own_preposition = own_preposition or before[-1].lower() not in _HEDGES
        before.pop()
        skipped += 1
    events: dict[str, float] = {}
    places: list[str] = []
    segments, boundary, used = _walk(before, backwards=True)
    _read_segments(segments, nearest_is_head=True, scale=1.0, events=events, places=places)
    if boundary in _RELATIVE:
        # "the strike at the port, which started in 2021": the clause is about the noun "which" points back to.
        rest = before[: len(before) - used - 1]
        if rest and rest[-1] == ",":
            rest = rest[:-1]
        antecedent, _boundary, _used = _walk(rest, backwards=True)
        _read_segments(antecedent[:2], nearest_is_head=True, scale=0.8, events=events, places=places)
    # A figure used as a modifier, right after a determiner or a possessive: "the March 3-5 strike".
    next_word = after[0] if after else ""
    modifies_next = next_word[:1].islower() and _is_content(next_word) and not next_word.endswith(("ing", "ed"))
    if modifies_next and not own_preposition:
        modified, _boundary, _used = _walk(after, backwards=False)
        if modified:
            head_word = modified[0].words[0]
            for word in events:
                events[word] = round(events[word] * 0.6, 3)  # the verb before "the 2019 report" weighs less
            events[head_word.lower()] = 1.0
            _read_segments(modified[1:2], nearest_is_head=False, scale=0.7, events=events, places=places)
    if not events and not places:
        # A figure that opens its clause: "In 2019, the leader threw ...", "Last year, just weeks before
        # ..., the leaders met ...". Skip a subordinate clause, then read the main one.
        rest = after
        while rest and rest[0] in _PUNCTUATION:
            rest = rest[1:]
        opening = [t.lower() for t in rest[:3]]
        if rest is after and opening and opening[0] in SUBORDINATORS:
            rest = rest[1:]  # "Ten years after the dam opened": the clause the figure leads into
        elif any(word in SUBORDINATORS for word in opening) and "," in rest:
            rest = rest[rest.index(",") + 1 :]
        main, _boundary, _used = _walk(rest, backwards=False)
        _read_segments(main[:2], nearest_is_head=False, scale=1.0, events=events, places=places)
    return Head(tuple(sorted(events.items())), tuple(places))
