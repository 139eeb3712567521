"""Whitespace and paragraph layout of cleaned text.

Every later stage (claim offsets, sentence splitting, copy detection) reads the same
shape: no control characters, single spaces, one paragraph per block, blocks separated
by one blank line, whatever the source used (newlines, blank lines, hard wrapping).
"""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
# C0/C1 controls except tab and newline, zero-width characters, byte-order marks, soft hyphens.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SENTENCE_END = re.compile(r"[.!?:;\"'\u2019\u201d)\]]$")

MIN_WRAPPED_LINES = 5
MAX_WRAP_WIDTH = 100


def normalize_whitespace(text: str) -> str:
    """One kind of newline, no control or invisible characters, single spaces, stripped lines."""
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def paragraphs(text: str) -> list[str]:
    """Split normalized text into paragraphs, re-joining hard-wrapped lines when the text is wrapped."""
    lines = text.split("\n")
    if not _is_hard_wrapped(lines):
        return [line for line in lines if line]
    result: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                result.append(" ".join(current))
                current = []
            continue
        current.append(line)
    if current:
        result.append(" ".join(current))
    return result


def join_paragraphs(parts: list[str]) -> str:
    return "\n\n".join(part for part in parts if part)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width: many long lines, none wider than a terminal, most not ending a sentence."""
    long_lines = [line for line in lines if len(line) >= 40]
    if len(long_lines) < MIN_WRAPPED_LINES or max(len(line) for line in long_lines) > MAX_WRAP_WIDTH:
        return False
    open_ended = sum(1 for line in long_lines if not _SENTENCE_END.search(line))
    has_blank_separators = any(not line for line in lines)
    return has_blank_separators and open_ended >= len(long_lines) / 2
