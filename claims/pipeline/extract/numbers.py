"""Currencies, and figures read from digits and from number words (the words are in lexicon.py).

Kept apart from the scanner so the tables can be tested and extended without touching the regexes.
"""

from __future__ import annotations

import math
import re

from claims.pipeline.lexicon import ORDINALS, SCALES, SPECIAL, TENS, UNITS

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
