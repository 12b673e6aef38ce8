import pytest

from tollwatch.model import Document
from tollwatch.pipeline import extract
from tollwatch.settings import Settings


def _claims(text):
    return extract(Document(id="t", text=text), Settings()).claims


def _one(text, outcome="killed"):
    found = [c for c in _claims(text) if c.outcome == outcome]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, low, high, group",
    [
        ("The shelling killed 12 civilians in the fictional village of Arlo.", 12, 12, "civilians"),
        ("Eleven Varosan soldiers were killed in the ambush.", 11, 11, "military"),
        ("Three police officers had died by the time help arrived.", 3, 3, "police"),
        ("The blast resulted in the deaths of about 40 people.", 40, 40, "people"),
        ("At least 9 children were among the dead, the mayor said.", 9, None, "children"),
        ("Five insurgents were martyred, the group said.", 5, 5, "militants"),
        ("Rescuers said 14 worshippers lost their lives.", 14, 14, "civilians"),
        ("Gunmen on motorbikes killed 7 herders near the fictional wells of Dalo.", 7, 7, "civilians"),
        ("Between 3 and 5 fishermen were killed when the fictional boat Mira was shelled.", 3, 5, "civilians"),
    ],
)
def test_claims_frames_bind_counts_to_victims(text, low, high, group):
    c = _one(text)
    assert (c.count.low, c.count.high, c.victims.group) == (low, high, group)
    assert text[c.span[0] : c.span[1]] == c.evidence


@pytest.mark.parametrize(
    "text, low, high, group",
    [
        ("Elders in the fictional valley of Tesk say between 6 and 9 villagers, including two boys, were killed.", 6, 9, "civilians"),
        ("From 30 to 45 militiamen were reportedly captured near the fictional pass of Orv.", 30, 45, "military"),
        ("The raid killed between 3 and 5 farmers outside the fictional village of Pell.", 3, 5, "civilians"),
    ],
)
def test_claims_range_opening_the_subject_keeps_both_ends(text, low, high, group):
    c = next(c for c in _claims(text) if c.count.qualifier == "range")
    assert (c.count.low, c.count.high, c.victims.group) == (low, high, group)
    assert c.evidence.lower().startswith(("between", "from", "killed between"))


def test_claims_coordinated_outcomes_inherit_victims():
    claims = _claims("The gunman opened fire, killing 4 shoppers and wounding 9 others.")
    killed = [c for c in claims if c.outcome == "killed"]
    injured = [c for c in claims if c.outcome == "injured"]
    assert [c.count.low for c in killed] == [4] and killed[0].victims.group == "civilians"
    assert [c.count.low for c in injured] == [9] and injured[0].victims.group == "civilians"


@pytest.mark.parametrize(
    "text, group",
    [
        ("A driver rammed the fictional Pelle market, killing two shoppers and injuring six before police arrived.", "civilians"),
        ("The bomb killed four soldiers and wounded nine until medics reached the fictional outpost of Rask.", "military"),
    ],
)
def test_claims_elided_count_takes_the_group_of_the_list_it_continues(text, group):
    c = _one(text, outcome="injured")
    assert c.victims.group == group
    assert c.evidence.split()[-1] in ("six", "nine")


@pytest.mark.parametrize(
    "text, evidence",
    [
        ("A man opened fire in the fictional Dunmore library, killing two readers before officers shot him dead.", "him dead"),
        ("The shooter killed a clerk. Responding deputies then shot and killed him outside the store.", "shot and killed him"),
    ],
)
def test_claims_police_killing_the_attacker_counts_the_attacker(text, evidence):
    claims = [c for c in _claims(text) if c.outcome == "killed"]
    attacker = [c for c in claims if c.victims.affiliation == "perpetrator"]
    assert [c.evidence for c in attacker] == [evidence]
    assert all(c.victims.group != "police" for c in claims)


def test_claims_officer_as_the_attacker_is_not_police_killing_the_attacker():
    # A former officer is the attacker here: the one he killed is a victim, and "her fiance" is not "her".
    c = _one("A former police officer shot and killed him near the fictional Corran pier.")
    assert c.victims.affiliation is None
    claims = _claims("The gunman shot and killed a nurse and her husband before police shot him dead.")
    assert [c.evidence for c in claims if c.victims.affiliation == "perpetrator"] == ["him dead"]
    assert sorted(c.victims.group for c in claims if c.victims.affiliation is None) == ["aid_workers", "civilians"]


def test_claims_named_victim_counts_one():
    c = _one("Soldiers killed the rebel commander, Tomas Ferro, near the bridge.")
    assert (c.count.low, c.victims.group, c.victims.name) == (1, "militants", "Tomas Ferro")


def test_claims_reflexive_counts_the_attacker():
    claims = _claims("The attacker killed two guards before killing himself.")
    assert sorted(c.count.low for c in claims if c.outcome == "killed") == [1, 2]
    assert any(c.victims.affiliation == "perpetrator" for c in claims)


def test_claims_nobody_killed_is_a_supported_zero():
    c = _one("No civilians were harmed in the operation.", outcome="casualties")
    assert (c.count.low, c.count.high, c.count.qualifier, c.stance) == (0, 0, "none", "asserted")


@pytest.mark.parametrize(
    "text, stance",
    [
        ("The Free Hills Front said its fighters had not killed any civilians in Orvel.", "denied"),
        ("The rebels said in a statement that they had never killed any civilians.", "denied"),
        # a zero nobody's side is accused in: told, not denied
        ("No civilians were killed in the blast at the fictional depot of Orvel, police said.", "asserted"),
    ],
)
def test_claims_a_side_saying_it_did_not_kill_denies(text, stance):
    c = _one(text)
    assert (c.count.low, c.count.high, c.stance) == (0, 0, stance)


def test_claims_denial_is_a_zero_with_stance_denied():
    text = 'The ministry said: "There is no evidence of any civilian casualties."'
    c = _one(text, outcome="casualties")
    assert (c.count.low, c.stance, c.victims.group) == (0, "denied", "civilians")


def test_claims_ignore_ages_and_aircraft():
    assert _claims("A 17-year-old was seen as two drones flew over the town.") == ()


def test_claims_subset_of_family_is_marked():
    c = _one("Four members of my family were killed, a farmer told the agency.")
    assert c.subset


def test_claims_passing_mention_of_older_attack_is_background():
    text = "Police arrested a man linked to an attack that killed 8 pilgrims last year."
    c = _one(text)
    assert c.background


def test_claims_bare_plural_after_and_keeps_its_text():
    (c,) = [c for c in _claims("Two guards and officers were wounded in the fictional raid.") if c.outcome == "injured"]
    assert c.count.text


