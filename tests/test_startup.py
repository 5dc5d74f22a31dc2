"""Start-up: `import claimx.cli` and `claimx --help` load neither spaCy nor what help never uses.

What is imported is checked, in a fresh interpreter each time; time is not.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "NO_COLOR": "1"}

# Loaded by commands that extract, write sheets or run on Dask; never by the CLI module.
HEAVY = ("spacy", "distributed", "claimx.pipeline", "claimx.formats", "claimx.sheet")


def modules_after(code: str) -> set[str]:
    """The modules loaded once `code` has run in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(sys.modules), file=sys.__stderr__)"
    done = subprocess.run(
        [sys.executable, "-c", probe], env=ENV, capture_output=True, text=True, timeout=120
    )
    return set(done.stderr.split()[-5000:]) if done.stderr else set()


def test_importing_the_cli_loads_no_heavy_module():
    loaded = modules_after("import claimx.cli")
    assert "claimx.cli" in loaded
    assert sorted(loaded & set(HEAVY)) == []
    assert "rich.console" not in loaded  # made on the first message


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["extract", "--help"], ["--version"]])
def test_help_and_version_load_no_heavy_module(args):
    run = f"import sys\nsys.argv = ['claimx', *{args!r}]\nfrom claimx.cli import main\n"
    loaded = modules_after(run + "try:\n    main()\nexcept SystemExit:\n    pass")
    assert "claimx.cli" in loaded
    assert sorted(loaded & {*HEAVY, "markdown_it", "pygments"}) == []


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["diff", "-h"], []])
def test_help_is_the_same_with_deferred_imports(args):
    code = f"import sys\nsys.argv = ['claimx', *{args!r}]\nfrom claimx.cli import main\nmain()"
    done = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True)
    from claimx.cli import app

    direct = CliRunner().invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert done.stdout == direct.stdout
    assert "Usage: " in done.stdout


def test_stand_ins_become_the_real_modules():
    code = """
import io, sys
from claimx.startup import defer_help_imports
defer_help_imports()
from rich.markdown import Markdown
import rich.markdown, rich.traceback
from rich.console import Console
assert "markdown_it" not in sys.modules
md = Markdown("# Title\\n\\n*one* two")
assert isinstance(md, Markdown) and type(md).__module__ == "rich.markdown"
assert "markdown_it" in sys.modules
assert rich.markdown.Heading.__name__ == "Heading"
assert sys.modules["rich.markdown"].Markdown is type(md)
try:
    1 / 0
except ZeroDivisionError as exc:
    tb = rich.traceback.Traceback.from_exception(type(exc), exc, exc.__traceback__)
out = io.StringIO()
Console(file=out, width=40).print(md)
print(out.getvalue(), end="")
"""
    deferred = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True)
    assert deferred.returncode == 0, deferred.stderr
    from rich.console import Console
    from rich.markdown import Markdown

    out = io.StringIO()
    Console(file=out, width=40).print(Markdown("# Title\n\n*one* two"))
    assert deferred.stdout == out.getvalue()
    assert "Title" in deferred.stdout


def test_a_run_served_from_the_cache_loads_no_spacy(tmp_path):
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    args = ["extract", str(seed), "-q", "--cache", str(tmp_path / "cache")]
    run = f"import sys\nsys.argv = ['claimx', *{args!r}]\nfrom claimx.cli import main\n"
    code = run + "try:\n    main()\nexcept SystemExit:\n    pass"
    first = modules_after(code)
    assert "spacy" in first  # the first run made the sheet
    again = modules_after(code)
    assert "claimx.run" in again
    assert sorted(again & {"spacy", "thinc", "claimx.quotes.finder", "claimx.pipeline"}) == [
        "claimx.pipeline"
    ]


def test_loading_the_rules_loads_no_spacy():
    loaded = modules_after("from claimx.rules import cached_rules\ncached_rules(None)")
    assert "claimx.dates.resolvers" in loaded  # the date grammar was compiled
    assert sorted(loaded & {"spacy", "thinc"}) == []
