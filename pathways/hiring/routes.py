"""Choosing the route: the engine's ranking of the open ways, planned with the steps still to do.

The order is the questionnaire's (``rules.ranking.rank``): one rule decides "the best way" for
the migrant's result, the employer plan and the counselling import. From that order the
employer plans the ways a company can carry out for a worker abroad; where § 81a AufenthG is
open, the best way is planned with and without it, side by side. Each way's steps are the law's
sequence for the start date, personalised for the worker (``rules.steps.personalise``): steps
already done (a full recognition, the job offer in hand) are not planned again, the recognition
body is the one for the qualification (degree: ZAB or the Land authority; vocational: IHK FOSA
or the Handwerkskammer), and the BA step is left out where the Blue Card needs no approval.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from pathways.rules import engine
from pathways.rules import parameters as P
from pathways.rules.profile import parse_profile
from pathways.rules.ranking import rank
from pathways.rules.results import Check, PathwayResult
from pathways.rules.schedule import Plan, plan
from pathways.rules.steps import (
    ACTOR_LABELS,
    BODY_ZAB,
    FKV_KEYS,
    Actor,
    Duration,
    Facets,
    Fee,
    Step,
    personalise,
    recognition_body,
    steps_for,
)
from pathways.rules.texts import Text

from .answers import profile_for

# The ways an employer can plan for a worker abroad, and whether § 81a can carry them.
PLANNABLE = ("skilled_worker", "blue_card", "westbalkan", "recognition_partnership")
WITH_81A = frozenset({"skilled_worker", "blue_card", "recognition_partnership"})

PROCEDURE_TITLES: dict[str, Text] = {
    "accelerated": Text(
        "Beschleunigtes Fachkräfteverfahren (§ 81a AufenthG)",
        "Accelerated procedure for skilled workers (§ 81a AufenthG)",
    ),
    "standard": Text("Visumverfahren ohne § 81a", "Standard visa procedure, without § 81a"),
}
TARGET_TITLES: dict[str, Text] = {
    "skilled_worker": Text(
        "Fachkraft mit anerkanntem Abschluss (§ 18a oder § 18b AufenthG)",
        "Skilled worker with a recognised qualification (§ 18a or § 18b AufenthG)",
    ),
    "blue_card": Text("Blaue Karte EU (§ 18g AufenthG)", "EU Blue Card (§ 18g AufenthG)"),
    "westbalkan": Text(
        "Westbalkanregelung (§ 26 Abs. 2 BeschV)", "Western Balkans regulation (§ 26 (2) BeschV)"
    ),
    "recognition_partnership": Text(
        "Anerkennungspartnerschaft (§ 16d Abs. 3 AufenthG)",
        "Recognition partnership (§ 16d (3) AufenthG)",
    ),
}
NOTE_WESTBALKAN = Text(
    "Die Westbalkanregelung hat ein Jahreskontingent an Zustimmungen der Bundesagentur für "
    "Arbeit; ist es ausgeschöpft, wartet der Antrag bis zum nächsten Jahr. Das beschleunigte "
    "Fachkräfteverfahren (§ 81a AufenthG) ist hier nicht möglich.",
    "The Western Balkans regulation has a yearly quota of approvals by the Federal Employment "
    "Agency; once it is used up, the application waits for the next year. The accelerated "
    "procedure (§ 81a AufenthG) is not possible on this route.",
)
NOTE_NO_ACCELERATED = Text(
    "Das beschleunigte Fachkräfteverfahren ist für diesen Weg nicht möglich; der Plan zeigt "
    "das Verfahren ohne § 81a.",
    "The accelerated procedure is not possible on this route; the plan shows the procedure "
    "without § 81a.",
)
NOTE_POSSIBLE = Text(
    "Einige Voraussetzungen sind noch offen. Der Plan zeigt den Weg, der am ehesten passt; "
    "die IQ Beratung klärt die offenen Punkte mit Ihnen.",
    "Some conditions are still open. The plan shows the route that fits best; IQ counselling "
    "clarifies the open points with you.",
)
NOTE_RECOGNISED = Text(
    "Der Abschluss ist schon anerkannt oder vergleichbar: Der Plan enthält kein "
    "Anerkennungsverfahren. Legen Sie den Bescheid mit dem Antrag vor.",
    "The qualification is already recognised or comparable: the plan has no recognition "
    "procedure. Hand in the notice with the application.",
)
NOTE_BLUE_CARD_NO_BA = Text(
    "Das Gehalt erreicht die Grenze der Blauen Karte EU (§ 18g Abs. 1 S. 1 AufenthG): Die "
    "Bundesagentur für Arbeit muss nicht zustimmen, der Plan hat keinen Zustimmungsschritt.",
    "The salary reaches the Blue Card threshold (§ 18g (1) sentence 1 AufenthG): the Federal "
    "Employment Agency need not approve, so the plan has no approval step.",
)


@dataclass(frozen=True, slots=True)
class Route:
    """A way to plan: the pathway (``target``) whose steps it uses, with § 81a or without."""

    key: str  # "accelerated" / "standard" for §§ 18a, 18b, 18g; else the pathway's key
    target: str
    accelerated: bool
    verdict: str

    @property
    def title(self) -> Text:
        if self.key in PROCEDURE_TITLES:
            return PROCEDURE_TITLES[self.key]
        if self.key == "recognition_partnership_accelerated":
            return Text(
                "Anerkennungspartnerschaft im beschleunigten Fachkräfteverfahren",
                "Recognition partnership in the accelerated procedure",
            )
        return TARGET_TITLES[self.target]

    @property
    def name(self) -> Text:
        """The way and its procedure, for lists of several ways."""
        if self.key in PROCEDURE_TITLES:
            target, procedure = TARGET_TITLES[self.target], PROCEDURE_TITLES[self.key]
            return Text(f"{target.de}: {procedure.de}", f"{target.en}: {procedure.en}")
        return self.title


def _route(target: str, accelerated: bool, verdict: str) -> Route:
    if target in ("skilled_worker", "blue_card"):
        return Route("accelerated" if accelerated else "standard", target, accelerated, verdict)
    if accelerated:
        return Route(f"{target}_accelerated", target, True, verdict)
    return Route(target, target, False, verdict)


def evaluate(inputs: Mapping[str, Any]) -> tuple[engine.Evaluation, Any]:
    start = date.fromisoformat(inputs["start"])
    profile = parse_profile(profile_for(inputs))
    return engine.evaluate(profile, start), profile


def routes_for(inputs: Mapping[str, Any]) -> tuple[list[Route], dict[str, PathwayResult]]:
    """The open ways an employer can plan, in the ranking's order, and every pathway's result.

    The best way comes twice where § 81a is open for it: first with the procedure the employer
    chose, then with the other one. Every other way comes once, with § 81a where the employer
    chose it and it is open.
    """
    evaluation, profile = evaluate(inputs)
    results = dict(evaluation.pathways)
    fast_possible = results["accelerated_procedure"].is_open
    wants_81a = inputs["accelerated"] == "yes"
    ranked = [r for r in rank(evaluation, profile) if r.is_open and r.key in PLANNABLE]
    routes: list[Route] = []
    for position, result in enumerate(ranked):
        fast = fast_possible and result.key in WITH_81A
        if position == 0 and fast:
            first = _route(result.key, wants_81a, result.verdict)
            second = _route(result.key, not wants_81a, result.verdict)
            routes += [first, second]
        else:
            routes.append(_route(result.key, fast and wants_81a, result.verdict))
    return routes, results


# --- the steps still to do --------------------------------------------------------------------

# A statement of comparability for a degree (no statutory deadline; ZAB's processing times).
_ZAB_STATEMENT = Duration(3, "months", False, "ZAB, Bearbeitungszeiten der Zeugnisbewertung")


def facets_for(inputs: Mapping[str, Any]) -> Facets:
    return Facets.of(parse_profile(profile_for(inputs)))


def _law_steps(route: Route, inputs: Mapping[str, Any], result: PathwayResult) -> list[Step]:
    """The law's sequence for the route on the start date, with or without § 81a."""
    start = date.fromisoformat(inputs["start"])
    academic = inputs["qualification"] == "academic"
    land_law = inputs.get("regulated") == "land"
    steps = list(
        steps_for(
            route.target, start, accelerated=route.accelerated, land_law=land_law, academic=academic
        )
    )
    unregulated_degree = academic and inputs.get("regulated") == "no"
    if route.accelerated and unregulated_degree and route.target == "skilled_worker":
        # A degree of a profession that is not regulated is not "recognised" but compared by
        # the ZAB (§ 18b AufenthG; the same two steps as for the Blue Card).
        zab = {s.key: s for s in steps_for("blue_card", start, accelerated=True)}
        steps = [zab.get(s.key, s) if s.key.startswith("fkv.recognition_") else s for s in steps]
    if not any(s.key.endswith(".ba_approval") for s in result.steps):
        # The engine leaves out the BA where the law does not ask for it (a Blue Card at the
        # standard threshold, § 18g Abs. 1 S. 1 AufenthG): so does the plan.
        steps = [s for s in steps if not s.key.endswith(".ba_approval")]
    return steps


