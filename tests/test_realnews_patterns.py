"""Patterns of modern multi-paragraph news (issue 11), each with sentences written for heron's tests."""
import pytest


@pytest.fixture(scope="module")
def events_of(coder):
    def run(text, date="2024-05-10"):
        doc = coder.code(text, date=date)
        return [(e.plover["type"], e.trigger.text, sorted(a.country or a.igo or "?" for a in e.actor),
                 sorted(a.country or a.igo or "?" for a in e.recipient)) for e in doc.events
                if e.modality not in ("negated", "hypothetical")]
    return run


def _by_trigger(found, trigger):
    return [(t, a, r) for t, trig, a, r in found if trig == trigger]


# -- the target of a judgement is who did the act judged, not its victim ------------------------------------
def test_condemned_attack_targets_the_attacker_told_earlier(events_of):
    found = events_of("Turkish jets bombed Kurdish positions near the Iraqi town of Zakho on Monday. "
                      "Iraq condemned the attack on Tuesday.")
    assert ("ACCUSE", ["IRQ"], ["TUR"]) in _by_trigger(found, "condemned")


def test_condemned_attack_by_a_named_group_targets_the_group(events_of):
    found = events_of("Kenya strongly condemned the attack by al-Shabaab fighters on a police convoy in Lamu.")
    assert _by_trigger(found, "condemned") == [("ACCUSE", ["KEN"], ["SOM"])]


def test_welcomed_offer_from_someone_targets_its_author(events_of):
    found = events_of("Ethiopia welcomed an offer of mediation from Kenyan President William Ruto.")
    assert [(t, r) for t, a, r in _by_trigger(found, "welcomed")] == [("SUPPORT", ["KEN"])]


def test_condemned_decision_refers_back_to_the_last_act_of_another_party(events_of):
    found = events_of("Nicaragua expelled the Dutch ambassador on Tuesday. "
                      "The European Union condemned the decision on Wednesday.")
    assert [(t, r) for t, a, r in _by_trigger(found, "condemned")] == [("ACCUSE", ["NIC"])]


def test_crackdown_without_author_is_the_state_where_it_happened(events_of):
    found = events_of("Human rights groups and the United Nations condemned the crackdown on students in Dhaka.")
    assert ["BGD"] in [r for t, a, r in _by_trigger(found, "condemned")]


# -- generic domestic actors take the country the story is about --------------------------------------------
def test_police_in_a_story_about_one_country(events_of):
    text = ("Thousands of Georgians rallied in Tbilisi on Saturday against a new media law. "
            "Georgia's ruling party says the law protects national sovereignty. "
            "Police detained 14 protesters outside parliament late on Saturday.")
    assert ("COERCE", ["GEO"], ["GEO"]) in _by_trigger(events_of(text), "detained")
