"""Shipped CAMEO/PLOVER tables: lookups, scores and quads, and that no CAMEO manual prose was shipped."""
from heron.ontology import PLOVER_TYPES, Ontology, default_ontology


def test_visit_code_facts():
    c = default_ontology().cameo("042")
    assert (c.root, c.quad_class, c.goldstein, c.plover_type, c.plover_mode) == ("04", 1, 1.9, "CONSULT", "visit")


def test_conventional_force_is_material_conflict():
    c = default_ontology().cameo("190")
    assert (c.quad_class, c.goldstein, c.plover_type) == (4, -10.0, "ASSAULT")


def test_unknown_subcode_falls_back_to_root_and_garbage_is_none():
    onto = default_ontology()
    assert onto.cameo("0429").code == "04"
    assert onto.cameo("") is None


def test_every_plover_type_has_quad_and_score():
    onto = default_ontology()
    quads = {t: onto.plover_quad(t) for t in PLOVER_TYPES}
    assert quads["AGREE"] == 1 and quads["AID"] == 2 and quads["THREATEN"] == 3 and quads["ASSAULT"] == 4
    assert all(onto.plover_score(t) is not None for t in PLOVER_TYPES)


def test_mode_score_overrides_type_score():
    onto = default_ontology()
    assert onto.plover_score("CONSULT") == 2.5
    assert onto.plover_score("CONSULT", "visit") == 4.0
    assert onto.plover_score("CONSULT", "no-such-mode") == 2.5


def test_modes_use_plover_2_vocabulary():
    onto = default_ontology()
    assert onto.cameo("186").plover_mode == "targeted"      # 2021 table said "assassinate"
    assert onto.cameo("0811").plover_context == ("pro_democracy",)


def test_names_are_heron_labels_not_manual_text():
    onto = default_ontology()
    assert len(onto.codes) == 318
    assert onto.cameo("042").name != "Make a visit"
    assert all(c.name and len(c.name) < 60 for c in onto.codes.values())


def test_default_code_per_type_maps_back_to_the_type():
    onto = default_ontology()
    for t in PLOVER_TYPES:
        code = onto.default_code(t)
        assert onto.cameo(code).plover_type == t, (t, code)


def test_loader_is_cached_and_reloadable():
    assert default_ontology() is default_ontology()
    assert Ontology.load().cameo("051").plover_type == "SUPPORT"
