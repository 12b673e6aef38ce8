import pytest

from tollwatch.model import Claim, Count, Document, Source, Victims
from tollwatch.pipeline import extract
from tollwatch.settings import Settings
from tollwatch.summary import summarize


def _totals(text):
    """The totals of the whole pipeline on ``text``: rules that read the claims' words as the stages leave them."""
    return extract(Document(id="t", text=text), Settings()).totals


def claim(low, high=None, *, speaker="A", group="civilians", outcome="killed", qualifier="exact", span=(0, 1),
          stance="asserted", subset=False, segment=0, vague=None, description=None):
    high = low if high is None and qualifier in ("exact", "about") else high
    return Claim(
        outcome=outcome,
        victims=Victims(group, description=description or group),
        count=Count(low, high, qualifier, str(low), vague),
        stance=stance,
        source=Source(speaker, None, None, "police", ()),
        span=span,
        evidence="",
        subset=subset,
        segment=segment,
    )


def test_summary_conservative_takes_lowest_credible_and_range_the_spread():
    claims = [claim(26, speaker="Ahn", group="people", description="people", span=(0, 5)),
              claim(30, speaker="Bello", span=(10, 15)),
              claim(31, None, speaker="Cruz", qualifier="at_least", span=(20, 25))]
    cons = summarize(claims, Settings(policy="conservative")).killed
    rng = summarize(claims, Settings(policy="range")).killed
    assert (cons.low, cons.best) == (26, 26)
    assert (rng.low, rng.high) == (26, 31)


def test_summary_ucdp_best_is_the_median_of_sources():
    claims = [claim(10, speaker="A", span=(0, 1)), claim(14, speaker="B", span=(2, 3)), claim(20, speaker="C", span=(4, 5))]
    est = summarize(claims, Settings(policy="ucdp")).killed
    assert (est.low, est.best, est.high) == (10, 14, 20)


def test_summary_restatement_by_one_source_does_not_add_up():
    claims = [claim(30, span=(0, 5)), claim(30, span=(50, 55))]
    assert summarize(claims, Settings()).killed.best == 30


def test_summary_separate_operations_add_up():
    claims = [claim(2, group="militants", span=(0, 5)), claim(3, group="militants", span=(50, 55), segment=1)]
    assert summarize(claims, Settings()).killed.best == 5


def test_summary_subset_yields_to_larger_figure():
    claims = [claim(30, speaker="Bello", span=(0, 5)), claim(7, speaker="Witness", span=(50, 55), subset=True)]
    assert summarize(claims, Settings()).killed.best == 30


def test_summary_denial_never_lowers_a_toll():
    claims = [claim(12, span=(0, 5)), claim(0, 0, speaker="Army", qualifier="none", stance="denied", span=(9, 12))]
    assert summarize(claims, Settings()).killed.best == 12


@pytest.mark.parametrize("word, expected", [("several", 3), ("dozens", 12), ("hundreds", 100), ("tens", 10)])
def test_summary_vague_words_count_only_without_numbers(word, expected):
    vague = claim(None, None, qualifier="vague", vague=word)
    assert summarize([vague], Settings()).killed.best == expected
    assert summarize([vague, claim(5, span=(9, 10), speaker="B")], Settings()).killed.best == 5


def test_summary_says_zero_when_nobody_died_and_null_when_silent():
    zero = claim(0, 0, qualifier="none", outcome="casualties")
    assert summarize([zero], Settings()).killed.best == 0
    assert summarize([], Settings()).killed is None


def test_summary_an_additional_count_adds_to_the_earlier_one():
    first = claim(4, group="women", span=(0, 5))
    more = Claim(
        outcome="killed", victims=Victims("women"), count=Count(5, 5, "exact", "an additional five"),
        stance="asserted", source=Source("A", None, None, "police", ()), span=(9, 20), evidence="",
    )
    assert summarize([first, more], Settings()).killed.best == 9
    # without "additional", the same source restates the figure for the same victims
    again = Claim(
        outcome="killed", victims=Victims("women"), count=Count(5, 5, "exact", "five"),
        stance="asserted", source=Source("A", None, None, "police", ()), span=(9, 20), evidence="",
    )
    assert summarize([first, again], Settings()).killed.best == 5


