"""Number words, scale words and currencies: the vocabulary the claim extractor reads figures with.

Kept apart from the scanner so the tables can be tested and extended without touching the regexes.
"""

from __future__ import annotations

import math
import re

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

# Currency symbols / codes written before the amount, and words / codes written after it.
CURRENCY_PREFIX: dict[str, str] = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "s$": "SGD",
    "nz$": "NZD",
    "r$": "BRL",
    "nt$": "TWD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₦": "NGN",
    "₺": "TRY",
    "rs": "INR",
    "rs.": "INR",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "cny": "CNY",
    "rmb": "CNY",
    "jpy": "JPY",
    "inr": "INR",
    "chf": "CHF",
    "aud": "AUD",
    "cad": "CAD",
    "rub": "RUB",
    "brl": "BRL",
    "zar": "ZAR",
    "krw": "KRW",
}
CURRENCY_WORD: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "rupee": "INR",
    "rupees": "INR",
    "yen": "JPY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "franc": "CHF",
    "francs": "CHF",
    "swiss francs": "CHF",
    "won": "KRW",
    "peso": "MXN",
    "pesos": "MXN",
    "rand": "ZAR",
    "naira": "NGN",
    "shilling": "KES",
    "shillings": "KES",
    "dirham": "AED",
    "dirhams": "AED",
    "riyal": "SAR",
    "riyals": "SAR",
    "lira": "TRY",
    "reais": "BRL",
    "real": "BRL",
    "taka": "BDT",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "zloty": "PLN",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
    **{
        code.lower(): code
        for code in (
            "USD",
            "EUR",
            "GBP",
            "CNY",
            "RMB",
            "JPY",
            "INR",
            "CHF",
            "AUD",
            "CAD",
            "RUB",
            "BRL",
            "ZAR",
            "KRW",
            "HKD",
            "SGD",
            "NZD",
            "MXN",
            "AED",
            "SAR",
        )
    },
}
CURRENCY_WORD["rmb"] = "CNY"

_SPLIT = re.compile(r"[\s\-\u2013]+")


_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")


def parse_digits(token: str) -> float | None:
    """Read "1,280.5", ".5", "12,8" (a decimal comma) or "1.234.567" (dots between thousands) as a float.

    None when it is not a finite number. A comma followed by one or two digits can only be a decimal comma;
    the caller decides from the context whether the figure is an amount at all.
    """
    if _DECIMAL_COMMA.fullmatch(token):
        token = token.replace(",", ".")
    elif _DOT_THOUSANDS.fullmatch(token):
        token = token.replace(".", "")
    try:
        value = float(token.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_number_words(phrase: str) -> float | None:
    """Read "thirty-two", "two hundred and fifty thousand", "a dozen", "a hundred" as a number."""
    total = 0.0
    current = 0.0
    seen = False
    for word in _SPLIT.split(phrase.lower()):
        if not word or word in ("and", "a", "an", "of"):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SPECIAL:
            current = (current or 1) * SPECIAL[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_ordinal_word(phrase: str) -> int | None:
    """Read "third", "twenty-first", "40th" as an integer."""
    phrase = phrase.lower()
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", phrase)
    if digits:
        return int(digits.group(1))
    parts = [p for p in _SPLIT.split(phrase) if p]
    if not parts or parts[-1] not in ORDINALS:
        return None
    head = sum(TENS.get(p, 0) for p in parts[:-1])
    return head + ORDINALS[parts[-1]]


def scale_of(word: str) -> float:
    """The multiplier of a scale word ("bn" → 1e9); 1 for anything else."""
    return SCALES.get(word.lower().rstrip("."), 1.0)
