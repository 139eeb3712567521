"""Bytes to text: refuse what is not text, then BOM, declared charset, detection.

Articles arrive as files, pasted text or HTTP bodies whose declared charset may be wrong
or missing. The order (BOM, then what the sender declared, then guessing) follows the
HTML standard's encoding sniffing, and bad bytes never raise: they are replaced and noted.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from claims.pipeline.types import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# Signatures of the binary formats people most often upload by mistake.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx/.odt document)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"OggS", "an audio/video file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "a video file"),
    (b"\x00\x00\x00\x20ftyp", "a video file"),
)

# Longest first, so the UTF-32 little-endian BOM is not taken for UTF-16's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes no text file contains (C0 controls other than tab, newlines, form feed and escape; DEL).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_DELETE = bytes.maketrans(b"", b"")
MAX_CONTROL_BYTE_SHARE = 0.02

_CONTENT_TYPE_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_SCAN_BYTES = 4096


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, the codec used, and what had to be repaired on the way."""

    text: str
    encoding: str
    repairs: tuple[str, ...] = ()


def check_size(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse empty, blank and oversized input before any work is spent on it."""
    if len(raw) > max_bytes:
        raise InputError(f"The file is too large: {_human_size(len(raw))}, and the limit is {_human_size(max_bytes)}.")
    if not raw.strip():
        raise InputError("The file is empty: there is no text to read.")


def sniff_binary(raw: bytes) -> str | None:
    """Name the binary format of ``raw`` (e.g. "a PNG image"), or None when it may be text."""
    for signature, description in BINARY_SIGNATURES:
        if raw.startswith(signature):
            return description
    if _bom_encoding(raw) is not None:
        return None  # UTF-16/32 text legitimately contains NUL bytes.
    if b"\x00" in raw:
        return "binary data (it contains NUL bytes)"
    sample = raw[:65536]
    control_count = len(sample) - len(sample.translate(_CONTROL_DELETE, _CONTROL_BYTES))
    if control_count > 2 and control_count / len(sample) > MAX_CONTROL_BYTE_SHARE:
        return "binary data (it is mostly control bytes)"
    return None


def declared_charset(raw: bytes, content_type: str = "") -> str | None:
    """The codec named by the HTTP Content-Type or by an HTML <meta> tag, if Python knows it."""
    candidates: list[str] = []
    type_match = _CONTENT_TYPE_CHARSET.search(content_type or "")
    if type_match:
        candidates.append(type_match.group(1))
    meta_match = _META_CHARSET.search(raw[:_META_SCAN_BYTES])
    if meta_match:
        candidates.append(meta_match.group(1).decode("ascii", "ignore"))
    for name in candidates:
        codec = _known_codec(name)
        if codec is not None:
            return codec
    return None


def decode_bytes(raw: bytes, *, content_type: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Decode article bytes, refusing empty, oversized and binary input with an InputError."""
    check_size(raw, max_bytes)
    binary_kind = sniff_binary(raw)
    if binary_kind is not None:
        raise InputError(f"This is not a text or HTML article: it looks like {binary_kind}.")

    bom_encoding = _bom_encoding(raw)
    if bom_encoding is not None:
        return _decode_with(raw, bom_encoding, strip_bom=True)

    declared = declared_charset(raw, content_type)
    if declared is not None:
        return _decode_with(raw, declared)

    try:
        return DecodedText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    detected = _detect_encoding(raw)
    if detected is not None:
        return _decode_with(raw, detected)
    return DecodedText(raw.decode("utf-8", errors="replace"), "utf-8", ("invalid-utf8",))


def _decode_with(raw: bytes, encoding: str, *, strip_bom: bool = False) -> DecodedText:
    """Decode strictly when possible; otherwise replace bad bytes and say so."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        text = raw.decode(encoding, errors="replace")
        label = "invalid-utf8" if encoding.replace("_", "-").startswith("utf-8") else f"invalid-{encoding}"
        if strip_bom:
            text = text.lstrip("\ufeff")
        return DecodedText(text, encoding, (label,))
    if strip_bom:
        text = text.lstrip("\ufeff")
    return DecodedText(text, encoding)


def _bom_encoding(raw: bytes) -> str | None:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def _known_codec(name: str) -> str | None:
    try:
        codec_name = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # Browsers read these labels as their supersets (WHATWG encoding standard).
    return {"ascii": "utf-8", "iso8859-1": "cp1252", "latin-1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}.get(
        codec_name, codec_name
    )


def _detect_encoding(raw: bytes) -> str | None:
    """Ask charset-normalizer for the most plausible codec (imported lazily: it is slow to load).

    For Latin-script text it often picks a rare code page (cp775, cp1257) that decodes
    as well as cp1252 on short samples; cp1252, the web's usual legacy encoding, wins
    when it reads the same bytes into at least as many letters.
    """
    from charset_normalizer import from_bytes

    sample = raw[:65536]
    best = from_bytes(sample).best()
    if best is None or not best.encoding:
        return None
    detected = _known_codec(best.encoding)
    if detected is None or detected == "cp1252":
        return detected
    detected_text = str(best)
    try:
        western_text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return detected
    if _is_latin_script(detected_text) and _letter_count(western_text) >= _letter_count(detected_text):
        return "cp1252"
    return detected


def _letter_count(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def _is_latin_script(text: str) -> bool:
    non_ascii_letters = {char for char in text if char.isalpha() and ord(char) > 127}
    return all(unicodedata.name(char, "").startswith("LATIN") for char in non_ascii_letters)


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size} bytes"
