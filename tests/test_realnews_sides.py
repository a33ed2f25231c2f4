"""Who is on the other side in real news (issue 11): aims that ask nothing, acts at home in a two-state story,
free relatives that name a thing. Sentences written for heron's tests."""
import pytest


@pytest.fixture(scope="module")
def events_of(asserted_dyads):
    return lambda text, date="2024-07-30": asserted_dyads(text, date)


TWO_STATE_STORY = ("Venezuela expelled Peruvian diplomats on Monday. Peru recalled its ambassador from Caracas on Tuesday. "
                   "Venezuela accused Peru of interfering in the election. ")


def test_opposition_in_a_two_state_story_acts_on_its_own_government(events_of):
    found = events_of(TWO_STATE_STORY + "Venezuelan opposition leaders rejected the official results.")
    rejected = [(t, a, r, via) for t, trig, a, r, via in found if trig == "rejected"]
    assert rejected == [("REJECT", ["VEN"], ["VEN"], "own-state")]


def test_a_state_in_a_two_state_story_still_acts_on_the_other(events_of):
    found = events_of(TWO_STATE_STORY + "The Venezuelan government warned of a firm response.")
    warned = [(t, a, r, via) for t, trig, a, r, via in found if trig == "warned"]
    assert warned == [("THREATEN", ["VEN"], ["PER"], "story-counterpart")]


def test_seeking_to_do_what_is_no_act_asks_nothing(events_of):
    found = events_of("The G7 members are seeking to de-risk, not decouple from China.")
    assert not [f for f in found if f[0] == "REQUEST"]


def test_seeking_to_restore_ties_is_intent_not_request(events_of):
    found = events_of("Iran is seeking to restore ties with Egypt.")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("AGREE", ["IRN"], ["EGY"])]


def test_seeking_help_from_someone_is_still_a_request(events_of):
    found = events_of("Kenya sought help from the United States.")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("REQUEST", ["KEN"], ["USA"])]


def test_protesting_what_someone_called_something_has_no_target_in_that_clause(events_of):
    found = events_of("The US Embassy issued a travel warning on Monday. Thousands of Venezuelans took to the "
                      "streets to protest what they called a stolen election.")
    took = [(t, a, r) for t, trig, a, r, via in found if trig == "took"]
    assert took and all("USA" not in r for t, a, r in took)


def test_a_firm_response_is_no_business_actor(coder):
    doc = coder.code("The Venezuelan government warned of a firm response.", date="2024-07-30")
    warned = [e for e in doc.events if e.trigger.text == "warned"]
    assert warned and all(r.sector != "BUS" for e in warned for r in e.recipient)


def test_firm_as_a_company_is_still_business(coder):
    from heron import resolve_actor
    assert resolve_actor("the firm", date="2024-01-01").sector == "BUS"
    assert resolve_actor("a firm response", date="2024-01-01") is None


def test_a_large_organisations_leaders_are_the_organisation_and_agreeing_to_sanction_is_the_sanction(events_of):
    found = events_of("ECOWAS leaders agreed to impose financial and travel sanctions on Niger's military leaders.")
    assert ("SANCTION", ["ECOWAS"], ["NER"]) in [(t, a, r) for t, trig, a, r, via in found]


def test_vowing_to_sanction_is_still_a_threat(events_of):
    found = events_of("France vowed to impose sanctions on Niger's military leaders.")
    assert [(t, a, r) for t, trig, a, r, via in found if trig == "vowed"] == [("THREATEN", ["FRA"], ["NER"])]


def test_agreeing_to_hold_elections_is_agreement_not_detention(events_of):
    found = events_of("The United States is easing sanctions on Venezuela after the South American country's "
                      "government and opposition agreed to hold elections next year.")
    agreed = [(t, sorted(set(a))) for t, trig, a, r, via in found if trig == "agreed"]
    assert agreed == [("AGREE", ["VEN"])]
    assert not [f for f in found if f[0] == "COERCE"]


