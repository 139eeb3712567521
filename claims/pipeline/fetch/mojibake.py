"""Repair of text that was decoded with the wrong codec ("mojibake").

Two families matter for news copied between systems:

* UTF-8 read as Latin-1/cp1252 ("â€œ" for "“"): ftfy fixes these reliably.
* UTF-8 read as GBK/GB18030 ("鈥渘" for "“n"): ftfy does not handle it, so we do. Each
  GBK character covers two bytes, so re-encoding a run of such characters as GB18030
  gives back the original UTF-8 bytes, except where the decoder met a byte pair it could
  not map: that byte is lost and shows as U+FFFD ("鈥�" is E2 80 plus a lost byte).
  Those are rebuilt from context among the typographic characters E2 80 xx can be.

Real Chinese text must never be touched, so a run is only rewritten when it decodes as
UTF-8 into Latin letters or punctuation, and only in text that is mostly Latin.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy

REPLACEMENT = "\ufffd"
LOST = -1  # a byte the wrong decoder dropped, standing in the byte sequence

# Runs of non-ASCII characters a GBK decoder could have produced from UTF-8 bytes.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")

# What a lost byte may have been part of: the typographic characters of E2 80 xx that
# English text is full of. Order breaks ties: most frequent first.
LOST_BYTE_CANDIDATES = "\u201d\u2019\u201c\u2014\u2026\u2018\u2013\u2022\u20ac\u2122"
_RIGHT_DOUBLE = "\u201d"
_RIGHT_SINGLE = "\u2019"
_LEFT_DOUBLE = "\u201c"
_EM_DASH = "\u2014"
_ELLIPSIS = "\u2026"
_EN_DASH = "\u2013"
_LEFT_SINGLE = "\u2018"

# How much of the current line the lost-byte guesses look back on (bounded, so one huge line stays linear).
LINE_CONTEXT_CHARS = 2000
# A doc must have at least this many Latin letters per CJK character left unexplained by mojibake.
MIN_LATIN_PER_CJK = 4

# ftfy settings: fix encodings, but leave curly quotes, full-width forms and entities alone.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    explain=True,
)
_LATIN1_RANGE = re.compile(r"[\u0080-\u00ff]")


@dataclass(frozen=True)
class MojibakeRepair:
    text: str
    repairs: tuple[str, ...]


def repair_mojibake(text: str) -> MojibakeRepair:
    """Undo GBK-read UTF-8, then cp1252-family mojibake; report what changed."""
    repairs: list[str] = []
    text, gbk_count = repair_gbk_mojibake(text)
    if gbk_count:
        repairs.append(f"gbk-mojibake:{gbk_count}")
    text, ftfy_changed = fix_latin_mojibake(text)
    if ftfy_changed:
        repairs.append("ftfy")
    return MojibakeRepair(text, tuple(repairs))


def fix_latin_mojibake(text: str) -> tuple[str, bool]:
    """Run ftfy when the text has characters mojibake of the Latin-1 family is made of."""
    if not _LATIN1_RANGE.search(text):
        return text, False  # ftfy's fixes all involve U+0080-U+00FF: skip its cost.
    fixed, explanation = ftfy.fix_and_explain(text, config=_FTFY_CONFIG)
    return fixed, fixed != text and bool(explanation)


def repair_gbk_mojibake(text: str) -> tuple[str, int]:
    """Rewrite runs of GBK-read UTF-8 in mostly-Latin text; return the text and the number of runs fixed."""
    if not _CJK.search(text):
        return text, 0
    fixes: list[tuple[int, int, list[int | str]]] = []
    repaired_cjk = 0
    for match in _NON_ASCII_RUN.finditer(text):
        tokens = _gbk_bytes(match.group())
        if tokens is None:
            continue
        fixes.append((match.start(), match.end(), tokens))
        repaired_cjk += len(_CJK.findall(match.group()))
    if not fixes:
        return text, 0
    unexplained_cjk = len(_CJK.findall(text)) - repaired_cjk
    if len(_ASCII_LETTERS.findall(text)) < MIN_LATIN_PER_CJK * max(unexplained_cjk, 5):
        return text, 0

    pieces: list[str] = []
    current_line = ""  # the repaired text of the line being rebuilt: context for lost bytes
    position = 0
    count = 0
    for start, end, tokens in fixes:
        for segment in (text[position:start], None):
            if segment is None:
                decoded = _decode_utf8_tokens(tokens, current_line, text[end : end + 1])
                if decoded is not None and _reads_as_latin(decoded):
                    segment = decoded
                    count += 1
                else:
                    segment = text[start:end]
            pieces.append(segment)
            tail = segment.rsplit("\n", 1)[-1] if "\n" in segment else current_line + segment
            current_line = tail[-LINE_CONTEXT_CHARS:]
        position = end
    pieces.append(text[position:])
    return "".join(pieces), count


def _gbk_bytes(run: str) -> list[int | str] | None:
    """The bytes a GBK decoder read to produce ``run`` (LOST for U+FFFD), or None if it could not have."""
    if REPLACEMENT not in run and not _CJK.search(run):
        return None
    tokens: list[int | str] = []
    for char in run:
        if char == REPLACEMENT:
            tokens.append(LOST)
            continue
        try:
            encoded = char.encode("gb18030")
        except UnicodeEncodeError:
            return None
        if len(encoded) != 2:
            return None  # GBK decoding only yields two-byte characters.
        tokens.extend(encoded)
    return tokens


def _decode_utf8_tokens(tokens: list[int | str], before: str, after: str) -> str | None:
    """Decode bytes as UTF-8, guessing lost bytes from context; None when they are not UTF-8."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        length = _sequence_length(token)
        window = tokens[index : index + length] if length else []
        if length and len(window) == length and LOST not in window:
            try:
                out.append(bytes(window).decode("utf-8"))  # type: ignore[arg-type]
            except UnicodeDecodeError:
                return None
            index += length
            continue
        guess = _guess_lost(tokens, index, before + "".join(out), _next_char(tokens, index + 3, after))
        if guess is None:
            return None
        out.append(guess)
        index += 3
    return "".join(out)


