"""Fictional reports of fictional incidents in the fictional town of Dalmora, built as extractions by hand.

Every name, place and figure here is invented. Each builder makes the ``Extraction`` the pipeline would
make, so the incident stages are tested apart from extraction.
"""

from __future__ import annotations

from datetime import date

from tollwatch.dedup import fingerprint
from tollwatch.model import Claim, Count, Document, Event, Extraction, Place, Source, Totals, Victims

DALMORA = Place("Dalmora", "Vessa", "ZZ", 10.00, 20.00, "town")
DALMORA_EAST = Place("Dalmora East", "Vessa", "ZZ", 10.05, 20.04, "town")  # about 7 km away
KESTREL = Place("Kestrel", "Orlan", "ZZ", 12.50, 23.00, "town")  # about 450 km away
VESSA = Place("Vessa", "Vessa", "ZZ", None, None, "admin1")


def source(speaker: str | None = None, type: str = "unnamed", organization: str | None = None,
           role: str | None = None, via: tuple[str, ...] = ()) -> Source:
    return Source(speaker, role, organization, type, via)


def claim(text: str, evidence: str, low: int | None, *, outcome: str = "killed", group: str = "civilians",
          high: int | None = None, qualifier: str = "exact", stance: str = "asserted",
          src: Source | None = None, perpetrator: str | None = None) -> Claim:
    start = text.index(evidence)
    return Claim(
        outcome=outcome,  # type: ignore[arg-type]
        victims=Victims(group),
        count=Count(low, low if high is None and qualifier == "exact" else high, qualifier,  # type: ignore[arg-type]
                    str(low)),
        stance=stance,  # type: ignore[arg-type]
        source=src or source(),
        span=(start, start + len(evidence)),
        evidence=evidence,
        alleged_perpetrator=perpetrator,
    )


def extraction(doc_id: str, text: str, published: date, claims: list[Claim], *, event_date: date | None = None,
               place: Place | None = DALMORA, type: str | None = "attack", outlet: str = "Gazette",
               title: str | None = None, perpetrators: tuple[str, ...] = (), precision: str = "day") -> Extraction:
    doc = Document(id=doc_id, text=text, title=title, published=published, outlet=outlet)
    event = Event(type, event_date or published, precision, place, perpetrators)
    return Extraction(doc, tuple(claims), event, Totals("conservative", None, None, None))


def fingerprints(*xs: Extraction) -> dict[str, bytes]:
    return {x.document.id: fingerprint(x.document.text).signature for x in xs}


# --- Wire copies: one agency story, republished by two outlets with a new headline and byline.
WIRE = (
    "DALMORA (Wire) - A bomb exploded at the Central Market in Dalmora on Monday, killing 12 civilians, "
    "witnesses said. Shopkeeper Anan Veel said the blast tore through stalls selling fruit and cloth as "
    "crowds gathered in the morning. Smoke rose over the old quarter for hours and ambulances queued at the "
    "gates. No group said it carried out the attack, the deadliest in the town this spring."
)


def wire_copies() -> list[Extraction]:
    texts = [WIRE, "By Staff. " + WIRE, WIRE.replace("for hours", "for several hours") + " More follows."]
    out = []
    for i, text in enumerate(texts):
        out.append(extraction(
            f"wire{i}", text, date(2016, 4, 4),
            [claim(text, "killing 12 civilians, witnesses said", 12, src=source(type="witness"))],
            outlet=("Wire", "Herald", "Courier")[i],
        ))
    return out


# --- A toll that grows: the same spokesman gives 5, then 12; a doctor elsewhere gives 15.
def evolving() -> list[Extraction]:
    osta = source("Karim Osta", "local_government", role="district spokesman")
    t1 = ("Gunmen stormed a police checkpoint in Dalmora on Tuesday. District spokesman Karim Osta said "
          "five people were killed in the attack on the checkpoint.")
    t2 = ("The toll from Tuesday's attack on a Dalmora checkpoint rose on Wednesday. Karim Osta, the district "
          "spokesman, said 12 people had now died at the checkpoint.")
    t3 = ("A doctor at the Dalmora clinic, Mira Sund, said 15 bodies from the checkpoint attack had been "
          "brought in since Tuesday.")
    return [
        extraction("grow1", t1, date(2016, 4, 5), [claim(t1, "five people were killed", 5, group="people", src=osta)]),
        extraction("grow2", t2, date(2016, 4, 6), [claim(t2, "12 people had now died", 12, group="people", src=osta)],
                   event_date=date(2016, 4, 5), outlet="Herald"),
        extraction("grow3", t3, date(2016, 4, 6),
                   [claim(t3, "15 bodies", 15, group="people", src=source("Mira Sund", "health_officials"))],
                   event_date=date(2016, 4, 5), outlet="Courier"),
    ]