def _attacker_death(text, span, description=None):
    return Claim(
        outcome="killed", victims=Victims("people", affiliation="perpetrator", description=description),
        count=Count(1, 1, "exact", text), stance="asserted", source=Source(None, None, None, "media", ()),
        span=span, evidence=text,
    )


def test_summary_the_attackers_death_told_twice_counts_once():
    victims = Claim(
        outcome="killed", victims=Victims("civilians", description="clerks"), count=Count(3, 3, "exact", "three"),
        stance="asserted", source=Source(None, None, None, "media", ()), span=(0, 10), evidence="",
    )
    told_twice = [victims, _attacker_death("taking his own life", (20, 40)), _attacker_death("committed suicide", (60, 77))]
    assert summarize(told_twice, Settings()).killed.best == 4
    # civilians killed leave the attacker out
    assert summarize(told_twice, Settings()).civilians_killed.best == 3


@pytest.mark.parametrize(
    "second",
    [
        ("killed herself", (60, 74), None),  # a man and a woman: two attackers
        ("another", (60, 67), "another attacker"),
        ("a", (60, 75), "second gunman"),
    ],
)
def test_summary_a_second_attacker_s_death_adds(second):
    first = _attacker_death("The", (20, 40), "man")
    assert summarize([first, _attacker_death(*second)], Settings()).killed.best == 2


@pytest.mark.parametrize(
    "text, description, expected",
    [
        ("a", "fourth guard", 4),  # "Three people were found dead ... A fourth guard was shot": one more
        ("two more", "more", 5),
        ("The", "the wounded guard", 4),  # one of the hurt who later died
        ("one", "guard", 3),  # a guard among the three people: no more than the total
    ],
)
def test_summary_victims_beyond_a_total_add_to_it(text, description, expected):
    total = claim(3, group="people", description="people", span=(0, 5))
    extra = Claim(
        outcome="killed", victims=Victims("civilians", description=description),
        count=Count(expected - 3 or 1, expected - 3 or 1, "exact", text), stance="asserted",
        source=Source("A", None, None, "police", ()), span=(30, 40), evidence="",
    )
    assert summarize([total, extra], Settings()).killed.best == expected


def _said(low, text, description, span, outcome="killed", group="militants", evidence=""):
    return Claim(
        outcome=outcome, victims=Victims(group, description=description), count=Count(low, low, "exact", text),
        stance="asserted", source=Source(None, "spokesman", "Northern Command", "military", ()), span=span,
        evidence=evidence,
    )


def test_summary_an_ordinal_counts_from_the_victims_told_before_it():
    # "Troops killed two raiders ... killing the raider. A second raider was killed": two, not three
    lead = _said(2, "two", "raiders", (0, 10))
    first = _said(1, "the", "raider", (20, 30))
    second = _said(1, "A", "second raider", (40, 50))
    assert summarize([lead, first, second], Settings()).killed.best == 2
    # "Four people were found dead. A fifth man was shot": five
    four = _said(4, "Four", "people", (0, 10), group="people")
    fifth = _said(1, "A", "fifth man", (20, 30), group="civilians")
    assert summarize([four, fifth], Settings()).killed.best == 5


def test_summary_an_ordinal_across_outcomes_is_one_more_of_its_own():
    # "killing two porters and wounding a third person": one wounded
    killed = _said(2, "two", "porters", (0, 10), group="civilians")
    third = _said(1, "a", "third person", (20, 30), outcome="injured", group="people")
    totals = summarize([killed, third], Settings())
    assert (totals.killed.best, totals.injured.best) == (2, 1)


def test_summary_a_figure_that_includes_others_is_a_total_of_them():
    # "killed a raider chief and one raider ... two raiders, including the chief, were killed": two
    chief = _said(1, "a", "raider chief", (0, 10))
    one = _said(1, "one", "raider", (0, 10))
    both = _said(2, "two", "raiders", (40, 80), evidence="two raiders, including the chief, were killed")
    assert summarize([chief, one, both], Settings()).killed.best == 2


def test_summary_a_vague_group_beside_a_number_in_one_statement_adds():
    # "killed a raider chief along with several raiders": one and several more
    chief = claim(1, group="militants", description="raider chief", span=(0, 40))
    several = claim(None, None, group="militants", qualifier="vague", vague="several", description="raiders", span=(0, 40))
    assert summarize([chief, several], Settings()).killed.best == 4
    # told apart, the vague word yields to the number
    apart = claim(None, None, group="militants", qualifier="vague", vague="several", description="raiders", span=(50, 60))
    assert summarize([chief, apart], Settings()).killed.best == 1