def test_a_region_adjective_does_not_name_the_state_inside_it(coder):
    doc = coder.code("The United States is easing sanctions on Venezuela after the South American country's "
                     "government agreed to talks.", date="2023-10-19")
    by_text = {m.text: m.actor for m in doc.mentions if m.actor is not None}
    assert by_text["the South American country's government"].code == "VENGOV"
    assert "American" not in by_text


def test_coming_under_fire_from_someone_is_their_attack(events_of):
    found = events_of("A Ukrainian army convoy came under fire from Russian forces near Kharkiv.")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("ASSAULT", ["RUS"], ["UKR"])]


def test_retaliating_with_tariffs_is_a_sanction(events_of):
    found = events_of("Canada retaliated with $30 billion in tariffs on the United States.")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("SANCTION", ["CAN"], ["USA"])]


def test_releasing_a_map_is_no_release_of_anyone(events_of):
    assert events_of("China's state media also released a map on Twitter showing the locations of the drills.") == []
    assert [t for t, *_ in events_of("Iran released two French prisoners.")] == ["RETREAT"]


def test_the_one_blamed_in_a_participle_is_the_one_criticised(events_of):
    found = events_of("Kenya criticized the attacks, blaming Congolese security forces.")
    assert [(t, a, r, via) for t, trig, a, r, via in found] == [("ACCUSE", ["KEN"], ["COD"], "folded:blaming")]


def test_agreeing_with_partners_in_separate_phrases_is_one_mutual_agreement_each(events_of):
    found = events_of("President Zelensky agreed with Canadian Prime Minister Justin Trudeau on armored vehicles, "
                      "with German Chancellor Olaf Scholz on additional Patriot launchers and missiles for them.",
                      date="2023-07-12")
    agreed = sorted((t, sorted(set(a)), r) for t, trig, a, r, via in found if trig == "agreed")
    assert agreed == [("AGREE", ["CAN", "UKR"], []), ("AGREE", ["DEU", "UKR"], [])]


def test_a_town_ending_in_s_is_no_plural_antecedent(coder):
    doc = coder.code("Vilnius announced new sanctions on Monday. Germany sent launchers and missiles for them.",
                     date="2023-07-12")
    them = [m for m in doc.mentions if m.text == "them"]
    assert them and all(m.actor is None or m.actor.country != "LTU" for m in them)


def test_a_plural_demonym_is_the_nations_people(coder):
    from heron import resolve_actor
    assert (resolve_actor("Many Afghans", date="2024-01-01").code, resolve_actor("Swiss", date="2024-01-01").code) \
        == ("AFGCVL", "CHE")


def test_people_arriving_somewhere_pay_no_visit_and_a_clause_with_its_own_subject_shares_no_target(coder):
    doc = coder.code("Many Afghans arrived in Pakistan after the Taliban seized power in Kabul in August 2021.",
                     date="2023-11-02")
    assert not [e for e in doc.events if e.plover["type"] == "CONSULT"]
    assert all(r.country != "PAK" for e in doc.events if e.trigger.text == "seized" for r in e.recipient)


def test_government_and_opposition_agreeing_at_home_is_an_event(events_of):
    found = events_of("The United States eased sanctions on Venezuela after the Venezuelan government and the "
                      "opposition agreed to hold elections next year.", date="2023-10-19")
    assert [(t, sorted(set(a))) for t, trig, a, r, via in found if trig == "agreed"] == [("AGREE", ["VEN"])]


def test_an_acronym_the_text_spells_out_is_not_the_kbs(coder):
    doc = coder.code("The IMF had previously approved a USD3 billion, 46-month Extended Fund Facility (EFF) "
                     "arrangement for Egypt in late 2022.", date="2024-03-30")
    assert not [m for m in doc.mentions if m.actor is not None and m.actor.country == "ZAF"]
    assert [(e.plover["type"], [r.country for r in e.recipient]) for e in doc.events] == [("AID", ["EGY"])]