def _next_char(tokens: list[int | str], index: int, after: str) -> str:
    """The character that follows a guessed one: ASCII as is, a later multibyte character as "·"."""
    if index >= len(tokens):
        return after
    token = tokens[index]
    return chr(token) if isinstance(token, int) and 0 <= token < 0x80 else "\u00b7"


def _sequence_length(token: int | str) -> int:
    if not isinstance(token, int) or token < 0:
        return 0
    if token < 0x80:
        return 1
    if 0xC2 <= token <= 0xDF:
        return 2
    if 0xE0 <= token <= 0xEF:
        return 3
    if 0xF0 <= token <= 0xF4:
        return 4
    return 0


def _guess_lost(tokens: list[int | str], index: int, before: str, after: str) -> str | None:
    """Pick the E2 80 xx character that fits both the surviving bytes and the surrounding text."""
    window = tokens[index : index + 3]
    if len(window) < 3:
        return None
    fitting = [
        candidate
        for candidate in LOST_BYTE_CANDIDATES
        if all(token in (LOST, byte) for token, byte in zip(window, candidate.encode("utf-8"), strict=True))
    ]
    if not fitting:
        return None
    if len(fitting) == 1:
        return fitting[0]
    choice = _choose_by_context(before, after)
    return choice if choice in fitting else fitting[0]


def _choose_by_context(before: str, after: str) -> str:
    """Which punctuation a lost character was, judged by its neighbours (see module docstring)."""
    line_before = before.rsplit("\n", 1)[-1]
    prev = line_before[-1:] or "\n"
    nxt = after[:1] or "\n"
    if line_before.endswith(".."):
        return _ELLIPSIS
    if prev.isspace() or prev in "\n([{":
        if nxt.isspace():
            return _EM_DASH
        return _LEFT_DOUBLE  # opens a quotation that starts with a bracket
    if prev.isalpha() and nxt.isalnum():
        return _RIGHT_SINGLE  # an apostrophe inside a word
    if prev.isdigit() and nxt.isdigit():
        return _EN_DASH  # a numeric range, as in 1990-95
    if line_before.count(_LEFT_DOUBLE) > line_before.count(_RIGHT_DOUBLE):
        return _RIGHT_DOUBLE  # closes the open quotation
    if line_before.count(_LEFT_SINGLE) > line_before.count(_RIGHT_SINGLE) or prev in "sS":
        return _RIGHT_SINGLE  # closes a single quotation, or a plural possessive ("the players' union")
    if prev.isalnum() and nxt.isspace():
        return _ELLIPSIS  # a word trailing off before the next one
    return _RIGHT_SINGLE


def _reads_as_latin(decoded: str) -> bool:
    """True when a decoded run is Latin letters, digits, spaces or punctuation: what English mojibake hides."""
    for char in decoded:
        if char.isascii():
            if not (char.isprintable() or char in "\t\n"):
                return False
            continue
        code = ord(char)
        if 0x00A0 <= code <= 0x024F or 0x2000 <= code <= 0x206F or 0x20A0 <= code <= 0x20BF or code == 0x2122:
            category = unicodedata.category(char)
            if category[0] in "LPSZN":
                continue
        return False
    return True
