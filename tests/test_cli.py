import pytest

from jkdefense import cli
from tests.conftest import ROOT, run_module


def test_help_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: jkdefense COMMAND")
    for name in ("derive", "validate", "ingest", "diff", "names"):
        assert f"  {name} " in out


def test_no_command_prints_the_usage_and_fails(capsys):
    assert cli.main([]) == 2
    assert "usage: jkdefense" in capsys.readouterr().out


def test_an_unknown_command_exits_2_with_a_message_on_stderr(capsys):
    assert cli.main(["frobnicate"]) == 2
    captured = capsys.readouterr()
    assert "jkdefense: unknown command 'frobnicate'" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("name", ["derive", "validate", "ingest", "diff", "names"])
def test_each_command_has_its_own_help(name, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main([name, "--help"])
    assert exited.value.code == 0
    assert f"usage: jkdefense {name}" in capsys.readouterr().out


def test_names_promote_has_its_own_help(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["names", "promote", "--help"])
    assert exited.value.code == 0
    assert "usage: jkdefense names promote" in capsys.readouterr().out


def test_validate_passes_on_the_committed_data(capsys, monkeypatch):
    monkeypatch.delenv("JKDEFENSE_DATA_DIR", raising=False)  # the checkout's data/
    assert cli.main(["validate"]) == 0
    assert f"in {ROOT / 'data'}: no problems" in capsys.readouterr().err
    assert cli.main(["validate", "--data", str(ROOT / "data")]) == 0


def test_python_dash_m_runs_the_same_command_line():
    result = run_module("jkdefense", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: jkdefense COMMAND")


def test_python_dash_m_exits_with_the_command_code():
    result = run_module("jkdefense", "frobnicate")
    assert result.returncode == 2
    assert "unknown command 'frobnicate'" in result.stderr