# One fictional sentence per alternative of each gated frame: the frame must match it, and its gate
# must let the sentence through, or a gate would hide a claim.
_FRAME_EXAMPLES = {
    "_ACTIVE_RE": ["The raid killed 4 herders.", "Gunmen shot and killed two guards.", "It claimed the lives of 9 people."],
    "_TITLED_RE": ["Troops killed rebel commander Tomas Ferro near the ford."],
    "_PASSIVE_RE": ["Two soldiers were hospitalized.", "Three farmers, all brothers, were among the dead.",
                    "Another 60 people remain in hospital.",
                    "Nine workers lost their lives."],
    "_COUNT_NOUN_RE": ["There were 12 deaths.", "Rescuers found 5 bodies."],
    "_OF_RE": ["It caused the deaths of 3 people.", "The killing of two guards followed."],
    "_TOLL_RE": ["The death toll rose to 14.", "The number of dead rose to 8."],
    "_TO_DEATH_RE": ["He shot his cousin and a guard to death."],
    "_CUSTODY_RE": ["Police took two guards into custody."],
    "_GENERIC_PASSIVE_RE": ["Two watchmen were wounded.", "Nine Varosans, including a boy, were killed."],
    "_REVISED_RE": ["The figure was later revised down to 9.", "The tally was corrected to 4."],
    "_BARE_PASSIVE_RE": ["Six were killed.", "Two later died.", "Four fatally."],
    "_OF_THEM_RE": ["Nine were hit and two of them died."],
    "_COORD_PASSIVE_RE": ["Two guards ran to the gate and were killed.", "A guard fled and was taken into custody."],
    "_DEFINITE_ACTIVE_RE": ["Troops captured the armed fighters."],
    "_DEFINITE_PASSIVE_RE": ["The armed fighters were all killed.", "Militants were arrested."],
    "_ALONG_RE": ["A commander was killed, officials said, along with two of his guards."],
    "_SHOT_RE": ["He shot three people, killing one."],
    "_SHOT_PASSIVE_RE": ["Seven people were shot, one fatally."],
    "_WOUND_RE": ["Officers found a man with a gunshot wound.", "A guard, 40, suffering from stab wounds, fled."],
    "_INJURY_RE": ["Two guards sustained injuries.", "A constable suffered a bullet injury to his arm."],
    "_TREATED_RE": ["The clinic treated 8 people for stab wounds."],
    "_NUMBER_OF_RE": ["The number of guards killed rose to 4.", "The number of passengers missing stood at 12."],
    "_UNHURT_RE": ["All the passengers escaped unhurt.", "The driver was unharmed."],
    "_SUCCUMBED_RE": ["The wounded guard later died.", "Two of the injured succumbed."],
    "_LABEL_RE": ["Civilians reported killed: 3–5", "Fatalities: 12", "Injured: 2"],
    "_SIDES_RE": ["Deaths: side A 2, side B 7, civilians 0", "x | deaths_a 3 | deaths_civilians 1 | y"],
    "_ESTIMATE_RE": ["Best estimate 11, low 9, high 15", "best 4 | low 4 | high 6"],
    "_AMONG_RE": ["Two guards were among 9 people killed.", "Three boys were among the victims."],
    "_DEAD_WERE_RE": ["Among the dead were two guards.", "The dead were a farmer and his son."],
    "_OF_THE_DEAD_RE": ["Three of the dead were herders.", "2 of the wounded were children."],
    "_TAKEN_RE": ["The kidnappers had taken 52 pupils.", "They have taken two teachers and a guard."],
    "_INCLUDE_RE": ["The dead include 2 guards.", "The wounded included a boy and his mother."],
    "_GAP_OBJECT_RE": ["They freed the 12 farmers they abducted.", "He saw the two guards the gunmen killed."],
    "_POSS_RE": ["He mourned Omar's death."],
    "_DEATH_OF_NAME_RE": ["The raid ended in the death of Tomas Ferro, a rebel chief."],
    "_REFLEXIVE_RE": ["He killed himself.", "She took her own life.", "The man committed suicide.",
                      "He turned the gun on himself.", "He ended his life.", "He blew himself up.",
                      "He detonated his vest.", "Then he commits suicide.",
                      "He shot a guard before taking his life."],
    "_ZERO_SUBJECT_RE": ["No civilians were hurt.", "Nobody was injured.", "None of the guards were harmed.",
                         "No-one was killed."],
    "_ZERO_NOUN_RE": ["There were no casualties.", "It ended without any injuries.", "Zero fatalities."],
    "_ZERO_NEG_RE": ["The blast did not hurt any civilians.", "It never injured a single guard."],
    "_DENY_RE": ["The army denied that civilians were killed.", "Officials rejected reports of casualties.",
                 "The navy found no evidence that any sailors were hurt."],
    "_PRONOUN_PASSIVE_RE": ["He was later shot dead.", "She died after being fatally shot."],
    "_WHOM_RE": ["He went to see a farmer, whom he killed.", "It was her aunt with whom she lived, whom she also shot dead."],
    "_HEADLINE_SUBJECT_RE": ["Deputy was shot dead.", "On May 2, 2011, prison guard was wounded."],
    "_ACCUSED_RE": ["The man suspected of firing at the patrol was later killed.",
                    "A gunman believed to have shot two guards, in Orlo, was shot dead."],
    "_TOTAL_RE": ["It was a total of three dead.", "He shot four, totaling one death and three injured victims."],
    "_ZERO_OBJECT_RE": ["He killed none.", "She wounded nobody.", "It hurt no one."],
    "_COUNTED": ["Two armed militants fled the village.", "Troops saw 40 fighters near the ford."],
}


@pytest.mark.parametrize("frame, text", [(f, t) for f, texts in _FRAME_EXAMPLES.items() for t in texts])
def test_claims_frame_gates_pass_every_sentence_their_frame_matches(frame, text):
    from tollwatch import claims
    from tollwatch.cues import SentenceWords

    gated = getattr(claims, frame)
    assert gated.pattern.search(text), "the example must match the frame itself"
    assert gated.search(text, SentenceWords(text), 0, len(text)) is not None


def test_claims_frames_are_all_covered_by_gate_examples():
    from tollwatch import claims
    from tollwatch.cues import Gated

    assert {n for n, v in vars(claims).items() if isinstance(v, Gated)} == set(_FRAME_EXAMPLES)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a line wrapped inside the phrase (scraped text) still binds the determiner to its noun
        ("The patrol killed a\u2028suspected insurgent near the ford.", [("killed", 1, "militants")]),
        ("The patrol killed a  suspected insurgent near the ford.", [("killed", 1, "militants")]),
        # "two more" are more of the victims just named
        ("The gunman killed two guards at the gate. Later he killed two more.",
         [("killed", 2, "civilians"), ("killed", 2, "people")]),
        # "killing them all" and "killing three of them" take the victims counted before
        ("The cadet shot four of his instructors, killing them all.", [("killed", 4, "people")]),
        ("He fired on twelve herders, killing three of them.", [("killed", 3, "civilians")]),
        ("He killed his brother-in-law and his sister-in-law.", [("killed", 1, "civilians"), ("killed", 1, "women")]),
    ],
)
def test_claims_bind_wrapped_phrases_more_victims_and_them_all(text, expected):
    assert [(c.outcome, c.count.low, c.victims.group) for c in _claims(text)] == expected


def test_claims_taking_his_own_life_counts_the_attacker():
    claims = _claims("Police cornered the gunman, who decided to take his own life.")
    assert [(c.count.low, c.victims.affiliation) for c in claims] == [(1, "perpetrator")]


@pytest.mark.parametrize(
    "text",
    [
        "Border troops have conducted many patrols in the valley recently and killed a large number of smugglers.",
        "Last spring, during a similar raid on the ridge, the unit reported killing more than 30 fighters.",
        "Over the past few weeks, soldiers killed 40 insurgents in the district.",
    ],
)
def test_claims_tallies_of_earlier_operations_are_background(text):
    claims = _claims(text)
    assert claims and all(c.background for c in claims)
    assert extract(Document(id="t", text=text), Settings()).totals.killed is None


def test_claims_title_and_name_without_article_is_one_named_person():
    (c,) = _claims("A joint patrol killed rebel commander Tomas Ferro during a raid on the ford.")
    assert (c.count.low, c.victims.group, c.victims.name) == (1, "militants", "Tomas Ferro")


@pytest.mark.parametrize(
    "text, expected",
    [
        # kin enumerated without determiners of their own, capitalised or not, are one victim each
        ("The farmer killed his Aunt, Uncle, cousin, and niece at the fictional Orrin ranch.",
         [("aunt", 1), ("uncle", 1), ("cousin", 1), ("niece", 1)]),
        ("Drifter murders stepfather, two stepsisters and landlord in the fictional town of Vell",
         [("stepfather", 1), ("stepsisters", 2), ("landlord", 1)]),
        ("The intruder fatally shot a man and woman on the fictional Pike Street.", [("man", 1), ("woman", 1)]),
        ("He killed his father and brother in the fictional hamlet of Dorr.", [("father", 1), ("brother", 1)]),
    ],
)
def test_claims_enumerated_kin_without_determiners_each_count(text, expected):
    killed = [c for c in _claims(text) if c.outcome == "killed"]
    assert [(c.victims.description, c.count.low) for c in killed] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The sniper killed the nephew of a retired judge.", [("nephew", 1)]),
        ("The sniper killed the son of a fictional Lorn County deputy and his girlfriend.",
         [("son", 1), ("girlfriend", 1)]),
    ],
)
def test_claims_whose_relative_is_not_a_second_victim(text, expected):
    killed = [c for c in _claims(text) if c.outcome == "killed"]
    assert [(c.victims.description, c.count.low) for c in killed] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The clerk shot and killed three of his coworkers and then himself.",
        "Man murders his wife and two sons, then commits suicide in the fictional village of Esk",
    ],
)
def test_claims_the_attacker_ending_a_list_or_clause_counts(text):
    claims = _claims(text)
    assert [c.victims.affiliation for c in claims if c.outcome == "killed"][-1] == "perpetrator"
    assert extract(Document(id="t", text=text), Settings()).totals.killed.best == 4


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The drifter shot his landlady, her son and a lodger to death on the fictional Mull Road.",
         [("landlady", 1), ("son", 1), ("lodger", 1)]),
        ("Two ferry workers were shot to death at the fictional Ostry landing.", [("ferry workers", 2)]),
    ],
)
def test_claims_shot_to_death_is_killed(text, expected):
    killed = [c for c in _claims(text) if c.outcome == "killed"]
    assert [(c.victims.description, c.count.low) for c in killed] == expected


def test_claims_a_mother_of_two_killed_is_one_person():
    (c,) = _claims("A young mother of two was killed in the fictional town of Brisk on Sunday.")
    assert (c.outcome, c.count.low) == ("killed", 1)


@pytest.mark.parametrize(
    "text, attacker",
    [
        ("The gunman shot a porter in the fictional Hotel Ubar before taking his life.", True),
        ("Raiders shot the miller, then took his life savings from the fictional mill.", False),
    ],
)
def test_claims_taking_his_life_last_is_the_attacker_s_own(text, attacker):
    perpetrators = [c for c in _claims(text) if c.victims.affiliation == "perpetrator"]
    assert bool(perpetrators) is attacker


@pytest.mark.parametrize(
    "text, attacker",
    [
        ("After a long standoff with county deputies, he was shot and killed at the fictional Ardo farm.", True),
        ("The robber led police on a chase through the fictional town of Kell before he was shot dead.", True),
        ("The clerk had worked at the fictional Ardo farm for years; he was shot and killed at the gate.", False),
    ],
)
def test_claims_the_one_killed_holding_out_against_police_is_the_attacker(text, attacker):
    (c,) = _claims(text)
    assert (c.victims.affiliation == "perpetrator") is attacker


