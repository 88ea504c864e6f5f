"""manage.py evaluate: JSON from a file or stdin, --on, and errors that name the field."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .profiles import DELIC

ROOT = Path(__file__).resolve().parents[2]


def run(*args, stdin=None):
    out = io.StringIO()
    call_command("evaluate", *args, stdout=out, stdin=stdin)
    return json.loads(out.getvalue())


def test_a_profile_file_is_evaluated_on_the_given_date(tmp_path):
    path = tmp_path / "delic.json"
    path.write_text(json.dumps(DELIC), "utf-8")
    result = run(str(path), "--on", "2026-01-15")
    assert result["on"] == "2026-01-15"
    assert result["rules_version"]
    assert result["pathways"]["skilled_worker"]["verdict"] in ("eligible", "possible")
    assert result["pathways"]["accelerated_procedure"]["via"] == "skilled_worker"
    assert result["pathways"]["opportunity_card"]["points"] == 7


def test_a_profile_on_standard_input_is_evaluated():
    result = run("-", "--on", "2026-01-15", "--lang", "en", stdin=io.StringIO(json.dumps(DELIC)))
    check = result["pathways"]["westbalkan"]["checks"][0]
    assert set(check) >= {"rule", "status", "source", "text"}
    assert check["text"].startswith("You")


def test_the_chancenkarte_did_not_exist_before_june_2024():
    result = run("-", "--on", "2024-05-31", stdin=io.StringIO(json.dumps(DELIC)))
    assert result["pathways"]["opportunity_card"]["verdict"] == "not_eligible"
    assert result["pathways"]["opportunity_card"]["checks"][0]["rule"].endswith(".in_force")


@pytest.mark.parametrize(
    ("body", "args", "field"),
    [
        pytest.param('{"age": "old"}', [], "age", id="wrong-type"),
        pytest.param('{"german_level": "B3"}', [], "german_level", id="unknown-choice"),
        pytest.param('{"nationality": "ZZ"}', [], "nationality", id="unknown-country"),
        pytest.param('{"age": 3', [], "profile", id="broken-json"),
        pytest.param("[1, 2]", [], "profile", id="not-an-object"),
        pytest.param("{}", ["--on", "2026-13-01"], "on", id="bad-date"),
    ],
)
def test_bad_input_raises_a_command_error_naming_the_field(body, args, field):
    with pytest.raises(CommandError) as error:
        run("-", *args, stdin=io.StringIO(body))
    assert str(error.value).startswith(f"{field}:")


def test_bad_input_exits_non_zero_without_a_traceback():
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "true")}
    process = subprocess.run(
        [sys.executable, "manage.py", "evaluate", "-"],
        input='{"age": 200}',
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert process.returncode != 0
    assert "age" in process.stderr
    assert "Traceback" not in process.stderr


def test_a_date_in_2027_names_the_figures_not_yet_published(tmp_path):
    path = tmp_path / "delic.json"
    path.write_text(json.dumps(DELIC), "utf-8")
    result = run(str(path), "--on", "2027-03-01")
    (notice,) = result["notices"]
    assert notice.startswith(
        "Die Zahlen für 2027 sind noch nicht veröffentlicht; entschieden mit denen von 2026"
    )
    assert "Gehaltsgrenze ab 45 Jahren" in notice
    assert run(str(path), "--on", "2026-03-01")["notices"] == []
