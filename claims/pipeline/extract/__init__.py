"""Extract: every checkable figure of a cleaned article (counts, ordinals, percentages, money, dates,
durations, quantities) with its sentence, hedge, resolved date and subject."""