@pytest.mark.parametrize(
    "text, count",
    [
        ("The gunman killed two guards and wounded a cook. The wounded cook later died of his injuries.", 3),
        ("Nine porters were hurt in the fictional Lassa depot blast. Two of the injured died in hospital.", 2),
    ],
)
def test_claims_the_wounded_who_later_died_add_to_the_dead(text, count):
    assert extract(Document(id="t", text=text), Settings()).totals.killed.best == count


def test_claims_an_injured_man_is_not_a_kin_enumeration():
    assert [c.outcome for c in _claims("The injured man, a porter, was taken to the fictional Esk clinic.")] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One of the intruders was killed at the fictional Norr farmhouse.", [(1, "perpetrator")]),
        ("One old man lay dead on the fictional Quay Road.", [(1, None)]),
        ("The student killed the dean, a tutor and a porter.", [(1, None), (1, None), (1, None)]),
        ("The farmer shot and killed four of his relations and then himself.", [(4, None), (1, "perpetrator")]),
    ],
)
def test_claims_roles_intruders_and_lying_dead(text, expected):
    killed = [c for c in _claims(text) if c.outcome == "killed"]
    assert [(c.count.low, c.victims.affiliation) for c in killed] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A joint patrol killed rebel commander, Tomas Ferro, during a raid on the fictional ford of Avel.",
         [(1, "Tomas Ferro")]),
        ("The raid resulted in the death of Ilan Verro, a rebel financier.", [(1, "Ilan Verro")]),
        # a headline's list, not a name set off by commas
        ("Patrol Kills Taliban Facilitator, Additional Fighter in Avel", []),
    ],
)
def test_claims_a_person_named_after_a_title_or_death_of_is_one(text, expected):
    killed = [c for c in _claims(text) if c.outcome == "killed"]
    assert [(c.count.low, c.victims.name) for c in killed] == expected


def test_claims_the_object_of_a_preposition_in_a_victim_list_is_not_a_victim():
    text = "The shooter killed three teachers on the school board, a janitor and the principal."
    claims = extract(Document(id="t", text=text), Settings()).claims
    assert [c.count.low for c in claims] == [3, 1, 1]
    assert "the school board" not in [c.victims.description for c in claims]


@pytest.mark.parametrize(
    ("phrase", "group"),
    [("a loan officer", "people"), ("an election officer", "people"), ("a police officer", "police"), ("an officer", "police")],
)
def test_claims_an_officer_of_a_civil_office_is_not_police(phrase, group):
    claims = extract(Document(id="t", text=f"The gunman killed {phrase} at the bank."), Settings()).claims
    assert [(c.count.low, c.victims.group) for c in claims] == [(1, group)]


def test_claims_a_side_the_lexicon_does_not_know_is_kept_as_the_affiliation():
    text = "Four KLF fighters were killed and six Zorani militiamen were killed in the clashes near the dam."
    x = extract(Document(id="t", text=text), Settings())
    assert [(c.count.low, c.victims.affiliation) for c in x.claims] == [(4, "KLF"), (6, "Zorani")]
    assert x.totals.killed.best == 10  # two sides, not one figure told twice


def test_claims_a_labelled_figure_is_a_claim():
    text = ("Civilians reported killed: 2–4. Civilians reported injured: 3. A drone struck a car near the "
            "bridge at Tarnak, killing two to four members of the Odeh family.")
    x = extract(Document(id="t", text=text), Settings())
    assert [(c.outcome, c.count.low, c.count.high, c.victims.group) for c in x.claims] == [
        ("killed", 2, 4, "civilians"), ("injured", 3, 3, "civilians"), ("killed", 2, 4, "civilians")
    ]
    assert (x.totals.civilians_killed.low, x.totals.civilians_killed.high) == (2, 4)
    assert x.totals.injured.best == 3


@pytest.mark.parametrize(("text", "figure"), [("Fatalities: 12", 12), ("Deaths: 0", 0), ("Killed: about 5", 5)])
def test_claims_a_bare_label_counts_people(text, figure):
    x = extract(Document(id="t", text=f"Clashes in the district. {text}."), Settings())
    assert [(c.outcome, c.count.low, c.victims.group) for c in x.claims] == [("killed", figure, "people")]


@pytest.mark.parametrize(
    "text",
    [
        "She took her own life at the ford.",
        "The OWN LIFE of the herders was calm.",
        "Nine herders DIED near the well.",
        "The diesel pump at the well was repaired.",
        "The skilled herders crossed the ford.",
        "Nobody crossed the ford on Tuesday.",
        "İstanbul herders were killed.",
    ],
)
def test_claims_word_cue_filter_agrees_with_the_sentence_cue(text):
    from tollwatch.claims import _CUE, _cue_word, _found, _has_cue
    from tollwatch.cues import SentenceWords
    from tollwatch.segment import Sentence

    # The sentence alone, and between two others whose words hold cues of their own.
    for before, after in (("", ""), ("Two died. ", " Nine were killed.")):
        whole = before + text + after
        gates, sentence = SentenceWords(whole), Sentence(len(before), len(before) + len(text), 0)
        levels = bytes(map(_cue_word, gates.scanned.lowered))
        assert _has_cue(whole, gates, sentence, levels) == _found(_CUE, whole, gates.lowered, sentence)


@pytest.mark.parametrize(
    "text, group",
    [
        ("The gunman fired at two guards outside the fictional depot of Orra, wounding one.", "civilians"),
        ("Raiders ATTACKED a police checkpoint near the fictional ford of Hess, killing four.", "police"),
        ("Militants ambushed the convoy and opened fire on soldiers, killing two.", "military"),
        ("The herders crossed the ford at dawn, and two were hurt.", None),
        ("A shotgun lay near the fictional well of Kell; one was hurt.", None),
    ],
)
def test_claims_target_group_gated_by_its_words_finds_what_the_pattern_finds(text, group):
    from tollwatch.claims import _TARGET_RE, _group_of, _target_group
    from tollwatch.cues import SentenceWords

    end = text.rindex(",") if "," in text else len(text)
    plain = [m.group("noun") for m in _TARGET_RE.finditer(text, 0, end)]
    assert (_group_of(plain[-1]) if plain else None) == group
    assert _target_group(text, 0, end, SentenceWords(text).between(0, len(text))) == group


def test_claims_separate_operation_starts_a_new_segment():
    claims = _claims(
        "Two soldiers were killed in Marwa on Monday. In a separate operation, three insurgents were killed in Tolan. "
        "Meanwhile, a farmer was wounded near the river."
    )
    assert [(c.outcome, c.segment) for c in claims] == [("killed", 0), ("killed", 1), ("injured", 2)]


@pytest.mark.parametrize(
    "text, end",
    [
        ("Two herders died in Tarvel.", None),
        ("The old tree died2 times over.", 21),
        ("Nobody was killed at the ford.", 14),  # the span cuts "killed" after "kil"
        ("The well was quiet. Bodies lay nearby.", 19),
        ("He took his own life at the ford.", None),
        ("The well was quiet.", None),
        ("Then the floods dies\u0301 down.", None),
    ],
)
def test_claims_has_cue_answers_as_the_cue_pattern_does(text, end):
    from tollwatch import claims
    from tollwatch.cues import SentenceWords
    from tollwatch.segment import Sentence

    s = Sentence(0, len(text) if end is None else end, 0)
    expected = claims._CUE.search(text.lower(), s.start, s.end) is not None
    gates = SentenceWords(text)
    assert claims._has_cue(text, gates, s, bytes(map(claims._cue_word, gates.scanned.lowered))) is expected


@pytest.mark.parametrize(
    "text, low, high, group",
    [
        ("Local sources say between 5 and 7 herders were likely killed near the fictional well of Ganno.", 5, 7, "civilians"),
        ("At least 4 fishermen were most likely killed when the fictional boat Sela was hit.", 4, None, "civilians"),
        ("Two guards were probably killed at the fictional depot of Marn.", 2, 2, "civilians"),
        ("A 40-year-old man was found shot dead in the fictional town of Ostrel.", 1, 1, "civilians"),
    ],
)
def test_claims_an_estimate_or_discovery_between_subject_and_outcome_still_binds(text, low, high, group):
    c = _one(text)
    assert (c.count.low, c.count.high, c.victims.group) == (low, high, group)


