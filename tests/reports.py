"""Short fictional reports for tests. Every place, person and outlet here is invented."""

from __future__ import annotations

TOWNS = ["Norwick", "Veldra", "Ashcombe", "Tarnow Ridge", "Kellin", "Marsby", "Oldfield", "Quillon"]
SPEAKERS = ["police chief Dana Orrin", "provincial spokesman Halim Serat", "hospital director Mira Lenz"]
OUTLETS = ["The Norwick Courier", "Valley Wire", "Eastern Ledger"]


def report(i: int) -> str:
    """A distinct fictional report; ``i`` varies the town, numbers, speaker and a serial phrase."""
    town = TOWNS[i % len(TOWNS)]
    speaker = SPEAKERS[i % len(SPEAKERS)]
    killed, injured = 2 + i % 17, 5 + i % 23
    return (
        f"A roadside bomb struck a minibus near {town} on Tuesday morning, killing {killed} civilians "
        f"and wounding {injured} others, {speaker} said. Report serial {i} of the fictional wire. "
        f"The vehicle was carrying farm workers to the market in {town} when the device exploded "
        f"beside the road. No group claimed responsibility. Residents said the road had been closed "
        f"for repairs in the week before the attack and reopened only on Monday evening."
    )


def html_page(i: int, title: str = "Bomb hits minibus", outlet: str = "The Norwick Courier",
              published: str = "2021-05-06") -> str:
    body = "".join(f"<p>{sentence.strip()}.</p>" for sentence in report(i).split(". ") if sentence.strip())
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{title}</title>"
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="article:published_time" content="{published}T08:00:00Z">'
        "</head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright fictional press</footer></body></html>"
    )
