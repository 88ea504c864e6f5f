"""The Chancenkarte arithmetic a person can act on: points reached, points needed, and the
cheapest additions, also when some answers are open ("Ich weiß es nicht").

Legal basis: § 20b Abs. 1 AufenthG and the Anlage (the points, counted by
``opportunity_card.points``), § 20a Abs. 3 Nr. 2 AufenthG (the minimum, ``parameters``).
Last checked: 2026-12-02.

"Cheapest" orders the additions by what they cost the person: first an open answer (it costs
nothing to find out), then German one level up (a course), English C1, then a notice of partial
recognition (§ 20b Abs. 1 Nr. 1; an application with fees and months of waiting). Within each,
more points first. The result never decides a verdict; the pathway module does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .common import context_for
from .opportunity_card import GERMAN_POINTS, points, skilled_worker_route
from .options import DEFAULT_OPTIONS, RuleOptions
from .profile import Profile
from .texts import Text

__all__ = ["Addition", "PointsGap", "gap"]

_NEXT_GERMAN = {"none": "A2", "A1": "A2", "A2": "B1", "B1": "B2"}


@dataclass(frozen=True, slots=True)
class Addition:
    criterion: str
    points: int
    text: Text
    # True: an open answer that may already give the points; False: something to achieve.
    open_answer: bool

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "points": self.points,
            "text": self.text.get(lang),
            "open_answer": self.open_answer,
        }


@dataclass(frozen=True, slots=True)
class PointsGap:
    reached: int
    needed: int
    # The total if every open answer turned out as well as it can.
    potential: int
    additions: tuple[Addition, ...]

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.reached)

    @property
    def summary(self) -> Text:
        """ "5 Punkte, nötig: 6" and "5 points, needed: 6"."""
        unit = Text("Punkt", "point") if self.reached == 1 else Text("Punkte", "points")
        return Text.format(
            "{reached} {unit}, nötig: {needed}",
            "{reached} {unit}, needed: {needed}",
            reached=self.reached,
            needed=self.needed,
            unit=unit,
        )

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "reached": self.reached,
            "needed": self.needed,
            "missing": self.missing,
            "potential": self.potential,
            "summary": self.summary.get(lang),
            "additions": [addition.to_dict(lang) for addition in self.additions],
        }


def _addition(criterion: str, gain: int, what: Text, *, open_answer: bool) -> Addition:
    if open_answer:
        text = (
            Text.format("{what} gäbe 1 Punkt", "{what} would give 1 point", what=what)
            if gain == 1
            else Text.format(
                "{what} gäbe {n} Punkte", "{what} would give {n} points", what=what, n=gain
            )
        )
    else:
        text = (
            Text.format("{what} brächte 1 Punkt", "{what} would add 1 point", what=what)
            if gain == 1
            else Text.format(
                "{what} brächte {n} Punkte", "{what} would add {n} points", what=what, n=gain
            )
        )
    return Addition(criterion, gain, text, open_answer)


def _open_answers(p: Profile, current: dict[str, int]) -> list[Addition]:
    found: list[Addition] = []
    if p.german_level is None:
        found.append(
            _addition(
                "german",
                3,
                Text("Ihr Deutsch ist offen: B2", "Your German is open: B2"),
                open_answer=True,
            )
        )
    if p.experience_years_last7 is None and current["experience"] < 3:
        found.append(
            _addition(
                "experience",
                3 - current["experience"],
                Text(
                    "Offen: 5 Jahre Berufserfahrung in den letzten 7 Jahren",
                    "Open: 5 years of experience in the last 7 years",
                ),
                open_answer=True,
            )
        )
    if p.age is None:
        found.append(
            _addition(
                "age",
                2,
                Text("Ihr Alter ist offen: bis 35", "Your age is open: up to 35"),
                open_answer=True,
            )
        )
    if p.english_level is None:
        found.append(
            _addition(
                "english",
                1,
                Text("Ihr Englisch ist offen: C1", "Your English is open: C1"),
                open_answer=True,
            )
        )
    if p.stay_germany_6_months_last5 is None:
        found.append(
            _addition(
                "stay_in_germany",
                1,
                Text(
                    "Offen: 6 Monate in Deutschland in den letzten 5 Jahren",
                    "Open: 6 months in Germany in the last 5 years",
                ),
                open_answer=True,
            )
        )
    return found


def _achievable(p: Profile, current: dict[str, int]) -> list[Addition]:
    found: list[Addition] = []
    nxt = _NEXT_GERMAN.get(p.german_level or "")
    if nxt is not None:
        gain = GERMAN_POINTS[nxt] - current["german"]
        if gain > 0:
            found.append(
                _addition(
                    "german",
                    gain,
                    Text.format(
                        "Deutsch {nxt}",
                        "German {nxt}",
                        nxt=nxt,
                    ),
                    open_answer=False,
                )
            )
    if p.english_level is not None and current["english"] == 0:
        found.append(_addition("english", 1, Text("Englisch C1", "English C1"), open_answer=False))
    if (
        current["partial_recognition"] == 0
        and p.recognition != "full"
        and p.qualification not in (None, "none")
    ):
        found.append(
            _addition(
                "partial_recognition",
                4,
                Text(
                    "Ein Bescheid über eine teilweise Anerkennung (Defizitbescheid)",
                    "A notice of partial recognition (notice of deficits)",
                ),
                open_answer=False,
            )
        )
    return found


def gap(profile: Profile, on: date, options: RuleOptions | None = None) -> PointsGap | None:
    """The points arithmetic on ``on``; None before the Chancenkarte was in force, and for a
    Fachkraft, who gets it without points (§ 20a Abs. 3 Nr. 1 AufenthG): "1 point, needed: 6"
    beside "you need no points" would contradict the way's own check."""
    ctx = context_for(on, options or DEFAULT_OPTIONS)
    if ctx.min_points is None or skilled_worker_route(profile).status == "met":
        return None
    counted = points(profile, ctx)
    current = {item.criterion: item.points for item in counted.items}
    opened = sorted(_open_answers(profile, current), key=lambda a: -a.points)
    achievable = _achievable(profile, current)
    return PointsGap(counted.total, ctx.min_points, counted.potential, (*opened, *achievable))