def test_an_acronym_spelled_out_as_the_kb_knows_it_still_resolves(coder):
    doc = coder.code("The Rapid Support Forces (RSF) attacked El Fasher. The RSF denied it.", date="2024-05-01")
    assert {m.actor.country for m in doc.mentions if m.text.endswith("RSF") and m.actor is not None} == {"SDN"}


def test_sanctioning_money_is_approving_it(events_of):
    found = events_of("The IMF board sanctioned an additional USD5 billion in funding for Egypt.")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("AID", ["IMF"], ["EGY"])]


def test_what_someone_still_has_to_do_is_not_done(coder):
    doc = coder.code("Turkey still has to deliver the ratification documents to Washington.", date="2024-01-24")
    assert [e.modality for e in doc.events] == ["future"]


def test_a_verb_whose_doer_is_named_and_no_actor_takes_no_nearest_actor(events_of):
    found = events_of("Ukrainian drones struck an oil refinery in Russia's Saratov region overnight. Ukraine's "
                      "General Staff confirmed the strike, saying the refinery supplied fuel to Russian troops.")
    assert not [f for f in found if f[1] == "supplied"]


def test_a_conjunct_in_its_own_tense_is_not_negated_by_the_first(coder):
    doc = coder.code('Kremlin spokesman Dmitry Peskov told reporters that Russia "does not strike civilian objects" '
                     'and accused Kyiv of inflating casualty figures.', date="2025-12-06")
    by_trigger = {e.trigger.text: e.modality for e in doc.events}
    assert by_trigger == {"strike": "negated", "accused": "asserted"}


def test_a_demand_to_someone_named_is_not_aimed_at_the_other_side(events_of):
    found = events_of("Russia launched 50 missiles at Ukraine overnight. Russia said it hit energy facilities. "
                      "Ukraine said Russia attacked civilians. Ukrainian President Volodymyr Zelenskyy urged "
                      "partners to speed up deliveries of air defense systems.", date="2025-12-06")
    assert [(t, r) for t, trig, a, r, via in found if trig == "urged"] in ([], [("REQUEST", [])])


def test_an_organisations_name_goes_on_after_of(coder):
    doc = coder.code("The military rulers of Niger are ready to open talks with the Economic Community of West "
                     "African States, Nigerian clerics said.", date="2023-08-13")
    assert [(e.plover["type"], [r.igo for r in e.recipient]) for e in doc.events] == [("AGREE", ["ECOWAS"])]
    doc = coder.code("Recognition of Croatia and Slovenia was announced by Bonn on Monday.", date="1991-12-23")
    assert sorted(r.country for e in doc.events for r in e.recipient) == ["HRV", "SVN"]


def test_a_missile_fired_over_a_country_or_at_no_one_is_a_launch_not_an_attack(events_of):
    assert [(t, a, r) for t, trig, a, r, via in events_of("North Korea has fired a ballistic missile over Japan.")] \
        == [("MOBILIZE", ["PRK"], ["JPN"])]
    assert [t for t, *_ in events_of("North Korea fired several ballistic missiles into the East Sea on Monday.")] \
        == ["MOBILIZE"]
    assert [t for t, *_ in events_of("Hamas fired rockets at Israel.")] == ["ASSAULT"]


def test_the_launches_condemned_are_the_missiles_fired_not_the_last_act(events_of):
    found = events_of("North Korea fired two ballistic missiles over Japan on Monday. South Korea and the United "
                      "States shared information on Tuesday. Japan strongly condemned the launches.")
    assert [(t, a, r, via) for t, trig, a, r, via in found if trig == "condemned"] == \
        [("ACCUSE", ["JPN"], ["PRK"], "act-antecedent:fired@0")]


