"""Real news (issue 11): accusations told beside other acts — a hostile act cited as the reason for a measure, an
accusation in a participle after a material act, a judgement a reporter adds to what it reports. Sentences written
for heron's tests."""
import pytest


@pytest.fixture(scope="module")
def events_of(asserted_dyads):
    return lambda text, date="2024-06-01": asserted_dyads(text, date)


def _typed(found, kind):
    return [(a, r) for t, trig, a, r, via in found if t == kind]


def test_a_hostile_act_cited_as_the_reason_accuses_its_author(events_of):
    found = events_of("Nicaragua expelled the ambassadors of Honduras and Guatemala, citing \"hostile acts\" by "
                      "the two countries.")
    assert (["NIC"], ["GTM", "HND"]) in _typed(found, "ACCUSE"), found
    assert any(t == "SANCTION" for t, *_ in found), found     # the expulsion stays an event of its own


def test_a_measure_and_its_stated_reason_are_two_events(events_of):
    found = events_of("Tajikistan closed its border crossings, citing repeated incursions by Kyrgyzstan.")
    assert (["TJK"], ["KGZ"]) in _typed(found, "ACCUSE"), found


def test_citing_a_reason_that_is_no_hostile_act_accuses_no_one(events_of):
    found = events_of("Bhutan postponed the talks with Nepal, citing the weather.")
    assert not _typed(found, "ACCUSE"), found


def test_a_judgement_added_to_a_report_is_the_reporter_s(events_of):
    # "calling ..." hangs on what was reported, but the one who calls the incident a violation is the reporter
    found = events_of("The UN mission in Cyprus said Turkish troops had fired warning shots at one of its "
                      "posts on Sunday, calling the incident a serious violation of the ceasefire.")
    accused = _typed(found, "ACCUSE")
    assert accused and all(a == ["UN"] and r == ["TUR"] for a, r in accused), found


def test_advice_to_another_party_is_a_demand(events_of):
    found = events_of("Beijing advises the European Union not to become an accomplice of Washington.")
    assert (["CHN"], ["EU"]) in _typed(found, "REQUEST"), found


def test_a_refusal_in_the_future_tense_is_made_now(coder):
    # "will not accept" is a refusal said today, asserted like a threat
    doc = coder.code("Colombia will not accept any form of tutelage from Washington, Petro said on Monday.",
                     date="2024-06-01")
    rejected = [(e.actor[0].country, e.recipient[0].country, e.modality) for e in doc.events
                if e.plover["type"] == "REJECT" and e.recipient]
    assert rejected == [("COL", "USA", "asserted")], rejected


@pytest.mark.parametrize("text", [
    "Giving details of the clash between the armies of Armenia and Azerbaijan, Defence Minister Suren Papikyan said "
    "three soldiers were wounded.",
    "South Korea's military provided a video that showed smoke rising over the North Korean side of the border.",
    "Sharing details on X, the Kremlin spokesman noted that President Tokayev had called the talks useful.",
])
def test_telling_the_press_what_happened_is_no_aid_or_cooperation(events_of, text):
    found = events_of(text)
    assert not [t for t, *_ in found if t in ("AID", "COOPERATE")], found


def test_a_participle_hung_beside_the_clause_it_continues_takes_its_subject(events_of):
    found = events_of("Ties between Chad and Sudan have been strained since March when Chad closed its border, "
                      "insisting that Sudan's army withdraw its troops from the frontier.")
    assert (["TCD"], ["SDN"]) in _typed(found, "REQUEST"), found


def test_a_stance_taken_in_an_act_is_support_not_the_act_s_target(events_of):
    found = events_of("Hungary skipped the summit in solidarity with President Donald Trump.")
    assert (["HUN"], ["USA"]) in _typed(found, "SUPPORT"), found
    assert not any(r == ["USA"] for t, trig, a, r, via in found if t != "SUPPORT"), found


def test_standing_in_solidarity_is_the_act_itself(events_of):
    found = events_of("The African Union said it stood in solidarity with Somalia.")
    assert _typed(found, "SUPPORT") == [(["AU"], ["SOM"])], found


def test_leaders_confirming_what_they_resume_together_agree(events_of):
    found = events_of("South Korean President Lee Jae-myung and Japanese Prime Minister Shigeru Ishiba confirmed the "
                      "resumption of regular visits to each other's country.", date="2025-06-01")
    assert any(t == "AGREE" and sorted(a) == ["JPN", "KOR"] for t, trig, a, r, via in found), found
