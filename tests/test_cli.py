"""The CLI is a thin layer: exit codes, messages, help with examples."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import EXAMPLE
from newsprism.cli import app

runner = CliRunner()


def test_analyze_example_writes_reports(tmp_path):
    res = runner.invoke(app, ["analyze", str(EXAMPLE), "--out", str(tmp_path), "--quiet"])
    assert res.exit_code == 0, res.output
    assert len(json.loads((tmp_path / "report.json").read_text())["articles"]) == 5


def test_some_inputs_skipped_exit_1_and_name_the_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Plan approved\nThe council approved the plan on Tuesday after a long debate.\nIt will cost millions of pounds and take three years to finish, officials said.\n")
    (tmp_path / "in" / "empty.txt").write_text("")
    res = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--quiet"])
    assert res.exit_code == 1
    assert "empty.txt" in res.output and "empty file" in res.output


def test_nothing_usable_exit_2(tmp_path):
    res = runner.invoke(app, ["analyze", str(tmp_path / "missing"), "--out", str(tmp_path / "o"), "--quiet"])
    assert res.exit_code == 2 and "no such file or folder" in res.output
    assert not (tmp_path / "o" / "report.json").exists()


def test_every_command_has_help_with_an_example():
    for name in ("analyze", "version"):
        res = runner.invoke(app, [name, "--help"])
        assert res.exit_code == 0 and "Example" in res.output, name


def test_one_story_puts_every_article_in_one_story(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The council approved the riverside flood barrier on Tuesday after a long debate.\n\nIt will cost millions of pounds and take three years to finish, officials said.\n")
    (tmp_path / "in" / "b.txt").write_text("A new vaccine cut hospital admissions by half in a trial of ten thousand adults, researchers said.\n\nThe results will be published next month in a medical journal.\n")
    stories = {}
    for flag in ([], ["--one-story"]):
        res = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--quiet", *flag])
        assert res.exit_code == 0, res.output
        stories[bool(flag)] = len(json.loads((tmp_path / "o" / "report.json").read_text())["stories"])
    assert stories == {False: 2, True: 1}
