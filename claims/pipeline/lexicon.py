"""The pipeline's general English vocabulary, in one place: month and weekday names, number words,
stop words, and ``word_set`` that every word list is written with.

Nothing here is about a topic or a story; tables of what news measures (casualties, prices) live with
the stage that reads them (``match/frames/lexicon.py``).
"""

from __future__ import annotations

import calendar


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string of space-separated words."""
    return frozenset(text.split())


# --------------------------------------------------------------------------------------------------
# Calendar

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {name.lower(): index for index, name in enumerate(calendar.day_name)}

MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
MONTH_FULL_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


def month_number(word: str) -> int | None:
    """1 for "January", "Jan" or "Jan."; None for a word that names no month."""
    return MONTHS.get(word.lower().rstrip("."))


# --------------------------------------------------------------------------------------------------
# Number words

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "mio": 1e6,
    "mrd": 1e9,  # German Millionen, Milliarden
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
}
# Words that stand for a number on their own ("a dozen eggs", "a decade of growth").
SPECIAL: dict[str, float] = {"dozen": 12, "score": 20, "decade": 10, "century": 100, "half": 0.5}

# Regex alternations (longest first so "seventeen" is not read as "seven").
_by_length = sorted([*UNITS, *TENS], key=len, reverse=True)
CARDINAL_WORD = "|".join(_by_length)
ORDINAL_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORDINAL_TENS_WORD = "|".join(sorted(TENS, key=len, reverse=True))


# --------------------------------------------------------------------------------------------------
# Stop words

# Function words: a counted noun is never one of them, and a noun phrase ends at one.
FUNCTION_WORDS = word_set(
    "a an the of in on at to for from with by and or but as is are was were be been being has have had "
    "will would can could should may might must that this these those which who whom whose it its their "
    "his her our your my than then so also more most less least very just only about around nearly almost "
    "over under up down out into onto after before since until while when where there here not no per "
    "each every some any all both such what ago later earlier old said says say told including among "
    "between against overall again ever once twice instead too alone apart together ahead behind away back"
)
# Words that say nothing about what a figure is about: left out of a claim's subject terms.
SUBJECT_STOPWORDS = FUNCTION_WORDS | word_set(
    "said says told according while although however also would could year years month months week weeks "
    "day days time times last first since just like well even still yet already new one two three ago "
    "percent cent per monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december today yesterday tomorrow thousand million "
    "billion trillion hundred dozen dozens"
)
# Words that never name the event or thing of a figure's clause (see extract/heads.py).
HEAD_STOPWORDS = word_set(
    """
    a an the of in on at to for from with by and or but as is are was were be been being has have had will would
    can could should may might must that this these those which who whom whose it its their his her our your my
    them him us me they he she we you i than then so also more most less least very just only about around nearly
    almost over under up down out into onto after before since until while when where there here not no per each
    every some any all both such what ago later earlier old said says say told including among between against
    overall again ever once twice instead too alone apart together ahead behind away back even still yet already
    well much many own other another same several few first last next latest past previous recent new one two
    three four five six seven eight nine ten dozen dozens hundred thousand million billion trillion percent cent
    year years month months week weeks day days decade decades century time times today yesterday tomorrow
    tonight morning evening afternoon weekend monday tuesday wednesday thursday friday saturday sunday january
    february march april june july august september october november december do does did doing get got make
    made take took come came go went seem seems seemed become became becoming given
    """
)
# The few function words a menu entry or button label is made with ("Sign in", "Back to top").
MENU_FUNCTION_WORDS = word_set("in out up on off to this the us my your and or of for with all it now here new a an")
# Words two sentences are never compared on: function words and words that only frame a figure (units
# of time, "times", number words).
TERM_STOPWORDS = word_set(
    """
    a about above after again against ago all almost also although am among an and another any are around as at
    be because been before being below between both but by can could did do does doing down during each either
    else even ever every few for from further had has have having he her here hers herself him himself his how
    however i if in into is it its itself just last least less like many may me might more most much must my
    myself nearly near neither next no nor not now of off often on once one only or other our ours ourselves
    out over own past per perhaps quite rather same several she should since so some such than that the their
    theirs them themselves then there these they this those though through thus till to too toward towards
    under until up upon us very was we were what when where whether which while who whom whose why will with
    within without would yet you your yours yourself also already still since soon later earlier ever
    said say says saying told tell according reported report reports added asked
    mr mrs ms dr st
    year years month months week weeks day days decade decades century centuries hour hours minute minutes
    time times today yesterday tomorrow tonight morning evening afternoon weekend annual annually
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    zero two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen dozens
    first second third fourth fifth sixth seventh eighth ninth tenth half
    percent per cent
    """
)
# Words that stand between a figure and its measure at little cost (articles, hedges, auxiliaries), and
# coordinators, which open another clause (see match/frames/words.py).
LIGHT_WORDS = word_set(
    "a an the of to at more than less least about around over nearly almost some up had have has been were was "
    "are is be being their its his her roughly just only"
)
COORDINATORS = word_set("and but while whereas or")