@pytest.mark.parametrize(
    "text, figure",
    [
        ("The death toll from Monday's bombing of the fictional Harel bus depot in Ostra has risen to 61.", 61),
        ("Health officials said the number of dead had climbed to 33 in the fictional town of Vell.", 33),
        ("The number of people killed in the fictional Sarn market blast stood at 17 on Friday.", 17),
    ],
)
def test_claims_a_toll_named_before_what_it_is_of(text, figure):
    c = _one(text)
    assert (c.count.low, c.count.high) == (figure, figure)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Four herders and a boy were killed near the fictional ford of Ammo.",
         [("killed", "civilians", 4), ("killed", "children", 1)]),
        ("Three guards, two police officers and a passenger were wounded at the fictional depot of Sarr.",
         [("injured", "civilians", 3), ("injured", "police", 2), ("injured", "civilians", 1)]),
        ("Five farmers and two soldiers died in the fictional valley of Oss.",
         [("killed", "civilians", 5), ("killed", "military", 2)]),
        ("Nine soldiers and an unknown number of rebels were killed near the fictional town of Dara.",
         [("killed", "military", 9)]),
        ("The raid killed 3 soldiers and 2 herders were wounded near the fictional well of Ulo.",
         [("killed", "military", 3), ("injured", "civilians", 2)]),
        # people the lexicon does not know, before or after one it does
        ("Two watchmen and a cook were killed at the fictional depot of Sarr.",
         [("killed", "people", 2), ("killed", "civilians", 1)]),
        ("A cook and three linemen were wounded at the fictional depot of Sarr.",
         [("injured", "civilians", 1), ("injured", "people", 3)]),
        ("Gunmen killed two watchmen and a porter at the fictional depot of Sarr.",
         [("killed", "people", 2), ("killed", "people", 1)]),
    ],
)
def test_claims_every_item_of_a_subject_list_is_a_victim(text, expected):
    assert [(c.outcome, c.victims.group, c.count.low) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, affiliation",
    [
        ("An International Security Assistance Force service member died in the fictional district of Tarn.", "NATO"),
        ("A Northern Border Defence Corps soldier was killed near the fictional post of Vash.", None),
    ],
)
def test_claims_a_force_named_in_full_before_a_single_victim(text, affiliation):
    c = _one(text)
    assert (c.count.low, c.victims.group, c.victims.affiliation) == (1, "military", affiliation)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The man fired at deputies in the fictional town of Orle, wounding one.", [("injured", "police", 1)]),
        ("Rebels attacked a police checkpoint near the fictional pass of Ket, killing four and wounding two.",
         [("killed", "police", 4), ("injured", "police", 2)]),
        ("Raiders ambushed a column of soldiers near the fictional ford of Asa, killing five.", [("killed", "military", 5)]),
        ("A gunman opened fire on the fictional Bellow market, killing three.", [("killed", "people", 3)]),
    ],
)
def test_claims_a_count_with_no_noun_counts_the_ones_fired_at_or_attacked(text, expected):
    assert [(c.outcome, c.victims.group, c.count.low) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, group",
    [
        ("His driver was also killed near the fictional town of Hesk.", "civilians"),
        ("Two interpreters were wounded at the fictional base of Tor.", "civilians"),
        ("An ambulance driver was injured in the fictional Lume blast.", "aid_workers"),
    ],
)
def test_claims_drivers_cooks_and_interpreters_named_as_the_subject(text, group):
    c = next(iter(_claims(text)))
    assert c.victims.group == group


@pytest.mark.parametrize(
    "text, low, high, group",
    [
        ("An estimated 20 to 25 fighters from both sides died in the fictional Orso clashes.", 20, 25, "militants"),
        ("Two passengers on the Lume ferry were wounded in the fictional port of Sask.", 2, 2, "civilians"),
    ],
)
def test_claims_a_phrase_saying_whose_or_where_between_subject_and_outcome(text, low, high, group):
    c = next(iter(_claims(text)))
    assert (c.count.low, c.count.high, c.victims.group) == (low, high, group)


@pytest.mark.parametrize(
    "text, background",
    [
        ("About 200 people protested in Ostra against the killing of a reporter.", True),
        ("Villagers marched over the deaths of 3 herders in the fictional valley of Tesk.", True),
        ("Guards fired on the crowd in the fictional town of Ostra, killing 3 protesters.", False),
    ],
)
def test_claims_the_killing_a_protest_is_over_is_another_event(text, background):
    c = _one(text)
    assert c.background is background


@pytest.mark.parametrize(
    "text, outcome, group",
    [
        ("Two men were shot dead and a third was wounded outside the fictional Lark club.", "injured", "civilians"),
        ("At the fictional ford of Ims the patrol fired, killing one rebel and wounding the second.", "injured", "militants"),
        ("Two soldiers were killed at the fictional post of Rev. A third died later in hospital.", "killed", "military"),
    ],
)
def test_claims_an_ordinal_with_no_noun_is_one_more_of_the_victims_before_it(text, outcome, group):
    c = _claims(text)[-1]
    assert (c.outcome, c.victims.group, c.count.low) == (outcome, group, 1)


def test_claims_an_ordinal_adds_one_to_the_toll_it_follows():
    text = "Two soldiers were killed at the fictional post of Rev. A third died later in hospital."
    assert extract(Document(id="t", text=text), Settings()).totals.killed.best == 3


@pytest.mark.parametrize(
    "text, source_type",
    [
        (("Four herders were killed and nine wounded in the fictional village of Tesk, police said. One of the "
         "wounded died overnight, bringing the toll to five."), "police"),
        (("Four herders were killed in the fictional village of Tesk, police said. Two more herders were killed "
          "in a nearby village."), "police"),
        (("Four herders were killed in the fictional village of Tesk, police said. A third guard died in "
          "hospital."), "police"),
        (("Four herders were killed in the fictional village of Tesk, police said. Gunmen also killed two "
          "guards in Vell."), "media"),
    ],
)
def test_claims_an_unattributed_update_keeps_the_source_of_the_count_it_updates(text, source_type):
    assert _claims(text)[-1].source.type == source_type


@pytest.mark.parametrize(
    "text, low, group",
    [
        ("The suspect surrendered and was taken into custody in the fictional town of Orle.", 1, "people"),
        ("Soldiers took three suspected rebels into military custody near the fictional ford of Asa.", 3, "militants"),
        ("Police took a driver and two guards into custody at the fictional depot of Sarr.", 1, "civilians"),
    ],
)
def test_claims_taken_into_custody_is_detained(text, low, group):
    c = _claims(text)[0]
    assert (c.outcome, c.count.low, c.victims.group) == ("detained", low, group)


def test_claims_a_count_with_no_noun_never_takes_the_victims_of_a_later_phrase():
    text = "Troops freed the 12 hostages and killed the three kidnappers near the fictional town of Orle."
    assert [(c.outcome, c.victims.group, c.count.low) for c in _claims(text)] == [
        ("abducted", "people", 12), ("killed", "militants", 3)]


@pytest.mark.parametrize(
    "second, claims",
    [
        ("All nine hostages were later freed, police said.", 1),
        ("The nine hostages were later freed, police said.", 1),
        ("Nine hostages were later freed, police said.", 2),
    ],
)
def test_claims_a_figure_pointed_back_at_is_told_again_not_claimed_again(second, claims):
    text = "Gunmen held nine hostages at the fictional Lume depot. " + second
    assert len(_claims(text)) == claims


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        (("Officials initially reported 12 dead at the fictional Orle depot, but the figure was later revised "
         "down to nine, police said."), 9, None),
        (("Earlier reports that 20 herders had been killed were wrong, the mayor of the fictional town of Vell "
         "said; seven herders died and 11 were wounded."), 7, 11),
        (("Initial reports said 30 guards were wounded at the fictional Sarr depot, but the count was later "
         "revised to 22."), None, 22),
    ],
)
def test_claims_a_figure_its_own_sentence_corrects_yields_to_the_correction(text, killed, injured):
    totals = extract(Document(id="t", text=text), Settings()).totals
    assert (totals.killed and totals.killed.best, totals.injured and totals.injured.best) == (killed, injured)


def test_claims_a_thing_opening_a_subject_list_is_not_in_the_evidence():
    (c,) = _claims("Several rifles as well as two guards were captured at the fictional post of Vash.")
    assert (c.count.low, c.evidence) == (2, "two guards were captured")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Five herders were killed and 30 others remain in hospital in the fictional town of Vell.",
         [("killed", 5), ("injured", 30)]),
        ("Two guards died in hospital in the fictional town of Vell.", [("killed", 2)]),
    ],
)
def test_claims_people_in_hospital_are_injured(text, expected):
    assert [(c.outcome, c.count.low) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The blast hit a patrol near the fictional ford of Asa, killing or wounding 8 soldiers.",
        "Rebels said they had killed or injured 8 soldiers near the fictional ford of Asa.",
    ],
)
def test_claims_killed_or_wounded_as_one_figure_is_casualties(text):
    assert [(c.outcome, c.victims.group, c.count.low) for c in _claims(text)] == [("casualties", "military", 8)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nine Varosans, including a boy, were killed in the fictional town of Orle.", [("killed", "people", 9)]),
        ("Two watchmen were wounded at the fictional depot of Sarr.", [("injured", "people", 2)]),
        ("Two Varosan soldiers were killed and three Varosans wounded near the fictional post of Vash.",
         [("killed", "military", 2), ("injured", "military", 3)]),
        ("Three trucks were hit and two containers are missing at the fictional depot of Sarr.", []),
        # the last item of a list the subject frames could not read is not a claim of its own
        ("A rebel commander of the fictional Orle province and two senior advisors were killed.", []),
    ],
)
def test_claims_counted_people_the_lexicon_does_not_know_as_the_subject(text, expected):
    assert [(c.outcome, c.victims.group, c.count.low) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, outcome, low, group",
    [
        ("The ministry said 14 boys were among 40 people killed in the fictional Tarn market.", "killed", 14, "children"),
        ("At least two nurses were among the victims of the fictional Kello raid.", "killed", 2, "aid_workers"),
        ("Six herders were among those wounded near the fictional well of Omo.", "injured", 6, "civilians"),
        ("The dead include 4 soldiers of the fictional Varosan guard.", "killed", 4, "military"),
    ],
)
def test_claims_victims_told_among_a_toll_are_a_subset_of_it(text, outcome, low, group):
    part = next(c for c in _claims(text) if c.outcome == outcome and c.count.low == low)
    assert part.victims.group == group and part.subset