# --- A denial, then an admission: officials give 30; the Coalition denies; its inquiry later finds 8.
def denial_then_admission() -> list[Extraction]:
    coalition = source("Colonel Dara Winn", "military", organization="Coalition", role="Coalition spokesman")
    t1 = ("An airstrike hit a wedding party near Dalmora on Friday night. Vessa governor Ilsa Marr said 30 "
          "civilians were killed. Villagers blamed the Coalition.")
    t2 = ("The Coalition said its airstrike near Dalmora on Friday hit fighters at a wedding party. Colonel Dara "
          "Winn, a Coalition spokesman, said there was no evidence of any civilian casualties.")
    t3 = ("A Coalition investigation into the Friday airstrike on a wedding party near Dalmora found that 8 "
          "civilians were killed, Colonel Dara Winn said, and expressed regret.")
    strike = date(2016, 5, 6)
    return [
        extraction("deny1", t1, date(2016, 5, 7),
                   [claim(t1, "30 civilians were killed", 30, src=source("Ilsa Marr", "local_government"))],
                   event_date=strike, type="airstrike", perpetrators=("Coalition",)),
        extraction("deny2", t2, date(2016, 5, 8),
                   [claim(t2, "no evidence of any civilian casualties", 0, high=0, qualifier="none",
                          stance="denied", outcome="casualties", src=coalition)],
                   event_date=strike, type="airstrike", perpetrators=("Coalition",), outlet="Herald"),
        extraction("deny3", t3, date(2016, 7, 1), [claim(t3, "8 civilians were killed", 8, src=coalition)],
                   event_date=strike, type="airstrike", perpetrators=("Coalition",), outlet="Courier"),
    ]


# --- Two incidents in one town on one day: a market bombing and a checkpoint shooting, two reports each.
def same_town_same_day() -> list[Extraction]:
    day = date(2016, 6, 13)
    m1 = ("A suicide bomber struck the Central Market in Dalmora on Monday, killing nine shoppers, police said. "
          "The bomber detonated his vest among fruit stalls.")
    m2 = ("Nine people died when a bomber blew himself up in Dalmora's Central Market, a police spokesman said. "
          "Stalls were destroyed.")
    c1 = ("Gunmen opened fire on a police checkpoint on the northern road out of Dalmora on Monday evening, "
          "killing three officers, the interior ministry said.")
    c2 = ("Three policemen were shot dead at a checkpoint outside Dalmora, officials said, in an ambush blamed "
          "on the Red Hand group.")
    police = source(type="police")
    return [
        extraction("mkt1", m1, day, [claim(m1, "killing nine shoppers", 9, src=police)]),
        extraction("mkt2", m2, day, [claim(m2, "Nine people died", 9, group="people", src=police)], outlet="Herald"),
        extraction("chk1", c1, day, [claim(c1, "killing three officers", 3, group="police",
                                           src=source(type="government", organization="interior ministry"))],
                   outlet="Courier"),
        extraction("chk2", c2, day, [claim(c2, "Three policemen were shot dead", 3, group="police",
                                           src=source(type="unnamed"))], outlet="Post"),
    ]


# --- A passing mention: a report of a new attack recalls last year's strike on the hospital there.
def passing_mention() -> list[Extraction]:
    old = ("An airstrike destroyed the Dalmora hospital on Wednesday, killing 40 patients and staff, the health "
           "ministry said.")
    new = ("A roadside bomb killed four soldiers near Dalmora on Tuesday, the army said. The town has seen "
           "worse: a strike on the hospital there last year killed 42 people, according to a local "
           "rights group.")
    return [
        extraction("old1", old, date(2015, 9, 9),
                   [claim(old, "killing 40 patients and staff", 40, group="people",
                          src=source(type="health_officials", organization="health ministry"))],
                   type="airstrike"),
        extraction("new1", new, date(2016, 3, 2),
                   [claim(new, "killed four soldiers", 4, group="military", src=source(type="military")),
                    claim(new, "killed 42 people", 42, group="people", src=source(type="civil_society"))],
                   type="bombing", outlet="Herald"),
    ]


def everything() -> list[Extraction]:
    return wire_copies() + evolving() + denial_then_admission() + same_town_same_day() + passing_mention()
