"""Knowledge base: loading, indexes, office dates, text helpers and user actors."""
from pathlib import Path

import pytest

from heron.actors.kb import (
    KnowledgeBase,
    PositionClassifier,
    default_kb,
    fold,
    heron_home,
    name_tokens,
    normalize_date,
    skeleton,
    tokenize,
)

FIXTURES = Path(__file__).parent / "fixtures" / "kb"


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase()


def test_shipped_file_is_small():
    # (load time is measured by benchmarks/actors.py, not asserted here)
    assert (Path(__file__).parents[1] / "src/heron/data/kb/kb.json.gz").stat().st_size < 3_000_000


def test_tokenize_keeps_abbreviations_and_drops_possessives():
    assert tokenize("Chile's Defense Ministry") == ["Chile", "Defense", "Ministry"]
    assert tokenize("the U.S. envoy") == ["the", "U.S.", "envoy"]
    assert fold("Élysée") == "elysee"


def test_skeleton_joins_transliterations_but_not_other_names():
    assert skeleton("tleouberdi") == skeleton("tileuberdi") == skeleton("tleuberdi")
    assert skeleton("zhomart") == skeleton("jomart")
    assert skeleton("tokayev") != skeleton("tleuberdi")
    assert name_tokens("Kassym-Jomart Tokayev") == ["kassym", "jomart", "tokayev"]


def test_normalize_date():
    assert normalize_date("2023-02-28T10:00:00") == "2023-02-28"
    assert normalize_date("2019") == "2019-07-01"
    assert normalize_date("yesterday") is None


def test_country_aliases(kb):
    toks = ["Kazakh"]
    _, entries = kb.match_alias(toks, [fold(t) for t in toks], 0)
    assert entries[0].target == "KAZ" and entries[0].type == "adj"
    toks = ["the", "United", "States"]
    end, entries = kb.match_alias(toks, [fold(t) for t in toks], 1)
    assert end == 3 and entries[0].target == "USA"
    # "US" is an abbreviation only in capitals: the pronoun "us" is not a country
    _, entries = kb.match_alias(["us"], ["us"], 0)
    assert not entries
    _, entries = kb.match_alias(["Nur-Sultan"], ["nur-sultan"], 0)
    assert entries[0].target == "KAZ" and entries[0].sector == "GOV"


def test_igos_and_groups(kb):
    assert kb.igos["UNGA"]["parent"] == "UN"
    assert {"KAZ", "IND", "CHN"} <= set(kb.igos["SCO"]["members"])
    assert kb.groups["central_asia"]["members"] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert len(kb.groups["west"]["members"]) > 25  # expanded from @NATO @EU


def test_office_holders_by_date(kb):
    holders = kb.office_holders("USA", "foreign", "2023-02-28")
    assert [kb.people[o.person].name for o in holders] == ["Antony Blinken"]
    kaz = kb.office_holders("KAZ", "head_of_state", "2010-01-01")
    assert [kb.people[o.person].name for o in kaz] == ["Nursultan Nazarbayev"]


def test_people_index_by_name_and_surname(kb):
    ids = kb.by_name["mukhtar tleuberdi"]
    assert kb.people[ids[0]].wikidata == "Q70254110"
    assert any(kb.people[i].name == "Sergey Lavrov" for i in kb.by_surname["lavrov"])


def test_position_classifier_limits_secretary_of_state_to_usa(kb):
    assert kb.positions.classify("Secretary of State", "USA")[1] == "foreign"
    assert kb.positions.classify("Secretary of State", "AUT")[1] != "foreign"
    assert kb.positions.classify("Chief of the General Staff", "RUS")[0] == "MIL"
    assert kb.positions.classify("ambassador to Hungary", "USA")[2] is False
    rules = PositionClassifier.from_rows([{"pattern": "^king$", "sector": "GOV", "class": "head_of_state",
                                           "keep": "1", "countries": ""}])
    assert rules.classify("King") == ("GOV", "head_of_state", True)


def test_show_lists_person_offices(kb):
    entries = kb.show("Tokayev")
    person = next(e for e in entries if e["match"] == "person")
    assert person["wikidata"] == "Q200881"
    assert any(o["position"] == "President" for o in person["offices"])


