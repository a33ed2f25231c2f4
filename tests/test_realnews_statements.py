"""Real news (issue 11): a statement acts for whoever issued it, even when the story names the issuers only after
quoting it; "the junta", "the regime" and "the authorities" are the rulers of the state the story is about.
Sentences written for heron's tests."""
import pytest


@pytest.fixture(scope="module")
def events_of(asserted_dyads):
    return lambda text, date="2024-03-01": asserted_dyads(text, date)


def _typed(found, kind):
    return [(a, r) for t, trig, a, r, via in found if t == kind]


def test_a_statement_whose_issuers_are_named_later_acts_for_them(events_of):
    found = events_of("Guatemala's army shot dead six striking miners on Friday. "
                      "A joint statement condemned the killings and called on Guatemala to release the detained "
                      "strikers. The statement was issued by Canada, Chile and Norway.")
    requests = _typed(found, "REQUEST")
    assert requests and all(a == ["CAN", "CHL", "NOR"] and r == ["GTM"] for a, r in requests), found


def test_it_after_a_statement_is_the_statement(events_of):
    found = events_of("Ghana and Senegal issued a joint statement on Sunday about the coup in Guinea-Bissau. "
                      "It urged the coup leaders in Bissau to hand back power.")
    assert (["GHA", "SEN"], ["GNB"]) in _typed(found, "REQUEST"), found


def test_they_according_to_a_statement_are_its_issuers(events_of):
    found = events_of("According to a statement by the foreign ministers of Peru and Ecuador, they called the "
                      "arrest of the journalists in Bolivia an attack on press freedom.")
    accused = _typed(found, "ACCUSE")
    assert accused and all(a == ["ECU", "PER"] and r == ["BOL"] for a, r in accused), found


def test_a_statement_is_not_its_issuers_when_a_state_was_named_since(events_of):
    # "It" here is Moldova, named after the statement: the statement's issuer does not take the act.
    found = events_of("Romania issued a statement on the talks. Moldova then protested to Russia. It called on "
                      "Moscow to withdraw its troops.")
    assert not any(a == ["ROU"] for t, trig, a, r, via in found if trig == "called"), found


def test_a_statement_said_in_carries_its_speaker(events_of):
    found = events_of("Uruguay said in a statement that it regretted the decision. The statement also urged "
                      "Paraguay to reopen the bridge.")
    assert (["URY"], ["PRY"]) in _typed(found, "REQUEST"), found


def test_the_junta_is_the_state_the_story_is_about(events_of):
    found = events_of("Soldiers seized power in Niger in July. The junta arrested four journalists on Monday.")
    assert ("COERCE", ["NER"]) in [(t, a) for t, trig, a, r, via in found], found


def test_the_junta_named_before_keeps_its_state(events_of):
    # a state named between two mentions of the junta does not take it over
    found = events_of("The Malian junta expelled the French ambassador on Monday. Senegal urged the junta to "
                      "reconsider.")
    assert (["SEN"], ["MLI"]) in _typed(found, "REQUEST"), found


def test_the_regime_with_a_national_adjective_names_its_own_state(events_of):
    found = events_of("Kazakhstan criticised Belarus on Monday. The Iranian regime jailed a journalist.")
    jailed = [a for t, trig, a, r, via in found if trig == "jailed"]
    assert jailed == [["IRN"]], found


def test_leaders_named_by_a_noun_are_not_the_states_last_named(events_of):
    # "the coup leaders" are who the noun says, not "the leaders" of the two states just named
    found = events_of("Ghana and Senegal issued a joint statement on Sunday about the coup in Guinea-Bissau. "
                      "It urged the coup leaders in Bissau to hand back power.")
    assert (["GHA", "SEN"], ["GNB"]) in _typed(found, "REQUEST"), found
    assert not any(r == ["GHA", "SEN"] for t, trig, a, r, via in found), found