def test_summary_unspecified_people_listed_beside_a_specific_kind_add_up():
    # "killing a district official and his driver": one list, two victims; a bare total told apart restates.
    listed = [claim(1, group="officials", description="a district official", span=(0, 40)),
              claim(1, group="people", description="his driver", span=(0, 40))]
    apart = [claim(17, group="people", description="people", span=(0, 10)),
             claim(17, group="militants", description="insurgents", span=(20, 40))]
    assert summarize(listed, Settings()).killed.best == 2
    assert summarize(apart, Settings()).killed.best == 17


def test_summary_people_covered_by_a_figure_for_combatants_are_no_civilians():
    # "Six soldiers were killed ... Fatalities: 6" restates the soldiers; "six people" beside two soldiers
    # does not, and may be civilians.
    restated = [claim(6, group="military", span=(0, 20)), claim(6, group="people", span=(30, 40))]
    beyond = [claim(2, group="military", span=(0, 20)), claim(6, group="people", span=(30, 40))]
    assert summarize(restated, Settings()).civilians_killed is None
    assert summarize(beyond, Settings()).civilians_killed.best == 6


@pytest.mark.parametrize(
    "text, killed",
    [
        ("On 2 May 2021, gunmen shot dead a village elder in the fictional town of Ulm. Fatalities: 1.", 1),
        ("On 9 May 2021, raiders killed two herders and a boy near the fictional well of Ardo. Fatalities: 3", 3),
    ],
)
def test_summary_a_labelled_figure_is_the_note_s_total_of_the_dead_it_told(text, killed):
    from tollwatch.model import Document
    from tollwatch.pipeline import extract

    assert extract(Document(id="t", text=text), Settings()).totals.killed.best == killed


def test_summary_source_figures_give_low_and_high_of_one_source_at_once():
    from tollwatch.summary import _source_figures

    # One source: "between 4 and 9 herders" restated as "at least 5 herders", two guards apart, "two more"
    # beyond them, and in a separate segment "up to 3 boys".
    claims = [claim(4, 9, qualifier="range", group="civilians", description="herders", span=(0, 10)),
              claim(5, 5, qualifier="at_least", group="civilians", description="herders", span=(20, 30)),
              claim(2, group="police", description="guards", span=(40, 50)),
              claim(2, group="people", description="more", span=(60, 70)),
              claim(0, 3, qualifier="up_to", group="children", description="boys", span=(80, 90), segment=1)]
    assert _source_figures(claims, Settings()) == (5 + 2 + 2 + 0, 9 + 2 + 2 + 3)
    vague = [claim(None, None, qualifier="vague", vague="several", span=(0, 5))]
    assert _source_figures(vague, Settings()) == (Settings().vague_counts.get("several"),) * 2
    assert _source_figures([claim(None, None, qualifier="at_least", span=(0, 5))], Settings()) == (None, None)


@pytest.mark.parametrize(
    "text, killed",
    [
        (("The death toll from the fictional Orra market blast rose to 31, doctors said, after four of the "
         "injured died in hospital."), 31),
        (("Four herders were killed and nine wounded in the fictional village of Tesk, police said. One of the "
         "wounded died overnight, bringing the toll to five."), 5),
    ],
)
def test_summary_a_toll_holds_the_deaths_told_beside_it(text, killed):
    from tollwatch.model import Document
    from tollwatch.pipeline import extract

    assert extract(Document(id="t", text=text), Settings()).totals.killed.best == killed


def test_summary_more_victims_told_without_a_source_add_to_the_figure_before():
    from tollwatch.model import Document
    from tollwatch.pipeline import extract

    text = ("Four herders were killed in the fictional village of Tesk, police said. Two more herders were killed "
            "in a nearby village.")
    assert extract(Document(id="t", text=text), Settings()).totals.killed.best == 6


