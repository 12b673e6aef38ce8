import pytest
from geo import gazetteer

from tollwatch.places import (
    _NAME,
    Names,
    _resolve_cached,
    _resolve_key,
    country_context,
    find_mentions,
    resolve_place,
)


@pytest.mark.parametrize(
    "text,name,cue,region",
    [
        ("Troops searched homes in Logar province on Monday.", "Logar", "province", None),
        ("Troops searched homes in Barak district overnight.", "Barak", "district", None),
        ("Troops searched the village of Qala Nau at dawn.", "Qala Nau", "village", None),
        ("Shells fell on the outskirts of Kunduz late at night.", "Kunduz", "near", None),
        ("A man opened fire in Mesa, Arizona on Friday.", "Mesa", "pair", "Arizona"),
        ("A man opened fire at a shop in Tempe.", "Tempe", "locative", None),
        ("A man opened fire near Tempe.", "Tempe", "near", None),
        ("Fighting raged in Sar-e Pul province.", "Sar-e Pul", "province", None),
        ("Shells hit the Al-Noor neighbourhood of Hodeidah.", "Hodeidah", "town", None),
        ("Shelling was reported south of Tempe.", "Tempe", "near", None),
        ("Patrols crossed into the remote Tempe hills.", "Tempe", "locative", None),
        ("Reporters said Tempe was calm.", "Tempe", "bare", None),
        ("Gunmen shot two men in downtown Tempe.", "Tempe", "town", None),
        ("Shells hit the Red Sea port of Hodeidah.", "Hodeidah", "town", None),
        ("A member of the Kunar provincial council said so.", "Kunar", "province", None),
        ("Jihadists attacked a post in the central Mopti region.", "Mopti", "province", None),
    ],
)
def test_places_mentions_carry_their_cue(text, name, cue, region):
    found = {m.name: m for m in find_mentions(text, (0, len(text)))}
    assert (found[name].cue, found[name].region) == (cue, region)


