import pytest

from claimx.errors import RulesError
from claimx.rules import load_rules


def test_defaults_load_and_have_a_digest(rules):
    assert "say" in rules.quotes.speech_verbs
    assert len(rules.digest) == 12


def test_unknown_key_names_file_key_and_allowed_keys(tmp_path):
    (tmp_path / "quotes.yaml").write_text("speach_verbs: [opine]\n")
    with pytest.raises(RulesError) as err:
        load_rules(tmp_path)
    message = str(err.value)
    assert "quotes.yaml" in message and "'speach_verbs'" in message and "speech_verbs" in message


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("speech_verbs: opine\n", "expected a list"),
        ("scare_max_words: many\n", "expected int"),
        ("speech_verbs: [1]\n", "expected text"),
        ("- a list\n", "must be a mapping"),
        ("speech_verbs: [unclosed\n", "cannot read"),
    ],
)
def test_bad_values_are_rejected(tmp_path, content, fragment):
    (tmp_path / "quotes.yaml").write_text(content)
    with pytest.raises(RulesError, match=fragment):
        load_rules(tmp_path)


def test_unknown_rule_file_is_rejected(tmp_path):
    (tmp_path / "quote.yaml").write_text("speech_verbs: [opine]\n")
    with pytest.raises(RulesError, match="unknown rule file"):
        load_rules(tmp_path)


def test_user_rules_extend_lists_and_change_the_digest(tmp_path, rules):
    (tmp_path / "quotes.yaml").write_text("speech_verbs: [opine]\n")
    mine = load_rules(tmp_path)
    assert "opine" in mine.quotes.speech_verbs
    assert "say" in mine.quotes.speech_verbs
    assert mine.digest != rules.digest


def test_replace_drops_the_defaults(tmp_path):
    (tmp_path / "quotes.yaml").write_text("replace: true\nspeech_verbs: [opine]\n")
    assert load_rules(tmp_path).quotes.speech_verbs == ("opine",)


def test_rules_dir_must_exist(tmp_path):
    with pytest.raises(RulesError, match="must be a directory"):
        load_rules(tmp_path / "nope")
