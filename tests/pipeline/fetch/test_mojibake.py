"""GBK-read UTF-8 and cp1252-family mojibake are repaired; real Chinese text is left alone."""

from pathlib import Path

import pytest

from claims.pipeline.fetch.mojibake import repair_gbk_mojibake, repair_mojibake

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FILLER = " The quick brown fox jumps over the lazy dog near the river bank every single morning."


def gbk_mojibake(text: str) -> str:
    """What a UTF-8 file looks like when a GBK decoder reads it."""
    return text.encode("utf-8").decode("gbk", errors="replace")


@pytest.mark.parametrize(
    "original",
    [
        "The coach said \u201cwe\u2019re ready\u201d after the 3\u20131 win.",
        "\u201cDefence wins titles,\u201d she said \u2014 and nobody argued.",
        "The players\u2019 union \u2014 not the league \u2014 called the strike \u201cunjustified.\u201d",
        "It was 1990\u20132000, the \u201clost decade\u201d.",
        "He paused\u2026 \u201cWell,\u201d he said, \u201cthat\u2019s that.\u201d",
        "Caf\u00e9 owners in Z\u00fcrich paid \u20ac4.50 for a cr\u00e8me br\u00fbl\u00e9e, the report said.",
        "\u201c(The) vaccine works,\u201d the nurse said.",
    ],
)
def test_gbk_mojibake_of_english_sentences_is_restored_exactly(original: str) -> None:
    garbled = gbk_mojibake(original + FILLER)
    assert garbled != original + FILLER

    repaired, count = repair_gbk_mojibake(garbled)

    assert repaired == original + FILLER
    assert count > 0


def test_lost_byte_before_space_closes_an_open_quote() -> None:
    garbled = gbk_mojibake("Officials called it \u201ca disaster\u201d on Monday." + FILLER)
    assert "\ufffd" in garbled  # the closing quote's last byte was lost

    repaired, _ = repair_gbk_mojibake(garbled)

    assert repaired.startswith("Officials called it \u201ca disaster\u201d on Monday.")


def test_lost_byte_between_spaces_becomes_an_em_dash() -> None:
    repaired, _ = repair_gbk_mojibake(gbk_mojibake("The result \u2014 a draw \u2014 surprised fans." + FILLER))

    assert repaired.startswith("The result \u2014 a draw \u2014 surprised fans.")


def test_lost_byte_after_two_dots_becomes_an_ellipsis() -> None:
    repaired, _ = repair_gbk_mojibake("He waited.." + "\u9225\ufffd" + " and left." + FILLER)

    assert repaired.startswith("He waited..\u2026 and left.")


def test_plural_possessive_gets_an_apostrophe() -> None:
    repaired, _ = repair_gbk_mojibake(gbk_mojibake("The nurses\u2019 shifts grew longer." + FILLER))

    assert repaired.startswith("The nurses\u2019 shifts grew longer.")


@pytest.mark.parametrize(
    "chinese",
    [
        "\u5317\u4eac\u5e02\u653f\u5e9c\u5468\u4e8c\u5ba3\u5e03\uff0c\u4eca\u5e74\u5c06\u65b0\u5efa300\u6240\u5b66\u6821\u3002",
        "\u9225\u6e18\u5b57\u662f\u4e00\u4e2a\u7f55\u89c1\u7684\u6c49\u5b57\uff0c\u8fd9\u7bc7\u6587\u7ae0\u8c08\u5230\u4e86\u5b83\u3002",
        "The restaurant \u5317\u4eac\u70e4\u9e2d\u5e97 opened in 2019 and serves 300 diners a night, the owner said.",
    ],
)
def test_real_chinese_text_is_never_touched(chinese: str) -> None:
    result = repair_mojibake(chinese)

    assert result.text == chinese
    assert result.repairs == ()


def test_chinese_that_happens_to_be_valid_utf8_is_left_alone_in_chinese_text() -> None:
    # "\u9225\u6e18" re-encodes to E2 80 9C 6E: valid UTF-8 for a quote and "n"; the rest of the text is Chinese.
    chinese = "\u9225\u6e18" + "\u8fd9\u662f\u4e00\u6bb5\u5f88\u957f\u7684\u4e2d\u6587\u6587\u5b57" * 5

    assert repair_gbk_mojibake(chinese) == (chinese, 0)


def test_cp1252_mojibake_is_fixed_by_ftfy_and_reported() -> None:
    garbled = "The mayor\u2019s office said \u201cno\u201d to the plan.".encode().decode("cp1252", errors="replace")
    result = repair_mojibake(garbled.replace("\ufffd", "\x9d"))  # cp1252 leaves 0x9D undefined: Latin-1 keeps it

    assert result.text == "The mayor\u2019s office said \u201cno\u201d to the plan."
    assert result.repairs == ("ftfy",)


def test_correct_text_with_curly_quotes_and_accents_is_unchanged() -> None:
    text = "\u201cTr\u00e8s bien,\u201d said the caf\u00e9\u2019s owner \u2014 twice."

    assert repair_mojibake(text) == type(repair_mojibake(text))(text, ())


def test_seed_000_reads_like_clean_text_with_curly_quotes() -> None:
    text = (SEEDS / "000_d60d2a514374b1c8.txt").read_text(encoding="utf-8")

    result = repair_mojibake(text)

    assert "\u9225" not in result.text
    assert "\ufffd" not in result.text
    assert "the \u201cno-limits\u201d partnership" in result.text
    assert "his \u201creliable partner.\u201d" in result.text
    assert "Mirroring their leaders\u2019 ties" in result.text
    assert "\u201c(The) Russian delegation\u2019s presence" in result.text
    assert "Western countries \u2014 exemplified by Russia\u2019s" in result.text
    for line in result.text.splitlines():
        assert line.count("\u201c") == line.count("\u201d"), line
    assert result.repairs[0].startswith("gbk-mojibake:")