@pytest.mark.parametrize(
    "text, outcome, low, group",
    [
        ("Bandits released 9 of the 31 farmers they abducted on the fictional Oska road.", "abducted", 31, "civilians"),
        ("Police found the 3 herders that the gunmen kidnapped near the fictional well of Dul.", "abducted", 3, "civilians"),
    ],
)
def test_claims_an_object_told_before_its_verb_is_bound(text, outcome, low, group):
    c = _one(text, outcome)
    assert (c.count.low, c.count.high, c.victims.group) == (low, low, group)


@pytest.mark.parametrize("time", ["overnight", "yesterday", "today", "earlier"])
def test_claims_a_bare_count_may_end_at_a_time_word(time):
    c = _one(f"Rockets killed two farmers and wounded 9 {time} in the fictional village of Pell.", "injured")
    assert (c.count.low, c.victims.group) == (9, "civilians")


def test_claims_a_victim_of_an_event_at_a_place_binds_to_its_verb():
    c = _one("A second victim of the stabbing at the fictional Lorr arcade has died, police said.")
    assert c.count.low == 1 and c.victims.description == "second victim"


def test_claims_gendarmes_are_police():
    assert _one("Nine gendarmes were killed at the fictional post of Tiva.").victims.group == "police"


def test_claims_some_of_the_wounded_dying_gives_no_figure():
    text = "The toll rose to 12 after more of the wounded died in the fictional town of Ulm."
    assert [(c.count.low, c.evidence) for c in _claims(text) if c.outcome == "killed"] == [(12, "toll rose to 12")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ren Osk shot and killed his wife, Lia Osk, 36, and their son, 8, in the fictional town of Tolby.",
         [(1, "women"), (1, "children")]),
        ("He killed his wife, 36, and their two daughters, ages 12 and 9.", [(1, "women"), (2, "children")]),
        ("His brother, 44, and a neighbour, 61, were killed in the fictional hamlet of Vess.",
         [(1, "civilians"), (1, "civilians")]),
        ("The gunman killed two teachers, 41 students and a guard.", [(2, "civilians"), (41, "civilians"), (1, "civilians")]),
    ],
)
def test_claims_an_age_set_off_by_commas_is_not_a_count(text, expected):
    assert [(c.count.low, c.victims.group) for c in _claims(text) if c.outcome == "killed"] == expected


@pytest.mark.parametrize(
    "text, low, group",
    [
        ("A gunman opened fire on six shoppers in the fictional town of Arlo, killing all but one.", 5, "civilians"),
        ("Militants ambushed a patrol of nine soldiers near the fictional pass of Orv, killing all but two.", 7, "military"),
        ("All but two of the 14 passengers were killed when the fictional ferry Lark sank.", 12, "civilians"),
        ("The blast killed all but one of the 8 guards at the fictional depot of Vell.", 7, "civilians"),
    ],
)
def test_claims_all_but_some_is_the_group_less_them(text, low, group):
    c = _one(text)
    assert (c.count.low, c.count.high, c.victims.group) == (low, low, group)


def test_claims_all_but_one_with_no_group_counted_gives_no_figure():
    assert [c for c in _claims("The gunman killed all but one, police in the fictional town of Arlo said.") if c.outcome == "killed"] == []


@pytest.mark.parametrize(
    "text, group",
    [
        ("Officers in the fictional town of Arlo found a man with a gunshot wound to the leg.", "civilians"),
        ("A daughter, 15, survived with a gunshot wound to the arm.", "children"),
        ("A clerk found behind the counter with two stab wounds was taken to the fictional Vell clinic.", "civilians"),
        ("Officers called to the fictional Elm Row at 11:40 p.m. Friday found a clerk with a stab wound.", "civilians"),
    ],
)
def test_claims_a_person_with_a_wound_is_injured(text, group):
    c = _one(text, "injured")
    assert (c.count.low, c.victims.group) == (1, group)
    assert c.evidence.endswith("wound") or c.evidence.endswith("wounds")


@pytest.mark.parametrize(
    "text",
    [
        "A man with a gunshot wound to the head was pronounced dead at the fictional Vell clinic.",
        "Deputies found a woman dead from multiple gunshot wounds in the fictional town of Arlo.",
    ],
)
def test_claims_a_wound_that_killed_is_no_injury(text):
    assert [c for c in _claims(text) if c.outcome == "injured"] == []


@pytest.mark.parametrize(
    "text, group",
    [
        ("Two Varosan National Army officers were killed near the fictional pass of Orv.", "military"),
        ("Gunmen killed a naval officer in the fictional port of Tesk.", "military"),
        ("A colonel was killed when the convoy hit a mine near the fictional ford of Pell.", "military"),
        ("A senior Revolutionary Guards general was killed in the strike on the fictional base of Dalo.", "military"),
        ("A police captain was killed in the ambush near the fictional town of Arlo.", "police"),
        ("The Varosan military said one of its officers was killed near the fictional pass of Orv.", "military"),
        ("Police in the fictional town of Arlo said one of their officers was killed.", "police"),
        ("Three police officers were killed in the fictional town of Arlo.", "police"),
    ],
)
def test_claims_officers_of_an_armed_force_and_ranks_are_military(text, group):
    assert _one(text).victims.group == group


@pytest.mark.parametrize(
    "text, outcome, low, group",
    [
        ("Two villagers who tried to resist were shot dead in the fictional hamlet of Vess.", "killed", 2, "civilians"),
        ("Three guards who were on duty at the fictional depot of Vell were killed.", "killed", 3, "civilians"),
        ("Four fighters who had attacked the fictional post of Orv were captured.", "detained", 4, "militants"),
    ],
)
def test_claims_a_relative_clause_between_victims_and_verb_is_passed_over(text, outcome, low, group):
    c = _one(text, outcome)
    assert (c.count.low, c.victims.group) == (low, group)


def test_claims_a_labelled_zero_is_a_supported_zero():
    # The trader is a claim of his own (abducted, 1); the label says nobody died.
    r = extract(Document(id="t", text="On 3 May 2021, gunmen abducted a trader near the fictional town of Arlo. Fatalities: 0."), Settings())
    assert [(c.outcome, c.count.low, c.count.high, c.count.qualifier) for c in r.claims] == [
        ("abducted", 1, 1, "exact"), ("killed", 0, 0, "none")]
    assert (r.totals.killed.low, r.totals.killed.best) == (0, 0)


@pytest.mark.parametrize(
    "text, outcome",
    [
        ("There were no injuries to Varosan or coalition forces in the fictional valley of Tesk.", "injured"),
        ("No ISAF or Varosan forces were injured in the fictional district of Orv.", "injured"),
        ("No security forces were killed in the fictional town of Arlo.", "killed"),
    ],
)
def test_claims_no_harm_to_forces_is_a_zero_for_the_military(text, outcome):
    c = _one(text, outcome)
    assert (c.count.low, c.count.high, c.count.qualifier, c.victims.group) == (0, 0, "none", "military")


def test_claims_a_name_told_as_identified_as_stays_with_its_phrase():
    claims = _claims("Troops killed a militant commander, identified as Tomas Ferro, and two of his fighters in the fictional district of Pell.")
    assert [(c.count.low, c.victims.name) for c in claims if c.outcome == "killed"] == [(1, "Tomas Ferro"), (2, None)]


@pytest.mark.parametrize(
    "text, injured",
    [
        ("The gunman shot eleven people at the fictional Arlo diner, four of them fatally.", [7]),
        ("Seven people were shot in the fictional town of Arlo, one of them was killed.", [6]),
        ("He entered the fictional Vell clinic and shot three people, killing one.", [2]),
        ("He entered the fictional Vell clinic and shot four people, killing two and wounding two others.", [2]),
        ("He shot five people at the fictional Vell clinic, killing all of them.", []),
        ("Four students were shot after a party in the fictional town of Arlo.", []),
    ],
)
def test_claims_people_shot_whom_the_sentence_does_not_count_dead_are_wounded(text, injured):
    assert [c.count.low for c in _claims(text) if c.outcome == "injured"] == injured


@pytest.mark.parametrize(
    "text, outcome, expected",
    [
        ("The gunman killed a 17-year-old at the fictional Arlo mall.", "killed", [(1, "children")]),
        ("The shooting wounded five other teens and a 22-year-old in the fictional town of Arlo.", "injured",
         [(5, "children"), (1, "people")]),
        ("The gunman shot and killed two 16-year-olds outside the fictional Vell school.", "killed", [(2, "children")]),
        ("A 17-year-old was killed outside the fictional Vell school.", "killed", [(1, "children")]),
        ("Police found a 22-year-old with a gunshot wound in the fictional town of Arlo.", "injured", [(1, "people")]),
    ],
)
def test_claims_a_person_named_by_age_alone_is_a_victim(text, outcome, expected):
    assert [(c.count.low, c.victims.group) for c in _claims(text) if c.outcome == outcome] == expected


