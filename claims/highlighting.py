"""Mark claims inside article text, safely: every piece of article text is escaped, and
the only markup added is our own <mark>/<span> elements built with format_html."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: offsets into the text being rendered, a CSS class, a label."""

    start: int
    end: int
    css: str = "claim-mark"
    label: str = ""  # read by screen readers after the marked text, e.g. "review: done"
    anchor: str = ""  # element id, so a list can link to the claim in the text


def _join(parts: Iterable[str]) -> SafeString:
    """Concatenate; any part that is not already safe markup gets escaped (no mark_safe here)."""
    return format_html_join("", "{}", ((part,) for part in parts))


def highlight(text: str, spans: Iterable[Span]) -> SafeString:
    """The text, escaped, with each span wrapped in a <mark>. Overlapping spans are dropped
    (the earlier one wins) so the markup always nests properly."""
    parts: list[str] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, 0), min(span.end, len(text))
        if start < cursor or end <= start:
            continue
        parts.append(escape(text[cursor:start]))
        label = format_html('<span class="visually-hidden"> ({})</span>', span.label) if span.label else ""
        if span.anchor:
            parts.append(
                format_html('<mark class="{}" id="{}">{}{}</mark>', span.css, span.anchor, text[start:end], label)
            )
        else:
            parts.append(format_html('<mark class="{}">{}{}</mark>', span.css, text[start:end], label))
        cursor = end
    parts.append(escape(text[cursor:]))
    return _join(parts)


def locate(haystack: str, needle: str, hint: int) -> tuple[int, int] | None:
    """Where the claim's text sits in a sentence or paragraph: at the stored offset when it
    matches there, else the occurrence nearest to it (offsets drift when text is re-cleaned)."""
    if not needle:
        return None
    if 0 <= hint <= len(haystack) - len(needle) and haystack[hint : hint + len(needle)] == needle:
        return hint, hint + len(needle)
    best: int | None = None
    found = haystack.find(needle)
    while found >= 0:
        if best is None or abs(found - hint) < abs(best - hint):
            best = found
        found = haystack.find(needle, found + 1)
    return None if best is None else (best, best + len(needle))


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) of cleaned article text holding offsets start..end."""
    para_start = text.rfind("\n", 0, max(start, 0)) + 1
    para_end = text.find("\n", end)
    return para_start, len(text) if para_end < 0 else para_end


def highlight_in_sentence(sentence: str, claim_text: str, offset: int, css: str = "claim-mark") -> SafeString:
    """The sentence with the claim marked (offset = claim start relative to the sentence)."""
    where = locate(sentence, claim_text, offset)
    return highlight(sentence, [Span(*where, css=css)] if where else [])


def highlight_in_paragraph(
    text: str, *, claim_start: int, claim_end: int, sentence_start: int, sentence: str
) -> SafeString:
    """The claim's paragraph, its sentence set off and the claim marked within it."""
    para_start, para_end = paragraph_bounds(text, claim_start, claim_end)
    paragraph = text[para_start:para_end]
    sentence_where = locate(paragraph, sentence, sentence_start - para_start)
    claim_where = (claim_start - para_start, claim_end - para_start)
    if not (0 <= claim_where[0] < claim_where[1] <= len(paragraph)):
        return escape(paragraph)
    if sentence_where is None or not (sentence_where[0] <= claim_where[0] and claim_where[1] <= sentence_where[1]):
        return highlight(paragraph, [Span(*claim_where)])
    s_start, s_end = sentence_where
    inner = highlight(paragraph[s_start:s_end], [Span(claim_where[0] - s_start, claim_where[1] - s_start)])
    return _join(
        [
            escape(paragraph[:s_start]),
            format_html('<span class="claim-sentence">{}</span>', inner),
            escape(paragraph[s_end:]),
        ]
    )
