from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsprism
from newsprism.models import Report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "syria-ceasefire-2017"
EXPECTED = ROOT / "tests" / "fixtures" / "syria-expected.json"


@pytest.fixture(scope="session")
def example_report() -> Report:
    return newsprism.analyze([EXAMPLE])


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def by_file(example_report: Report) -> dict:
    return {Path(a.source_path).name: a for a in example_report.articles}
