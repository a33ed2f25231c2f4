"""EventClassifier on real sentences: seed triggers, one sentence per PLOVER type, non-events, the pair task,
and the learned model against a trivial baseline on held-out hand-written examples."""
from collections import Counter
from importlib import resources

import pytest

from heron.events.classify import EventClassifier
from heron.events.lexicon import _rows
from heron.events.model import EventModel, features

SEED = ("US Secretary of State Antony Blinken on Tuesday showed his support for the territorial integrity and "
        "independence of Kazakhstan during his first visit to this gigantic Central Asian country, an ally of Russia "
        "and close to China, a few days after the first anniversary of the Russian invasion of Ukraine. "
        "During his visit, the head of American diplomacy must meet his counterparts from the five former Soviet "
        "republics of Central Asia in the Kazakh capital, Astana. "
        "Antony Blinken will also have a meeting during the day with President Kassym-Jomart Tokayev, then will "
        "travel to Uzbekistan. "
        "His tour aims to strengthen the footprint of the United States in this region. "
        "“As you know, the United States strongly supports Kazakhstan’s sovereignty,” the US Secretary of State told "
        "Kazakh Foreign Minister Mukhtar Tleouberdi. "
        "Antony Blinken assured Tuesday that the United States was “determined to strengthen” its relations with "
        "Kazakhstan. "
        "They abstained or did not take part in the vote on a resolution calling for the departure of Russian troops "
        "from Ukraine.")


@pytest.fixture(scope="module")
def clf():
    return EventClassifier()


@pytest.fixture(scope="module")
def seed(nlp):
    return nlp(SEED)


def tok(doc, context: str, word: str) -> int:
    start = doc.text.index(context) + context.index(word)
    return next(t.i for t in doc if t.idx == start)


@pytest.mark.parametrize("context,word,plover,cameo", [
    ("showed his support", "showed", "SUPPORT", "051"),
    ("his first visit", "visit", "CONSULT", "042"),
    ("strongly supports", "supports", "SUPPORT", "051"),
    ("determined to strengthen", "strengthen", "AGREE", "030"),
    ("determined to strengthen", "determined", "AGREE", "030"),
    ("Russian invasion", "invasion", "ASSAULT", "190"),
    ("resolution calling", "calling", "REQUEST", "1056"),
    ("abstained or", "abstained", "REJECT", "120"),
])
def test_seed_triggers(seed, clf, context, word, plover, cameo):
    c = clf.classify_frame(seed, tok(seed, context, word), [], [])
    assert c is not None and (c.plover, c.cameo) == (plover, cameo), c


@pytest.mark.parametrize("context,word,cameo", [("must meet", "meet", "036"), ("a meeting", "meeting", "036"),
                                                ("will travel", "travel", "042")])
def test_future_meetings_are_commitments_or_consultations(seed, clf, context, word, cameo):
    # Default (PLOVER GSR convention, which the seed gold accepts as `alt`): a commitment, AGREE/036.
    c = clf.classify_frame(seed, tok(seed, context, word), [], [])
    assert (c.plover, c.cameo) == ("AGREE", "036"), c
    assert c.explain["asserted"]["plover"] == "CONSULT"
    # Literal coding on request: CONSULT; an announced meeting takes CAMEO 036 (intent to meet).
    literal = EventClassifier(future_as_intent=False).classify_frame(seed, tok(seed, context, word), [], [])
    assert (literal.plover, literal.cameo) == ("CONSULT", cameo)


def test_visit_mode_kept_when_future_is_literal(seed):
    c = EventClassifier(future_as_intent=False).classify_frame(seed, tok(seed, "will travel", "travel"), [], [])
    assert (c.cameo, c.mode) == ("042", "visit")


@pytest.mark.parametrize("context,word", [("tour aims", "aims"), ("Secretary of State told", "told"),
                                          ("aims to strengthen", "strengthen")])
def test_seed_nonevents(seed, clf, context, word):
    assert clf.classify_frame(seed, tok(seed, context, word), [], []) is None


@pytest.mark.parametrize("text,word", [
    ("The minister said the plan was ready.", "said"),
    ("Kazakhstan shares a long border with Russia.", "shares"),
    ("The United States plays the reliable partner card.", "plays"),
    ("The country spares its minority.", "spares"),
    ("Washington has no illusions about the region.", "has"),
    ("The president added that more was needed.", "added"),
])
def test_nonevents(nlp, clf, text, word):
    doc = nlp(text)
    assert clf.classify_frame(doc, tok(doc, word, word), [], []) is None


