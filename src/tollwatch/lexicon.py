"""Word lists the rule stages share: victim nouns, outcome words, demonyms and source types.

Kept apart from the stages so that one list serves every pattern built from it.
"""

from __future__ import annotations

import re


def spellings(word: str) -> list[str]:
    """The literal spellings of a list entry that uses ``x?`` or ``[xy]`` ('students? under')."""
    m = re.search(r"(.)\?|\[([^\]]+)\]", word)
    if m is None:
        return [word]
    options = [m.group(1), ""] if m.group(1) is not None else list(m.group(2))
    return [s for o in options for s in spellings(word[: m.start()] + o + word[m.end() :])]


def alternation(words: object, space: str = r"\s+") -> str:
    """A case-insensitive regex fragment matching any of ``words``, longest first, built as a prefix tree.

    Python's ``re`` tries the branches of ``a|b|c`` one after another at every position, so a list of
    two hundred nouns costs two hundred attempts per word; as a tree ("kill(?:ed|ing)") it costs a few.
    The tree tries the same words in the same order as the longest-first list (every word that can
    match at one position is a prefix of the longest that does), so matches do not change. A space
    in a word stands for ``space``. Only for patterns compiled with ``re.IGNORECASE``.
    """
    tree: dict[str, dict] = {}
    # Sorted, so that the same words give the same text in every process (sets iterate in an order that
    # changes between runs): the text is the key of compiled patterns kept between runs (patterns.py).
    for word in sorted(words):  # type: ignore[call-overload]
        for spelling in spellings(word.lower()):
            node = tree
            for unit in re.findall(r" +|[^ ]", spelling):
                node = node.setdefault(space if unit.startswith(" ") else re.escape(unit), {})
            node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [unit + emit(child) for unit, child in node.items() if unit]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
        return body

    return "(?:" + emit(tree) + ")"


# noun (lower case, plural and singular) -> victim group
VICTIM_NOUNS: dict[str, str] = {}


def _add(group: str, words: str) -> None:
    for w in words.split("|"):
        VICTIM_NOUNS[w] = group


_add("civilians", "civilians|civilian|villagers|villager|residents|resident|bystanders|bystander|passengers|passenger|"
     "worshippers|worshipers|worshipper|pilgrims|pilgrim|shoppers|shopper|farmers|farmer|students|student|"
     "teachers|teacher|employees|employee|workers|worker|coworkers|co-workers|customers|"
     "customer|drivers|driver|cooks|cook|translators|translator|interpreters|interpreter|patrons|patron|guests|guest|family members|relatives|relative|members of my family|members of his family|members of her family|"
     "members of their family|members of the family|members of a family|members of one family|"
     "mourners|protesters|protestors|demonstrators|refugees|migrants|elders|elder|tribal elders|men|man|"
     "classmates|classmate|neighbors|neighbours|neighbor|neighbour|husband|father|brother|son|sons|grandfather|"
     "principal|clerk|cashier|security guard|guard|guards|victims|victim|wedding guests|laborers|labourers|"
     # Police blotters name people by sex alone: "two adult males and a juvenile female were injured".
     "males|male|"
     "brother-in-law|brothers-in-law|son-in-law|sons-in-law|father-in-law|in-laws|"
     # Trades that conflict-event notes name their civilian victims by.
     # Roles in a workplace, school or congregation that a narrative names its victims by.
     "dean|coach|boss|priest|pastor|chef|monk|nun|imam|rabbi|relations|"
     "herders|herder|shepherds|shepherd|fishermen|fisherman|nomads|pastoralists|shopkeepers|shopkeeper|vendors|vendor|"
     # People on the road or in the market: "a civilian motorist was wounded in the crossfire".
     "motorists|motorist|pedestrians|pedestrian|commuters|commuter|passers-by|passer-by|passersby|passerby|"
     "traders|trader|merchants|merchant|tourists|tourist")
_add("children", "children|child|kids|kid|boys|boy|girls|girl|infants|infant|babies|baby|toddlers|toddler|minors|"
     "minor|teenagers|teenager|teens|teen|daughters|daughter|schoolboys|schoolgirls|students? under|newborn|"
     # A school's pupils are children; its students may be grown (a university's).
     "pupils|pupil|schoolchildren")
