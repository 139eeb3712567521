"""Regex pieces that the scanner and several readers share: how an amount, a scale word, a currency,
a time unit or a unit of measure is written."""

from __future__ import annotations

import re

from claims.pipeline.lexicon import CARDINAL_WORD

# Thousands grouped with commas ("1,234,567") or, in other locales, with dots ("1.234.567").
NUM = r"(?:\d{1,3}(?:\.\d{3}){2,}(?![.\d])|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

# A decimal comma ("12,8%", "€3,5 Mrd"): one or two digits after the comma, read so only where a percent sign,
# a scale word or a currency sign says the figure is an amount.
DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?![\d,])"

SCALE_WORD = r"(?:thousand|million|billion|trillion|crores?|lakhs?|lac|bn|mn|mln|tn|trn|mrd|mio)\b"

AMOUNT = rf"(?:{DECIMAL_COMMA}|{NUM})"

CURRENCY_SIGN = (
    r"(?:US\$|U\.S\.\s?\$|AU?\$|CA?\$|HK\$|S\$|NZ\$|R\$|NT\$|\$|€|£|¥|₹|₩|₽|₦|₺|\bRs\.?"
    r"|\b(?:USD|EUR|GBP|CNY|RMB|JPY|INR|CHF|AUD|CAD|RUB|BRL|ZAR|KRW)(?=\s?\d))"
)

TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|quarters?)"

CARDINAL_SEQUENCE = (
    rf"(?:{CARDINAL_WORD})(?:[\s-]+(?:and\s+)?(?:{CARDINAL_WORD}|hundred|thousand|million|billion|trillion|"
    rf"dozen|lakh|crore)\b)*"
)

SCALE_AFTER = re.compile(rf"\s?{SCALE_WORD}|(?:k|m|bn|b)\b", re.I)

PERCENT_AFTER = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pc\b)|\s+percentage\s+points?\b", re.I)

CURRENCY_AFTER = re.compile(
    r"\s+(?:(?:US|U\.S\.|Hong\s+Kong|Australian|Canadian|Swiss|Singapore|New\s+Zealand)\s+)?"
    r"(?:dollars?|yuan|renminbi|euros?|pounds?(?:\s+sterling)?|sterling|rupees?|yen|roubles?|rubles?|francs?|"
    r"won|pesos?|rand|naira|shillings?|dirhams?|riyals?|lira|reais|taka|ringgit|baht|rupiah|hryvnias?|zloty)\b"
    r"|\s?(?:USD|EUR|GBP|CNY|RMB|JPY|INR|CHF|AUD|CAD|RUB|BRL|ZAR|KRW|HKD|SGD)\b",
)

TIME_AFTER = re.compile(rf"(?:\s+|-)(?P<unit>{TIME_UNIT})\b(?P<tail>(?:-|\s+)(?:old|ago|later|earlier|long)\b)?", re.I)

MEASURE_AFTER = re.compile(
    r"[\s-]?(?P<unit>magnitude|metric\s+(?:tonnes?|tons?)|km/h|kph|mph|sq\.?\s?km|km²|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|kg|kilo(?:gram)?s?|"
    r"tonnes?|tons?|barrels?|bpd|litres?|liters?|gallons?|acres?|hectares?|square\s+(?:kilomet(?:re|er)s?|miles?|"
    r"met(?:re|er)s?|feet)|cubic\s+met(?:re|er)s?|feet|ft|foot|inch(?:es)?|cm|mm|°\s?[CF]|degrees?(?:\s+(?:Celsius|"
    r"Fahrenheit))?|MW|GW|kW|kWh|MWh|GWh|TWh|mg|lbs?|calories|kcal|basis\s+points|points|goals|runs|wickets|votes|seats)\b",
)

GLUED_LETTER_UNIT = re.compile(r"(?:m|g|C|F|K)\b")

NEXT_WORDS = re.compile(r"(?:\s+[A-Za-z][\w'\u2019-]*){1,4}")

WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")

TIME_ZONE_AFTER = re.compile(r"\s?(?:GMT|UTC|IST|EST|EDT|PST|PDT|CET|CEST|BST|ET|PT|local\s+time)\b")

NOUN_PREMODIFIERS = frozenset(("more", "fewer", "less", "additional", "extra", "new", "other", "further"))