def test_add_user_actors(tmp_path):
    kb = KnowledgeBase()
    assert kb.add_user_actors(FIXTURES / "user_actors.csv") == 2
    assert kb.by_name["zhanar testova"]
    assert kb.named_actor("Steppe Liberation Front", None).sector == "REB"
    with pytest.raises(ValueError, match="line 2"):
        kb.add_user_actors(FIXTURES / "bad_actors.csv")


def test_default_kb_reads_user_file_from_heron_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HERON_HOME", str(tmp_path))
    (tmp_path / "actors.csv").write_text((FIXTURES / "user_actors.csv").read_text())
    assert heron_home() == tmp_path
    default_kb.cache_clear()
    try:
        assert "Steppe Liberation Front" in default_kb().named
    finally:
        default_kb.cache_clear()


def test_british_spellings_of_organisations_resolve():
    import heron

    assert heron.resolve_actor("the Organisation of African Unity", date="1990-01-01").igo == "OAU"
    assert heron.resolve_actor("the Organization of American States", date="1990-01-01").igo == "OAS"


def test_armed_groups_of_older_news_and_their_state_then():
    import heron

    assert heron.resolve_actor("Revolutionary United Front rebels", date="2000-05-10").country == "SLE"
    assert heron.resolve_actor("UNITA rebels", date="1994-06-01").country == "AGO"
    # The KLA fought in Kosovo before Kosovo's independence: Serbia then, Kosovo now.
    assert heron.resolve_actor("the Kosovo Liberation Army", date="1998-06-01").country == "SRB"
    assert heron.resolve_actor("the Kosovo Liberation Army", date="2010-06-01").country == "XKX"


def test_shipped_lookup_keys_match_the_text_functions(kb):
    """The build stores keys computed with heron.actors.text; a change there needs a rebuilt KB."""
    from heron.actors.kb import alias_key, person_keys

    for name in ("Kassym-Jomart Tokayev", "Luiz Inácio Lula da Silva", "Abiy Ahmed Ali", "Sergey Lavrov"):
        ids = kb.by_name[" ".join(name_tokens(name))]
        for index, keys in person_keys(name).items():
            for key in keys:
                assert ids[0] in getattr(kb, "by_" + index)[key], (name, index, key)
    for alias in ("Black Sea Fleet", "FSB", "Knesset", "Transnistria"):
        key, case_sensitive = alias_key(alias)
        assert (kb.aliases_cs if case_sensitive else kb.aliases_ci)[key], alias


def test_people_and_offices_are_built_on_first_use():
    kb = KnowledgeBase()
    assert "offices" not in kb.__dict__ and "people" not in kb.__dict__
    assert kb.office_holders("USA", "foreign", "2023-02-28")     # built when first needed
    assert "offices" in kb.__dict__


def test_offices_know_their_source_and_a_source_its_horizon(kb):
    tokayev = kb.by_name["kassym jomart tokayev"][0]
    president = next(o for o in kb.offices[tokayev] if o.cls == "head_of_state" and not o.end)
    assert president.source == "factbook"
    assert kb.known_on(president, "2025-12-01") and not kb.known_on(president, "2026-06-01")


def test_territories_and_places(kb):
    entry = next(e for e in kb.show("Transnistria") if e["match"] == "name")
    assert (entry["target"], entry["territory"], entry["code"]) == ("MDA", "Transnistria", "MDAPRE")
    assert kb.place_countries("Zamfara") == ["NGA"]
    assert set(kb.place_countries("Punjab")) == {"IND", "PAK"}


def test_user_organisations_have_a_type(tmp_path):
    kb = KnowledgeBase()
    good = tmp_path / "orgs.csv"
    good.write_text("name,aliases,country,sector,type\nSteppe Water Agency,SWA,KAZ,GOV,agency\n")
    assert kb.add_user_actors(good) == 1
    assert kb.named_actor("Steppe Water Agency", None).type == "agency"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,country,type\nSomething,KAZ,spaceship\n")
    with pytest.raises(ValueError, match="line 2: type"):
        kb.add_user_actors(bad)

