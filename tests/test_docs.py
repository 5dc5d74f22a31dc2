"""Every command has help text and is documented in the README (sqlite-utils style)."""

import pytest
import typer.main

from claimx.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)


def test_there_are_commands():
    assert "extract" in COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_is_in_readme(name):
    command = typer.main.get_command(app).commands[name]
    assert command.help, f"{name} has no help text"
    assert f"claimx {name}" in README, f"README does not show `claimx {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_readme(name):
    command = typer.main.get_command(app).commands[name]
    for param in command.params:
        longs = [o for o in param.opts if o.startswith("--")]
        if longs and longs[0] != "--help":
            assert longs[0] in README, f"{name} {longs[0]} is not in the README"


def test_readme_excerpt_is_real_output():
    """The fact-sheet excerpt in the README is today's output for seed 000, line for line."""
    start = README.index("```yaml\n---\nclaimx: 2") + len("```yaml\n")
    excerpt = README[start : README.index("```", start)]
    golden_path = ROOT / "tests" / "golden" / "000_418a29abe9d5b535.yaml"
    golden = golden_path.read_text(encoding="utf-8")
    missing = [line for line in excerpt.splitlines() if line and line not in golden.splitlines()]
    assert not missing, (
        f"README excerpt lines not in today's output: {missing}; copy them from {golden_path}"
    )
