import pytest

from tollwatch.model import Document
from tollwatch.pipeline import extract
from tollwatch.settings import Settings


def _sources(text, outlet=None):
    return [c.source for c in extract(Document(id="t", text=text, outlet=outlet), Settings()).claims]


def test_attribution_named_speaker_with_role_and_relay():
    (src,) = _sources(
        "Varosa's provincial spokesman, Amin Delkash, told AFP that the strike killed 11 civilians."
    )
    assert src.speaker == "Amin Delkash"
    assert src.role and "provincial spokesman" in src.role
    assert src.type == "local_government"
    assert src.via == ("AFP",)


def test_attribution_pronoun_follows_earlier_speaker_across_a_quote():
    text = (
        "Colonel Mara Voss, a spokeswoman for the army, spoke to reporters on Monday.\n"
        '"The fighting was heavy. Six of our soldiers were killed," she said.'
    )
    (src,) = _sources(text)
    assert src.speaker == "Mara Voss"
    assert src.type == "military"


def test_attribution_verb_first_and_police():
    (src,) = _sources("Nine people died in the fire, said Inspector Paulo Reis of the city police.")
    assert src.speaker == "Paulo Reis"
    assert src.type == "police"


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("The coalition said it had no evidence that civilians were killed in the strike.", "coalition", "military"),
        ("The UN mission said four aid workers were wounded in the shelling.", "UN mission", "ngo_un"),
    ],
)
def test_attribution_an_institution_as_the_subject_is_the_source(text, speaker, kind):
    (src,) = _sources(text, outlet="The Daily Example")
    assert (src.speaker, src.type) == (speaker, kind)


def test_attribution_unattributed_figure_belongs_to_the_outlet():
    (src,) = _sources("Twelve people were killed in the collapse.", outlet="The Daily Example")
    assert (src.speaker, src.type) == ("The Daily Example", "media")


def test_attribution_the_paper_resolves_to_the_outlet_named_before():
    text = (
        "Officials told the New York Times that the area was sealed off.\n"
        "The paper also cited Rana Qadir, a local teacher, who said 5 students were wounded."
    )
    (src,) = _sources(text)
    assert src.speaker == "Rana Qadir"
    assert src.via == ("New York Times",)


def test_attribution_role_gives_the_organisation():
    (src,) = _sources(
        "A spokesman for U.S. forces in the region, Major Ilan Dorsey, said there was no evidence of any "
        "civilian casualties."
    )
    assert (src.speaker, src.organization, src.type) == ("Ilan Dorsey", "U.S. forces", "military")


def test_attribution_a_place_after_said_is_not_a_speaker():
    (src,) = _sources(
        "Major Ilan Dorsey said the strike in Vellin district hit a depot and that four civilians were killed."
    )
    assert src.speaker == "Ilan Dorsey"


def test_attribution_a_weekday_is_not_a_speaker():
    (src,) = _sources("Four civilians were killed, the Marosian army said in a statement on Friday.")
    assert src.speaker != "Friday"
    assert src.type == "military"


_FRAME_EXAMPLES = [
    ("_SUBJECT_FRAME", "Dara Voss, a spokesman for the fictional army, said the toll was final."),
    ("_SUBJECT_FRAME", "Colonel Dara Voss released a statement on the raid."),
    ("_CITED_FRAME", "The paper cited Dara Voss, a local elder, on the toll."),
    ("_VERB_FIRST", "Nine died, according to Dara Voss."),
    ("_PRON_FRAME", "He also told reporters the toll would rise."),
    ("_ORG_FRAME", "Provincial officials confirmed the toll."),
    ("_UNNAMED_TAIL", "Nine people died, local officials reported."),
]
_VIA_EXAMPLES = [
    (0, "Dara Voss told Reuters that nine died."),
    (1, "The Associated Press reported that nine died."),
    (2, "Nine died, as quoted by Reuters."),
    (2, "Nine died, he said in an interview with Reuters."),
]


@pytest.mark.parametrize("frame, text", _FRAME_EXAMPLES + [(f"_VIA_RES[{i}]", t) for i, t in _VIA_EXAMPLES])
def test_attribution_frame_gates_pass_every_sentence_their_frame_matches(frame, text):
    from tollwatch import attribution
    from tollwatch.cues import SentenceWords

    name, _, index = frame.partition("[")
    gated = getattr(attribution, name)[int(index[:-1])] if index else getattr(attribution, name)
    assert gated.pattern.search(text), "the example must match the frame itself"
    assert gated.search(text, SentenceWords(text), 0, len(text)) is not None


