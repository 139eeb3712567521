"""From uploaded bytes to a clean article: the one entry point the Django layer calls.

Stages: decode (refusing binary, empty and oversized input) → normalize whitespace →
repair mojibake → HTML main-text extraction or, for plain text, metadata from the page
head → furniture removal → paragraph layout → a last check that readable text is left.
Bad input only ever raises ``InputError``, with a message meant for the person uploading.
"""

from __future__ import annotations

import re

from claims.pipeline.clean.boilerplate import remove_boilerplate
from claims.pipeline.clean.htmltext import extract_html, looks_like_html, remove_markup
from claims.pipeline.clean.layout import join_paragraphs, normalize_whitespace, paragraphs
from claims.pipeline.clean.metadata import TextMetadata, extract_text_metadata, outlet_from_url
from claims.pipeline.fetch.decoding import DEFAULT_MAX_BYTES, decode_bytes
from claims.pipeline.fetch.mojibake import repair_mojibake
from claims.pipeline.types import CleanedDocument, InputError

MIN_READABLE_LETTERS = 20
MIN_READABLE_WORDS = 4
MAX_REPLACEMENT_SHARE = 0.1  # more U+FFFD than this and the bytes were not text in any codec we know
MIN_LETTER_SHARE = 0.4  # of the non-space characters

_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
_WHITESPACE = re.compile(r"\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def clean_document(
    raw: bytes, *, name: str = "", url: str = "", content_type: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> CleanedDocument:
    """Decode, repair and strip an uploaded article; raise InputError for anything that is not one."""
    decoded = decode_bytes(raw, content_type=content_type, max_bytes=max_bytes)
    repairs = list(decoded.repairs)
    text = normalize_whitespace(decoded.text)
    mojibake = repair_mojibake(text)
    text = mojibake.text
    repairs.extend(mojibake.repairs)

    if looks_like_html(text, name=name, content_type=content_type):
        page = extract_html(text, url=url)
        repairs.append(f"html:{page.extractor}")
        text = normalize_whitespace(page.text)
        meta = extract_text_metadata(text)
        title = page.title or meta.title
        outlet = page.site_name or meta.outlet
        document_url = url or page.url or meta.url
        published = page.published or meta.published
        header_lines = meta.header_lines
    else:
        meta = extract_text_metadata(text)
        title, outlet, published, header_lines = meta.title, meta.outlet, meta.published, meta.header_lines
        document_url = url or meta.url

    stripped = remove_boilerplate(text, title=title, header_lines=header_lines)
    if stripped.removed_lines:
        repairs.append(f"boilerplate:{stripped.removed_lines} lines")
    if not title:
        title = _headline_from(stripped.leading_fragments, meta)
    if not outlet and document_url:
        outlet = outlet_from_url(document_url)

    text = join_paragraphs(paragraphs(remove_markup(stripped.text)))
    _require_readable(text)
    return CleanedDocument(
        text=text,
        title=remove_markup(title).strip(),
        outlet=" ".join(remove_markup(outlet).split()),  # a site name is shown like the text: no markup
        url=document_url.strip(),
        published=published,
        encoding=decoded.encoding,
        repairs=tuple(repairs),
    )


def _headline_from(leading_fragments: tuple[str, ...], meta: TextMetadata) -> str:
    """A headline removed from above the body: the longest leading fragment of three words or more."""
    candidates = [line for line in leading_fragments if len(line.split()) >= 3 and not line.lower().startswith("by ")]
    return max(candidates, key=len, default=meta.title)


def _require_readable(text: str) -> None:
    """Refuse text that cleaning left (nearly) empty or that is mostly not letters."""
    letters = len(text) - len(_LETTER.sub("", text))
    words = sum(1 for _ in _WORD.finditer(text)) + sum(1 for _ in _CJK.finditer(text)) // 2
    if letters < MIN_READABLE_LETTERS or words < MIN_READABLE_WORDS:
        raise InputError(
            "There is too little readable text here to be an article "
            f"({words} words left after removing markup and page furniture)."
        )
    if text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text):
        raise InputError("The file is mostly undecodable bytes: it does not look like text in any known encoding.")
    non_space = len(_WHITESPACE.sub("", text))
    if letters < MIN_LETTER_SHARE * non_space:
        raise InputError("The file is mostly symbols and digits rather than readable text.")
