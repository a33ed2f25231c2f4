"""Mention finding: phrase extents anchored on heads, nested national modifiers, pronouns."""
from heron.actors.mentions import MentionFinder
from heron.parse import Parser
from heron.records import Document


def mentions(text):
    doc = Parser()(Document(id="t", text=text))
    return [m.text for m in MentionFinder()(doc).mentions]


def test_title_and_name_form_one_phrase():
    found = mentions("US Secretary of State Antony Blinken on Tuesday showed his support for Kazakhstan.")
    assert "US Secretary of State Antony Blinken" in found
    assert "his" in found and "Kazakhstan" in found


def test_of_phrase_kept_for_relational_heads_only():
    found = mentions("During his visit, the head of American diplomacy must meet the five former Soviet republics "
                     "of Central Asia.")
    assert "the head of American diplomacy" in found
    assert "the five former Soviet republics of Central Asia" in found


def test_possessor_and_national_adjective_get_their_own_mentions():
    found = mentions("Blinken referred to Russia's invasion of Ukraine and the Russian troops in Kherson.")
    assert "Russia" in found
    assert "Russian troops" in " ".join(found)
    found = mentions("It was the first anniversary of the Russian invasion of Ukraine.")
    assert "Russian" in found


def test_mention_spans_point_at_their_text():
    text = "“As you know,” the US Secretary of State told Kazakh Foreign Minister Mukhtar Tleouberdi."
    doc = MentionFinder()(Parser()(Document(id="t", text=text)))
    for m in doc.mentions:
        assert text[m.span[0]:m.span[1]] == m.text
    assert "Kazakh Foreign Minister Mukhtar Tleouberdi" in [m.text for m in doc.mentions]