@pytest.mark.parametrize(
    "text",
    [
        "A Velmor army spokesman, Dara Voss, said nine died and the district governor said ten.",
        "the Ministry of Health in Tarnak said nine died; an aid worker told Reuters the police said so.",
        "Nine died, exofficials said, and xpolice later told reporters that Provincial Officials confirmed it.",
        "The United Nations Assistance Mission in Velmor (UNAMA) said, and the rebels said, that nine died.",
        "Officials said, police said, a police officer told the agency and NATO said the toll rose.",
    ],
)
def test_attribution_org_frame_tried_where_it_can_begin_finds_what_its_plain_pattern_finds(text):
    from tollwatch.attribution import _ORG_FRAME
    from tollwatch.cues import SentenceWords

    plain = [m.span() for m in _ORG_FRAME.pattern.finditer(text)]
    assert plain, "the example must match the frame itself"
    assert [m.span() for m in _ORG_FRAME.finditer(text, SentenceWords(text), 0, len(text))] == plain


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Witnesses in the village of Tarnak said four children were killed in the blast.", "witness"),
        ("Residents of Velmor said two shepherds were killed by the drone.", "witness"),
        ("Officials in Dastgir said a guard died of his wounds.", "government"),
    ],
)
def test_attribution_a_place_after_a_preposition_is_not_the_speaker(text, kind):
    (src,) = _sources(text, outlet="The Daily Example")
    assert src.speaker is None
    assert src.type == kind


def test_attribution_an_unnamed_source_is_told_apart_by_its_description():
    text = "Between 3 and 5 herders were killed, according to local sources; one source put the toll at 8."
    x = extract(Document(id="t", text=text, outlet="The Daily Example"), Settings())
    assert [(c.count.low, c.source.speaker, c.source.role) for c in x.claims] == [
        (3, None, "local sources"), (8, None, "source")
    ]
    # Two sources: the conservative figure is the lower one, not the second read as an update of the first.
    assert (x.totals.killed.low, x.totals.killed.best, x.totals.killed.high) == (3, 3, 8)


def test_attribution_a_quote_opening_after_a_sentence_takes_the_frame_beside_it():
    first, quoted = _sources(
        'A mine hit a truck in the fictional Varn valley, killing four herders, officials said. '
        '"Four herders were killed," district chief Omar Teld told AFP.'
    )
    assert first.speaker is None and first.type == "government"
    assert (quoted.speaker, quoted.via) == ("Omar Teld", ("AFP",))


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Two gunmen were killed in the fictional Osk firefight, a police officer told Reuters.", "police"),
        ("A ministry spokesman said six rebels were killed near the fictional town of Ulo.", "government"),
        ("Several soldiers were wounded near the fictional post of Tir, a military spokesman said.", "military"),
        # people described by common nouns have no name
        ("Police said eight people were wounded in the fictional town of Orle.", "police"),
        ("Residents said four women were abducted from the fictional village of Oss.", "witness"),
        ("A hospital spokesman said 17 people were wounded in the blast at Orle.", "health_officials"),
        # nor is where they said it a name: "said in Orle that"
        ("Officials said in Orle that three shepherds were killed by the mine.", "government"),
    ],
)
def test_attribution_an_unnamed_speaker_has_no_name_and_the_words_say_whose(text, kind):
    (src,) = _sources(text)
    assert (src.speaker, src.type) == (None, kind)


def test_attribution_an_adjective_opening_unconfirmed_reports_is_no_speaker():
    (src,) = _sources("Unconfirmed reports suggest 11 herders were wounded near the fictional well of Sio.")
    assert src.speaker is None


@pytest.mark.parametrize("role", ["a spokesman for Medecins Sans Frontieres", "a spokeswoman for Médecins du Monde"])
def test_attribution_medecins_with_or_without_its_accent_is_an_ngo(role):
    from tollwatch.attribution import source_type

    assert source_type(role) == "ngo_un"