def _for_employer(step: Step, facets: Facets, on: date) -> Step:
    """The step as the employer reads it: the worker's recognition body, its fee and period."""
    if step.key == "std.recognition":
        body = recognition_body(facets)
        if body is BODY_ZAB:
            fee = P.entry_on(P.FEE_ZAB_DEGREE, max(on, P.FEE_ZAB_DEGREE[0].valid_from))
            return dataclasses.replace(
                step,
                title=Text(
                    "Die Fachkraft lässt ihren Hochschulabschluss in anabin prüfen oder bei der "
                    "ZAB bewerten (Zeugnisbewertung).",
                    "The worker has the degree checked in anabin or assessed by the ZAB "
                    "(statement of comparability).",
                ),
                actor=Actor.zab,
                actors=(Actor.worker,),
                legal_basis="§ 18b AufenthG; § 18 Abs. 2 Nr. 4 AufenthG",
                duration=_ZAB_STATEMENT,
                fee=Fee(fee.value[0], fee.value[1], fee.source),
                deadline_note=Text(
                    "Für die Zeugnisbewertung gibt es keine gesetzliche Frist.",
                    "There is no deadline in law for the statement of comparability.",
                ),
            )
        return dataclasses.replace(
            step,
            title=Text(
                f"Die Fachkraft beantragt die Anerkennung ihres Abschlusses bei {body.at_de}.",
                f"The worker applies for recognition of the qualification at {body.en}.",
            ),
        )
    if step.key == "fkv.recognition_application" and Actor.zab not in step.actors:
        body = recognition_body(facets)
        return dataclasses.replace(
            step,
            title=Text(
                f"Die Ausländerbehörde beantragt die Anerkennung bei {body.at_de}.",
                f"The foreigners' authority applies for recognition at {body.en}.",
            ),
        )
    if step.key == "fkv.recognition_decision" and step.actor is Actor.recognition_body:
        body = recognition_body(facets)
        return dataclasses.replace(
            step,
            title=Text(
                f"Die Anerkennungsstelle ({body.label.de}) entscheidet über die "
                "Gleichwertigkeit des Abschlusses.",
                f"The recognition body ({body.label.en}) decides on the equivalence of the "
                "qualification.",
            ),
        )
    return step