def test_the_three_leaders_are_the_three_states_named_together_some_sentences_before(events_of):
    text = ("The presidents of Kyrgyzstan, Kazakhstan and Uzbekistan on Thursday signed an agreement on the dam. "
            "Officials say it will ease power shortages. The project costs $3.5 billion. Tajikistan did not attend. "
            "In a joint communique, the three leaders also called on Afghanistan's Taliban authorities to share data.")
    found = events_of(text, date="2026-04-17")
    assert [(t, a, r) for t, trig, a, r, via in found if trig == "called"] == [("REQUEST", ["KAZ", "KGZ", "UZB"], ["AFG"])]


def test_the_bank_after_the_world_bank_is_the_world_bank_and_the_islamic_emirate_is_afghanistan(coder):
    doc = coder.code("A World Bank vice president said the bank would provide $500 million to Kyrgyzstan. "
                     "The Islamic Emirate said it was ready to talk.", date="2026-04-17")
    by_text = {m.text: m.actor for m in doc.mentions if m.actor is not None}
    assert by_text["the bank"].igo == "WB" and by_text["The Islamic Emirate"].code == "AFGGOV"


def test_their_with_a_subject_of_several_states_is_those_states(events_of):
    found = events_of("Burkina Faso and Niger, Mali's partners in the Alliance of Sahel States (AES), expressed their "
                      "\"full solidarity\" with the Malian authorities in a joint statement.", date="2025-08-20")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("SUPPORT", ["BFA", "NER"], ["MLI"])]


def test_the_alliance_of_sahel_states_is_an_organisation_of_three(coder):
    from heron import resolve_actor
    aes = resolve_actor("the Alliance of Sahel States (AES)", date="2025-08-20")
    assert aes.kind == "igo" and sorted(aes.members) == ["BFA", "MLI", "NER"]


def test_calling_for_someone_to_act_is_a_demand_to_them_and_their_act_is_not_asserted(coder):
    doc = coder.code("The UN called for Israel to halt its offensive.", date="2024-05-24")
    asserted = [(e.plover["type"], [a.igo or a.country for a in e.actor], [r.country for r in e.recipient])
                for e in doc.events if e.modality == "asserted"]
    assert asserted == [("REQUEST", ["UN"], ["ISR"])]


def test_the_court_is_the_court_named_before_but_the_conference_is_no_actor(coder):
    doc = coder.code("The International Court of Justice ordered Israel to halt its offensive in Rafah. "
                     "The court also called for Palestinian armed groups to release hostages.", date="2024-05-24")
    court = next(m for m in doc.mentions if m.text == "The court")
    assert court.actor.igo == "ICJ"
    doc = coder.code("Britain hosted the London conference on Sudan. Sudan condemned the conference.", date="2025-04-15")
    assert all(m.actor is None or m.actor.country != "GBR" for m in doc.mentions if m.text == "the conference")


def test_a_state_is_not_the_target_of_its_own_tariffs(events_of):
    found = events_of("Colombian President Gustavo Petro announced retaliatory tariffs of 25% on U.S. imports to "
                      "Colombia.", date="2025-01-27")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("SANCTION", ["COL"], ["USA"])]


def test_talks_tagged_as_a_verb_in_subject_position_are_talks(events_of):
    found = events_of("Ceasefire talks between Israel and Hamas resumed in Cairo on Monday.")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("CONSULT", ["ISR", "PSE"], [])]


def test_giving_the_green_light_is_approval(events_of):
    found = events_of("Turkey gave the green light to Sweden's NATO bid.")
    assert [(t, a, r) for t, trig, a, r, via in found] == [("SUPPORT", ["TUR"], ["SWE"])]


def test_what_an_open_question_asks_is_not_asserted(coder):
    doc = coder.code("The court found that there was a case to be heard about whether Palestinian rights were "
                     "being denied in a war by Israel.", date="2024-01-26")
    assert all(e.modality == "hypothetical" for e in doc.events if e.trigger.text == "denied")
