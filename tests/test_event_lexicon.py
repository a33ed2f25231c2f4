"""The trigger lexicon data files: loading, pattern precedence, transforms, consistency with the ontology."""
import pytest

from heron.events.lexicon import NOT_AN_EVENT, LexEntry, Lexicon, default_lexicon, parse_pattern
from heron.ontology import PLOVER_TYPES, default_ontology


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return default_lexicon()


def test_parse_pattern():
    assert parse_pattern("break+off>tie") == ("break", "off", "tie")
    assert parse_pattern("visit") == ("visit", None, None)
    assert parse_pattern("impose>sanction") == ("impose", None, "sanction")


def test_most_specific_verb_pattern_wins(lex):
    assert lex.verb("impose", [], ["curfew"]).cameo == "1723"
    assert lex.verb("call", ["for"], []).plover == "REQUEST"
    assert lex.verb("pull", ["out"], ["troop"]).plover == "RETREAT"
    assert lex.verb("visit", ["to"], []).cameo == "042"
    assert lex.verb("say", [], []) is None


def test_event_nouns(lex):
    assert lex.noun("invasion", []).cameo == "190"
    assert lex.noun("visit", []).mode == "visit"
    assert lex.noun("talk", []).plover == "CONSULT"
    assert lex.noun("sanction", []).plover == "SANCTION"
    assert lex.noun("blockade", ["naval"]).plover == "COERCE"


def test_every_pattern_has_valid_type_and_code(lex):
    onto = default_ontology()
    entries = [e for t in lex.verbs.values() for e in t.values()] + [e for t in lex.nouns.values() for e in t.values()]
    assert len(entries) > 500
    for e in entries:
        if e.cameo == NOT_AN_EVENT:     # a pattern that says "no event here" ("hold>hand")
            assert e.plover == NOT_AN_EVENT, e
            continue
        assert e.plover in PLOVER_TYPES, e
        assert onto.cameo(e.cameo) is not None and onto.cameo(e.cameo).code == e.cameo, e


def test_a_non_event_pattern_beats_the_event_of_its_lemma(coder):
    held = coder.code("The president held the hands of the two generals.", date="2024-01-01")
    detained = coder.code("Police in Lagos held two journalists for questioning.", date="2024-01-01")
    assert not held.events and [e.plover["type"] for e in detained.events] == ["COERCE"]


def test_transforms_by_code_then_type_then_default(lex):
    meet = LexEntry("V", "meet", "040", "CONSULT", None, ())
    ties = LexEntry("V", "strengthen>relation", "050", "SUPPORT", None, ())
    arrest = LexEntry("V", "arrest", "173", "COERCE", "arrest", ())
    protest = LexEntry("V", "protest", "140", "PROTEST", None, ())
    assert lex.transform("intent", meet).cameo == "036"
    assert lex.transform("intent", ties).cameo == "030"
    assert lex.transform("request", protest).cameo == "100"
    assert lex.transform("order", arrest).cameo == "173"         # "=" keeps the inner event
    assert lex.transform("future", protest).plover == "THREATEN"
    assert lex.transform("future", arrest).plover == "THREATEN"
    assert lex.transform("negate", protest) is None


def test_modifiers_and_nonevents(lex):
    assert ("xcomp", "refuse") in lex.modifiers["refuse"]
    assert ("of", "accuse") in lex.modifiers["accuse"]
    assert lex.nonevents["say"] == "report" and lex.nonevents["aim"] == "none"
    assert "hold" in lex.light_verbs and "show" in lex.light_verbs


def test_bad_code_in_patterns_is_rejected(tmp_path):
    src = default_lexicon  # data dir of the shipped lexicon
    import shutil
    from importlib import resources
    base = resources.files("heron") / "data" / "events"
    for name in ("light_verbs.tsv", "modifiers.tsv", "transforms.tsv", "nonevents.tsv"):
        shutil.copy(str(base / name), tmp_path / name)
    (tmp_path / "patterns.tsv").write_text("kind\tpattern\tcameo\nV\tfrobnicate\t999\n", encoding="utf-8")
    with pytest.raises(ValueError):
        Lexicon.load(tmp_path)
    (tmp_path / "patterns.tsv").write_text("kind\tpattern\tcameo\nV\tfrobnicate\t042\n", encoding="utf-8")
    assert Lexicon.load(tmp_path).verb("frobnicate", [], []).mode == "visit"
    assert src() is src()


def test_prepositional_object_completes_only_its_own_preposition():
    lex = default_lexicon()
    # "withdraw troops from Congo under a deal": "deal" belongs to "under", not to "withdraw from".
    assert lex.verb("withdraw", ["from", "under"], ["troop"], [("from", "congo"), ("under", "deal")]).plover == "RETREAT"
    assert lex.verb("withdraw", ["from"], [], [("from", "deal")]).plover == "SANCTION"


def test_shipped_patterns_are_unique():
    # A pattern listed twice would silently take its last row; every (kind, pattern) must appear once.
    from importlib import resources

    rows = [line.split("\t")[:2] for line in
            (resources.files("heron") / "data" / "events" / "patterns.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "kind\t"))]
    keys = [tuple(r) for r in rows]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