PER_TYPE = [
    ("AGREE", "The two governments agreed to resume trade talks next month.", "agreed"),
    ("CONSULT", "The foreign minister met his Chinese counterpart in Beijing on Monday.", "met"),
    ("SUPPORT", "The president praised the mediators for their patience.", "praised"),
    ("COOPERATE", "The two navies held joint exercises in the Baltic Sea.", "held"),
    ("AID", "Japan provided emergency food aid to the flood victims.", "provided"),
    ("CONCEDE", "The government eased restrictions on the independent press.", "eased"),
    ("RETREAT", "The army withdrew its troops from the border town.", "withdrew"),
    ("REQUEST", "The opposition called for the resignation of the prime minister.", "called"),
    ("ACCUSE", "The ministry accused the rebels of attacking civilians.", "accused"),
    ("REJECT", "The government refused to release the detained journalists.", "refused"),
    ("THREATEN", "The general threatened to attack the rebel positions.", "threatened"),
    ("PROTEST", "Thousands of workers demonstrated outside the parliament.", "demonstrated"),
    ("SANCTION", "The European Union imposed sanctions on the regime.", "imposed"),
    ("MOBILIZE", "The army deployed thousands of soldiers along the border.", "deployed"),
    ("COERCE", "Police arrested dozens of protesters in the capital.", "arrested"),
    ("ASSAULT", "A camp for refugees was attacked by militiamen armed with machetes.", "attacked"),
]


@pytest.mark.parametrize("plover,text,word", PER_TYPE)
def test_one_sentence_per_type(nlp, clf, plover, text, word):
    doc = nlp(text)
    c = clf.classify_frame(doc, tok(doc, word, word), [], [])
    assert c is not None and c.plover == plover, c
    assert c.explain["by"] == "lexicon" and c.trigger is not None


def test_modifier_codes_are_specific(nlp, clf):
    doc = nlp("Iran refused to meet the European envoys.")
    assert clf.classify_frame(doc, tok(doc, "meet", "meet"), [], []).cameo == "125"
    doc = nlp("The rebels threatened to impose a curfew on the town.")
    c = clf.classify_frame(doc, tok(doc, "impose", "impose"), [], [])
    assert c.plover == "THREATEN"
    doc = nlp("The minister said that Libya must hand over the suspects.")
    c = clf.classify_pair(doc, (4, 12), (23, 28))
    assert c.plover == "REQUEST"


def test_find_trigger_looks_through_reporting_verbs(nlp, clf):
    doc = nlp("Iraq said it would allow the return of U.N. weapons inspectors.")
    trig = clf.find_trigger(doc, [0], [tok(doc, "U.N.", "U.N.")])
    assert doc[trig].lemma_ == "allow"


def test_find_trigger_passive_and_nominal(nlp, clf):
    doc = nlp("A camp for Congolese refugees was attacked by Burundian militiamen.")
    trig = clf.find_trigger(doc, [tok(doc, "militiamen", "militiamen")], [tok(doc, "refugees", "refugees")])
    assert doc[trig].lemma_ == "attack"
    doc = nlp("The Russian invasion of Ukraine changed everything.")
    trig = clf.find_trigger(doc, [tok(doc, "Russian", "Russian")], [tok(doc, "Ukraine", "Ukraine")])
    assert doc[trig].text == "invasion"


def test_pair_always_answers(nlp, clf):
    doc = nlp("Officials from Norway and Chile gathered quietly near the lake.")
    c = clf.classify_pair(doc, (15, 21), (26, 31))
    assert c.plover and c.cameo and 0.0 <= c.confidence <= 1.0
    assert c.explain["by"] in ("lexicon", "model")


def test_model_beats_majority_on_held_out_examples(nlp, clf):
    # (its load time is measured by benchmarks/throughput.py, not asserted here)
    model = EventModel.load()
    base = resources.files("heron") / "data" / "events" / "examples.tsv"
    rows = [r for r in _rows(base) if r["split"] == "test"]
    train_labels = Counter(r["label"] for r in _rows(base) if r["split"] == "train")
    majority = train_labels.most_common(1)[0][0]
    correct = 0
    for r in rows:
        doc = nlp(r["text"])
        root = next(iter(doc.sents)).root
        label, prob, _ = model.predict(features(doc, root.i))
        correct += label == r["label"]
    baseline = sum(r["label"] == majority for r in rows)
    assert len(rows) >= 30
    assert correct >= baseline + 10, (correct, baseline, len(rows))
