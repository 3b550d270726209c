import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jkdefense import cli
from tests.conftest import ROOT, run_module


def test_help_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: jkdefense [-h] COMMAND")
    for name, (_, summary) in cli.COMMANDS.items():
        assert re.search(rf"^    {name} +{re.escape(summary)}$", out, re.M), name


def test_no_command_is_refused_in_one_line(capsys):
    assert cli.main([]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        "jkdefense: the following arguments are required: COMMAND "
        "(see jkdefense --help)\n"
    )


def test_an_unknown_command_exits_2_with_a_message_on_stderr(capsys):
    assert cli.main(["frobnicate"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(
        "jkdefense: argument COMMAND: invalid choice: 'frobnicate'"
    )
    assert captured.err.count("\n") == 1 and captured.out == ""


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_each_command_has_its_own_help_from_its_module(name, capsys):
    assert cli.main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: jkdefense {name} [-h] [--data DATA]")
    module = importlib.import_module(cli.COMMANDS[name][0])
    first_line = (module.__doc__ or "").strip().splitlines()[0]
    if name != "names":  # its help is the rules of the whole package
        assert first_line in out


@pytest.mark.parametrize(
    ("words", "usage"),
    [
        (["names", "promote"], "usage: jkdefense names promote"),
        (["names", "list"], "usage: jkdefense names list"),
        (["propose", "accept"], "usage: jkdefense propose accept"),
        (["propose", "reject"], "usage: jkdefense propose reject"),
    ],
)
def test_subcommands_have_their_own_help(words, usage, capsys):
    assert cli.main([*words, "--help"]) == 0
    assert capsys.readouterr().out.startswith(usage)


def test_a_bad_option_is_refused_in_one_line_naming_the_command(capsys):
    assert cli.main(["derive", "--frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "jkdefense derive: unrecognized arguments: --frobnicate "
        "(see jkdefense derive --help)\n"
    )


def test_only_the_chosen_command_is_imported():
    script = (
        "import sys\n"
        "from jkdefense import cli\n"
        "cli.main(['validate', '--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('jkdefense.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = done.stdout.strip().splitlines()[-1]
    assert "jkdefense.data.validate" in loaded
    for other in ("jkdefense.render.batch", "jkdefense.pipeline.ingest"):
        assert other not in loaded


@pytest.mark.parametrize(
    "words",
    [
        ["propose", "--data", "elsewhere", "show", "p-1"],
        ["propose", "show", "p-1", "--data", "elsewhere"],
        ["names", "--data", "elsewhere", "promote", "X", "--to", "incidents:x"],
        ["names", "list", "--data", "elsewhere"],
    ],
)
def test_data_is_taken_before_or_after_a_subcommand(words):
    assert cli.parser().parse_args(words).data == Path("elsewhere")


def test_a_subcommand_keeps_the_options_given_before_it():
    args = cli.parser().parse_args(["names", "--csv", "--limit", "3", "list"])
    assert (args.csv, args.limit, args.names_command) == (True, 3, "list")


def test_validate_passes_on_the_committed_data(capsys, monkeypatch):
    monkeypatch.delenv("JKDEFENSE_DATA_DIR", raising=False)  # the checkout's data/
    assert cli.main(["validate"]) == 0
    assert f"in {ROOT / 'data'}: no problems" in capsys.readouterr().err
    assert cli.main(["validate", "--data", str(ROOT / "data")]) == 0


def test_python_dash_m_runs_the_same_command_line():
    result = run_module("jkdefense", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: jkdefense [-h] COMMAND")


def test_python_dash_m_exits_with_the_command_code():
    result = run_module("jkdefense", "frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr


def test_the_readme_lists_every_command_as_the_command_line_does():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.search(
        r"<!-- commands:[^>]*-->\n(.*?)\n<!-- /commands -->", readme, re.S
    )
    assert table, "README.md has no commands table"
    assert table.group(1) == cli.commands_markdown()


def test_each_command_runs_one_way():
    """`jkdefense CMD` or `python -m jkdefense CMD`: no module runs as a script."""
    scripts = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "jkdefense").rglob("*.py")
        if '__name__ == "__main__"' in path.read_text(encoding="utf-8")
    ]
    assert scripts == []