@pytest.mark.parametrize(
    "span,expected",
    [
        ((0, 22), ["Aid", "Camp Delta"]),
        ((23, 44), ["River Town", "Monday"]),
        ((0, 44), ["Aid", "Camp Delta\nRiver Town", "Monday"]),
        ((12, 20), ["Camp Del"]),
    ],
)
def test_places_names_inside_a_span_are_those_of_the_span_alone(span, expected):
    # The whole text's names serve a span, except the one that runs over the line break, or is cut.
    names = Names("Aid reached Camp Delta\nRiver Town on Monday.")
    assert [m.group() for m in names.inside(span)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # A name of five words (the most one holds) runs over the line break, so the span after the break
        # reads a name across the start of the whole text's next one, and only then meets its names again.
        "Alpha Bravo\nCharlie Delta Echo Foxtrot Golf Hotel India said so.",
        "Troops of Sar-e Pul\nKunar Valley Road met the Wardak\nGovernor in Kabul.",
    ],
)
def test_places_names_inside_every_span_are_those_of_its_own_scan(text):
    names = Names(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            found = [m.span() for m in names.inside((start, end))]
            assert found == [m.span() for m in _NAME.finditer(text, start, end)], (start, end)


@pytest.mark.parametrize(
    "key,cue,region,countries,expected",
    [
        ("lowgar", "province", None, ("AF",), ("Logar", "admin1", "AF")),  # a variant spelling of a division
        ("conyers", "pair", "Georgia", (), ("Conyers", "town", "US")),  # the region picks among namesakes
        ("kunduz", "bare", None, ("AF",), ("Kunduz", "town", "AF")),  # the town that lies in its namesake
        ("zorvatqal", "village", None, ("AF",), None),
    ],
)
def test_places_a_run_of_words_resolves_by_its_cue(key, cue, region, countries, expected):
    entry = _resolve_key(gazetteer(), key, cue, region, countries)
    assert (entry and (entry.name, entry.kind, entry.country)) == expected


def test_places_a_long_name_resolves_as_its_first_known_run():
    whole = _resolve_cached(gazetteer(), "Zorvatqal Kunduz Council", "bare", None, ("AF",))
    assert whole is not None and whole == _resolve_key(gazetteer(), "kunduz", "bare", None, ("AF",))


def _place(text, dateline=None):
    return resolve_place(text, [[(0, len(text))]], gazetteer(), dateline)


@pytest.mark.parametrize(
    "text,name,admin1,country,precision",
    [
        ("A gunman opened fire in a diner in Mesa, Arizona, killing two.", "Mesa", "Arizona", "US", "town"),
        ("An Afghan force detained two men in Lowgar province.", "Logar", "Logar", "AF", "admin1"),
        ("Afghan troops clashed with insurgents in Paktya province.", "Paktia", "Paktia", "AF", "admin1"),
        ("Afghan officials said shells hit the outskirts of Kunduz.", "Kunduz", "Kunduz", "AF", "near_town"),
        ("Afghan police said a bomb went off in Lashkar Gah district, Helmand province.", "Lashkar Gah",
         "Helmand", "AF", "town"),
        ("A gunman killed three people in a Georgia home near Conyers, Georgia.", "Conyers", "Georgia", "US",
         "near_town"),
        ("Fighting was reported across Afghanistan on Sunday.", "Afghanistan", None, "AF", "country"),
    ],
)
def test_places_resolve_the_event_place(text, name, admin1, country, precision):
    place = _place(text)
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == (name, admin1, country, precision)


def test_places_unknown_village_falls_back_to_a_named_town():
    text = (
        "Afghan troops raided the village of Zorvatqal in Helmand province, near Lashkar Gah, on Monday."
    )
    place = _place(text)
    assert place is not None and (place.name, place.precision) == ("Lashkar Gah", "near_town")


def test_places_claim_sentences_rank_first():
    text = "The governor spoke in Herat. Afghan officials said an airstrike killed four in Kunduz province."
    first, second = (0, 28), (29, len(text))
    place = resolve_place(text, [[second], [first]], gazetteer())
    assert place is not None and place.admin1 == "Kunduz"


def test_places_dateline_capital_is_not_the_event_place():
    text = "KABUL, Afghanistan (Jan. 25, 2013) - A force detained two men."
    place = _place(text, dateline=(0, 18))
    assert place is not None and (place.name, place.precision) == ("Afghanistan", "country")


def test_places_span_points_at_the_mention():
    text = "A gunman opened fire in Mesa, Arizona."
    place = _place(text)
    assert place is not None and place.span is not None
    assert text[place.span[0] : place.span[1]] == "Mesa"


def test_places_none_without_any_place():
    assert _place("Two men were hurt when a wall fell.") is None


@pytest.mark.parametrize(
    "text,name,cue",
    [
        ("In Helmand province, a patrol found a cache.", "Helmand", "province"),
        ("The Kunduz police said two died.", "Kunduz", "bare"),
        ("Troops fought in Kunar and Logar provinces on Sunday.", "Kunar", "province"),
    ],
)
def test_places_mentions_drop_sentence_words_and_share_plural_cues(text, name, cue):
    found = {m.name: m for m in find_mentions(text, (0, len(text)))}
    assert found[name].cue == cue
    start, end = found[name].span
    assert text[start:end] == name


def test_places_a_person_is_not_a_spelling_variant_of_a_town():
    # With the report about the US, "Omar Zwak" has a spelling variant among American towns; without a
    # cue that says a place is named, it stays a person.
    place = _place("Omar Zwak said an American convoy came under fire.")
    assert place is None or place.precision == "country"


def test_places_a_district_is_found_beyond_a_demonym_of_the_attackers():
    place = _place("American aircraft bombed a house in Nad Ali district on Tuesday night.")
    assert place is not None and (place.country, place.admin1) == ("AF", "Helmand")


def test_places_the_dateline_does_not_refine_the_event_place():
    text = "LASHKAR GAH, Afghanistan - An airstrike hit a village in Nad Ali district of Helmand province."
    place = _place(text, dateline=(0, 24))
    assert place is not None and place.name != "Lashkar Gah" and place.admin1 == "Helmand"


def test_places_a_group_named_state_is_not_a_province():
    # "State" shares its consonants with Wasit; the report names no place but its country.
    place = _place("Iraqi officials blamed the Islamic State group for the bombing.")
    assert place is not None and (place.name, place.precision) == ("Iraq", "country")


@pytest.mark.parametrize(
    "text,name,country",
    [
        # A demonym names the attackers; the port named with a cue lies in another country.
        ("Russian drones struck a building in the Black Sea port of Odesa on Thursday night.", "Odesa", "UA"),
        # Belize has a Toledo district; "downtown" says a town is meant.
        ("Two men were shot outside a nightclub in downtown Toledo early Sunday.", "Toledo", "US"),
    ],
)
def test_places_a_town_named_with_a_cue_is_found_beyond_the_reports_countries(text, name, country):
    place = _place(text)
    assert place is not None and (place.name, place.country) == (name, country)


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_places_a_country_owning_a_place_is_not_part_of_its_name(apostrophe):
    place = _place(f"An airstrike hit a village in Myanmar{apostrophe}s Sagaing region on Tuesday.")
    assert place is not None and (place.name, place.country) == ("Sagaing", "MM")


def test_places_a_region_spelt_otherwise_stands_by_its_capital_town():
    place = _place("Gunmen abducted a chief in the village of Zorvatqal, Timbuktu region.")
    assert place is not None and (place.name, place.country) == ("Timbuktu", "ML")


def test_places_a_division_named_like_a_town_is_not_found_abroad_by_a_town_cue():
    # Ethiopia has a Somali region; "the Somali town of X" names no town called Somali.
    place = _place("Gunmen stormed a hotel in the central Somali town of Beledweyne on Friday.")
    assert place is not None and place.country == "SO"


def test_places_a_dateline_capital_is_the_place_when_the_report_says_the_capital():
    text = "KABUL (Reuters) - A car bomb went off near a checkpoint in the Afghan capital, police said."
    place = _place(text, dateline=(0, 5))
    assert place is not None and (place.name, place.country) == ("Kabul", "AF")


@pytest.mark.parametrize("text, name, country", [
    # A bare "Congo" is either Congo; the town named beside it says which.
    ("Two bombs hit a camp on the outskirts of Goma, killing 12 people, Congo's army said.", "Goma", "CD"),
    ("Floods killed 12 people in Brazzaville, Congo, officials said.", "Brazzaville", "CG"),
    # The English name of a division GeoNames spells in French.
    ("Rebels killed 20 villagers in the North Kivu province of Congo.", "Nord-Kivu", "CD"),
])
def test_places_a_shared_country_name_and_english_division_names(text, name, country):
    place = _place(text)
    assert (place.name, place.country) == (name, country)


@pytest.mark.parametrize("text", [
    "Police Chief Troy Finner said two people were killed.",
    "Kyaw Zaw Oo said 17 houses burned.",
])
def test_places_a_person_who_speaks_or_bears_a_title_is_no_town(text):
    assert _place(text) is None


@pytest.mark.parametrize(
    "text,name,admin1,country,precision",
    [
        # Of namesakes, the town in the division the report names (Rhode Island's Johnston is bigger).
        ("A gunman killed a clerk at the Johnston Post Office in South Carolina.", "Johnston", "South Carolina",
         "US", "town"),
        ("Police killed five rebels in Bijapur district of Chhattisgarh on Monday.", "Bijapur", "Chhattisgarh",
         "IN", "town"),
        # No Manchester of Illinois is known: the state stands for it, not a namesake abroad.
        ("A man shot three neighbours in Manchester, Illinois, on Sunday.", "Illinois", "Illinois", "US",
         "admin1"),
        # A state named in full, not the country a word of it names.
        ("Deputies chased the suspect from New Mexico to Arizona before he was shot.", "New Mexico",
         "New Mexico", "US", "admin1"),
        # "a Georgia home": a place named as an adjective after "a" is a state's.
        ("A man shot four relatives in a Georgia home on Sunday.", "Georgia", "Georgia", "US", "admin1"),
        ("A gunman killed two people inside a suburban Georgia home.", "Georgia", "Georgia", "US", "admin1"),
        # Minneota has "Minnesota" among its alternate names; the state is meant.
        ("A fight at a party in rural Minnesota ended in gunfire.", "Minnesota", "Minnesota", "US", "admin1"),
        # The town of a possessive owner, when the place it owns is unknown.
        ("A bomb struck a school in Kabul's Qala Zorvat neighbourhood, Afghan police said.", "Kabul", "Kabul",
         "AF", "town"),
        # "X, Y region" with Y spelt otherwise in the gazetteer: the town of that name in the region so
        # spelt (Adamaoua, Cameroon), not the namesake region (Adamawa, Nigeria).
        ("Bandits burned shops in Ngaoundal, Adamawa region, on Friday.", "Ngaoundal", "Adamaoua", "CM",
         "town"),
        # A town of the named region found by a name that is its alternate one.
        ("Afghan police said a bomb hit a bazaar in Nahr-e Saraj, Helmand province.", "Gereshk", "Helmand",
         "AF", "town"),
    ],
)
def test_places_the_named_division_decides_among_namesakes(text, name, admin1, country, precision):
    place = _place(text)
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == (name, admin1, country, precision)


def test_places_two_divisions_in_a_pair_are_a_list_not_a_place_and_its_region():
    # Were Khost the region of "Zabul, Khost", no Zabul lies in it and Khost would stand for both.
    place = _place("Afghan and coalition forces detained two men in Zabul, Khost.")
    assert place is not None and place.admin1 == "Zabul"


def test_places_a_village_is_not_looked_for_abroad_when_its_sentence_names_the_country():
    # There is a Karma in India; the report puts its village in Mali, where the gazetteer has none.
    place = _place("Soldiers killed 12 herders in the village of Karma, in central Mali, residents said.")
    assert place is not None and place.country == "ML"


def test_places_a_town_is_found_abroad_by_a_spelling_of_its_own_name():
    # The report names Russia (the attacker) outright; the city, spelt otherwise in GeoNames, is Ukrainian.
    strike, silence = "A Russian drone hit a bakery in the city of Zaporizhzhia on Friday.", "Russia's army was silent."
    text = f"{strike} {silence}"
    place = resolve_place(text, [[(0, len(strike))], [(len(strike) + 1, len(text))]], gazetteer())
    assert place is not None and (place.country, place.precision) == ("UA", "town")


def test_places_an_alternate_name_abroad_is_no_village_of_that_name():
    # Vorukh in Tajikistan has "Kalacha" among its alternate names; an Afghan village is meant.
    place = _place("Afghan troops cleared compounds in the Kalacha village on Monday.")
    assert place is None or place.country == "AF"


def test_places_a_country_gives_way_to_a_finer_place_named_in_a_later_sentence():
    claim = "The UN mission in Afghanistan said 12 people were killed."
    lead = "A bomb struck a school in Kabul's Qala Zorvat neighbourhood on Friday."
    text = f"{claim} {lead}"
    place = resolve_place(text, [[(0, len(claim))], [(len(claim) + 1, len(text))]], gazetteer())
    assert place is not None and (place.name, place.country) == ("Kabul", "AF")


def test_places_a_country_owning_the_next_place_is_not_the_place_itself():
    # "Pakistan's" owns the district; with the district unknown, the dateline town is the best guess.
    text = "PESHAWAR, Pakistan - Clashes in Pakistan's northwestern Zorvat district killed 30 people."
    place = _place(text, dateline=(0, 18))
    assert place is not None and (place.name, place.country) == ("Peshawar", "PK")


def test_places_an_abbreviation_is_no_town():
    # GeoNames gives Suva "Suv" among its alternate names.
    assert _place("Gunmen in a dark SUV fired at a group of people on a porch.") is None


def test_places_a_report_naming_no_country_is_about_its_datelines():
    # Mir Ali is not in the gazetteer; a Mir in Belarus is, but the dateline says Pakistan.
    text = "RAWALPINDI: Troops killed four militants in the Mir Ali area on Thursday."
    place = _place(text, dateline=(0, 10))
    assert place is not None and place.country == "PK"


@pytest.mark.parametrize(
    "text,name,admin1,country,precision",
    [
        # "in X, near Y": the place is X, and Y, with its state, says which X.
        ("A man opened fire at a spa in Norcross, near Atlanta, Georgia.", "Norcross", "Georgia", "US", "town"),
        # "the German town of Hagen": the town is the next name; "German" says whose.
        ("A man stabbed three people in the western German town of Hagen on Monday.", "Hagen",
         "North Rhine-Westphalia", "DE", "town"),
        # "Shore" is only an alternate name of Cholet; a later run names a town by its own name.
        ("Shots were fired at a bus in South Shore Chicago on Sunday.", "Chicago", "Illinois", "US", "town"),
    ],
)
def test_places_the_name_the_place_is_given(text, name, admin1, country, precision):
    place = _place(text)
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == (name, admin1, country, precision)


def test_places_town_then_state_says_the_state_not_the_country():
    from tollwatch.places import country_context

    assert country_context("Police in Atlanta, Georgia said two men died.", gazetteer()) == {"US": 1.0}


@pytest.mark.parametrize(
    "text,name,country,precision",
    [
        # Nigerian districts named "X LGA" / "X Local Government Area", and a district in lower case.
        ("Bandits attacked a hamlet in Kauru LGA of Kaduna State on Sunday.", "Kauru", "NG", "town"),
        ("Herders raided the village of Zorvatqal in Zurmi local government area.", "Zurmi", "NG", "near_town"),
        # A quarter owned by a town is in the town.
        ("A missile hit a clinic in Odesa's Prymorskyi district on Monday.", "Odesa", "UA", "town"),
        ("Shells hit a residential area of Sumy overnight, the governor said.", "Sumy", "UA", "town"),
        # Gaza names the Palestinian territory, not only the Israelis who struck it.
        ("Israeli tanks shelled a street in Khan Yunis, in southern Gaza, on Sunday.", "Khan Yunis", "PS", "town"),
    ],
)
def test_places_local_names_of_districts_quarters_and_territories(text, name, country, precision):
    place = _place(text)
    assert place is not None and (place.name, place.country, place.precision) == (name, country, precision)


def test_places_a_district_abroad_is_found_only_by_its_own_name():
    # No Guma in Nigeria; the Goma in the Philippines that GeoNames also calls "Guma" is not it.
    place = _place("Herders killed nine farmers in Guma Local Government Area of Benue State.")
    assert place is not None and place.country == "NG"


def test_places_a_quarter_of_the_city_named_before_is_not_a_town():
    text = "Debris fell in the city’s Zavodskyi district."
    assert [m.name for m in find_mentions(text, (0, len(text)))] == ["Debris"]


def test_places_a_headline_noun_for_people_is_not_a_town():
    place = _place("A Man Was Shot Outside A Bar On Friday.")
    assert place is None or place.name != "Man"


def test_places_a_dateline_town_names_the_country_a_demonym_does_not():
    text = "KHERSON — Russian shelling killed a woman in the city’s north on Monday, officials said."
    place = resolve_place(text, [[(10, len(text))]], gazetteer(), (0, 7))
    assert place is not None and (place.name, place.country) == ("Kherson", "UA")


def test_places_divisions_in_brackets_are_the_region_of_the_cued_place_before():
    text = "Militants ambushed a convoy near Djibo (Soum, Sahel) at dawn."
    found = find_mentions(text, (0, len(text)))
    assert [(m.name, m.cue, m.region) for m in found] == [
        ("Militants", "bare", None), ("Djibo", "near", "Sahel"), ("Soum", "bare", None)
    ]
    # A title's brackets, where no cue says a place is named, give no region.
    text = "The Superintendent of Police (North) Imran Qadir said two men died."
    assert all(m.region is None for m in find_mentions(text, (0, len(text))))


@pytest.mark.parametrize(
    "text,name,admin1,country,precision",
    [
        # A Haitian division shares the bracketed "Nord"; the town named before it is Burkina Faso's.
        ("Gunmen killed four herders near Titao (Loroum, Nord) on Friday.", "Titao", "Nord", "BF", "near_town"),
        # An unknown place in a known province: the province, and the precision says so.
        ("Armed men shot dead a pastor in Zorvekuru territory (Sud-Kivu).", "South Kivu", "South Kivu", "CD",
         "admin1"),
        ("Two drones hit a farm in Sumy oblast overnight, the governor said.", "Sumy", "Sumy", "UA", "admin1"),
        # An unknown village with its divisions in brackets: the known town among them.
        ("Gunmen raided Zorvatqal village (Say, Tillaberi) at night.", "Say", "Tillaberi", "NE", "near_town"),
    ],
)
def test_places_notes_that_bracket_divisions_and_local_division_words(text, name, admin1, country, precision):
    place = _place(text)
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == (name, admin1, country, precision)


@pytest.mark.parametrize(
    "text,name,country",
    [
        # A quarter placed in a town is in that town, not a namesake town abroad (al-Yarmuk, Syria).
        ("Gunmen shot a shopkeeper in al-Yarmouk, Tikrit, late on Tuesday.", "Tikrit", "IQ"),
        ("A roadside bomb wounded three men in Hay Zorvatqal, Kirkuk.", "Kirkuk", "IQ"),
        # A region named with its division word is no town ("Timbuktu" stands for its region).
        ("Gunmen seized two traders in Zorvatqal, Timbuktu region.", "Timbuktu", "ML"),
        # A town of the same country is the town itself.
        ("A man was shot at a gas station in Norcross, Atlanta, police said.", "Norcross", "US"),
    ],
)
def test_places_a_name_placed_in_a_town_is_a_quarter_of_it(text, name, country):
    place = _place(text)
    assert place is not None and (place.name, place.country) == (name, country)


def test_places_a_street_named_after_a_people_speaks_of_no_country():
    text = "Officers shot a man near 12th Street and Mexican Road in Tucson, Arizona, on Sunday."
    assert country_context(text, gazetteer()) == {"US": 0.5}  # Arizona's, not Mexico's
    place = _place(text)
    assert place is not None and (place.name, place.country) == ("Tucson", "US")