_add("women", "women|woman|wife|wives|mother|mothers|sister|sisters|grandmother|girlfriend|ex-wife|"
     "mother-in-law|daughter-in-law|sister-in-law|sisters-in-law|female students|ladies|females|female")
_add("people", "people|persons|person|individuals|individual|others|other people|adults|human beings|lives|"
     # The one a shooting was aimed at: "killing his intended target and wounding two bystanders".
     "target|"
     # Those a mob kills for a theft: "a mob lynched two suspected thieves".
     "thieves|thief|burglars|burglar")
_add("police", "police officers|police officer|policemen|policeman|policewomen|police|officers|officer|cops|cop|"
     "deputies|deputy|troopers|trooper|patrolmen|patrolman|sheriff|police personnel|border police|border guards|"
     "constables|constable|detectives|detective|agents|agent|gendarmes|gendarme")
_add("military", "soldiers|soldier|servicemen|serviceman|service members|service member|servicemembers|"
     "troops|commandos|commando|marines|marine|paratroopers|sailors|airmen|airman|personnel|army personnel|"
     "security forces|security force members|members of the security forces|guardsmen|sergeant|"
     "militiamen|militiaman|recruits|cadets|peacekeepers|peacekeeper|pilots|pilot|crew members|coalition members|"
     # Officers named by rank: "a colonel and a captain were killed", "a Revolutionary Guards general".
     "colonels|colonel|lieutenant colonel|lieutenant colonels|lieutenants|lieutenant|captains|captain|generals|general|"
     "brigadier|brigadiers|brigadier general|major general|lieutenant general|corporals|corporal|sergeants|"
     # Indian and Pakistani English: "five CRPF jawans", "a sepoy"
     "jawans|jawan|sepoys|sepoy")
_add("militants", "militants|militant|insurgents|insurgent|fighters|fighter|rebels|rebel|jihadists|jihadist|"
     "terrorists|terrorist|extremists|extremist|enemy fighters|enemy|gunmen|insurgent leaders|insurgent leader|"
     "leaders|leader|commanders|commander|facilitators|facilitator|bomb makers|bomb maker|bomb-maker|"
     "sub-commander|subcommander|operatives|operative|suspects|suspected insurgents|members|member|"
     "associates|associate|Taliban|Talibans|combatants|combatant|attackers|assailants|bombers|"
     "suicide bombers|suicide bomber|shadow governor|emir|financier|financiers|smugglers|smuggler|"
     # Armed self-defence groups: "two vigilantes were killed in an exchange of fire with bandits".
     "vigilantes|vigilante|"
     # India's Maoist insurgency: "six Naxals", "ten Maoists, including three women cadres"
     "maoists|maoist|naxals|naxal|naxalites|naxalite|cadres|cadre")
_add("officials", "officials|official|governor|governors|mayor|lawmakers|lawmaker|legislator|minister|ministers|"
     "district chief|district governor|judges|judge|prosecutor|council members|councillor|councilman|diplomats|"
     "diplomat|politicians|politician|candidates|candidate|senator|MPs|MP|"
     # Local offices that local news names its victims by: "a barangay councilor was shot dead", "the village
     # headman", "a ward member", "an MCA" (a Kenyan county assembly member), "the local council chairman".
     "councillors|councilor|councilors|councilmen|councilwoman|council member|alderman|aldermen|assemblyman|"
     "assemblymen|assemblywoman|mayors|deputy mayor|vice mayor|village chief|village chiefs|village head|"
     "village heads|headman|headmen|village headman|ward member|ward members|ward councillor|ward councilor|"
     "MCA|MCAs|MLA|MLAs|chairman|chairmen|chairperson|barangay captain|barangay chairman|sarpanch|"
     # Customary and local chiefs: "shot dead the chief of a grouping", "a traditional chief was abducted".
     "chief|chiefs|customary chief|customary chiefs|traditional chief|traditional chiefs")
