"""Golden file for the Markdown report of the bundled example (paths and ids masked).

Regenerate after an intended change with:  UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from newsprism.report import render_markdown

GOLDEN = Path(__file__).parent / "golden" / "syria-report.md"


def _mask(text: str) -> str:
    text = re.sub(r"/[^\s|)`]*?/examples/", "<ROOT>/examples/", text)
    return re.sub(r"\b[0-9a-f]{16}\b", "<ID>", text)


def test_markdown_report_matches_golden(example_report):
    got = _mask(render_markdown(example_report))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")
