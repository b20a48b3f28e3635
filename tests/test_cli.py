"""The CLI is a thin layer: exit codes, messages, help with examples."""

from __future__ import annotations

import json
import re
from importlib import metadata

import pytest
import typer
from typer.testing import CliRunner

from conftest import EXAMPLE
from newsprism.cli import app

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
PYTHON_TYPE = re.compile(r"<(list\[|tuple\[|(bool|str|int|float|path|file|directory|dir)>)")  # Typer's type labels


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
    assert {"analyze", "ingest", "stories", "story", "serve", "version"} <= set(COMMANDS)
    for name in COMMANDS:
        res = runner.invoke(app, [name, "--help"])
        assert res.exit_code == 0 and "Example" in res.output, name


@pytest.mark.parametrize("args", [["--help"]] + [[name, "--help"] for name in COMMANDS], ids=lambda a: " ".join(a))
def test_help_shows_placeholders_not_python_types(args):
    res = runner.invoke(app, args, env={"COLUMNS": "120"})
    assert res.exit_code == 0
    assert not PYTHON_TYPE.search(res.output), res.output


def test_help_names_what_each_option_takes():
    helps = {name: runner.invoke(app, [name, "--help"], env={"COLUMNS": "120"}).output for name in ("analyze", "stories", "story")}
    assert "PATH" in helps["analyze"] and "INTEGER" in helps["analyze"]
    assert "DATE" in helps["stories"] and "TEXT" in helps["stories"] and "FILE" in helps["stories"]
    assert "STORY_ID" in helps["story"]
    out_help = helps["analyze"].split("--out", 1)[1].split("--quiet", 1)[0]
    assert "index.html" in out_help and "story-<id>.html" in out_help


def test_version_flag_prints_the_installed_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0
    assert res.stdout == f"newsprism {metadata.version('newsprism')}\n"
    assert runner.invoke(app, ["version"]).stdout == f"{metadata.version('newsprism')}\n"


@pytest.mark.parametrize("command", [["stories"], ["story", "S0000000"]], ids=lambda c: c[0])
def test_a_mistyped_db_is_an_error_that_names_it_and_creates_no_file(tmp_path, command):
    typo = tmp_path / "typo.duckdb"
    res = runner.invoke(app, [*command, "--db", str(typo)])
    assert res.exit_code == 2
    assert f"no corpus at '{typo}'" in res.stderr and "newsprism ingest" in res.stderr
    assert list(tmp_path.iterdir()) == []  # no empty database (or .wal) left behind


@pytest.mark.parametrize("bad", ["yesterday", "2017-02-30", "20170801", "2017/08/01"])
def test_a_bad_since_is_one_line_and_exit_2(tmp_path, bad):
    res = runner.invoke(app, ["stories", "--db", str(tmp_path / "c.duckdb"), "--since", bad])
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [f"error: --since: expected YYYY-MM-DD, got '{bad}'"]
    assert res.stdout == ""


def test_a_good_since_is_accepted(tmp_path):
    res = runner.invoke(app, ["stories", "--db", str(tmp_path / "c.duckdb"), "--since", "2017-08-01"])
    assert "--since" not in res.stderr and "no corpus at" in res.stderr  # the date passed; the missing corpus did not


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


def test_stories_as_json_and_csv_and_a_split_and_merge_from_the_command_line(tmp_path):
    db = str(tmp_path / "c.duckdb")
    assert runner.invoke(app, ["ingest", str(EXAMPLE), "--db", db]).exit_code == 0
    (story,) = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).stdout)
    assert story["n_articles"] == 5 and len(story["members"]) == 5 and story["core_terms"] and story["core_entities"]
    rows = runner.invoke(app, ["stories", "--db", db, "--csv"]).stdout.splitlines()
    assert rows[0] == "id,title,first_seen,last_seen,articles,outlets" and rows[1].startswith(story["id"] + ",") and len(rows) == 2
    out = [m["id"] for m in story["members"][:2]]
    res = runner.invoke(app, ["split", story["id"], *out, "--db", db])
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 2
    ids = [r.split(",")[0] for r in runner.invoke(app, ["stories", "--db", db, "--csv"]).stdout.splitlines()[1:]]
    assert len(ids) == 2
    bad = runner.invoke(app, ["split", story["id"], "no-such-article", "--db", db])
    assert bad.exit_code == 2 and "no-such-article not in story" in bad.stderr
    assert runner.invoke(app, ["merge", *ids, "--db", db]).exit_code == 0
    assert len(runner.invoke(app, ["stories", "--db", db, "--csv"]).stdout.splitlines()) == 2
    assert runner.invoke(app, ["stories", "--db", db, "--json", "--csv"]).exit_code == 2