_add("journalists", "journalists|journalist|reporters|reporter|cameramen|cameraman|photographers|photographer|"
     "media workers")
_add("aid_workers", "aid workers|aid worker|medics|medic|paramedics|paramedic|doctors|doctor|nurses|nurse|"
     "health workers|health worker|humanitarian workers|humanitarians|deminers|de-miners|UN staff|staff members|"
     "volunteers|volunteer|firefighters|firefighter|rescuers|rescue workers|ambulance drivers|ambulance driver")

# Armed groups that conflict-event notes name their dead by, as acronyms: "7 VDP and 2 soldiers were killed".
# Militias and self-defence forces fighting on a government's side count as its forces (as "militiamen" do);
# the others are militants. Each is also the victims' affiliation (as "Taliban" is).
GROUP_ACRONYMS: dict[str, tuple[str, str]] = {
    # Burkina Faso's Volunteers for the Defence of the Homeland; Nigeria's Civilian Joint Task Force
    "vdp": ("military", "VDP"), "vdps": ("military", "VDP"), "cjtf": ("military", "CJTF"),
    # Iraq's Popular Mobilisation Forces / Units, in the state's forces since 2016
    "pmf": ("military", "PMF"), "pmu": ("military", "PMF"), "pmus": ("military", "PMF"),
    # Syria's Kurdish-led forces
    "sdf": ("militants", "SDF"), "ypg": ("militants", "YPG"), "ypj": ("militants", "YPG"),
}
for _w, (_g, _a) in GROUP_ACRONYMS.items():
    VICTIM_NOUNS.setdefault(_w, _g)

# Ordinals from the second on: "a third was wounded" is one more of the victims counted before it.
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")

# Kin and household: the singular nouns a family narrative enumerates, often without a determiner of
# their own ("killed his mother, father, brother and sister"; "Man kills wife, two children").
KIN_NOUNS = {
    "mother": "women", "father": "civilians", "wife": "women", "husband": "civilians", "son": "civilians",
    "daughter": "children", "brother": "civilians", "sister": "women", "grandmother": "women",
    "grandfather": "civilians", "grandson": "children", "granddaughter": "children", "aunt": "women",
    "uncle": "civilians", "cousin": "civilians", "nephew": "civilians", "niece": "women",
    "stepfather": "civilians", "stepmother": "women", "stepson": "children", "stepdaughter": "children",
    "girlfriend": "women", "boyfriend": "civilians", "fiance": "civilians", "fiancé": "civilians",
    "fiancee": "women", "fiancée": "women", "ex-wife": "women", "ex-husband": "civilians",
    "ex-girlfriend": "women", "ex-boyfriend": "civilians", "mother-in-law": "women",
    "father-in-law": "civilians", "sister-in-law": "women", "brother-in-law": "civilians",
    "son-in-law": "civilians", "daughter-in-law": "women", "neighbor": "civilians", "neighbour": "civilians",
    "roommate": "civilians", "landlord": "civilians", "landlady": "women",
}
for _w, _g in KIN_NOUNS.items():
    VICTIM_NOUNS.setdefault(_w, _g)

# The attacker counts among the dead when the attacker dies ("killed himself").
PERPETRATOR_NOUNS = {"gunman", "gunmen", "shooter", "shooters", "attacker", "assailant", "perpetrator",
                     "suicide bomber", "bomber", "killer", "sniper", "suspect", "assailants", "attackers",
                     "robber", "robbers", "intruder", "intruders", "hijacker", "hijackers", "kidnapper", "kidnappers"}
for _w in PERPETRATOR_NOUNS:
    VICTIM_NOUNS.setdefault(_w, "people")

# The description of the dead among people found wounded ("Two men were found with gunshot wounds. One of them
# was pronounced dead"): the summary moves them from the hurt to the dead.
FOUND_WOUNDED = "of those found wounded"

SUBSET_NOUNS = re.compile(r"members of (?:my|his|her|their|the|a|one) family|relatives|relations|family members", re.IGNORECASE)