@pytest.mark.parametrize(
    "text, injured",
    [
        ("He opened fire at the fictional Arlo depot, killing two of his coworkers and wounding a third one.", [1]),
        ("He began shooting at the fictional Vell school, killing a teacher and wounding another and two students.", [1, 2]),
    ],
)
def test_claims_a_bare_count_or_ordinal_may_open_a_list(text, injured):
    assert [c.count.low for c in _claims(text) if c.outcome == "injured"] == injured


def test_claims_some_of_his_associates_are_more_victims_not_a_part_of_a_toll():
    x = extract(Document(id="t", text="Troops killed a militant commander and several of his associates in the fictional district of Pell."), Settings())
    assert [(c.count.low, c.count.vague_word, c.subset) for c in x.claims] == [(1, None, False), (None, "several", False)]
    assert x.totals.killed.best == 4  # one, and "several" as 3


@pytest.mark.parametrize(
    "text, outcome, expected",
    [
        ("A rebel commander was killed in the strike on the fictional town of Arlo, officials said, along with two of his guards.",
         "killed", [(1, "militants"), (2, "civilians")]),
        ("Five civilians were wounded in the blast in the fictional town of Arlo, police said, together with two soldiers.",
         "injured", [(5, "civilians"), (2, "military")]),
        ("A pregnant woman was killed in the fictional town of Arlo along with her unborn child.", "killed", [(1, "women")]),
    ],
)
def test_claims_victims_added_after_the_clause_share_its_outcome(text, outcome, expected):
    assert [(c.count.low, c.victims.group) for c in _claims(text) if c.outcome == outcome] == expected


@pytest.mark.parametrize(
    "text, group, description",
    [
        # "whom" says a person, a noun the lexicon does not know included; "the home of" is a place.
        ("Vance then drove to the home of a former business partner, whom he killed in the kitchen.", "people",
         "former business partner"),
        ("She drove on to the farm of her uncle, whom she also shot dead.", "civilians", "uncle"),
    ],
)
def test_claims_whom_clause_tells_the_fate_of_the_phrase_before_it(text, group, description):
    c = _one(text)
    assert (c.count.low, c.victims.group, c.victims.description) == (1, group, description)


@pytest.mark.parametrize(
    "text, group",
    [
        ("Deputy was shot and killed while serving a warrant at a farmhouse near Orlo.", "police"),
        ("On June 2, 2014, state trooper was fatally shot during a traffic stop outside Marn.", "police"),
    ],
)
def test_claims_headline_subject_without_an_article(text, group):
    c = _one(text)
    assert (c.count.low, c.victims.group, c.victims.affiliation) == (1, group, None)


def test_claims_headline_subject_needs_a_singular_verb_and_no_determiner():
    # "the deputy" is the passive frame's; "Deputies were" is not one person.
    assert len([c for c in _claims("Later, the deputy was killed in the crossfire.") if c.outcome == "killed"]) == 1
    assert 1 not in [c.count.low for c in _claims("Deputies were wounded in the crossfire.")]


@pytest.mark.parametrize(
    "text",
    [
        "The man suspected of firing on the two deputies was also killed when officers returned fire.",
        "A woman accused of shooting her landlord in Tesk, Orlo county, on May 2, 2011, was killed in a standoff.",
        # not two men suspected of a theft who "were lynched" (the passive frame's)
        "A man suspected of shooting two guards was killed by police in the fictional town of Ule.",
    ],
)
def test_claims_subject_named_by_what_it_is_suspected_of_is_the_attacker(text):
    c = _one(text)
    assert (c.count.low, c.victims.affiliation) == (1, "perpetrator")


def test_claims_subject_suspected_of_nothing_killed_makes_no_claim():
    assert [c for c in _claims("The man suspected of firing on the deputies was arrested.") if c.outcome == "killed"] == []


def test_claims_stated_total_items_are_of_everyone_and_open_at_total():
    text = ("A teenager was shot dead and two women were wounded on Elm Street, for a total of one dead and "
            "four wounded, police said.")
    totals = [c for c in _claims(text) if c.evidence.startswith("total")]
    assert [(c.outcome, c.count.low, c.victims.group) for c in totals] == [("killed", 1, "people"),
                                                                          ("injured", 4, "people")]


@pytest.mark.parametrize("text, outcome", [
    ("The boy wounded eight classmates and killed none before he was tackled.", "killed"),
    ("He fired six rounds at the bus, injuring no one.", "injured"),
])
def test_claims_nobody_as_the_object_is_a_supported_zero(text, outcome):
    c = next(c for c in _claims(text) if c.count.qualifier == "none")
    assert (c.outcome, c.count.low, c.count.high) == (outcome, 0, 0)


def test_claims_appositive_renames_the_victim_before_it():
    c = _one("A hired gunman fired into the car wash, killing his intended target, the shop's owner, and "
             "wounding two clerks.")
    assert (c.count.low, c.victims.group) == (1, "people")


@pytest.mark.parametrize("text, group, low", [
    ("Two adult males and a juvenile female were injured in the shooting on Pell Street.", "civilians", 2),
    ("A juvenile female was injured by a stray round.", "women", 1),
    ("He threatened to injure a bystander and did injure two guards.", "civilians", 2),
])
def test_claims_blotter_nouns_and_base_form_verbs(text, group, low):
    assert (group, low) in [(c.victims.group, c.count.low) for c in _claims(text) if c.outcome == "injured"]


@pytest.mark.parametrize("text", [
    "A guard fired at the gunman, killing him, officials said.",
    "Before police arrived, a passer-by opened fire on the attacker, killing him.",
])
def test_claims_the_attacker_fired_at_is_the_one_killed(text):
    assert _one(text).victims.affiliation == "perpetrator"



@pytest.mark.parametrize("text, outcome, group, low", [
    ("Gunmen seized 40 pupils from a school in the fictional town of Ors.", "abducted", "children", 40),
    ("Troops seized three suspected insurgents near the fictional village of Ule.", "detained", "militants", 3),
    ("A teacher said the kidnappers had taken 52 pupils.", "abducted", "children", 52),
    ("Two vigilantes were killed in an exchange of fire with bandits.", "killed", "militants", 2),
])
def test_claims_people_seized_or_taken_and_vigilantes(text, outcome, group, low):
    c = _one(text, outcome)
    assert (c.victims.group, c.count.low) == (group, low)


def test_claims_people_taken_somewhere_are_not_abducted():
    assert not [c for c in _claims("Ambulances had taken 31 wounded people to hospitals.") if c.outcome == "abducted"]


@pytest.mark.parametrize("text, expected", [
    ("Among the dead were a provincial lawmaker and two of his guards, police said.",
     [("officials", 1, True), ("civilians", 2, True)]),
    ("Residents said the dead were a farmer and his son.", [("civilians", 1, True), ("civilians", 1, True)]),
    ("Residents said three of the dead were camel herders.", [("civilians", 3, True)]),
])
def test_claims_who_the_dead_were(text, expected):
    assert [(c.victims.group, c.count.low, c.subset) for c in _claims(text) if c.outcome == "killed"] == expected


@pytest.mark.parametrize("text, outcome, group, low", [
    ("An official said two civilians caught in the crossfire were killed.", "killed", "civilians", 2),
    ("Two soldiers stationed at the fictional Ors post were wounded.", "injured", "military", 2),
])
def test_claims_a_participle_and_its_place_between_victims_and_verb(text, outcome, group, low):
    c = _one(text, outcome)
    assert (c.victims.group, c.count.low) == (group, low)


@pytest.mark.parametrize(
    "text, count",
    [
        ("A patrol met 12 armed rebels near the ford. The rebels were all killed.", (12, 12, "exact")),
        ("Scouts saw about 30 fighters and two trucks. Later the fighters were killed.", (30, 30, "about")),
        ("Troops surrounded several armed militants. The militants were killed.", (None, None, "vague")),
    ],
)
def test_claims_the_victims_pointed_back_at_take_the_count_told_before(text, count):
    (claim,) = _claims(text)
    assert (claim.count.low, claim.count.high, claim.count.qualifier) == count


@pytest.mark.parametrize(
    "before",
    [
        "The man responsible for the raid", "Gunmen linked to the group", "A cell involved in the plot",
        "Men connected to the cartel", "A crew tied to smuggling", "The man who planned it", "The planner of the raid",
        "The cell planning it", "The man who orchestrated it", "A man suspected of the raid", "A man wanted for arson",
        "A gang known for raids", "Rebels blamed for the blast", "Last year, rebels", "Last month, rebels",
        "Two years ago, rebels", "Six months ago, rebels", "Just a year earlier, rebels", "In the year before, rebels",
        "On the anniversary, rebels", "Troops have recently", "In recent weeks, rebels", "Over the past few days, rebels",
        "So far this year, rebels", "During a similar raid, rebels", "Crowds protested against the raid in which rebels",
        "Hundreds rallied in the square over the raid in which rebels", "Crowds marched in protest at the raid in which rebels",
    ],
)
def test_claims_background_words_let_every_background_phrase_through(before):
    from tollwatch.claims import _BACKGROUND_RE, _background
    from tollwatch.cues import SentenceWords
    from tollwatch.segment import Sentence

    text = f"{before} killed 4 herders."
    at = text.index("killed")
    assert _BACKGROUND_RE.search(text, 0, at), "the example must match the background pattern itself"
    assert _background(text, Sentence(0, len(text), 0), at, SentenceWords(text).between(0, len(text)))