def test_attribution_an_organisation_with_its_acronym_after_its_name():
    (src,) = _sources("The United Nations Mission in Varosa (UNMV) said on Monday that 23 herders were killed in the fictional strike.")
    assert (src.speaker, src.type) == ("United Nations Mission", "ngo_un")


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("The Varosan Liberation Front said in a statement that its fighters had killed 14 soldiers.",
         "Varosan Liberation Front", "armed_group"),
        ("The group said in a statement that its fighters had killed 14 soldiers.", "group", "armed_group"),
        ("Al-Shabaab said its fighters killed 30 soldiers near the fictional town of Orle.", "Al-Shabaab", "armed_group"),
        ("Taliban spokesman Omar Haqdad said 12 police officers were killed.", "Omar Haqdad", "armed_group"),
        ("A rebel spokesman said 12 soldiers were killed at the fictional post of Vash.", "rebel spokesman", "armed_group"),
        ("The militants said they had killed 9 soldiers at the fictional post of Vash.", "militants", "armed_group"),
    ],
)
def test_attribution_an_armed_group_speaking_for_itself(text, speaker, kind):
    (src,) = _sources(text)
    assert (src.speaker, src.type) == (speaker, kind)


def test_attribution_a_rights_group_is_no_armed_group():
    (src,) = _sources("A spokesman for the rights group said 9 soldiers were killed.")
    assert src.type != "armed_group"


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("The provincial police chief said four policemen were killed in the fictional town of Orle.",
         "provincial police chief", "police"),
        ("The district governor said seven villagers died in the fictional valley of Oss.", "district governor",
         "local_government"),
        ("The army commander said two soldiers were wounded at the fictional post of Vash.", "army commander",
         "military"),
        # an organisation named before the role words
        ("Red Crescent official Lena Ford said 52 bodies were recovered in the fictional town of Orle.", "Lena Ford",
         "ngo_un"),
        ("Orle Ambulance service director Sami Kahn said his crews carried 31 wounded people.", "Sami Kahn",
         "health_officials"),
        # an organisation quoted by its own name
        ("Medecins Sans Frontieres said its clinic in Orle received 58 wounded people.", "Medecins Sans Frontieres",
         "ngo_un"),
        # an adverb between the speaker and the verb
        ("Provincial police chief Dan Ruhl earlier said at least 59 people had been killed.", "Dan Ruhl", "police"),
        # a monitor that recorded the deaths
        ("The Orle Conflict Monitor, which tracks violence in the region, recorded 24 deaths.", "Orle Conflict Monitor",
         "ngo_un"),
        ("The Varosan Civil Defence said nine civilians died in the fictional town of Orle.", "Varosan Civil Defence",
         "ngo_un"),  # a rescue service, not the military
    ],
)
def test_attribution_the_speaker_and_its_type_from_the_words_about_it(text, speaker, kind):
    (src,) = _sources(text)
    assert (src.speaker, src.type) == (speaker, kind)


def test_attribution_a_count_after_said_is_no_speaker():
    (src,) = _sources("The health ministry said 9 Varosans, including a boy, were killed in the fictional town of Orle.")
    assert (src.speaker, src.type) == ("health ministry", "health_officials")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The Ministry of Health in Varosa said 12 people were killed in the fictional town of Ulm.", "health_officials"),
        ("The Ministry of Defence in Varosa said 12 insurgents were killed in the fictional town of Ulm.", "military"),
        ("The Ministry in Varosa said 12 people were killed in the fictional town of Ulm.", "government"),
    ],
)
def test_attribution_an_office_is_typed_by_what_it_is_of(text, kind):
    assert [s.type for s in _sources(text)] == [kind]


@pytest.mark.parametrize(
    "text, speaker, via",
    [
        ("The governor of Varosa, Ilan Petrov, said on Telegram that six villagers were killed.", "Ilan Petrov",
         ("Telegram",)),
        ("Rena Hask wrote on Facebook that nine people were wounded in the fictional town of Orle.", "Rena Hask",
         ("Facebook",)),
        ("The rebels said in a statement posted on their Telegram channel that 14 soldiers were killed.", "rebels",
         ("Telegram",)),
    ],
)
def test_attribution_a_platform_relays_and_is_no_speaker(text, speaker, via):
    (src,) = _sources(text)
    assert (src.speaker, src.via) == (speaker, via)