# Modifiers that say whose side or nationality a victim is on.
AFFILIATIONS: dict[str, str] = {
    "afghan": "Afghan", "us": "US", "u.s.": "US", "american": "US", "american-led": "US", "nato": "NATO",
    "isaf": "NATO", "international security assistance force": "NATO", "coalition": "coalition", "british": "UK", "uk": "UK", "pakistani": "Pakistani",
    "iraqi": "Iraqi", "syrian": "Syrian", "yemeni": "Yemeni", "somali": "Somali", "israeli": "Israeli",
    "palestinian": "Palestinian", "ukrainian": "Ukrainian", "russian": "Russian", "french": "French",
    "german": "German", "indian": "Indian", "nigerian": "Nigerian", "malian": "Malian", "libyan": "Libyan",
    "sudanese": "Sudanese", "lebanese": "Lebanese", "turkish": "Turkish", "kurdish": "Kurdish",
    "iranian": "Iranian", "saudi": "Saudi", "canadian": "Canadian", "australian": "Australian",
    "ana": "Afghan", "anp": "Afghan", "alp": "Afghan", "ansf": "Afghan", "taliban": "Taliban",
    "haqqani": "Haqqani", "al-qaeda": "al-Qaeda", "al-qaida": "al-Qaeda", "isis": "ISIS", "islamic state": "ISIS",
    "hezbollah": "Hezbollah", "hamas": "Hamas", "al-shabaab": "al-Shabaab", "boko haram": "Boko Haram",
    "hizb-i-islami": "Hizb-i-Islami", "imu": "IMU", "lashkar-e-taiba": "Lashkar-e-Taiba", "enemy": "enemy",
    "insurgent": "insurgent", "government": "government", "pro-government": "pro-government",
}
MILITANT_AFFILIATIONS = {"Taliban", "Haqqani", "al-Qaeda", "ISIS", "al-Shabaab", "Boko Haram", "Hizb-i-Islami",
                         "IMU", "Lashkar-e-Taiba", "Hamas", "Hezbollah", "insurgent", "enemy"}

