"""Cross-source matching: line up the same fact across articles and suggest how the sources relate.

A reviewer should see in one place what every article says about one quantity. Each claim first gets
a *frame* (``claims.pipeline.match.frames``): its measure ("killed", "dead" and "death toll" are "deaths"),
owner, scope slots (period, per share, round, subgroup, difference or level), reference time and value
interval. Frames decide first: figures of other measures, dimensions or scopes never join, however alike
their sentences; one stated measure or period adds to the words' score (MEASURE_BONUS, PERIOD_BONUS),
and a measure that moves over time (a toll, an estimate) joins whatever its values
(SAME_MEASURE_VALUE_FLOOR), unless a later report is SHRINK_FACTOR times smaller. The relation comes
from the frames too: intervals that overlap agree, reports of a moving measure at other times or of
another vintage are time-shifted, the rest conflict.
Claims are then compared pairwise (``match_score``) on signals that do not depend on the subject of the
news:

* a compatible *kind family* and unit (a count and an ordinal of the same noun; "ten years" and
  "a decade"; a year and a month of that year; a relative date resolved against the publication date);
* the counted noun and the words right around the figure (its verb, the event a date belongs to),
  weighted by their distance to the figure; nouns of one event class meet ("interactions", "met",
  "talks": see ``EVENT_CLASSES``);
* for dates, the *head* of the date's own clause (``extract.heads.figure_head``): the event it dates and the
  places named there. Agreeing heads weigh more than whole-sentence overlap; clauses naming different
  events or different places make a match unlikely, since a shared year is weak evidence on its own;
* resolved dates that overlap, the more so the narrower they are: a day inside a stated range
  ("on Tuesday" within "March 3-5") is one moment of that event;
* named entities and key terms of the whole sentence, lightly stemmed (invade/invasion, visit/visits);
* value proximity, given each figure's hedge ("about 40" and "40th" are compatible, "dozens" is 24-99);
  two exact figures of one precise value ("3:27 minutes", "three minutes and 27 seconds") earn
  SAME_VALUE_BONUS, however differently worded; a precise measurement with a unit and another of its
  kind that excludes it ("2:01:25" and "2:00:35", or "under 2:01") are two facts, unless one is marked as
  the earlier reading ("the previous record of ...").

A figure whose sentence states no period is read in the reporting period its article last stated
(``ClaimRecord.context_period``, see ``match.frames.scope.carried_periods``), and a date that only names a
statistic's period ("in the year to June 2024") is never lined up with other dates.

``blocking_keys`` gives every claim a few short keys (kind family + a key term) so the Django layer
only compares claims that share a key, and ``group_claims`` clusters candidates; ``suggest_relation``
then says whether the sources agree, conflict, or report the same quantity at different times, and
counts copies of one wire story as one origin. Two different days are no conflict when another member
states a range holding both (lunch on Monday, talks on Tuesday, of a visit on March 20-22).

The modules, in the order a claim meets them: ``records`` (what the Django layer hands in and gets
back), ``terms`` (the words compared), ``features`` (what is read off one claim, cached), ``values``,
``scoring``, ``rarity`` (term rarity over the whole store), ``blocking``, ``grouping``, ``relation``
and ``suggestion``; the constants named above, the matcher's version and the grid an accuracy run
tunes are in ``params``.
"""
