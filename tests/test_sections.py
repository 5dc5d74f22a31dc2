"""The section registry: consistent, and a new section is one module, one rules file, one entry."""

import dataclasses
import re
import shutil
import sys
import types
import typing

import pytest

from claimx import model
from claimx.rules import rule_classes
from claimx.sections import SECTIONS, Section, in_order
from tests.conftest import ROOT


@pytest.mark.parametrize("name", list(SECTIONS))
def test_every_section_is_complete(name):
    section = SECTIONS[name]
    fields = {f.name for f in dataclasses.fields(section.record)}
    assert {"id", "text", "span", "at"} <= fields
    assert "span" in section.span_fields
    assert all(r in SECTIONS for r in section.requires)
    for stem in section.rules:
        assert (ROOT / "rules" / f"{stem}.yaml").is_file()
    assert section.find is not None and ":" in section.finder


def test_prefixes_and_rule_files_are_not_shared():
    prefixes = [s.prefix for s in SECTIONS.values()]
    assert len(set(prefixes)) == len(prefixes)
    stems = [stem for s in SECTIONS.values() for stem in s.rules]
    assert len(set(stems)) == len(stems)
    assert "articles" in rule_classes()


def test_requirements_come_first():
    order = [s.name for s in in_order()]
    for section in SECTIONS.values():
        for required in section.requires:
            assert order.index(required) < order.index(section.name)


def test_a_circular_requirement_is_refused(monkeypatch):
    loop = dataclasses.replace(SECTIONS["dates"], requires=("figures",))
    monkeypatch.setitem(SECTIONS, "dates", loop)
    with pytest.raises(ValueError, match="circular"):
        in_order()


def test_fact_sheet_sections_follow_the_registry():
    source = model.Source(path="a.txt", sha256="0")
    info = model.ExtractorInfo(version="0", model="m", rules="r")
    sheet = model.FactSheet(source=source, extractor=info)
    assert list(sheet.records) == list(SECTIONS)
    assert sheet.quotes == () and sheet.figures == ()
    with pytest.raises(TypeError, match="unknown section"):
        model.FactSheet(source=source, extractor=info, opinions=())
    with pytest.raises(AttributeError):
        _ = sheet.opinions


# The README's "Extending claimx" example, run as written.

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(title: str) -> str:
    match = re.search(rf"```\w+ title={re.escape(title)}\n(.*?)```", README, re.S)
    assert match, f"README has no block titled {title}"
    return match.group(1)


@pytest.fixture
def orgs_section(monkeypatch, tmp_path):
    """The README's section installed: module, rules file and registry entry."""
    from claimx import components, rules

    module = types.ModuleType("claimx.orgs")
    monkeypatch.setitem(sys.modules, "claimx.orgs", module)
    exec(compile(_block("claimx/orgs.py"), "README.md", "exec"), module.__dict__)
    defaults = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", defaults)
    (defaults / "orgs.yaml").write_text(_block("rules/orgs.yaml"), encoding="utf-8")
    monkeypatch.setattr(rules, "default_rules_dir", lambda: defaults)
    scope = {"Section": Section, "Organisation": module.Organisation}
    entry = eval(_block("registry entry"), scope)
    monkeypatch.setitem(SECTIONS, "orgs", entry)
    components.register(entry)
    rules.cached_rules.cache_clear()  # the rules now include orgs.yaml
    yield entry
    rules.cached_rules.cache_clear()


def test_a_new_section_is_one_module_one_rules_file_one_entry(orgs_section, tmp_path):
    from claimx.pipeline import extract_text, load_base
    from claimx.sheet import dump_jsonl, dump_yaml, load_sheets

    nlp = load_base()
    for section in in_order():
        nlp.add_pipe(section.component)
    assert typing.get_type_hints(orgs_section.record)["span"] is model.Span
    text = "Reuters reported that Samsung Electronics and the World Bank met in Seoul."
    sheet = extract_text(text, nlp=nlp, path="orgs.txt")
    names = [o.text for o in sheet.orgs]
    assert "Samsung Electronics" in names and "Reuters" not in names
    assert all(re.fullmatch(r"o-[0-9a-f]{10}", o.id) for o in sheet.orgs)
    assert all(text[o.span[0] : o.span[1]] == o.text for o in sheet.orgs)
    written = dump_yaml(sheet)
    assert "\norgs:\n- id: o-" in written
    assert written.index("\nfigures:") < written.index("\norgs:") < written.index("\nwarnings:")
    for suffix, dump in ((".yaml", dump_yaml), (".jsonl", dump_jsonl)):
        path = tmp_path / f"sheet{suffix}"
        path.write_text(dump(sheet), encoding="utf-8")
        assert list(load_sheets(path)) == [sheet]
    assert nlp.analyze_pipes()["summary"]["claimx_orgs"]["assigns"] == ["doc._.claimx_orgs"]


@pytest.mark.parametrize("name", list(SECTIONS))
def test_diff_hooks_resolve(name):
    section = SECTIONS[name]
    for hook in ("similarity", "label"):
        assert callable(section.hook(hook)), (name, hook)