# Outcome words by grammatical role.
ACTIVE = {  # take the victims as their object: "killed 30 civilians"
    "killed": "killed", "killing": "killed", "kills": "killed", "kill": "killed", "shot and killed": "killed",
    "shot dead": "killed", "gunned down": "killed", "murdered": "killed", "murdering": "killed", "murders": "killed",
    "massacred": "killed", "slaughtered": "killed", "executed": "killed", "executing": "killed",
    "slew": "killed", "claimed the lives of": "killed", "took the lives of": "killed",
    # Armies' word for killing fighters: "troops neutralised seven assailants"
    "neutralised": "killed", "neutralized": "killed", "neutralising": "killed", "neutralizing": "killed",
    # ... and armies' and ministries' other words: "its forces had eliminated up to 300 militants".
    "eliminated": "killed", "eliminating": "killed", "liquidated": "killed", "liquidating": "killed",
    # A mob's killing: "a mob lynched two suspected thieves".
    "lynched": "killed", "lynching": "killed",
    "beheaded": "killed", "beheading": "killed", "beheads": "killed", "hacked to death": "killed",
    "stabbed to death": "killed", "beat to death": "killed", "fatally shot": "killed",
    "fatally shooting": "killed", "fatally wounded": "killed", "fatally wounding": "killed",
    "fatally stabbed": "killed", "shot and wounded": "injured", "shot and injured": "injured",
    # A knife's victims told without their fate: "stabbed four pupils" (the dead among them are told apart).
    "stabbed": "injured", "stabbing": "injured",
    "wounded": "injured", "wounding": "injured", "wounds": "injured", "injured": "injured", "injure": "injured",
    "injuring": "injured", "injures": "injured", "hurt": "injured", "hurting": "injured",
    "abducted": "abducted", "abducting": "abducted", "kidnapped": "abducted", "kidnapping": "abducted",
    # "seized 23 villagers": of people, seizing is taking them (weapons seized name nobody).
    "seized": "abducted", "seizing": "abducted",
    "detained": "detained", "detaining": "detained", "detains": "detained", "arrested": "detained",
    "arresting": "detained", "arrests": "detained", "captured": "detained", "capturing": "detained",
    "captures": "detained", "apprehended": "detained",
    # Either outcome, not told apart: "killing or wounding 8 soldiers".
    "killed or wounded": "casualties", "killing or wounding": "casualties", "killed or injured": "casualties",
    "killing or injuring": "casualties", "killed and wounded": "casualties", "killed and injured": "casualties",
}
PASSIVE = {  # follow their victims: "30 civilians were martyred"
    "killed": "killed", "shot and killed": "killed", "martyred": "killed", "slain": "killed", "murdered": "killed", "shot dead": "killed",
    "gunned down": "killed", "found dead": "killed", "confirmed dead": "killed", "pronounced dead": "killed",
    "fatally shot": "killed", "fatally wounded": "killed", "fatally injured": "killed", "executed": "killed",
    "massacred": "killed", "stabbed to death": "killed", "burned to death": "killed",
    "neutralised": "killed", "neutralized": "killed", "beheaded": "killed", "hacked to death": "killed",
    "eliminated": "killed", "liquidated": "killed", "lynched": "killed",
    # Pakistani English: "a soldier embraced shahadat" (was martyred)
    "embraced shahadat": "killed", "embraced martyrdom": "killed", "stabbed": "injured",
    "shot to death": "killed", "beaten to death": "killed", "dead": "killed",
    "among the dead": "killed", "died": "killed", "die": "killed", "dies": "killed", "perished": "killed",
    "lost their lives": "killed", "lost his life": "killed", "lost her life": "killed", "succumbed": "killed",
    "wounded": "injured", "injured": "injured", "hurt": "injured", "among the wounded": "injured",
    "among the injured": "injured", "hospitali[sz]ed": "injured", "shot and wounded": "injured",
    "shot and injured": "injured",
    "in hospital": "injured",  # "another 60 people remain in hospital"
    "missing": "missing", "unaccounted for": "missing", "disappeared": "missing",
    "abducted": "abducted", "kidnapped": "abducted", "taken hostage": "abducted", "held hostage": "abducted",
    "detained": "detained", "arrested": "detained", "captured": "detained", "apprehended": "detained",
    "taken into custody": "detained", "harmed": "casualties", "killed or wounded": "casualties",
    "killed or injured": "casualties",
    # A loss tally: "lost up to 210 servicemen killed and wounded" counts both, not told apart.
    "killed and wounded": "casualties", "killed and injured": "casualties",
}
NOUNS = {  # stand after their count: "26 deaths", "five dead"
    "deaths": "killed", "dead": "killed", "killed": "killed", "fatalities": "killed", "bodies": "killed",
    "corpses": "killed", "martyrs": "killed", "wounded": "injured", "injured": "injured", "injuries": "injured",
    "casualties": "casualties", "missing": "missing", "detained": "detained", "arrested": "detained",
    "abducted": "abducted", "hostages": "abducted", "captives": "abducted",
}

# A non-state armed group speaking for itself: "Taliban spokesman X", "the group said in a statement".
# Checked after rights groups ("a rights group") and before the forces a group's titles share words with
# ("a Houthi military spokesman", "a Taliban commander").
ARMED_GROUP = re.compile(
    r"\b(?:Taliban|Haqqani|al-Qa[ei]da|al-Shabaa?b|Shabaab|Islamic State|ISIS|ISIL|Daesh|Boko Haram|ISWAP|JNIM|"
    r"Houthis?|Ansar Allah|Hezbollah|Hamas|PKK|FARC|M23|TTP|militants?|insurgents?|rebels?|militias?|jihadists?|separatists?|"
    r"mujahideen|armed group|(?:the|a) group\b|(?-i:Front)\b|resistance|(?-i:RSF)|Rapid Support Forces)",
    re.IGNORECASE,
)

