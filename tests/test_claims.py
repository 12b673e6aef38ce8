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
    ],
)
def test_claims_frames_bind_counts_to_victims(text, low, high, group):
    c = _one(text)
    assert (c.count.low, c.count.high, c.victims.group) == (low, high, group)
    assert text[c.span[0] : c.span[1]] == c.evidence


def test_claims_coordinated_outcomes_inherit_victims():
    claims = _claims("The gunman opened fire, killing 4 shoppers and wounding 9 others.")
    killed = [c for c in claims if c.outcome == "killed"]
    injured = [c for c in claims if c.outcome == "injured"]
    assert [c.count.low for c in killed] == [4] and killed[0].victims.group == "civilians"
    assert [c.count.low for c in injured] == [9] and injured[0].victims.group == "civilians"


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