@pytest.mark.parametrize(
    "text, speaker, role, kind",
    [
        ("Interior Minister Teo Marsh said 12 police officers were killed at Orle.", "Teo Marsh", "Interior Minister",
         "government"),
        ("Prosecutor General Ada Lenz said 26 people were wounded in the fictional town of Orle.", "Ada Lenz",
         "Prosecutor General", "government"),
        ("Health Ministry Spokesman Omar Vell said 40 people died in the fictional town of Orle.", "Omar Vell",
         "Health Ministry Spokesman", "health_officials"),
        ("Deputy Commissioner Ada Lenz said 145 people had been wounded in the clashes at Orle.", "Ada Lenz",
         "Deputy Commissioner", "local_government"),
        # described, not named: a nationality before the description; a group that speaks as one
        ("Militants killed eight soldiers near Orle, a Somali army officer said.", None, "Somali army officer",
         "military"),
        ("The White Helmets rescue group said its volunteers pulled 14 bodies from the rubble at Orle.",
         "White Helmets rescue group", None, "ngo_un"),
    ],
)
def test_attribution_titled_and_described_sources(text, speaker, role, kind):
    (src,) = _sources(text)
    assert (src.speaker, src.role, src.type) == (speaker, role, kind)


def test_attribution_a_list_before_a_subject_is_not_its_role():
    (_, _, src) = _sources(
        "The dead included two farmers, three guards and four members of a village militia, Mayor Ines Varga said."
    )
    assert (src.speaker, src.type) == ("Ines Varga", "local_government")


def test_attribution_a_quotation_that_goes_on_after_its_frame_keeps_the_speaker():
    text = (
        'Gunmen attacked a hotel in the fictional town of Orle. "They shot two guards dead," police officer Ivo '
        'Marr told AFP. "Four of the attackers were also killed."'
    )
    first, following = _sources(text)
    assert first == following
    assert (following.speaker, following.type, following.via) == ("Ivo Marr", "police", ("AFP",))


@pytest.mark.parametrize(
    "text, via",
    [
        ("A medic told the Varosan newspaper Orle Today that 27 bodies were recovered.", ("Orle Today",)),
        ("Residents told the local outlet Vash Online that three herders were killed.", ("Vash Online",)),
        ("Medical sources told the BBC that nine bodies were brought to the hospital in Orle.", ("BBC",)),
    ],
)
def test_attribution_an_outlet_introduced_by_what_it_is(text, via):
    (src,) = _sources(text)
    assert src.via == via


@pytest.mark.parametrize(
    "text, role, kind",
    [
        ("A rescue worker who asked not to be named told AFP that 27 bodies were recovered in Orle.",
         "A rescue worker", "unnamed"),
        ("A relative of one of the victims told AFP that two of his nephews were killed in Orle.",
         "A relative of one of the victims", "witness"),
    ],
)
def test_attribution_one_person_described_not_named(text, role, kind):
    (src,) = _sources(text)
    assert (src.speaker, src.role, src.type, src.via) == (None, role, kind, ("AFP",))


@pytest.mark.parametrize(
    "text, speaker, kind, via",
    [
        ("Shells killed more than 40 people in Orle, according to the International Committee of the Red Cross.",
         "International Committee of the Red Cross", "ngo_un", ()),
        ("Nine people were killed in the fictional town of Orle, according to Reuters.", "Reuters", "media",
         ("Reuters",)),
    ],
)
def test_attribution_according_to_an_organisation(text, speaker, kind, via):
    (src,) = _sources(text)
    assert (src.speaker, src.type, src.via) == (speaker, kind, via)


def test_attribution_according_to_a_person_has_no_role_from_the_words_before():
    (src,) = _sources("Five soldiers died in Orle, according to Ivo Marr, a police spokesman.")
    assert (src.speaker, src.role, src.type) == ("Ivo Marr", "a police spokesman", "police")


def test_attribution_according_to_an_office_described():
    (src,) = _sources("Gunmen killed 11 people in Orle, according to the state prosecutor's office.")
    assert (src.speaker, src.role, src.type) == (None, "the state prosecutor's office", "government")