# Words that say what kind of source a speaker is, checked against role and organisation.
SOURCE_TYPE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (t, re.compile(p, re.IGNORECASE))
    for t, p in (
        ("journalist", r"\b(?:journalist|reporter|correspondent|editor|photographer)"),
        ("health_officials", (r"\b(?:hospital|health|medical|doctor(?!s without borders)|physician|surgeon|clinic|coroner|"
                              r"medic|paramedic|ambulance)")),
        ("ngo_un", (r"\b(?:U\.?N\.?\b|United Nations|UNAMA|UNHCR|UNICEF|OCHA|Red Cross|Red Crescent|ICRC|Amnesty|"
                   r"Doctors Without Borders|"
                   r"Human Rights Watch|HRW|NGO|M[ée]decins|MSF|Save the Children|Airwars|charity|rights group|"
                   r"humanitarian|monitor|Observatory|tracker|civil defen[cs]e|White Helmets|for Human Rights|High Commissioner for Refugees)")),
        ("armed_group", ARMED_GROUP.pattern),
        ("police", r"\b(?:police|policeman|constabulary|sheriff|gendarmerie|law enforcement|FBI|detective|public safety)"),
        ("local_government", (r"\b(?:provincial|province|governor|district|council|mayor|municipal|local official|"
                             r"village chief|county|deputy commissioner|district commissioner|administrator)")),
        # Not the civilian "Attorney General", "Prosecutor General", "Secretary-General".
        ("military", (r"\b(?:military|army|armed forces|(?<!attorney )(?<!prosecutor )(?<!secretary )(?<!secretary-)"
                     r"general|colonel|col\.|maj\.|lt\.|capt\.|brig\.|gen\.|"
                     r"commander|NATO|ISAF|Resolute Support|Pentagon|defen[cs]e|troops|forces|CENTCOM|coalition|"
                     # Pakistan's military spokesmen: "the Inter-Services Public Relations (ISPR)"
                     r"inter-services|ISPR|"
                     # "US Africa Command", "the Joint Operations Command": commands of armed forces
                     r"command\b|spokesman for the .*(?:forces|military|army))")),
        ("government", (r"\b(?:ministry|minister|government|president|prosecutor|attorney general|secretary-general|interior|official|officials|spokesman for the "
                       r"(?:president|government)|authorities|state media|white house|prime minister|"
                       # "state security spokesman X": a government's security office, not its forces
                       r"(?:state|public) security|security (?:spokes|secretar|minist))")),
        ("witness", (r"\b(?:resident|witness|eyewitness|villager|survivor|relative|neighbo|farmer|shopkeeper|"
                    r"father|mother|brother|sister|son|daughter|local man|local woman|student)")),
        ("civil_society", r"\b(?:protest|activist|elder|tribal|representative|community leader|cleric|imam|civil society)"),
        # A broadcaster or paper quoted as a source ("Radio Risaala reported"), when nothing else says what it is.
        ("media", r"\b(?:radio|television|TV|broadcaster|newspaper|news agency|media (?:cent(?:er|re)|office))\b"),
    )
)

KNOWN_OUTLETS = (
    "AFP|Agence France[- ]Presse|Reuters|AP|Associated Press|the New York Times|New York Times|NYT|the NYT|"
    "BBC|CNN|Al Jazeera|RT|Pajhwok Afghan News|Pajhwok|TOLOnews|Tolo News|Xinhua|Anadolu|Anadolu Agency|"
    "the Washington Post|Washington Post|the Guardian|DPA|EFE|ANI|PTI|IANS|Dawn|the Times|the Independent|"
    "the Wall Street Journal|Wall Street Journal|WSJ|Bloomberg|NPR|Fox News|NBC|NBC News|ABC|ABC News|CBS|"
    "CBS News|Sky News|France 24|Deutsche Welle|DW|Voice of America|VOA|Radio Free Europe|RFE/RL|Khaama Press|"
    "Ariana News|Shamshad TV|1TV|Interfax|TASS|Sputnik|IRNA|Fars|SANA|Al Arabiya|Asharq Al-Awsat|Kurdistan 24|"
    "Rudaw|the Telegraph|Le Monde|Der Spiegel|the Local|local media|state media|state television|the paper|"
    "The paper|The newspaper|the newspaper|the agency|the news agency|the broadcaster|the channel|the outlet|Twitter|X|Facebook|Telegram"
)
