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
])
def test_modality(nlp, text, word, expected):
    assert trigger_modality(nlp, text, word) == expected
