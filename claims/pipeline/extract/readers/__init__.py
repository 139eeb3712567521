"""The readers of figures, one module per kind of thing read: counts, ordinals and ranks, percentages,
money, dates, durations and quantities. ``figures.read_number`` reads a bare number (its range, scale
and hedge) and asks each reader in turn what the words after it make of it."""
