"""The matcher's version and its parameters: thresholds, weights and bonuses, and the grid an accuracy
run may tune (``TUNABLE``; bench/accuracy.py --leave-one-out sets them on this module, so the other
modules read them as ``params.NAME``)."""

from __future__ import annotations

MATCHER_VERSION = "match-13-another-thing"

# Two claims join a group when their score reaches this (see the module docstring of bench/match_seeds.py).
LINK_THRESHOLD = 0.16

# A second claim of an article joins a group only if it also resembles its article-mate this much.
SAME_ARTICLE_THRESHOLD = 0.1

# Reports of a changing quantity this many days apart are taken as made at different times.
TIME_SHIFT_DAYS = 3

MAX_KEY_LENGTH = 120

MAX_KEY_TERMS = 8

# Below this many distinct sentences, term rarity is not estimated (every word counts the same).
MIN_SENTENCES_FOR_IDF = 8

# Names count more than other words; words rarer than RARE_TERM_IDF earn a bonus when shared.
ENTITY_WEIGHT = 1.5

RARE_TERM_IDF = 0.6

RARE_BONUS_CAP = 0.25

# Dates: the agreement of the events the dates belong to weighs most (see _time_text_score).
HEAD_WEIGHT = 0.5

AMOUNT_HEAD_WEIGHT = 0.15  # counts: the counted noun is compared apart; the clause's verb ("met") adds to it

STRONG_HEAD = 0.5  # an event word at least this heavy is the clear head of its clause

HEAD_DISAGREEMENT_FACTOR = 0.4

PLACE_CONFLICT_FACTOR = 0.3

DISJOINT_NAMES_FACTOR = 0.5  # sentences that share none of their several names rarely report one fact

NARROW_DAYS = 16  # dates resolved to fewer days than this tie two claims by themselves when they overlap

# The constants an accuracy run may tune (bench/accuracy.py --leave-one-out), with the grid it tries.
TUNABLE: dict[str, tuple[float, ...]] = {
    "LINK_THRESHOLD": (0.12, 0.16, 0.22),
    "MEASURE_BONUS": (0.1, 0.2, 0.3),
    "SAME_MEASURE_VALUE_FLOOR": (0.0, 0.3, 0.6),
}

# Two figures that state the same period earn this much (the scope agrees, not just the words).
PERIOD_BONUS = 0.1

# Figures of one stated measure count as at least this close in value (see _value_proximity).
SAME_MEASURE_VALUE_FLOOR = 0.3

# A later report of a moving measure this many times smaller than an earlier one is of another fact (see _shrank).
SHRINK_FACTOR = 10

# Two figures of one stated measure ("killed" and "death toll") earn this much on top of their words' score.
MEASURE_BONUS = 0.3

# Two exact figures of one specific value (207 seconds, 2,053, 14.9 billion, not 20 or 2) earn this much:
# reports of one story that give the same precise figure mostly give the same fact, however worded.
SAME_VALUE_BONUS = 0.15

# The same for a precise measurement with a unit (a distance, a time, a weight), rarer by chance than a count.
SAME_MEASUREMENT_BONUS = 0.25