def test_the_two_sides_of_one_state_agree_at_home(events_of):
    # a government and its opposition are both of one state; where they signed is no side
    found = events_of("The deal between the Bolivian government and opposition was signed in Panama on Friday. "
                      "The two sides also agreed to release all detained protesters.")
    agreed = [(a, r) for t, trig, a, r, via in found if trig == "agreed"]
    assert agreed and all(a == ["BOL", "BOL"] and r == [] for a, r in agreed), found


def test_the_parties_in_a_national_conflict_are_of_that_state(events_of):
    found = events_of("Peace talks began in the Kenyan capital Nairobi on Monday. \"The two parties in the "
                      "Sudanese conflict have agreed to a ceasefire,\" the mediator said.")
    agreed = [(a, r) for t, trig, a, r, via in found if trig == "agreed"]
    assert agreed and all(set(a) == {"SDN"} for a, r in agreed), found


def test_a_company_and_its_state_are_no_two_sides_at_home(events_of):
    found = events_of("Colombia accused ExxonMobil and the United States of plotting against it. Peru urged the "
                      "two sides to settle their differences.")
    assert not any(trig == "urged" and r == ["USA", "USA"] for t, trig, a, r, via in found), found


def test_the_crown_prince_is_the_crown_prince_named_before(events_of):
    found = events_of("Kuwaiti Crown Prince Sabah Al-Khalid met Erdogan in Ankara. Macron later thanked both "
                      "Erdogan and the Crown Prince for their support.", date="2025-05-14")
    thanked = [(a, r) for t, trig, a, r, via in found if trig == "thanked"]
    assert thanked == [(["FRA"], ["KWT", "TUR"])], found


def test_the_leaders_thanked_are_the_leaders_just_named_together(events_of):
    found = events_of("Saudi Crown Prince Mohammed bin Salman met Trump on Monday. Trump thanked both Erdogan and "
                      "the Crown Prince for their support. Lebanese President Joseph Aoun thanked the leaders for "
                      "their efforts.", date="2025-05-14")
    assert (["LBN"], ["SAU", "TUR"]) in [(a, r) for t, trig, a, r, via in found if trig == "thanked"], found


def test_a_counterpart_of_no_state_named_is_of_the_story_s_other_side(events_of):
    found = events_of("Indian and Chinese troops clashed near Tawang on Friday. India said Chinese troops tried to "
                      "cross the border. China denied it. The local Indian commander held a flag meeting with his "
                      "counterpart on Monday.")
    met = [sorted(a + r) for t, trig, a, r, via in found if trig == "held"]
    assert met == [["CHN", "IND"]], found


def test_border_clashes_told_without_parties_are_between_the_story_s_two_states(events_of):
    found = events_of("After a week of deadly border clashes, Armenia and Azerbaijan agreed to a ceasefire on "
                      "Tuesday. Armenia accused Azerbaijan of shelling villages. Azerbaijan denied the claim. Talks "
                      "will resume in Moscow.")
    assert ("ASSAULT", ["ARM", "AZE"]) in [(t, sorted(a)) for t, trig, a, r, via in found if trig == "clashes"], found


def test_border_clashes_in_a_story_of_one_state_are_not_guessed(events_of):
    found = events_of("After border clashes last year, Armenia reinforced its army. Armenia held elections.")
    assert not [trig for t, trig, a, r, via in found if trig == "clashes"], found


def test_a_former_leader_named_as_an_organisation_s_envoy_acts_for_it(events_of):
    found = events_of("Uhuru Kenyatta, head of the African Union mediation team, said the talks in Nairobi were "
                      "over. Sudan's army chief thanked Kenyatta for his efforts.", date="2023-05-01")
    thanked = [(a, r) for t, trig, a, r, via in found if trig == "thanked"]
    assert thanked == [(["SDN"], ["AU"])], found


def test_a_state_named_beside_an_organisation_keeps_its_state(events_of):
    found = events_of("The Collective Security Treaty Organization, a bloc led by Russia, sent troops to Kazakhstan. "
                      "Kazakhstan imposed a curfew on Almaty.", date="2022-01-06")
    assert ("COERCE", ["KAZ"]) in [(t, a) for t, trig, a, r, via in found], found
