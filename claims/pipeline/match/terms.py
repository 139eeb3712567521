"""The words two sentences are compared on: content words with their offsets, names told apart, a light
stem so inflections meet (invade/invasion), and broad event classes ("talks" and "met" are meetings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.pipeline.lexicon import TERM_STOPWORDS
from claims.pipeline.match.frames.words import fold

WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


_IRREGULAR = {
    "met": "meet",
    "began": "begin",
    "begun": "begin",
    "took": "take",
    "taken": "take",
    "won": "win",
    "lost": "lose",
    "fell": "fall",
    "fallen": "fall",
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "paid": "pay",
    "sold": "sell",
    "bought": "buy",
    "held": "hold",
    "led": "lead",
    "left": "leave",
    "made": "make",
    "went": "go",
    "gone": "go",
    "came": "come",
    "gave": "give",
    "given": "give",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "ran": "run",
    "spent": "spend",
    "struck": "strike",
    "fought": "fight",
    "brought": "bring",
    "built": "build",
    "chose": "choose",
    "chosen": "choose",
    "drew": "draw",
    "drawn": "draw",
    "drove": "drive",
    "driven": "drive",
    "flew": "fly",
    "flown": "fly",
    "kept": "keep",
    "sent": "send",
    "shot": "shoot",
    "sat": "sit",
    "spoke": "speak",
    "spoken": "speak",
    "stood": "stand",
    "threw": "throw",
    "thrown": "throw",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "killed": "kill",
    "died": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
    "born": "birth",
    "births": "birth",
    "wounded": "injur",
    "injured": "injur",
    "children": "child",
    "people": "person",
    "men": "man",
    "women": "woman",
    "lives": "life",
}

# Event nouns and verbs that name one kind of event in general English: "dozens of interactions" and
# "met 40 times" count the same encounters. Only a few broad classes, none about a particular story.
EVENT_CLASSES: dict[str, str] = {
    word: name
    for name, words in {
        "meeting": "meet meets met meeting meetings talks interaction interactions contact contacts encounter "
        "encounters summit summits negotiations",
        "armed-conflict": "war wars invasion invasions invade invades invaded invading assault assaults attack "
        "attacks attacked offensive offensives incursion incursions fighting hostilities",
        "agreement": "deal deals agreement agreements accord accords pact pacts treaty treaties",
        "appointment": "appointed appointment appoint named elected election inaugurated inauguration sworn",
    }.items()
    for word in words.split()
}

_VOWELS = set("aeiou")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic stem so inflections and a few derivations meet (invade/invasion, visits/visit)."""
    w = word.lower().replace("'", "")
    if w.endswith("s") and len(w) > 3 and word[-2:] in ("'s",):
        w = w[:-1]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w.endswith("sion") and len(w) > 5 and w[-5] in _VOWELS:
        w = w[:-4] + "d"  # invasion -> invad, decision -> decid, division -> divid
    elif w.endswith("ation") and len(w) > 6:
        w = w[:-5] + "at"  # relation -> relat, creation -> creat
    elif w.endswith("tion") and len(w) > 5:
        w = w[:-3]  # election -> elect
    elif w.endswith("ency") and len(w) > 5:
        w = w[:-4] + "ent"  # presidency -> president
    elif w.endswith(("ment", "ness")) and len(w) > 6:
        w = w[:-4]
    elif w.endswith("ian") and len(w) > 5:
        w = w[:-1]  # Nigerian -> Nigeria, Bolivian -> Bolivia
    elif w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3 and w[-2] not in _VOWELS:
        w = w[:-1] + "i"
    return w


def event_term(word: str) -> str:
    """A word's event class when it has one ("talks" -> "meeting"), else its stem."""
    lower = word.lower().replace("\u2019", "'")
    return EVENT_CLASSES.get(lower) or stem(lower)


@dataclass(frozen=True)
class Token:
    stem: str
    start: int
    end: int
    entity: bool


def tokens_of(sentence: str) -> list[Token]:
    """Content words of a sentence with their offsets; capitalised words not opening the sentence are entities."""
    folded = fold(sentence)
    out: list[Token] = []
    for index, match in enumerate(WORD.finditer(folded)):
        raw = match.group(0)
        if raw.endswith("'s"):
            raw = raw[:-2]
        lower = raw.lower()
        if lower in TERM_STOPWORDS or len(lower) < 2:
            continue
        entity = raw[:1].isupper() and (index > 0 or lower not in TERM_STOPWORDS)
        out.append(Token(stem(lower), match.start(), match.end(), entity))
    return out