def test_summary_a_bare_total_in_another_incident_adds_to_the_specific_kind():
    # "Seventeen killed ... seventeen insurgents" restate each other; an incident set apart does not.
    same = [claim(4, group="people", description="people", span=(0, 10)),
            claim(3, group="military", description="soldiers", span=(20, 40))]
    apart = [claim(4, group="people", description="people", span=(0, 10)),
             claim(3, group="military", description="soldiers", span=(60, 80), segment=1)]
    assert summarize(same, Settings()).killed.best == 4
    assert summarize(apart, Settings()).killed.best == 7


def test_summary_parts_told_among_a_quoted_toll_fall_within_it():
    # The outlet's own parts ("among the dead") neither lower the quoted total nor make it all civilians.
    totals = _totals('"Twenty people died in the fictional Orsk attack," the mayor told AFP. Eleven soldiers '
                     "and four civilians were among the dead.")
    assert (totals.killed.best, totals.civilians_killed.best) == (20, 4)


def test_summary_a_subset_of_combatants_keeps_a_people_toll_out_of_civilians():
    total = claim(20, group="people", span=(0, 10))
    soldiers = claim(11, group="military", span=(20, 30), subset=True)
    assert summarize([total, soldiers], Settings()).civilians_killed is None
    assert summarize([total, soldiers], Settings()).killed.best == 20


@pytest.mark.parametrize(
    "text, killed",
    [
        ("A third man has died after the fictional Pell bridge shooting, police said.", 3),
        # One of a series, not a death of this incident told late.
        ("A third man was shot to death on Tuesday in the fictional town of Pell.", 1),
        # The ordinal counts the victims of another outcome told before it.
        ("Two herders were wounded and a third died in the fictional village of Ask.", 1),
    ],
)
def test_summary_a_death_told_first_by_its_ordinal_counts_the_earlier_ones(text, killed):
    assert _totals(text).killed.best == killed


@pytest.mark.parametrize(
    "text, killed, civilians, injured",
    [
        # The parts told before a stated total are in it: not three more.
        (("He shot and killed a clerk at a gas station and a woman and her son at a bus stop, for a total of "
         "three dead."), 3, 3, None),
        # The writer's own sum stands, below the parts read before it too (the lower credible figure).
        (("After strangling his father, he shot and killed a guard at the depot and wounded a driver, then shot "
         "three more people at a diner, totaling four wounded victims and one death."), 1, 1, 4),
        # A total that holds officers is no count of civilians: the civilians told apart stand.
        ("He killed two deputies and a bystander, for a total of three dead.", 3, 1, None),
    ],
)
def test_summary_stated_total_stands_for_the_parts_told_before_it(text, killed, civilians, injured):
    totals = _totals(text)
    best = [t.best if t else None for t in (totals.killed, totals.civilians_killed, totals.injured)]
    assert best == [killed, civilians, injured]


def test_summary_figures_told_after_a_stated_total_add_to_it():
    totals = _totals("He killed a clerk and a guard, for a total of two dead, before he killed himself.")
    assert (totals.killed.best, totals.civilians_killed.best) == (3, 2)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # A figure told as said before, by the same or another source, yields to the current one.
        (("Raiders killed six villagers in the fictional hamlet of Oru, the governor said. The governor had "
         "earlier said that four people were killed."), 6, None),
        ("The fictional Tarn hospital said nine people died. Police earlier said at least five were killed.", 9, None),
        # A count the clause calls partial yields to a fuller figure from another source.
        (("Militiamen killed at least 30 people in the fictional town of Esk, the UN said. A police officer said "
         "the bodies of 18 victims had been identified so far and that 12 people were wounded."), 30, 12),
        # Of those found wounded, the dead are no longer among the hurt.
        (("Two men were found with gunshot wounds on fictional Pell Street. One of them was pronounced dead at "
         "the hospital, police said."), 1, 1),
        # A death among the wounded told by another source adds to the dead and leaves the hurt.
        (("A gunman killed a clerk and wounded three customers at the fictional Oak mall, police said. One of "
         "them later died, the mayor said."), 2, 2),
        # One of the wounded who died is among the dead, no longer among the hurt (coders count them apart).
        (("Gunmen killed four people and wounded six at a fictional Lune bar, police said. One of the wounded "
         "later died in hospital, bringing the toll to five."), 5, 5),
        ("A guard killed two co-workers and wounded another. The wounded victim later died of his injuries.", 3, 0),
        # A count of the hurt told after the deaths has already lost them.
        (("A blast killed three officers and wounded six in fictional Tobar, police said. Two of the wounded died "
         "in hospital, bringing the toll to five. Four officers remain in hospital."), 5, 4),
        # A correction told above the entry it updates: the entry's hurt were counted before two of them died.
        (("Entry 31 (Norland)\nUpdated 9 May: the toll was revised from 4 to 6 after two of the injured died in "
          "hospital.\nOriginal entry, 6 May: A mine blast near the fictional Varo market killed 4 people and "
          "wounded 12, according to police."), 6, 10),
        # ... but the hurt said to remain in hospital have already lost them.
        (("The toll was revised from 4 to 6 after two of the injured died in the fictional Varo clinic. Ten "
          "people remain in hospital."), 6, 10),
    ],
)
def test_summary_superseded_partial_and_died_of_wounds(text, killed, injured):
    totals = _totals(text)
    assert (totals.killed.best, totals.injured.best if totals.injured else None) == (killed, injured)