def steps_for_case(
    route: Route, inputs: Mapping[str, Any], result: PathwayResult
) -> tuple[Step, ...]:
    """The route's steps still to do for this worker, as the employer plans them."""
    facets = facets_for(inputs)
    law = tuple(_law_steps(route, inputs, result))
    on = date.fromisoformat(inputs["start"])
    return tuple(
        _for_employer(item.step, facets, on)
        for item in personalise(law, facets)
        if item.status == "todo"
    )


def actor_labels(inputs: Mapping[str, Any]) -> dict[Actor, Text]:
    """Who the parties are for this case: the recognition body named after the qualification."""
    return {**ACTOR_LABELS, Actor.recognition_body: recognition_body(facets_for(inputs)).label}


# --- timelines --------------------------------------------------------------------------------

AVERAGE_MONTH_DAYS = 365.25 / 12


@dataclass(frozen=True, slots=True)
class Timeline:
    route: Route
    plan: Plan
    labels: Mapping[Actor, Text] = dataclasses.field(default_factory=lambda: ACTOR_LABELS)

    @property
    def months(self) -> int:
        """Months from the start of the process to the start of work, to the nearest month."""
        return max(1, round(self.plan.total_days / AVERAGE_MONTH_DAYS))


def timeline(
    route: Route,
    inputs: Mapping[str, Any],
    done: Mapping[str, date] | None = None,
    results: Mapping[str, PathwayResult] | None = None,
) -> Timeline:
    if results is None:
        results = dict(evaluate(inputs)[0].pathways)
    steps = steps_for_case(route, inputs, results[route.target])
    start = date.fromisoformat(inputs["start"])
    return Timeline(route, plan(steps, start, inputs["land"], done), actor_labels(inputs))


