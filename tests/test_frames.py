"""Predicate frames over the parse: agents and targets for verbs and event nouns."""
import pytest

from heron.events.frames import FrameFinder


@pytest.fixture(scope="module")
def frames_of(coder):
    def run(text, date="2020-01-01"):
        doc = coder.parser(coder._new({"id": "t", "text": text, "date": date}))
        for stage in coder.stages[:3]:          # mentions, actors, quotes
            doc = stage(doc)
        sdoc = doc.nlp
        return {sdoc[f.trigger].text: ([m.actor.country or m.actor.igo for m in f.agents],
                                       sorted(m.actor.country or m.actor.igo or "?" for m in f.targets), f)
                for f in FrameFinder()(doc)}
    return run


def test_subject_object(frames_of):
    agents, targets, _ = frames_of("Russia attacked Ukraine on Monday.")["attacked"]
    assert agents == ["RUS"] and targets == ["UKR"]


def test_passive_by_agent(frames_of):
    agents, targets, f = frames_of("Ukraine was attacked by Russia.")["attacked"]
    assert agents == ["RUS"] and targets == ["UKR"] and f.agent_via == "passive-agent"


def test_passive_without_agent_uses_the_state_of_the_place_for_state_actions(frames_of):
    frames = frames_of("A Canadian missionary was arrested in Lebanon on Monday.")
    agents, targets, f = frames["arrested"]
    assert agents == ["LBN"] and targets == ["CAN"] and f.agent_via == "passive-place"
    # A killing is no state action: its unknown perpetrator is only placed in the state where it happened.
    agents, _, f = frames_of("A Canadian missionary was killed in Lebanon.")["killed"]
    assert f.agent_via == "passive-unattributed" and f.agents[0].actor.kind == "unknown"


def test_light_verb_noun_carries_the_target(frames_of):
    agents, targets, _ = frames_of("Japan showed its support for the Philippines.")["showed"]
    assert agents == ["JPN"] and targets == ["PHL"]


def test_coordinated_verbs_share_the_subject(frames_of):
    frames = frames_of("Antony Blinken will also have a meeting during the day with President Kassym-Jomart "
                       "Tokayev, then will travel to Uzbekistan.", date="2023-02-28")
    assert frames["travel"][0] == ["USA"] and frames["travel"][1] == ["UZB"]
    assert frames["have"][1] == ["KAZ"]


def test_control_verb_reaches_into_its_complement(frames_of):
    agents, targets, f = frames_of("Pakistan threatened to break off relations with Costa Rica.")["threatened"]
    assert agents == ["PAK"] and targets == ["CRI"] and f.target_via.startswith("complement")


def test_reported_speech_targets_the_reported_subject(frames_of):
    agents, targets, _ = frames_of("China demanded that the United States cancel the arms sale.")["demanded"]
    assert agents == ["CHN"] and targets == ["USA"]


def test_event_noun_with_possessor_and_national_adjective(frames_of):
    assert frames_of("Officials condemned Russia's invasion of Ukraine.")["invasion"][:2] == (["RUS"], ["UKR"])
    assert frames_of("Officials recalled the Iraqi invasion of Kuwait.")["invasion"][:2] == (["IRQ"], ["KWT"])


def test_quantity_phrase_subject(frames_of):
    agents, _, _ = frames_of("Thousands of Iraqi Kurds demonstrated against the government of Iraq.")["demonstrated"]
    assert agents == ["IRQ"]


def test_circumstances_are_not_targets(frames_of):
    frames = frames_of("France signed the deal with Germany during a summit in Brussels after talks with Italy.")
    assert frames["signed"][1] == ["DEU"]


def test_causee_of_let_is_the_target(frames_of):
    agents, targets, f = frames_of("Burma's military junta has refused to let United Nations envoy Razali Ismail "
                                   "meet the opposition leader.", date="2002-03-01")["refused"]
    assert agents == ["MMR"] and targets == ["UN"] and f.target_via.endswith("causee")
