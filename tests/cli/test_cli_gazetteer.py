import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.gazetteer import Gazetteer

runner = CliRunner()


def test_cli_gazetteer_build_help_has_an_example():
    result = runner.invoke(app, ["gazetteer", "build", "--help"])
    assert result.exit_code == 0 and "tollwatch gazetteer build --path" in result.output


def test_cli_gazetteer_build_reports_an_unwritable_path_cleanly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = runner.invoke(app, ["gazetteer", "build", "--path", str(blocker / "sub" / "g.sqlite3")])
    assert result.exit_code == 1
    assert "gazetteer" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_cli_gazetteer_build_writes_a_usable_file(tmp_path):
    target = tmp_path / "g.sqlite3"
    result = runner.invoke(app, ["gazetteer", "build", "--path", str(target)])
    assert result.exit_code == 0, result.output
    assert Gazetteer(target).admin1("logar", "AF")[0].name == "Logar"
