"""General newsroom vocabulary: which words name one measure, and which measures move over time.

Every list here is ordinary English about what news counts (casualties, money, votes, prices,
shares, growth); none is about a particular story. A measure is named by its concept, so
"killed", "dead", "death toll" and "died" are one measure while the dead and the missing are two.
"""

from __future__ import annotations

from claims.pipeline.lexicon import word_set


def _concepts(table: dict[str, str]) -> dict[str, str]:
    return {word: concept for concept, listed in table.items() for word in listed.split()}


MEASURE_WORDS: dict[str, str] = _concepts(
    {
        "deaths": "kill kills killed killing dead death deaths die died dies dying toll tolls fatalities fatality "
        "lives perished martyred bodies fatal",
        "injuries": "injured injuries injury injuring wounded wounding wounds hurt casualties",
        "missing": "missing unaccounted",
        "displaced": "displaced homeless evacuated evacuees refugees",
        "arrests": "arrested arrests detained detentions",
        "dwellings": "house houses home homes dwellings buildings building",
        "cases": "cases infections infected",
        "votes": "vote votes ballots",
        "seats": "seat seats",
        "turnout": "turnout",
        "magnitude": "magnitude",
        "age": "age aged year-old years-old",
        "premium": "premium",
        # What is paid or offered: a price, a bid, a deal's value (a price per share is told apart by its scope).
        "price": "price prices priced pay paid paying cost costs fare fares offer offers offered bid bids deal deals "
        "acquisition acquisitions takeover buy buys buying acquire acquires acquiring purchase purchases "
        "purchasing merger valued valuing value valuation worth",
        "revenue": "revenue revenues sales turnover",
        "profit": "profit profits earnings",
        "jobs": "jobs employees workers staff employment",
        "population": "population inhabitants residents",
        "capacity": "capacity output production",
        "debt": "debt borrowing deficit",
        "growth": "growth grew grow grows expanded expansion contracted contraction",
        "change": "rise rose risen rising fall fell fallen falling drop dropped dropping decline declined declining "
        "increase increased increasing decrease decreased jump jumped surge surged gain gained gains "
        "plunge plunged slump slumped climb climbed up down higher lower",
    }
)

# Units that name the measure by themselves.
UNIT_MEASURES: dict[str, str] = _concepts(
    {
        "distance": "km kilometre kilometres kilometer kilometers mile miles metre metres meter meters",
        "duration": "second seconds minute minutes hour hours",
        "mass": "tonne tonnes ton tons kg kilogram kilograms pound pounds",
        "volume": "barrel barrels litre litres liter liters gallon gallons",
    }
)

# Metres in one unit, to compare distances written in different units.
LENGTH_UNITS: dict[str, float] = {
    "km": 1000.0,
    "kilometre": 1000.0,
    "kilometres": 1000.0,
    "kilometer": 1000.0,
    "kilometers": 1000.0,
    "mile": 1609.344,
    "miles": 1609.344,
    "metre": 1.0,
    "metres": 1.0,
    "meter": 1.0,
    "meters": 1.0,
}

# Counted nouns that say nothing about what is counted.
GENERIC_NOUNS = word_set("people persons person others individuals times units items civilians residents adults")

# Measures whose value moves as time passes, so that two reports at different times may both be right.
MOVING = frozenset(
    {
        "deaths",
        "injuries",
        "missing",
        "displaced",
        "arrests",
        "dwellings",
        "cases",
        "votes",
        "change",
        "growth",
        "revenue",
        "profit",
        "debt",
    }
)