def test_attribution_a_surname_is_the_person_named_in_full_before():
    text = (
        "Drones struck Orle, killing three people, regional governor Ilan Petrov said on Telegram. "
        "Petrov said eight people were injured."
    )
    first, second = _sources(text)
    assert (second.speaker, second.role, second.type) == ("Ilan Petrov", "regional governor", "local_government")
    assert (first.via, second.via) == (("Telegram",), ())



@pytest.mark.parametrize("text", [
    "Interior Minister Dana Orwell had earlier said that four people were killed in the fictional town of Esk.",
    "Governor Dana Orwell initially reported that four people were killed in the fictional town of Esk.",
])
def test_attribution_an_auxiliary_and_an_adverb_before_the_verb(text):
    (src,) = _sources(text)
    assert src.speaker == "Dana Orwell"


@pytest.mark.parametrize("text, speaker, kind", [
    ("Doctors Without Borders said it had treated 27 wounded patients in the fictional town of Ors.",
     "Doctors Without Borders", "ngo_un"),
    ("Varos Media Center reported that four civilians had died.", "Varos Media Center", "media"),
    ("Two women were injured, according to the regional military administration.", None, "military"),
    ("Civilians reported killed: 3-5. Grade: Fair.", None, "media"),
])
def test_attribution_organisations_named_and_victims_labelled(text, speaker, kind):
    (src,) = _sources(text)
    assert (src.speaker, src.type) == (speaker, kind)


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("According to the Ministry of Public Health, 14 people were killed in the blast.",
         "Ministry of Public Health", "health_officials"),
        ("According to the Northern Doctors Network, 31 patients died after the shelling.",
         "Northern Doctors Network", "health_officials"),
        ("Eleven people were killed, according to the Ministry of Health of Eastland.",
         "Ministry of Health of Eastland", "health_officials"),
        ("According to local officials, 12 people were killed.", None, "local_government"),
    ],
)
def test_attribution_according_to_an_office_at_the_start_of_a_sentence(text, speaker, kind):
    (src,) = _sources(text)
    assert (src.speaker, src.type) == (speaker, kind)


def test_attribution_according_to_an_outlet_at_the_start_of_a_sentence_relays():
    (src,) = _sources("According to the Valley Herald, nine miners died in the collapse.")
    assert src.via == ("Valley Herald",)


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("The raid killed nine civilians, the Eastland Observatory for Human Rights said.",
         "Eastland Observatory for Human Rights", "ngo_un"),
        ("The Office of the High Commissioner for Human Rights said 23 civilians were killed.",
         "Office of the High Commissioner for Human Rights", "ngo_un"),
        ("Six people died in the attack, said the Coastal Network for Human Rights.",
         "Coastal Network for Human Rights", "ngo_un"),
        ("The Ministry of Health said 12 people were killed in the shelling.", "Ministry of Health", "health_officials"),
        ("The Ministry of Health in Westport said 12 people were killed.", "Ministry of Health", "health_officials"),
    ],
)
def test_attribution_a_body_named_by_what_it_is_for_or_of_keeps_its_whole_name(text, speaker, kind):
    (src,) = _sources(text)
    assert (src.speaker, src.type) == (speaker, kind)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Northern Command said the strike killed four fighters.", "military"),
        ("The Joint Operations Command said 14 militants were killed.", "military"),
        ("The Ridgefield Department of Public Safety said two troopers were wounded.", "police"),
    ],
)
def test_attribution_commands_and_public_safety_departments_are_typed(text, kind):
    (src,) = _sources(text)
    assert src.type == kind


def test_attribution_the_haqqani_network_is_no_outlet():
    (src,) = _sources("The Haqqani Network said it had killed five soldiers.")
    assert src.via == ()
    assert src.type == "armed_group"


@pytest.mark.parametrize(
    "text, via",
    [
        ("A nurse, Leila Haddad, told Airwars that 14 bodies were brought to the clinic.", ("Airwars",)),
        ("A farmer told Human Rights Watch that 8 men were killed.", ("Human Rights Watch",)),
        ("A witness told Inspector Marlow that 3 people were killed.", ()),
    ],
)
def test_attribution_testimony_told_to_a_monitor_is_relayed_by_it(text, via):
    (src,) = _sources(text)
    assert src.via == via


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("Four guards were killed, the Valdoria Rights Observatory said. It said 12 guards were wounded.",
         "Valdoria Rights Observatory", "ngo_un"),
        ("Nine miners died in the raid, the army said in a statement. It also said 14 miners were hurt.",
         "army", "military"),
    ],
)
def test_attribution_it_said_is_the_body_named_before(text, speaker, kind):
    _, src = _sources(text, outlet="The Daily Example")
    assert (src.speaker, src.type) == (speaker, kind)