@pytest.mark.parametrize(
    "text, outcome, group",
    [
        ("A mine went off beside the bus, but none of the soldiers aboard was hurt, the army said.", "injured",
         "military"),
        ("Rebels fired on the patrol, but none of the personnel in the convoy was hurt.", "injured", "military"),
        ("The militia said it lost 12 fighters and that none of its commanders was hurt.", "injured", "militants"),
        ("Someone threw a grenade at the depot in Orvel, but no loss of life was reported.", "killed", "people"),
        ("Gunmen fired at the camp, but all the guards escaped unhurt, officials said.", "injured", "civilians"),
        ("The lorry was hit by a rocket; the driver was unharmed.", "casualties", "civilians"),
    ],
)
def test_claims_zeros_told_in_other_words(text, outcome, group):
    zeros = [c for c in _claims(text) if c.count.qualifier == "none"]
    assert [(c.outcome, c.victims.group, c.count.low, c.stance) for c in zeros] == [(outcome, group, 0, "asserted")]


@pytest.mark.parametrize(
    "text, outcome, low, group",
    [
        ("Four CRPF jawans were killed when the road in Orvel was mined.", "killed", 4, "military"),
        ("Security forces shot dead seven Naxals in the hills near Orvel.", "killed", 7, "militants"),
        ("Police said 5 Maoists were killed in an encounter near the fictional village of Orvel.", "killed", 5,
         "militants"),
    ],
)
def test_claims_south_asian_words_for_soldiers_and_insurgents(text, outcome, low, group):
    c = _one(text, outcome)
    assert (c.count.low, c.victims.group) == (low, group)


@pytest.mark.parametrize(
    "text, low, group",
    [
        ("Three jawans of the Orvel Rifles (OR) sustained injuries in the firing.", 3, "military"),
        ("A constable suffered a bullet injury to his arm and was taken to hospital.", 1, "police"),
        ("Doctors at the district hospital said they had treated 17 people for gunshot wounds.", 17, "people"),
        ("The clinic admitted 9 villagers with machete and gunshot wounds overnight.", 9, "civilians"),
    ],
)
def test_claims_injuries_told_as_nouns_and_hospital_counts(text, low, group):
    c = _one(text, "injured")
    assert (c.count.low, c.count.high, c.victims.group) == (low, low, group)


@pytest.mark.parametrize(
    "text, low",
    [
        ("Twelve assailants were neutralised in the counter-attack, the army said.", 12),
        ("The army said its troops had “neutralised” eight attackers near Orvel.", 8),
        ("Nine insurgents were “neutralized” in the raid.", 9),
    ],
)
def test_claims_neutralised_is_killed(text, low):
    c = _one(text)
    assert (c.count.low, c.victims.group) == (low, "militants")


def test_claims_a_long_including_aside_between_the_victims_and_their_verb():
    text = ("Five rebels, including a zonal commander who had a large bounty on his head set by the state, were shot dead "
            "in the forest near Orvel.")
    c = _one(text)
    assert (c.count.low, c.victims.group) == (5, "militants")


@pytest.mark.parametrize(
    "text, outcome, low, group",
    [
        ("The number of soldiers killed in the ambush near Orvel climbed to eleven on Sunday, the army said.",
         "killed", 11, "military"),
        (("The number of police officers killed when a mine hit their truck on the road to the fictional town of "
          "Orvel, in the east of the province, rose to six."), "killed", 6, "police"),
        ("The number of passengers missing after the raid stood at 14.", "missing", 14, "civilians"),
    ],
)
def test_claims_the_number_of_one_kind_of_victim_rose(text, outcome, low, group):
    c = _one(text, outcome)
    assert (c.count.low, c.count.high, c.victims.group) == (low, low, group)


@pytest.mark.parametrize(
    "text, group",
    [
        ("A man with an axe killed a 60-year-old woman and wounded four other people in the fictional town of Ule.",
         "people"),
        ("Two soldiers were killed and three others wounded at the fictional post of Vash.", "military"),
        ("A civilian motorist was wounded in the crossfire near the fictional town of Ule.", "civilians"),
    ],
)
def test_claims_the_group_of_the_wounded(text, group):
    assert _one(text, "injured").victims.group == group


@pytest.mark.parametrize(
    "text, low, group",
    [
        ("Militants beheading three villagers in the fictional hamlet of Ule.", 3, "civilians"),
        ("Two herders were beheaded near the fictional wells of Dalo.", 2, "civilians"),
        ("Four farmers were hacked to death in the fictional village of Ors.", 4, "civilians"),
        ("A shell hit the school, and 11 pupils were killed in the fictional town of Ule.", 11, "children"),
    ],
)
def test_claims_beheadings_and_pupils(text, low, group):
    c = _one(text)
    assert (c.count.low, c.victims.group) == (low, group)


@pytest.mark.parametrize(
    "text, outcome, low, group",
    [
        ("A soldier, Sepoy Ali Khan, 24, embraced shahadat during the exchange of fire.", "killed", 1, "military"),
        ("A teenager stabbed three pupils at a school in the fictional town of Ule.", "injured", 3, "children"),
        ("Two men were stabbed outside a bar in the fictional town of Ors.", "injured", 2, "civilians"),
    ],
)
def test_claims_martyrdom_and_stabbings(text, outcome, low, group):
    c = _one(text, outcome)
    assert (c.count.low, c.victims.group) == (low, group)


def test_claims_stabbed_to_death_with_the_victim_between_is_no_wound():
    assert [c for c in _claims("A student stabbed his mother to death before heading to school.")
            if c.outcome == "injured"] == []


def test_claims_the_wounded_who_died_are_of_the_kind_the_sentence_counts():
    text = "The number of soldiers killed in the ambush near Orvel rose to six after two of the wounded died."
    died = [c for c in _claims(text) if c.count.low == 2]
    assert [(c.outcome, c.victims.group) for c in died] == [("killed", "military")]


def test_claims_one_of_those_hurt_who_died_of_her_injuries_leaves_the_hurt():
    text = ("A man stabbed four pupils at a school in the fictional town of Ule. One of the pupils, a 15-year-old "
            "girl, died of her injuries in hospital.")
    totals = extract(Document(id="t", text=text), Settings()).totals
    assert (totals.killed.best, totals.injured.best) == (1, 3)


def test_claims_denied_that_civilians_had_been_hit_is_a_denied_zero():
    claims = _claims("Local officials said 30 civilians died in the strike on the fictional town of Orsa. The "
                     "defence ministry said its jets had killed 40 fighters and denied that civilians had been hit.")
    zero = [c for c in claims if c.count.high == 0]
    assert [(c.outcome, c.victims.group, c.stance) for c in zero] == [("casualties", "civilians", "denied")]


@pytest.mark.parametrize(
    "text, low, high, group",
    [
        (("The defence ministry of Varosa said its units had eliminated up to 150 fighters near the fictional town "
         "of Pell over the past day."), None, 150, "militants"),
        ("About 40 insurgents were liquidated in strikes on the fictional ridge of Kamor, the ministry said.", 40, 40,
         "militants"),
        ("Army units liquidated more than 20 infiltrators on the fictional Orv bridgehead, the ministry said.", 21, None,
         "people"),
    ],
)
def test_claims_eliminated_and_liquidated_are_a_military_s_kill_verbs(text, low, high, group):
    c = _one(text)
    assert (c.count.low, c.count.high) == (low, high)
    assert c.victims.group == group


def test_claims_eliminated_names_no_victims_without_people():
    assert _claims("The reform eliminated 300 posts at the fictional Varosan ministry of transport.") == ()


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("Varosa lost 640 soldiers killed or wounded over the past day, the fictional Orvan general staff said.", 640,
         640),
        ("The brigade lost up to 85 servicemen killed and wounded in the fighting near the fictional town of Tesk.",
         None, 85),
    ],
)
def test_claims_a_loss_tally_of_killed_and_wounded_is_casualties(text, low, high):
    claims = _claims(text)
    assert [(c.outcome, c.victims.group, c.count.low, c.count.high) for c in claims] == [
        ("casualties", "military", low, high)]
    assert extract(Document(id="t", text=text), Settings()).totals.killed is None


@pytest.mark.parametrize(
    "text, low, group",
    [
        (("One ranger lost her life and three others sustained minor injuries when their truck hit a mine near the "
         "fictional village of Sorn."), 3, "people"),
        (("A farmer lost his life and two soldiers sustained serious injuries in the shelling of the fictional town of "
         "Ule."), 2, "military"),
        (("A woman in her 40s was treated for non-life-threatening injuries after the crash on the fictional Mira "
         "road."), 1, "women"),
        ("Doctors said 12 people were being treated for gunshot wounds at the fictional Orsa clinic.", 12, "people"),
        ("Two other people were shot and injured and remain in hospital in the fictional town of Pell.", 2, "people"),
    ],
)
def test_claims_injuries_told_as_sustained_treated_or_shot_and_injured(text, low, group):
    c = _one(text, "injured")
    assert (c.count.low, c.count.high, c.victims.group) == (low, low, group)


