"""Analyst decisions replayed over the machine's linking.

The machine's groups of reports come first; then every decision not undone is applied in the order it
was made. Decisions name reports and documents by key (a document's id is its main report's key), so
they apply again unchanged after re-extraction or re-linking, whatever ids incidents then get.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import ConfigError
from ..model import DECISION_KINDS, GRADES, Decision


@dataclass(frozen=True, slots=True)
class Group:
    """One incident's reports after decisions, with the analyst's grade and notes for it."""

    keys: tuple[str, ...]
    grade: Decision | None = None
    notes: tuple[Decision, ...] = ()


@dataclass(frozen=True, slots=True)
class Applied:
    groups: tuple[Group, ...]
    rejected: frozenset[str]
    accepted: frozenset[str]


def check(decision: Decision) -> None:
    """Reject a malformed decision before it is stored."""
    if decision.kind not in DECISION_KINDS:
        raise ConfigError(f"unknown decision {decision.kind!r}; choose one of {', '.join(DECISION_KINDS)}")
    if decision.kind in ("merge", "move", "reject_claim", "accept_claim") and not decision.other:
        raise ConfigError(f"a {decision.kind} decision needs a second key")
    if decision.kind == "grade" and decision.value not in GRADES:
        raise ConfigError(f"grade must be one of {', '.join(GRADES)}, got {decision.value!r}")
    if decision.kind in ("split", "note") and not decision.value:
        raise ConfigError(f"a {decision.kind} decision needs a value")
    if not decision.reason.strip():
        raise ConfigError("every decision needs a reason")


def _find(groups: list[set[str]], key: str) -> int | None:
    """The group holding a report key, or the main report of a document id."""
    for i, g in enumerate(groups):
        if key in g:
            return i
    for i, g in enumerate(groups):
        if any(k.split("#", 1)[0] == key for k in g):
            return i
    return None


def _resolve(groups: list[set[str]], key: str) -> str | None:
    i = _find(groups, key)
    if i is None:
        return None
    return key if key in groups[i] else min(k for k in groups[i] if k.split("#", 1)[0] == key)


def apply(machine: Iterable[tuple[str, ...]], decisions: Sequence[Decision]) -> Applied:
    """Replay decisions over the machine's groups. A decision whose reports are gone no longer applies."""
    groups = [set(g) for g in machine]
    live = sorted((d for d in decisions if not d.undone), key=lambda d: (d.at, d.id))
    verdicts: dict[str, bool] = {}
    for d in live:
        if d.kind == "merge" and d.other:
            a, b = _find(groups, d.target), _find(groups, d.other)
            if a is not None and b is not None and a != b:
                groups[a] |= groups[b]
                groups[b] = set()
        elif d.kind == "split" and d.value:
            i = _find(groups, d.target)
            if i is None:
                continue
            moved = {k for k in (_resolve([groups[i]], v.strip()) for v in d.value.split(",")) if k}
            if moved and moved != groups[i]:
                groups[i] -= moved
                groups.append(moved)
        elif d.kind == "move" and d.other:
            key = _resolve(groups, d.target)
            src, dst = _find(groups, d.target), _find(groups, d.other)
            if key is not None and src is not None and dst is not None and src != dst:
                groups[src].discard(key)
                groups[dst].add(key)
        elif d.kind in ("reject_claim", "accept_claim") and d.other:
            verdicts[d.other] = d.kind == "accept_claim"
    final = sorted(tuple(sorted(g)) for g in groups if g)
    grades: dict[tuple[str, ...], Decision] = {}
    notes: dict[tuple[str, ...], list[Decision]] = {}
    for d in live:
        if d.kind not in ("grade", "note"):
            continue
        i = _find([set(g) for g in final], d.target)
        if i is None:
            continue
        if d.kind == "grade":
            grades[final[i]] = d
        else:
            notes.setdefault(final[i], []).append(d)
    return Applied(
        tuple(Group(g, grades.get(g), tuple(notes.get(g, ()))) for g in final),
        frozenset(k for k, ok in verdicts.items() if not ok),
        frozenset(k for k, ok in verdicts.items() if ok),
    )
