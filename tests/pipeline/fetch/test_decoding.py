"""Bytes to text: binary, empty and oversized input is refused; charsets are honoured in order."""

import codecs
import gzip
import io
import zipfile

import pytest

from claims.pipeline.fetch.decoding import declared_charset, decode_bytes, sniff_binary
from claims.pipeline.types import InputError

SENTENCE = "The clinic treated 1,240 patients in March, up 12% on a year earlier, the director said."


@pytest.mark.parametrize("raw", [b"", b"   \n\t \r\n", b"\n\n\n"])
def test_empty_or_blank_input_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        decode_bytes(raw)


def test_input_over_the_size_cap_is_refused_with_both_sizes() -> None:
    with pytest.raises(InputError, match=r"too large: 2\.0 MB.*limit is 1\.0 MB"):
        decode_bytes(b"a" * (2 * 1024 * 1024), max_bytes=1024 * 1024)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (_zip_bytes(), "zip"),
        (gzip.compress(SENTENCE.encode()), "gzip"),
        (b"hello\x00world, this has a NUL byte", "NUL"),
        (bytes(range(1, 9)) * 40 + b"some text", "control bytes"),
    ],
)
def test_binary_input_is_refused_with_its_kind_named(raw: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=kind):
        decode_bytes(raw)


def test_plain_utf8_text_is_not_binary() -> None:
    assert sniff_binary(SENTENCE.encode("utf-8")) is None


def test_utf16_with_bom_decodes_despite_its_nul_bytes() -> None:
    decoded = decode_bytes(codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"))

    assert decoded.text == SENTENCE
    assert decoded.encoding == "utf-16-le"


def test_utf8_bom_is_stripped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + SENTENCE.encode()).text == SENTENCE


def test_bom_wins_over_a_contradicting_declared_charset() -> None:
    raw = codecs.BOM_UTF8 + "Caf\u00e9 prices rose.".encode()

    assert decode_bytes(raw, content_type="text/plain; charset=iso-8859-1").text == "Caf\u00e9 prices rose."


def test_http_charset_is_used_when_there_is_no_bom() -> None:
    raw = "Caf\u00e9 prices rose by \u00a33 in G\u00f6teborg.".encode("cp1252")

    decoded = decode_bytes(raw, content_type="text/html; charset=windows-1252")

    assert decoded.text == "Caf\u00e9 prices rose by \u00a33 in G\u00f6teborg."
    assert decoded.encoding == "cp1252"


@pytest.mark.parametrize(
    "meta",
    [b'<meta charset="koi8-r">', b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'],
)
def test_html_meta_charset_is_used(meta: bytes) -> None:
    raw = b"<html><head>" + meta + b"</head><body>" + "\u041c\u043e\u0441\u043a\u0432\u0430".encode("koi8-r")

    assert "\u041c\u043e\u0441\u043a\u0432\u0430" in decode_bytes(raw).text


def test_unknown_declared_charset_is_ignored() -> None:
    assert declared_charset(b"abc", "text/plain; charset=no-such-codec") is None


def test_invalid_bytes_in_declared_utf8_are_replaced_and_noted() -> None:
    raw = b"Revenue rose \xff\xfe to 5 million \xc3 dollars."

    decoded = decode_bytes(raw, content_type="text/plain; charset=utf-8")

    assert decoded.text.startswith("Revenue rose \ufffd")
    assert decoded.repairs == ("invalid-utf8",)


def test_undeclared_legacy_encoding_is_detected() -> None:
    text = "Les h\u00f4pitaux de la r\u00e9gion ont re\u00e7u 3 000 patients de plus cette ann\u00e9e. " * 5

    decoded = decode_bytes(text.encode("cp1252"))

    assert decoded.text == text


def test_undeclared_cyrillic_stays_cyrillic() -> None:
    moscow_opened_12_new_schools = (
        "\u0412 \u041c\u043e\u0441\u043a\u0432\u0435 \u043e\u0442\u043a\u0440\u044b\u043b\u0438 12 "
    )
    text = (moscow_opened_12_new_schools + "\u043d\u043e\u0432\u044b\u0445 \u0448\u043a\u043e\u043b. ") * 5

    assert decode_bytes(text.encode("cp1251")).text == text


def test_undeclared_gbk_chinese_is_detected() -> None:
    government_announced = "\u5317\u4eac\u5e02\u653f\u5e9c\u5468\u4e8c\u5ba3\u5e03\uff0c"
    three_hundred_schools = "\u4eca\u5e74\u5c06\u65b0\u5efa\u4e09\u767e\u6240\u5b66\u6821\u3002"
    text = (government_announced + three_hundred_schools) * 3

    assert decode_bytes(text.encode("gbk")).text == text
