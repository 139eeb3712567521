"""The matcher's version."""

from __future__ import annotations

from claims.pipeline.match.params import MATCHER_VERSION


def test_matcher_has_a_version() -> None:
    assert MATCHER_VERSION