def test_claims_a_member_of_a_force_named_in_full_who_lost_his_life():
    text = "A member of the Varosan Border Defence Forces lost his life in the blast near the fictional town of Ule."
    c = _one(text)
    assert (c.count.low, c.victims.group) == (1, "militants")


@pytest.mark.parametrize(
    "text",
    [
        "A guard lost her life when the fictional Mira dam burst.",
        "One guard lost his life on Monday in the fictional town of Tesk.",
    ],
)
def test_claims_lost_his_or_her_life_alone_in_its_sentence(text):
    assert _one(text).count.low == 1


@pytest.mark.parametrize(
    "text, group, outcome",
    [
        (("The statement reported four wounded on the friendly side and 15 attackers neutralised near the fictional "
         "post of Kamor."), "military", "injured"),
        ("The commander said two were killed in our ranks during the fighting for the fictional hill of Sorn.",
         "military", "killed"),
    ],
)
def test_claims_a_force_s_own_side_is_the_military(text, group, outcome):
    c = _one(text, outcome)
    assert (c.count.low, c.victims.group) in ((4, group), (2, group))


@pytest.mark.parametrize(
    "text, low, group",
    [
        ("Three men suspected of stealing goats were lynched by a mob in the fictional village of Orv on Sunday.", 3,
         "civilians"),
        ("A crowd lynched two suspected thieves at the fictional market of Pell.", 2, "people"),
    ],
)
def test_claims_lynched_is_a_killing(text, low, group):
    extraction = extract(Document(id="t", text=text), Settings())
    assert [(c.outcome, c.count.low, c.victims.group) for c in extraction.claims] == [("killed", low, group)]
    assert extraction.totals.civilians_killed.best == low  # a mob's victims are no fighters


@pytest.mark.parametrize(
    "text",
    [
        "A barangay councilor was shot dead outside his home in the fictional town of Mira on Friday.",
        "The village headman was hacked to death in the fictional hamlet of Sorn, police said.",
        "A ward member was gunned down in the fictional town of Tesk on Monday.",
        "An MCA was shot dead near the fictional town of Pell, police said.",
        "The local council chairman was killed in the ambush on the fictional Orv road.",
    ],
)
def test_claims_local_offices_name_one_official(text):
    assert [(c.count.low, c.victims.group) for c in _claims(text)] == [(1, "officials")]


@pytest.mark.parametrize(
    "text, injured, killed",
    [
        (("An attacker stabbed four people at a tram stop in the fictional city of Orsa, killing one of them, police "
         "said."), 3, 1),
        ("A man stabbed five pupils at the fictional Pell school, killing two.", 3, 2),
        ("He stabbed three shoppers and killed a guard at the fictional Mira mall.", 3, 1),
    ],
)
def test_claims_the_dead_among_those_stabbed_leave_the_hurt(text, injured, killed):
    totals = extract(Document(id="t", text=text), Settings()).totals
    assert (totals.injured.best, totals.killed.best) == (injured, killed)


def test_claims_one_stabbed_and_killed_is_no_wound():
    claims = _claims("A man stabbed his neighbour in the fictional town of Ule, killing her.")
    assert [(c.outcome, c.count.low) for c in claims] == [("killed", 1)]


@pytest.mark.parametrize(
    "text, outcome, group",
    [
        ("Gunmen killed a herder and wounded another villager near the fictional wells of Dalo.", "injured",
         "civilians"),
        ("Another soldier succumbed to his wounds in the fictional garrison town of Kamor on Tuesday.", "killed",
         "military"),
    ],
)
def test_claims_another_with_a_noun_is_one_more_victim(text, outcome, group):
    c = _one(text, outcome)
    assert (c.count.low, c.count.high, c.victims.group) == (1, 1, group)


def test_claims_another_with_a_count_is_that_count():
    c = _one("The gunman killed six shoppers and wounded another two at the fictional Orsa mall.", "injured")
    assert (c.count.low, c.victims.group) == (2, "civilians")


def test_claims_rushed_to_hospital_with_injuries_is_a_wound():
    c = _one("A second herder was rushed to the fictional Dalo district hospital with serious head injuries.",
             "injured")
    assert (c.count.low, c.victims.group) == (1, "civilians")


def test_claims_parts_in_brackets_are_of_the_count_before_them():
    found = _claims("Monitors verified 15 civilian casualties (4 killed and 11 injured) in Tarvel, including 6 "
                    "children (2 killed and 4 injured).")
    parts = {(c.outcome, c.victims.group, c.count.low, c.subset) for c in found if c.outcome != "casualties"}
    assert ("killed", "civilians", 4, False) in parts
    assert ("injured", "civilians", 11, False) in parts
    # After "including" they are a subset of the figures told before them.
    assert ("killed", "children", 2, True) in parts
    assert ("injured", "children", 4, True) in parts


def test_claims_a_recorders_labelled_range_is_a_claim():
    c = _one("Incident: gunfire at a checkpoint in Korvani\nDeaths recorded: 2-3")
    assert (c.count.low, c.count.high) == (2, 3)


def _killed(text):
    return {(c.victims.group, c.count.low, c.count.high) for c in _claims(text) if c.outcome == "killed"}


def test_claims_a_datasets_deaths_by_side_are_claims_of_each_side():
    found = _killed("Event 7702\nSide A: Government of Norland; Side B: Red Dawn Front\n"
                    "Deaths: side A 4, side B 12, civilians 0, unknown 1\nBest estimate 17, low 16, high 30")
    assert {("military", 4, 4), ("militants", 12, 12), ("civilians", 0, 0)} <= found
    # The estimate is one figure's range, not three claims.
    assert ("people", 16, 30) in found
    assert not {("people", 17, 17), ("people", 1, 1)} & found


def test_claims_a_rows_side_fields_and_estimate():
    found = _killed("dataset row | Side A: Blue Hand | Side B: Iron Wolves | deaths_a 3 | deaths_b 1 | "
                    "deaths_civilians 2 | deaths_unknown 0 | best 6 | low 6 | high 8 | source: a weekly paper")
    assert found == {("militants", 3, 3), ("militants", 1, 1), ("civilians", 2, 2), ("people", 6, 8)}


def test_claims_an_estimate_of_a_named_field_takes_its_victims():
    assert _killed("Side A: Black Lions; Side B: Civilians\nDeaths of civilians: best 9, low 9, high 13") == {
        ("civilians", 9, 13)}


@pytest.mark.parametrize(
    "text, group, affiliation",
    [
        ("Residents said 5 VDP were killed when the convoy was ambushed near Tarso.", "military", "VDP"),
        ("Two CJTF members were shot dead by raiders outside Gamari.", "military", "CJTF"),
        ("Three PMF were killed in the bombing of a checkpoint near Dalil.", "military", "PMF"),
        ("Six SDF were killed in clashes near the fictional village of Merat.", "militants", "SDF"),
        ("Four YPG fighters were killed in the shelling of Hesko.", "militants", "YPG"),
    ],
)
def test_claims_armed_groups_named_by_acronym_are_victims(text, group, affiliation):
    c = _one(text)
    assert (c.victims.group, c.victims.affiliation) == (group, affiliation)


def test_claims_a_victim_word_before_casualties_types_them():
    c = _one("The monitors counted 8 civilian casualties after the shelling of Pervo.", "casualties")
    assert (c.count.low, c.victims.group) == (8, "civilians")
    assert _one("Two police deaths were recorded at the Ostra checkpoint.").victims.group == "police"


def test_claims_none_killed_or_injured_is_a_zero_of_each():
    found = {(c.outcome, c.victims.group, c.count.low) for c in _claims(
        "After reviewing footage, the command said that no civilians were killed or wounded in the Harlo strike.")}
    assert found == {("killed", "civilians", 0), ("injured", "civilians", 0)}


def test_claims_none_killed_or_injured_after_a_rival_figure_denies_both():
    found = _claims("Villagers said four civilians were killed in the Harlo strike. The command said no civilians "
                    "were killed or injured.")
    zeros = {(c.outcome, c.stance) for c in found if c.count.high == 0}
    assert zeros == {("killed", "denied"), ("injured", "denied")}


@pytest.mark.parametrize(
    "text, group",
    [
        ("Unknown gunmen shot dead the chief of a locality in the fictional Orvo territory.", "officials"),
        ("A customary chief was killed when raiders burned the fictional village of Tesk.", "officials"),
        ("The police chief of Brae was killed by a roadside bomb.", "police"),
        ("An army chief was killed when his convoy hit a mine near Dall.", "military"),
    ],
)
def test_claims_a_chief_is_an_official_unless_a_force_is_named(text, group):
    c = _one(text)
    assert (c.count.low, c.victims.group) == (1, group)


def test_claims_a_labelled_figure_with_a_plus_is_at_least_that():
    c = _one("CS88 — 4 June 2019 — fictional Tall Var\nCivilians reported injured: 6+", "injured")
    assert (c.count.low, c.count.high, c.count.qualifier, c.victims.group) == (6, None, "at_least", "civilians")