def test_summary_a_labelled_fatality_count_holds_the_attackers():
    totals = _totals("Gunmen opened fire on a patrol in the fictional town of Vel, killing two soldiers. One of the "
                     "attackers was shot dead. Fatalities: 3.")
    assert totals.killed.best == 3


@pytest.mark.parametrize("text, killed, civilians", [
    # Who a source says the dead were falls within the toll told of them, whatever the group.
    (("Troops killed two insurgents in a raid on the fictional village of Ors, the army said. Residents said "
     "the dead were a farmer and his son."), 2, 2),
    (("An airstrike killed eight militants near the fictional town of Ule, the military said. Residents said "
     "three of the dead were herders."), 8, 3),
    # Alone, who the dead were is the toll.
    ("Residents of the fictional village of Ors said the dead were a farmer and his son.", 2, 2),
])
def test_summary_who_the_dead_were_falls_within_the_toll(text, killed, civilians):
    totals = _totals(text)
    assert (totals.killed.best, totals.civilians_killed.best) == (killed, civilians)


def _from(c, kind):
    return Claim(c.outcome, c.victims, c.count, c.stance, Source(c.source.speaker, None, None, kind, ()), c.span,
                 c.evidence, subset=c.subset, segment=c.segment)


@pytest.mark.parametrize("stance, expected", [("hedged", 14), ("asserted", 25)])
def test_summary_an_armed_groups_unverified_claim_of_its_kills_is_no_credible_toll(stance, expected):
    police = _from(claim(14, None, speaker="police", group="people", description="people", qualifier="at_least",
                         span=(0, 5)), "police")
    group = _from(claim(25, speaker="Free Hills Front", group="military", description="soldiers", span=(10, 15),
                        stance=stance), "armed_group")
    assert summarize([police, group], Settings()).killed.best == expected


def test_summary_an_armed_groups_hedged_claim_alone_still_counts():
    group = _from(claim(25, speaker="Free Hills Front", group="military", description="soldiers", stance="hedged"),
                  "armed_group")
    assert summarize([group], Settings()).killed.best == 25


def test_summary_a_denier_s_militants_are_a_rival_account_of_others_civilian_dead():
    totals = _totals("Residents of the fictional village of Kessa said soldiers killed 18 villagers on Sunday. "
                     "The army said in a statement that its troops had neutralised 25 terrorists near Kessa and "
                     "denied that any civilians were harmed.")
    assert (totals.killed.best, totals.civilians_killed.best) == (18, 18)


def test_summary_militants_an_uncontested_army_counts_still_add():
    totals = _totals("Gunmen killed 12 villagers in the fictional village of Kessa on Sunday, local officials said. "
                     "The army said its troops had neutralised eight of the attackers.")
    assert totals.killed.best == 20


def test_summary_attackers_killed_add_to_the_dead_of_their_attack():
    totals = _totals("Eleven people were killed when gunmen stormed a guesthouse in the town of Harel on Friday, a "
                     "police officer said. Major Ivo Brandt said soldiers killed all three attackers after a siege.")
    assert totals.killed.best == 14 and totals.civilians_killed.best == 11


