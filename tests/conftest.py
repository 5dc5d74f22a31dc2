import os
from pathlib import Path

import pytest

from claimx.pipeline import extract, find_inputs, load_base, load_pipeline
from claimx.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.yaml from today's output instead of comparing",
    )


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline without the claimx components, loaded once per session."""
    return load_base()


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def full_nlp():
    """The pipeline with the claimx components, as the CLI runs it."""
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_sheets(full_nlp, rules):
    """Fact sheets of the five seeds, keyed by file name, with paths as `seeds/...`.

    Run from the project root, as a user runs `claimx extract seeds/`, so the
    golden files hold relative paths wherever the checkout lives.
    """
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        inputs = find_inputs(["seeds"])
        return {r.input.file.name: r.sheet for r in extract(inputs, full_nlp, rules)}
    finally:
        os.chdir(here)


@pytest.fixture(scope="session")
def extract_text(full_nlp):
    """Extract one article given as text: returns its FactSheet (path `test.txt`)."""
    from claimx.pipeline import extract_text

    def run(text: str, published: str | None = None):
        return extract_text(text, published=published, path="test.txt", nlp=full_nlp)

    return run


@pytest.fixture(scope="session")
def extract_text_as(full_nlp):
    """Extract one article given as text under a file name (its suffix picks the format)."""
    from claimx.pipeline import extract_text

    def run(text: str, name: str, published: str | None = None):
        return extract_text(text, published=published, path=name, nlp=full_nlp)

    return run


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test gets an empty sheet cache of its own, never the user's."""
    monkeypatch.setenv("CLAIMX_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