def test_attribution_it_said_with_no_body_before_stays_with_the_outlet():
    (src,) = _sources("Bandits stormed the market. It said three traders were wounded.", outlet="The Daily Example")
    assert (src.speaker, src.type) == ("The Daily Example", "media")


@pytest.mark.parametrize(
    "second",
    ["The London-based monitor said 15 people were wounded.", "The rights group said 15 people were wounded."],
)
def test_attribution_a_body_described_again_is_the_body_named_before(second):
    text = "Shelling killed six farmers in Orvel, the Valdoria Rights Observatory said. " + second
    _, src = _sources(text, outlet="The Daily Example")
    assert (src.speaker, src.type) == ("Valdoria Rights Observatory", "ngo_un")


def test_attribution_a_described_body_is_not_a_body_of_another_kind():
    text = "The Free Hills Front said it had killed 20 soldiers. The ministry said 15 soldiers were wounded."
    _, src = _sources(text, outlet="The Daily Example")
    assert src.speaker != "Free Hills Front"


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("Eleven people were killed, the public prosecutor of Brenz said on Sunday.", "public prosecutor",
         "government"),
        ("Gunmen killed four men, the Tarvia state prosecutor’s office said.", "Tarvia state prosecutor’s office",
         "government"),
        ("Eight villagers were killed overnight, the district’s administrator said.", "district’s administrator",
         "local_government"),
        ("Two officers were shot dead, state security spokesman Luis Parda said.", "Luis Parda", "government"),
    ],
)
def test_attribution_offices_described_with_their_article(text, speaker, kind):
    (src,) = _sources(text, outlet="The Daily Example")
    assert (src.speaker, src.type) == (speaker, kind)


def test_attribution_two_bodies_joined_by_and_are_no_single_speaker():
    (src,) = _sources("Three people were killed, the army and police said.", outlet="The Daily Example")
    assert src.speaker is None and src.type == "police"


@pytest.mark.parametrize(
    "text, role, kind",
    [
        ("Nine traders were killed at the market, said the regional governor, Ana Morel.", "regional governor",
         "local_government"),
        # The person was described before: "the leader" is that civil society leader.
        (("Rebels killed eight farmers, a local civil society leader said. Five people were wounded, said the "
          "leader, Jean Doe."), "leader", "civil_society"),
    ],
)
def test_attribution_a_role_in_apposition_before_the_name(text, role, kind):
    src = _sources(text, outlet="The Daily Example")[-1]
    assert (src.speaker, src.role, src.type) == (text.rsplit(", ", 1)[1].rstrip("."), role, kind)


@pytest.mark.parametrize(
    "text, role, kind",
    [
        ("A nurse at Orvel District Hospital said six wounded farmers had been brought in.",
         "A nurse at Orvel District Hospital", "health_officials"),
        ("A health worker at the General Hospital in Orvel said it had treated 14 people for gunshot wounds.",
         "A health worker at the General Hospital in Orvel", "health_officials"),
    ],
)
def test_attribution_a_person_described_by_where_they_work_is_not_the_place(text, role, kind):
    (src,) = _sources(text, outlet="The Daily Example")
    assert (src.speaker, src.role, src.type) == (None, role, kind)


@pytest.mark.parametrize(
    "text, speaker, role",
    [
        ("Four jawans were injured, Superintendent of Police Mira Rao said.", "Mira Rao", "Superintendent of Police"),
        ("Six Naxals were killed, Inspector General of Police Dev Nair said.", "Dev Nair",
         "Inspector General of Police"),
    ],
)
def test_attribution_police_titles_with_of_police(text, speaker, role):
    (src,) = _sources(text, outlet="The Daily Example")
    assert (src.speaker, src.role, src.type) == (speaker, role, "police")


@pytest.mark.parametrize(
    "text, role, kind",
    [
        ("Police had earlier said five officers were killed in Orvel.", "Police", "police"),
        ("The army had first reported six deaths at the fictional base of Orvel.", "army", "military"),
    ],
)
def test_attribution_a_body_with_an_auxiliary_and_an_adverb_before_the_verb(text, role, kind):
    (src,) = _sources(text, outlet="The Daily Example")
    assert src.type == kind and role in (src.speaker, src.role)


