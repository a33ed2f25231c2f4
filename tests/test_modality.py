"""Modality from auxiliaries, negation, embedding verbs and conditionals."""
import pytest

from heron.events.modality import modality_of


def trigger_modality(nlp, text, word):
    sdoc = nlp(text)
    tok = next(t for t in sdoc if t.text == word)
    return modality_of(sdoc, tok.i).value


@pytest.mark.parametrize("text,word,expected", [
    ("Antony Blinken will travel to Uzbekistan.", "travel", "future"),
    ("The head of American diplomacy must meet his counterparts.", "meet", "future"),
    ("Russia attacked Ukraine on Monday.", "attacked", "asserted"),
    ("The five republics did not take part in the vote.", "take", "negated"),
    ("Japan never agreed to the plan.", "agreed", "negated"),
    ("If Iran were to attack Israel, the US would respond.", "attack", "hypothetical"),
    ("China could impose sanctions on Taiwan.", "impose", "hypothetical"),
    ("France plans to send troops to Mali.", "send", "future"),
    ("The protest came a year after the invasion of Ukraine.", "invasion", "historical"),
    # a bare verb continuing what was urged is urged too, however the parser hangs it
    ("He encouraged the Syrian president to sign onto the agreement with Jordan, expel all foreign militants from "
     "Syrian territory, deport Iranian advisers, help Iraq prevent the resurgence of ISIS, and assume control of the "
     "camps.", "help", "hypothetical"),
    ("He encouraged the Syrian president to sign onto the agreement with Jordan, expel all foreign militants from "
     "Syrian territory, deport Iranian advisers, help Iraq prevent the resurgence of ISIS, and assume control of the "
     "camps.", "assume", "hypothetical"),
    ("He encouraged the Iraqi leader to sign onto the Abraham Accords with Israel, expel all foreign terrorists from "
     "Iraqi territory, deport Iranian militants.", "expel", "hypothetical"),
    ("He encouraged the Iraqi leader to sign onto the Abraham Accords with Israel, expel all foreign terrorists from "
     "Iraqi territory, deport Iranian militants.", "deport", "hypothetical"),
    # what happened before an agreement is no plan
    ("After a week of deadly clashes, the two sides agreed a truce.", "clashes", "asserted"),
    # a second act joined to an urging is not urged
    ("Macron urged calm and accused Russia of lying.", "accused", "asserted"),
    ("Police raided the camp on Monday, arresting twelve smugglers.", "arresting", "asserted"),
])
def test_modality(nlp, text, word, expected):
    assert trigger_modality(nlp, text, word) == expected