def test_summary_a_lead_toll_by_kind_and_another_source_s_toll_in_all_are_rivals():
    rivals = _totals("An air strike on a base near Tamsa killed five soldiers, the state news agency said. The "
                     "Eastern Rights Monitor said nine people were killed.")
    assert (rivals.killed.low, rivals.killed.best, rivals.killed.high) == (5, 5, 9)
    among = _totals("An air strike killed nine people near Tamsa, the state news agency said. A local militia said "
                    "two of its fighters were among the dead.")
    assert among.killed.best == 9


def test_summary_a_toll_told_as_it_rose_supersedes_the_lower_figures_before_it():
    totals = _totals("Eight people were killed in the raid, police said. A doctor at the district hospital said two "
                     "of the wounded had died, bringing the death toll to 10.")
    assert totals.killed.best == 10
    rival = _totals("Eight people were killed in the raid, police said. A doctor at the district hospital put the "
                    "death toll at 10.")
    assert rival.killed.best == 8


@pytest.mark.parametrize("text", [
    "Four people were stabbed outside a nightclub and rushed to hospital, where one was pronounced dead, police said.",
    "Officers found four men suffering from stab wounds. One of the men was pronounced dead at the scene.",
])
def test_summary_the_hurt_who_died_in_hospital_are_no_longer_hurt(text):
    totals = _totals(text)
    assert (totals.killed.best, totals.injured.best) == (1, 3)


def test_summary_gang_members_killed_by_police_are_the_attackers_not_among_the_victims():
    totals = _totals("Gang members attacked the Riverside neighbourhood overnight, killing at least 10 people, a rights "
                     "group said. The victims included a farmer and his two sons. Police said officers had killed "
                     "three of the gang members.")
    assert (totals.killed.best, totals.civilians_killed.best) == (13, 10)


def test_summary_nobody_hurt_as_the_only_word_on_harm_is_nobody_killed_too():
    alone = _totals("A roadside bomb went off beside a police van near Kelso on Monday, but none of the officers "
                    "was hurt, police said.")
    assert alone.killed.best == 0 and alone.injured.best == 0
    beside = _totals("A roadside bomb killed a passer-by near Kelso on Monday, but none of the officers was hurt, "
                     "police said.")
    assert beside.killed.best == 1


def test_summary_a_notes_fatalities_line_is_its_count_beside_an_armys_claim():
    t = _totals("On 3 June 2023, militants attacked a post near Korvani. According to residents, 4 soldiers were "
                "killed. The army said it had killed 25 attackers. Fatalities: 4.")
    assert t.killed.best == 4


def test_summary_a_toll_revised_from_a_figure_supersedes_it_even_told_later():
    t = _totals("Updated: the toll was revised from 5 to 7.\nOriginal entry: a bomb exploded at a market in Tarvel, "
                "killing 5 people, police said.")
    assert t.killed.best == 7


def test_summary_bracketed_subsets_do_not_add_to_the_hurt():
    t = _totals("Monitors verified 15 civilian casualties (4 killed and 11 injured) in Tarvel, including 6 children "
                "(2 killed and 4 injured).")
    assert (t.killed.best, t.injured.best) == (4, 11)


def test_summary_a_datasets_estimate_is_the_entrys_count_of_the_dead():
    from tollwatch.model import Document
    from tollwatch.pipeline import extract

    text = ("Side A: Government of Norland; Side B: Red Dawn Front\nDeaths: side A 4, side B 12, civilians 1\n"
            "Best estimate 17, low 16, high 30\nThe army said it had killed 40 rebels near Ostra.")
    totals = extract(Document(id="t", text=text), Settings()).totals
    # The low estimate, not the sides added to it, nor the army's claim it left out.
    assert (totals.killed.low, totals.killed.high) == (16, 30)
    assert totals.civilians_killed.low == 1


def test_summary_a_notes_one_labelled_count_is_its_dead_and_other_sources_reach_the_range():
    from tollwatch.model import Document
    from tollwatch.pipeline import extract

    def totals(text, policy="conservative"):
        return extract(Document(id="t", text=text), Settings(policy=policy)).totals

    # The chief, told apart from the villagers, is one of the note's five.
    note = "On 2 May, raiders attacked Kesso, killing four herders and a village chief. Fatalities: 5."
    assert totals(note).killed.best == 5
    rival = "Drones struck the fictional Harr market, killing 3 civilians. Residents said 8 were killed. | Fatalities: 3"
    assert (totals(rival, "range").killed.low, totals(rival, "range").killed.high) == (3, 8)
