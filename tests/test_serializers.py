"""The claim records of claims/serializers.py, as bench/extract.py writes them without Django."""

from __future__ import annotations

import os
import subprocess
import sys

from claims.pipeline.extract.extraction import extract_claims
from claims.serializers import extracted_claim_json
from tests.conftest import ROOT


def test_the_claim_records_can_be_written_without_setting_django_up() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import sys, claims.serializers; print('claims.models' in sys.modules, 'django.db' in sys.modules)"

    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)

    assert out.stdout.split() == ["False", "False"]


def test_an_extracted_claim_becomes_the_record_the_extract_command_writes() -> None:
    claim = extract_claims("The council met 12 times in 2023.")[0]

    record = extracted_claim_json(claim, article="a.txt")

    assert record["article"] == "a.txt"
    assert record["text"] == claim.text and record["value"] == claim.value
    assert {"start", "end", "sentence", "kind", "unit", "hedge", "normalized", "score", "linked_to"} <= set(record)