def test_attribution_resistance_forces_are_an_armed_group():
    (src,) = _sources("The resistance forces said 13 soldiers were killed in the fictional town of Ule.")
    assert src.type == "armed_group"


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("According to a statement issued by the Inter-Services Public Relations (ISPR), two soldiers were killed.",
         "Inter-Services Public Relations", "military"),
        ("The RSF said its fighters had not killed any civilians in the fictional camp of Ule.", "RSF", "armed_group"),
        ("The Orvel Security Tracker recorded 26 deaths in the fictional province of Ule.", "Orvel Security Tracker",
         "ngo_un"),
    ],
)
def test_attribution_statements_by_bodies_and_their_kinds(text, speaker, kind):
    (src,) = _sources(text, outlet="The Daily Example")
    assert (src.speaker, src.type) == (speaker, kind)


@pytest.mark.parametrize(
    "text, speaker, role",
    [
        ("Gunmen killed 12 people in the fictional town of Ule, a police spokesman, John Doe, said.", "John Doe",
         "a police spokesman"),
        ("Raiders killed at least 30 persons in Ors, a community leader, Mr Ade Bala, told our correspondent.",
         "Mr Ade Bala", "a community leader"),
    ],
)
def test_attribution_the_speaker_set_after_a_list_of_victims_is_no_victim(text, speaker, role):
    (src,) = _sources(text, outlet="The Daily Example")
    assert (src.speaker, src.role) == (speaker, role)


def test_attribution_residents_of_a_place_are_witnesses_not_the_place():
    (src,) = _sources("Residents of Ulek, Lower Ors, said a drone strike killed three farmers.")
    assert (src.speaker, src.type) == (None, "witness")


@pytest.mark.parametrize("text, outlet", [
    ("Shelling killed six people in the fictional town of Varn on Monday, the state news agency KNA reported.", "KNA"),
    ("A car bomb in Orlo left a toll of 5 dead and 12 injured, SANA said.", "SANA"),
])
def test_attribution_an_outlet_that_says_it_with_nobody_else_quoted_is_the_source(text, outlet):
    sources = _sources(text)
    assert {(s.speaker, s.type, s.via) for s in sources} == {(outlet, "media", ())}


def test_attribution_an_outlet_relaying_a_named_speaker_stays_a_relay():
    (src,) = _sources("Three soldiers were killed in Varn, governor Ilse Marr said, SANA reported.")
    assert (src.speaker, src.via) == ("Ilse Marr", ("SANA",))


@pytest.mark.parametrize("outlet, kind", [("Varn County Sheriff's Office", "police"), ("Joint Task Force Orlo Command",
                                                                                       "military")])
def test_attribution_a_press_release_speaks_as_the_office_that_published_it(outlet, kind):
    (src,) = _sources("Two gunmen were killed during an operation near Varn on Tuesday.", outlet=outlet)
    assert (src.speaker, src.type) == (outlet, kind)


def test_attribution_a_title_with_its_beat_in_brackets():
    (src,) = _sources("Deputy Inspector General of Police (East) Tarun Mehra said two constables were injured.")
    assert (src.speaker, src.type) == ("Tarun Mehra", "police")
    assert "(East)" in src.role


def test_attribution_the_statement_said_stands_for_the_body_that_issued_it():
    text = ("The Defence Ministry of Orlo said in a statement that nine rebels were killed near Varn. "
            "Two soldiers were wounded, the statement said.")
    assert {s.speaker for s in _sources(text)} == {"Defence Ministry of Orlo"}


def test_attribution_according_to_a_communique_from_a_ministry():
    (src,) = _sources("An attack near Varn claimed the lives of 4 soldiers, according to a communiqué from the "
                      "Ministry of Defence.")
    assert (src.speaker, src.type) == ("Ministry of Defence", "military")


