from pathlib import Path

import pytest
from claimx.pipeline import load_base
from claimx.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent


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
