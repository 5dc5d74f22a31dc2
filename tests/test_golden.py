"""Golden fact sheets: today's output for each seed, reviewed like code.

pytest tests/test_golden.py --update-golden   # rewrite them, then read the diff
"""

import pytest

from claimx.sheet import dump_yaml
from tests.conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_seed_matches_golden(seed_sheets, request, name):
    got = dump_yaml(seed_sheets[name])
    path = GOLDEN / (name.removesuffix(".txt") + ".yaml")
    if request.config.getoption("--update-golden"):
        path.write_text(got, encoding="utf-8")
        return
    assert path.is_file(), f"{path} missing: run pytest --update-golden and review the diff"
    assert got == path.read_text(encoding="utf-8")


def test_seeds_are_the_shared_samples_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds not beside this checkout")
    for name in NAMES:
        assert (SEEDS / name).read_bytes() == (shared / name).read_bytes(), name