@dataclass(frozen=True, slots=True)
class HiringPlan:
    inputs: Mapping[str, Any]
    results: Mapping[str, PathwayResult]
    best: Timeline | None
    # The same way with and without § 81a, when both exist: (accelerated, standard).
    side_by_side: tuple[Timeline, Timeline] | None
    others: tuple[Timeline, ...]
    notes: tuple[Text, ...]

    def open_points(self) -> tuple[Check, ...]:
        """The checks of the best route that are neither met nor failed."""
        if self.best is None:
            return ()
        checks = self.results[self.best.route.target].checks
        return tuple(check for check in checks if check.status == "unknown")

    def blocking(self) -> tuple[Check, ...]:
        """Why no route is open: the failed checks of the routes an employer can plan."""
        return tuple(check for key in PLANNABLE for check in self.results[key].failing())


def build(inputs: Mapping[str, Any]) -> HiringPlan:
    routes, results = routes_for(inputs)
    timelines = [timeline(route, inputs, results=results) for route in routes]
    if not timelines:
        return HiringPlan(inputs, results, None, None, (), ())
    best = timelines[0]
    pair = [t for t in timelines if t.route.target == best.route.target]
    side_by_side = None
    if len(pair) == 2:
        fast, slow = sorted(pair, key=lambda t: not t.route.accelerated)
        side_by_side = (fast, slow)
    others = tuple(t for t in timelines if t.route.target != best.route.target)
    notes = []
    if best.route.verdict == "possible":
        notes.append(NOTE_POSSIBLE)
    if inputs["accelerated"] == "yes" and not best.route.accelerated:
        notes.append(NOTE_NO_ACCELERATED)
    if inputs.get("recognition") == "full":
        notes.append(NOTE_RECOGNISED)
    if best.route.target == "blue_card" and not any(
        s.key.endswith(".ba_approval") for s in results["blue_card"].steps
    ):
        notes.append(NOTE_BLUE_CARD_NO_BA)
    if best.route.key == "westbalkan" or any(t.route.key == "westbalkan" for t in others):
        notes.append(NOTE_WESTBALKAN)
    return HiringPlan(inputs, results, best, side_by_side, others, tuple(notes))


# --- Herr Delić: the example page only --------------------------------------------------------


@cache
def herr_delic() -> dict[str, Any]:
    """His case as data (fixtures/herr_delic.json): the answers and the brochure's labels."""
    return json.loads(_herr_delic_file())  # a fresh dict each time: callers may change it


@cache
def _herr_delic_file() -> str:
    return (Path(settings.BASE_DIR) / "fixtures" / "herr_delic.json").read_text(encoding="utf-8")


def herr_delic_inputs(start: date, land: str | None = None) -> dict[str, Any]:
    """His answers planned from ``start`` (in his Land unless another is given)."""
    inputs = dict(herr_delic()["inputs"])
    return inputs | {"start": start.isoformat(), "land": land or inputs["land"]}


def herr_delic_timeline(start: date, land: str) -> Timeline:
    """His case planned from ``start``: the seven steps of the brochure in the legal order,
    with the brochure's wording (IHK FOSA, Mechatroniker/in) that belongs to his case only."""
    by_key = {step.key: step for step in steps_for("skilled_worker", start, accelerated=True)}
    order = [item["key"] for item in herr_delic()["steps"]]
    # The fixture names the brochure's steps; the engine's § 81a sequence must hold them all.
    assert set(order) == set(FKV_KEYS), "fixtures/herr_delic.json and FKV_KEYS disagree"
    route = Route("accelerated", "skilled_worker", True, "eligible")
    return Timeline(route, plan(tuple(by_key[key] for key in order), start, land))


def brochure_labels() -> dict[str, str]:
    return {item["key"]: item["brochure_label"] for item in herr_delic()["steps"]}