@pytest.mark.parametrize("text, speaker, kind", [
    ("A blast at the Varn police post left a balance of two dead and six wounded, reported the mayor, Ana Ruiz.",
     "Ana Ruiz", "local_government"),
    ("Four people were shot dead in Varn on Sunday, said the Interior Ministry.", "Interior Ministry", "government"),
    ("A clash in Orlo left 9 dead, reported the State Security Secretariat (SSE).", "State Security Secretariat",
     "government"),
])
def test_attribution_a_speaker_after_the_verb_as_translated_reports_put_it(text, speaker, kind):
    assert {(s.speaker, s.type) for s in _sources(text)} == {(speaker, kind)}


def test_attribution_reported_before_what_was_reported_names_nobody():
    (src,) = _sources("Police reported the deaths of three people in Varn on Monday.")
    assert src.speaker is None and src.type == "police"


def test_attribution_past_a_but_the_figure_is_its_own_clause_speakers():
    first, second = _sources("Officials first reported 15 dead in the raid on Lusk, but the figure was later "
                             "lowered to eleven, a police spokeswoman said.")
    assert first.role == "Officials"
    assert second.type == "police" and "spokeswoman" in second.role


def test_attribution_a_source_named_in_the_sentence_after_the_figure():
    text = ("Air strikes on the fictional town of Varn killed 12 civilians on Friday. The toll was given by the "
            "Orlo Observatory for Human Rights, which said 20 more people were wounded.")
    assert {s.speaker for s in _sources(text)} == {"Orlo Observatory for Human Rights"}


def test_attribution_a_described_person_telling_the_toll_is_no_victim():
    claims = extract(Document(id="t", text="A shell hit the market in Varn, killing at least 9 people, a nurse at "
                                           "the town's clinic told Reuters."), Settings()).claims
    assert [(c.outcome, c.count.low) for c in claims] == [("killed", 9)]
    assert claims[0].source.via == ("Reuters",)


def test_attribution_a_name_after_a_preposition_of_place_is_no_speaker():
    text = ("Five people were killed when gunmen opened fire outside a bar, police said. Provincial police "
            "spokesman Captain Tomas Vela said the gunmen drove into the Blue Palm Lodge and fired at guests. "
            "Three died at the scene, he said.")
    *_, three = _sources(text)
    assert (three.speaker, three.type) == ("Tomas Vela", "police")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("A missile strike on a market killed seven people, according to the district governor.", "local_government"),
        ("A bus bomb killed four people, according to the county's police.", "police"),
    ],
)
def test_attribution_according_to_an_office_or_a_possessive_description(text, kind):
    (src,) = _sources(text)
    assert src.type == kind and src.role and src.role.startswith("the ")


def test_attribution_a_ministry_where_a_side_holds_it_and_described_again():
    text = ("An air strike on a school killed 12 people, the health ministry in the rebel-run territory said. "
            "The ministry said 20 people were wounded.")
    killed, wounded = _sources(text)
    assert killed.speaker == wounded.speaker == "health ministry"
    assert killed.type == wounded.type == "health_officials"


def test_attribution_an_administration_speaks():
    (src,) = _sources("Shelling killed two people in the village of Orlo, the district military administration said.")
    assert (src.speaker, src.type) == ("district military administration", "local_government")


def test_attribution_an_outlet_that_reports_is_no_relay_of_itself():
    (src,) = _sources("A rocket hit a bus in the town of Tarvel, killing three people, the country's state-run "
                      "Northern Press Agency reported.")
    assert (src.speaker, src.via) == ("Northern Press Agency", ())


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        # Monitors and investigators speak by what they verified, assessed or found.
        ("UNAMA verified that a roadside bomb killed six civilians in Tarvel district.", "UNAMA", "ngo_un"),
        ("The Coalition assessed that its strike near Korvani killed three fighters.", "Coalition", "military"),
        ("Human Rights Watch found that soldiers executed nine villagers in Ostrin.", "Human Rights Watch", "ngo_un"),
        # A body's inquiry speaks for the body.
        ("Amnesty International's investigation found that the shelling killed 11 civilians in Vashti.",
         "Amnesty International", "ngo_un"),
    ],
)
def test_attribution_monitors_verify_assess_and_find(text, speaker, kind):
    (source,) = _sources(text)
    assert speaker in source.speaker
    assert source.type == kind


def test_attribution_a_recorders_label_is_no_speaker():
    (source,) = _sources("Incident: a bomb in Tarvel bus station\nDeaths recorded: 3-5\nSources: two local papers")
    assert source.speaker is None
