"""Guided step sequences per pathway: who does what, on which legal basis, how long, what it costs.

Legal basis: § 81a AufenthG, §§ 31, 31a AufenthV, § 36 Abs. 2 BeschV, § 14a and § 6 BQFG (the
accelerated and the standard procedure); § 26 Abs. 2 BeschV (Westbalkan); § 16d Abs. 1 and 3,
§ 16f, §§ 18a, 18b, 18g, 19c Abs. 2, 20a AufenthG. Figures last checked: 2026-01-15.

Every step carries a ``Duration``: a statutory deadline (``statutory=True``) or a typical
duration, so the employer timeline can turn a sequence into calendar dates. The § 81a sequence
follows the Herr Delić case (seed 000) in the order the law requires (digest §4.2): the
Vorabzustimmung comes only after the equivalence notice and the BA approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, Literal

from . import parameters as P
from .texts import Text

Phase = Literal["preparation", "procedure", "employment"]
Unit = Literal["calendar_days", "working_days", "weeks", "months"]


class Actor(StrEnum):
    worker = "worker"
    employer = "employer"
    foreigners_office = "foreigners_office"
    recognition_body = "recognition_body"
    zab = "zab"
    employment_agency = "employment_agency"
    mission = "mission"
    iq_counselling = "iq_counselling"


ACTOR_LABELS: dict[Actor, Text] = {
    Actor.worker: Text("Fachkraft", "Skilled worker"),
    Actor.employer: Text("Arbeitgeber", "Employer"),
    Actor.foreigners_office: Text("Ausländerbehörde", "Foreigners' authority"),
    Actor.recognition_body: Text(
        "Anerkennungsstelle (z. B. IHK FOSA)", "Recognition body (e.g. IHK FOSA)"
    ),
    Actor.zab: Text(
        "Zentralstelle für ausländisches Bildungswesen (ZAB)",
        "Central Office for Foreign Education (ZAB)",
    ),
    Actor.employment_agency: Text("Bundesagentur für Arbeit", "Federal Employment Agency"),
    Actor.mission: Text("Deutsche Auslandsvertretung", "German mission abroad"),
    Actor.iq_counselling: Text("IQ Beratung", "IQ counselling"),
}


@dataclass(frozen=True, slots=True)
class Duration:
    amount: int
    unit: Unit
    statutory: bool
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount,
            "unit": self.unit,
            "statutory": self.statutory,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Fee:
    min_eur: int
    max_eur: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"min_eur": self.min_eur, "max_eur": self.max_eur, "source": self.source}


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    title: Text
    actor: Actor
    actors: tuple[Actor, ...]
    legal_basis: str
    duration: Duration | None
    deadline_note: Text | None
    fee: Fee | None
    documents: tuple[Text, ...]
    iq_advice: Text | None
    phase: Phase

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title.get(lang),
            "actor": self.actor.value,
            "actor_label": ACTOR_LABELS[self.actor].get(lang),
            "actors": [actor.value for actor in self.actors],
            "legal_basis": self.legal_basis,
            "duration": None if self.duration is None else self.duration.to_dict(),
            "deadline_note": None if self.deadline_note is None else self.deadline_note.get(lang),
            "fee": None if self.fee is None else self.fee.to_dict(),
            "documents": [document.get(lang) for document in self.documents],
            "iq_advice": None if self.iq_advice is None else self.iq_advice.get(lang),
            "phase": self.phase,
        }


def _step(
    key: str,
    title: Text,
    actor: Actor,
    legal_basis: str,
    duration: Duration,
    *,
    actors: tuple[Actor, ...] = (),
    note: Text | None = None,
    fee: Fee | None = None,
    documents: tuple[Text, ...] = (),
    advice: Text | None = None,
    phase: Phase = "procedure",
) -> Step:
    return Step(
        key, title, actor, actors, legal_basis, duration, note, fee, documents, advice, phase
    )


def _fee(series: tuple[P.Dated[tuple[int, int]], ...], on: date) -> Fee:
    entry = P.entry_on(series, max(on, series[0].valid_from))
    return Fee(entry.value[0], entry.value[1], entry.source)


def _typical(amount: int, unit: Unit, source: str = "typische Dauer") -> Duration:
    return Duration(amount, unit, False, source)


def _statutory(amount: int, unit: Unit, source: str) -> Duration:
    return Duration(amount, unit, True, source)


# --- documents --------------------------------------------------------------------------------

DOC_PASSPORT = Text("Reisepass", "Passport")
DOC_CONTRACT = Text(
    "Arbeitsvertrag oder verbindliches Arbeitsplatzangebot",
    "Employment contract or binding job offer",
)
DOC_CERTIFICATES = Text(
    "Zeugnisse und Abschlussurkunden mit Übersetzung", "Certificates and diplomas with translation"
)
DOC_REFERENCES = Text(
    "Nachweise über Ihre Berufserfahrung (Arbeitszeugnisse)",
    "Proof of your work experience (employer references)",
)
DOC_POWER_OF_ATTORNEY = Text(
    "Vollmacht der Fachkraft für den Arbeitgeber",
    "Power of attorney from the worker to the employer",
)
DOC_EMPLOYER_STATEMENT = Text(
    "Erklärung zum Beschäftigungsverhältnis (Arbeitgeberauskunft)",
    "Statement on the employment (employer information form)",
)
DOC_MEANS = Text(
    "Nachweis der Finanzierung (z. B. Sperrkonto, Verpflichtungserklärung)",
    "Proof of means (e.g. blocked account, formal sponsorship)",
)
DOC_LANGUAGE = Text("Sprachzertifikat", "Language certificate")
DOC_INSURANCE = Text("Nachweis der Krankenversicherung", "Proof of health insurance")
DOC_DEFICIT = Text(
    "Bescheid der Anerkennungsstelle über fehlende Kenntnisse (Defizitbescheid)",
    "Recognition notice listing the gaps (notice of deficits)",
)

# --- the accelerated procedure (§ 81a), Herr Delić ------------------------------------------

FKV_KEYS = (
    "fkv.power_of_attorney",
    "fkv.agreement",
    "fkv.recognition_application",
    "fkv.recognition_decision",
    "fkv.ba_approval",
    "fkv.pre_approval",
    "fkv.visa_entry_work",
)

_TARGET_TITLES = {
    "skilled_worker": "§ 18a AufenthG",
    "blue_card": "§ 18g AufenthG",
    "experience_route": "§ 19c Abs. 2 AufenthG",
    "recognition_partnership": "§ 16d Abs. 3 AufenthG",
    "recognition_measures": "§ 16d Abs. 1 AufenthG",
}


def _recognition_steps(target: str, on: date, land_law: bool) -> tuple[Step, Step]:
    """Steps 3 and 4 of § 81a: the ABH starts the recognition (or ZAB confirmation)."""
    if target in ("skilled_worker", "recognition_measures"):
        decision = (
            _statutory(3, "months", "Landes-BQFG (allgemeine Frist)")
            if land_law
            else _statutory(2, "months", "§ 14a BQFG")
        )
        return (
            _step(
                "fkv.recognition_application",
                Text(
                    "Die Ausländerbehörde beantragt die Anerkennung bei der Anerkennungsstelle "
                    "(z. B. IHK FOSA, Referenzberuf Mechatroniker/in).",
                    "The foreigners' authority applies for recognition at the recognition body "
                    "(e.g. IHK FOSA, reference occupation Mechatroniker/in).",
                ),
                Actor.foreigners_office,
                "§ 81a Abs. 3 AufenthG; § 14a BQFG",
                _statutory(2, "weeks", "§ 14a BQFG"),
                actors=(Actor.recognition_body,),
                note=Text(
                    "Die Anerkennungsstelle bestätigt den Eingang innerhalb von 2 Wochen.",
                    "The recognition body confirms receipt within 2 weeks.",
                ),
                fee=_fee(P.FEE_IHK_FOSA, on),
                documents=(DOC_CERTIFICATES, DOC_REFERENCES, DOC_PASSPORT),
                advice=Text(
                    "IQ hilft, die Unterlagen vollständig und übersetzt einzureichen. "
                    "Fehlende Unterlagen halten die Frist an.",
                    "IQ helps to hand in complete, translated documents. Missing "
                    "documents stop the clock.",
                ),
            ),
            _step(
                "fkv.recognition_decision",
                Text(
                    "Die Anerkennungsstelle erstellt einen Bescheid über die volle "
                    "Gleichwertigkeit.",
                    "The recognition body issues a notice of full equivalence.",
                ),
                Actor.recognition_body,
                "§ 14a BQFG; § 81a Abs. 3 AufenthG",
                decision,
                actors=(Actor.foreigners_office, Actor.employer),
                note=Text(
                    "Entscheidung innerhalb von 2 Monaten nach vollständigen Unterlagen "
                    "(bei Landesrecht teils 3 Monate). Die Ausländerbehörde lädt den "
                    "Arbeitgeber innerhalb von 3 Werktagen ein.",
                    "Decision within 2 months of a complete file (3 months under some "
                    "Land laws). The foreigners' authority invites the employer within "
                    "3 working days.",
                ),
                advice=Text(
                    "IQ erklärt den Bescheid. Fehlen noch Kenntnisse, berät IQ zu "
                    "Anpassungsqualifizierungen (§ 16d AufenthG).",
                    "IQ explains the notice. If skills are missing, IQ advises on "
                    "adaptation training (§ 16d AufenthG).",
                ),
            ),
        )
    fee = _fee(P.FEE_ZAB_DEGREE if target == "blue_card" else P.FEE_ZAB_DAB, on)
    subject = (
        Text("die Vergleichbarkeit des Hochschulabschlusses", "the comparability of the degree")
        if target == "blue_card"
        else Text(
            "die staatliche Anerkennung des Abschlusses im Herkunftsland",
            "the state recognition of the qualification in the country of origin",
        )
    )
    return (
        _step(
            "fkv.recognition_application",
            Text(
                f"Die Ausländerbehörde beantragt bei der ZAB eine Bestätigung über {subject.de}.",
                f"The foreigners' authority asks the ZAB to confirm {subject.en}.",
            ),
            Actor.foreigners_office,
            "§ 81a Abs. 3 AufenthG",
            _typical(2, "weeks"),
            actors=(Actor.zab,),
            fee=fee,
            documents=(DOC_CERTIFICATES, DOC_PASSPORT),
            advice=Text(
                "IQ hilft, die Unterlagen vollständig einzureichen.",
                "IQ helps to hand in complete documents.",
            ),
        ),
        _step(
            "fkv.recognition_decision",
            Text("Die ZAB stellt die Bestätigung aus.", "The ZAB issues the confirmation."),
            Actor.zab,
            "§ 81a Abs. 3 AufenthG",
            Duration(2, "months", False, "ZAB im § 81a-Verfahren (Angabe einer zentralen ABH)"),
            actors=(Actor.foreigners_office, Actor.employer),
            note=Text(
                "Die Ausländerbehörde lädt den Arbeitgeber innerhalb von 3 Werktagen ein.",
                "The foreigners' authority invites the employer within 3 working days.",
            ),
            advice=Text(
                "IQ erklärt das Ergebnis und die nächsten Schritte.",
                "IQ explains the result and the next steps.",
            ),
        ),
    )


def _accelerated(target: str, on: date, land_law: bool, academic: bool) -> tuple[Step, ...]:
    title = _TARGET_TITLES.get(target, "§ 18a AufenthG")
    if target == "skilled_worker" and academic:
        title = "§ 18b AufenthG"
    recognition = _recognition_steps(target, on, land_law)
    return (
        _step(
            "fkv.power_of_attorney",
            Text(
                "Die Fachkraft erteilt dem Arbeitgeber die Vollmacht zur Antragstellung.",
                "The worker gives the employer power of attorney to apply.",
            ),
            Actor.worker,
            "§ 81a Abs. 1, Abs. 2 Nr. 2 AufenthG",
            _typical(4, "weeks", "IQ-Broschüre (Seed 000): ca. 2 Monate Vorbereitung"),
            actors=(Actor.employer, Actor.iq_counselling),
            documents=(DOC_POWER_OF_ATTORNEY, DOC_PASSPORT),
            advice=Text(
                "IQ berät zum Referenzberuf, zum Anerkennungsverfahren und zur "
                "Einreisemöglichkeit.",
                "IQ advises on the reference occupation, the recognition procedure and "
                "the ways of entry.",
            ),
            phase="preparation",
        ),
        _step(
            "fkv.agreement",
            Text(
                "Der Arbeitgeber schließt mit der Ausländerbehörde eine Vereinbarung zum "
                "beschleunigten Fachkräfteverfahren.",
                "The employer signs an agreement on the accelerated procedure with the "
                "foreigners' authority.",
            ),
            Actor.employer,
            "§ 81a Abs. 2 AufenthG; § 31 Abs. 4 AufenthV",
            _typical(4, "weeks", "IQ-Broschüre (Seed 000): ca. 2 Monate Vorbereitung"),
            actors=(Actor.foreigners_office,),
            fee=_fee(P.FEE_ACCELERATED, on),
            note=Text(
                "Zuständig ist die Ausländerbehörde am Sitz der Betriebsstätte, oft eine "
                "zentrale Ausländerbehörde.",
                "The foreigners' authority where the workplace is located is competent, "
                "often a central one.",
            ),
            documents=(DOC_POWER_OF_ATTORNEY, DOC_CONTRACT, DOC_EMPLOYER_STATEMENT),
            advice=Text(
                "IQ erklärt das beschleunigte Fachkräfteverfahren, seine Fristen und "
                "die Gebühr von 411 Euro.",
                "IQ explains the accelerated procedure, its deadlines and the fee of 411 euros.",
            ),
            phase="preparation",
        ),
        *recognition,
        _step(
            "fkv.ba_approval",
            Text(
                "Die Bundesagentur für Arbeit stimmt der Beschäftigung zu.",
                "The Federal Employment Agency approves the employment.",
            ),
            Actor.employment_agency,
            "§ 81a Abs. 3 AufenthG; § 39 AufenthG; § 36 Abs. 2 BeschV",
            _statutory(1, "weeks", "§ 36 Abs. 2 S. 2 BeschV"),
            actors=(Actor.foreigners_office,),
            note=Text(
                "Antwortet die Bundesagentur nicht innerhalb einer Woche, gilt die "
                "Zustimmung als erteilt.",
                "If the agency does not answer within one week, approval is deemed given.",
            ),
            documents=(DOC_EMPLOYER_STATEMENT,),
            advice=Text(
                "IQ berät zu vergleichbaren Arbeitsbedingungen (Lohn, Arbeitszeit), "
                "die die Bundesagentur prüft.",
                "IQ advises on comparable working conditions (pay, hours), which the "
                "agency checks.",
            ),
        ),
        _step(
            "fkv.pre_approval",
            Text(
                "Die Ausländerbehörde erteilt der deutschen Auslandsvertretung ihre "
                "Vorabzustimmung zur Einreise.",
                "The foreigners' authority gives the German mission its prior approval of "
                "the entry.",
            ),
            Actor.foreigners_office,
            "§ 81a Abs. 3 AufenthG; § 31 Abs. 3 AufenthV",
            _typical(1, "weeks", "§ 81a Abs. 3 AufenthG: unverzüglich"),
            actors=(Actor.mission,),
            note=Text(
                "Unverzüglich, sobald Gleichwertigkeit und Zustimmung vorliegen.",
                "Without delay once equivalence and approval exist.",
            ),
            advice=Text(
                "IQ berät zur Einreise und zum Termin bei der Auslandsvertretung.",
                "IQ advises on entry and on the appointment at the mission.",
            ),
        ),
        _step(
            "fkv.visa_entry_work",
            Text(
                f"Die Fachkraft erhält das Visum nach {title}, reist ein und beginnt die Arbeit.",
                f"The worker gets the visa under {title}, enters and starts work.",
            ),
            Actor.mission,
            f"§ 31a AufenthV; {title}",
            _statutory(6, "weeks", "§ 31a AufenthV"),
            actors=(Actor.worker, Actor.employer),
            fee=_fee(P.FEE_VISA, on),
            note=Text(
                "Termin innerhalb von 3 Wochen, Entscheidung in der Regel innerhalb von "
                "3 Wochen nach vollständigem Antrag.",
                "Appointment within 3 weeks, decision as a rule within 3 weeks of a "
                "complete application.",
            ),
            documents=(DOC_PASSPORT, DOC_CONTRACT, DOC_INSURANCE),
            advice=Text(
                "IQ berät zur betrieblichen Integration und zur Deutschförderung am Arbeitsplatz.",
                "IQ advises on integration at work and on German support in the job.",
            ),
        ),
        _step(
            "fkv.residence_permit",
            Text(
                f"Die Ausländerbehörde erteilt den Aufenthaltstitel nach {title}.",
                f"The foreigners' authority issues the residence title under {title}.",
            ),
            Actor.foreigners_office,
            f"{title}; § 18 Abs. 4 AufenthG",
            _typical(4, "weeks"),
            fee=_fee(P.FEE_PERMIT, on),
            documents=(DOC_PASSPORT, Text("Meldebescheinigung", "Registration certificate")),
            phase="employment",
        ),
    )


# --- standard procedures ----------------------------------------------------------------------


def _visa(
    prefix: str, on: date, *, ba: bool, legal_basis: str, documents: tuple[Text, ...]
) -> tuple[Step, ...]:
    steps = [
        _step(
            f"{prefix}.visa_appointment",
            Text(
                "Die Fachkraft bucht einen Termin bei der deutschen Auslandsvertretung.",
                "The worker books an appointment at the German mission.",
            ),
            Actor.worker,
            "§ 6 Abs. 3 AufenthG",
            _typical(6, "weeks", "Wartezeiten je Auslandsvertretung, nicht gesetzlich"),
            actors=(Actor.mission,),
        ),
        _step(
            f"{prefix}.visa_application",
            Text("Die Fachkraft stellt den Visumantrag.", "The worker applies for the visa."),
            Actor.worker,
            f"{legal_basis}; § 46 Abs. 2 Nr. 1 AufenthV",
            _typical(1, "weeks"),
            actors=(Actor.mission,),
            fee=_fee(P.FEE_VISA, on),
            documents=(DOC_PASSPORT, *documents),
        ),
    ]
    if ba:
        steps.append(
            _step(
                f"{prefix}.ba_approval",
                Text(
                    "Die Auslandsvertretung fragt die Bundesagentur für Arbeit um Zustimmung.",
                    "The mission asks the Federal Employment Agency for approval.",
                ),
                Actor.employment_agency,
                "§ 39 AufenthG; § 36 Abs. 2 S. 1 BeschV",
                _statutory(2, "weeks", "§ 36 Abs. 2 S. 1 BeschV"),
                actors=(Actor.mission,),
                note=Text(
                    "Antwortet die Bundesagentur nicht innerhalb von 2 Wochen, gilt die "
                    "Zustimmung als erteilt.",
                    "If the agency does not answer within 2 weeks, approval is deemed given.",
                ),
            )
        )
    steps.append(
        _step(
            f"{prefix}.visa_decision",
            Text(
                "Die Auslandsvertretung entscheidet über das Visum.",
                "The mission decides on the visa.",
            ),
            Actor.mission,
            legal_basis,
            _typical(4, "weeks", "Angaben der Auslandsvertretungen"),
        )
    )
    return tuple(steps)


def _entry_and_permit(prefix: str, title: str, on: date) -> tuple[Step, ...]:
    return (
        _step(
            f"{prefix}.entry",
            Text(
                "Die Fachkraft reist ein und meldet ihre Wohnung an.",
                "The worker enters and registers the address.",
            ),
            Actor.worker,
            "§ 17 BMG",
            _typical(2, "weeks"),
            phase="employment",
        ),
        _step(
            f"{prefix}.residence_permit",
            Text(
                f"Die Ausländerbehörde erteilt den Aufenthaltstitel nach {title}.",
                f"The foreigners' authority issues the residence title under {title}.",
            ),
            Actor.foreigners_office,
            f"{title}; § 45 Nr. 1 AufenthV",
            _typical(4, "weeks"),
            fee=_fee(P.FEE_PERMIT, on),
            documents=(DOC_PASSPORT,),
            phase="employment",
        ),
    )


def _job_offer(prefix: str) -> Step:
    return _step(
        f"{prefix}.job_offer",
        Text(
            "Arbeitgeber und Fachkraft vereinbaren einen Arbeitsvertrag oder ein verbindliches "
            "Angebot.",
            "Employer and worker agree a contract or a binding job offer.",
        ),
        Actor.employer,
        "§ 18 Abs. 2 Nr. 1 AufenthG",
        _typical(4, "weeks"),
        actors=(Actor.worker,),
        documents=(DOC_CONTRACT,),
        phase="preparation",
        advice=Text(
            "IQ berät Unternehmen zu den Abläufen bei der Einwanderung.",
            "IQ advises companies on the immigration procedure.",
        ),
    )


def _skilled_worker(on: date, land_law: bool) -> tuple[Step, ...]:
    return (
        _job_offer("std"),
        _step(
            "std.recognition",
            Text(
                "Die Fachkraft lässt ihren Abschluss anerkennen (Berufsabschluss: "
                "Anerkennungsstelle, Hochschulabschluss: anabin oder ZAB).",
                "The worker has the qualification recognised (vocational: recognition body; "
                "degree: anabin or ZAB).",
            ),
            Actor.recognition_body,
            "§ 18 Abs. 2 Nr. 4 AufenthG; § 6 BQFG",
            _statutory(3, "months", "Landes-BQFG" if land_law else "§ 6 BQFG"),
            actors=(Actor.worker, Actor.zab),
            fee=_fee(P.FEE_IHK_FOSA, on),
            note=Text(
                "Entscheidung innerhalb von 3 Monaten nach vollständigen Unterlagen.",
                "Decision within 3 months of a complete file.",
            ),
            documents=(DOC_CERTIFICATES, DOC_REFERENCES),
            advice=Text(
                "IQ berät zu Referenzberuf und Anerkennungsverfahren.",
                "IQ advises on the reference occupation and the recognition procedure.",
            ),
            phase="preparation",
        ),
        *_visa(
            "std",
            on,
            ba=True,
            legal_basis="§§ 18a, 18b AufenthG",
            documents=(DOC_CONTRACT, Text("Anerkennungsbescheid", "Recognition notice")),
        ),
        *_entry_and_permit("std", "§ 18a oder § 18b AufenthG", on),
    )


def _blue_card(on: date) -> tuple[Step, ...]:
    return (
        _job_offer("bc"),
        _step(
            "bc.comparability",
            Text(
                "Die Fachkraft prüft in anabin, ob ihr Abschluss vergleichbar ist, sonst "
                "beantragt sie eine Zeugnisbewertung bei der ZAB.",
                "The worker checks anabin for the degree's comparability, otherwise applies "
                "for a statement of comparability at the ZAB.",
            ),
            Actor.zab,
            "§ 18g Abs. 1 AufenthG",
            _typical(3, "months", "ZAB, Bearbeitungszeiten"),
            actors=(Actor.worker,),
            fee=_fee(P.FEE_ZAB_DEGREE, on),
            documents=(DOC_CERTIFICATES,),
            phase="preparation",
        ),
        *_visa(
            "bc",
            on,
            ba=True,
            legal_basis="§ 18g AufenthG",
            documents=(DOC_CONTRACT, DOC_CERTIFICATES),
        ),
        *_entry_and_permit("bc", "§ 18g AufenthG", on),
    )


def _zab_confirmation(prefix: str, on: date) -> Step:
    return _step(
        f"{prefix}.confirmation",
        Text(
            "Die ZAB bestätigt, dass der Abschluss im Herkunftsland staatlich anerkannt ist "
            "(Digitale Auskunft DAB oder Zeugnisbewertung).",
            "The ZAB confirms that the qualification is state-recognised in the country of "
            "origin (digital confirmation DAB or statement of comparability).",
        ),
        Actor.zab,
        "§ 6 Abs. 1 S. 4 BeschV; § 16d Abs. 3 S. 4, § 20a AufenthG",
        _typical(6, "weeks", "ZAB, Bearbeitungszeiten"),
        actors=(Actor.worker,),
        fee=_fee(P.FEE_ZAB_DAB, on),
        documents=(DOC_CERTIFICATES,),
        phase="preparation",
    )


# Since 1 June 2024 the employer asks the BA for a Vorabzustimmung first (digest §2.3); before,
# the worker applied at the mission with the contract and the mission asked the BA.
WESTBALKAN_PRE_APPROVAL_FROM = date(2024, 6, 1)


def _westbalkan_contract() -> Step:
    return _step(
        "wb.contract",
        Text(
            "Arbeitgeber und Fachkraft schließen einen Arbeitsvertrag (keine Zeitarbeit, "
            "vergleichbarer Lohn).",
            "Employer and worker sign a contract (no agency work, comparable pay).",
        ),
        Actor.employer,
        "§ 26 Abs. 2 BeschV; § 40 Abs. 1 Nr. 2 AufenthG",
        _typical(4, "weeks"),
        actors=(Actor.worker,),
        documents=(DOC_CONTRACT,),
        phase="preparation",
    )


def _westbalkan_until_may_2024(on: date) -> tuple[Step, ...]:
    quota = P.value_on(P.WESTBALKAN_QUOTA, on)
    quota_de = f"{quota:,}".replace(",", ".")
    return (
        _westbalkan_contract(),
        _step(
            "wb.visa_appointment",
            Text(
                "Die Fachkraft bemüht sich um einen Termin bei der deutschen Auslandsvertretung "
                "in ihrem Westbalkanstaat (Termine wurden verlost).",
                "The worker seeks an appointment at the German mission in the Western Balkan "
                "state (appointments were allocated by lottery).",
            ),
            Actor.worker,
            "§ 26 Abs. 2 S. 2 BeschV",
            _typical(6, "months", "Angaben der Auslandsvertretungen: lange Wartezeiten"),
            actors=(Actor.mission,),
            phase="preparation",
        ),
        _step(
            "wb.visa_application",
            Text(
                "Die Fachkraft stellt den Visumantrag mit dem Arbeitsvertrag.",
                "The worker applies for the visa with the contract.",
            ),
            Actor.worker,
            "§ 19c Abs. 1 AufenthG; § 46 Abs. 2 Nr. 1 AufenthV",
            _typical(1, "weeks"),
            actors=(Actor.mission,),
            fee=_fee(P.FEE_VISA, on),
            documents=(DOC_PASSPORT, DOC_CONTRACT),
        ),
        _step(
            "wb.ba_approval",
            Text(
                "Die Auslandsvertretung fragt die Bundesagentur für Arbeit um Zustimmung.",
                "The mission asks the Federal Employment Agency for approval.",
            ),
            Actor.employment_agency,
            "§ 26 Abs. 2 S. 1-3 BeschV; § 39 Abs. 3 AufenthG; § 36 Abs. 2 S. 1 BeschV",
            _statutory(2, "weeks", "§ 36 Abs. 2 S. 1 BeschV"),
            actors=(Actor.mission,),
            note=Text(
                f"Höchstens {quota_de} Erstzustimmungen im Jahr.",
                f"At most {quota:,} first approvals a year.",
            ),
        ),
        _step(
            "wb.visa_decision",
            Text(
                "Die Auslandsvertretung entscheidet über das Visum.",
                "The mission decides on the visa.",
            ),
            Actor.mission,
            "§ 19c Abs. 1 AufenthG",
            _typical(4, "weeks", "Angaben der Auslandsvertretungen"),
        ),
        *_entry_and_permit("wb", "§ 19c Abs. 1 AufenthG i. V. m. § 26 Abs. 2 BeschV", on),
    )


def _westbalkan(on: date) -> tuple[Step, ...]:
    if on < WESTBALKAN_PRE_APPROVAL_FROM:
        return _westbalkan_until_may_2024(on)
    quota = P.value_on(P.WESTBALKAN_QUOTA, on)
    quota_de = f"{quota:,}".replace(",", ".")
    return (
        _westbalkan_contract(),
        _step(
            "wb.ba_pre_approval",
            Text(
                "Der Arbeitgeber beantragt online die Vorabzustimmung der Bundesagentur für "
                "Arbeit.",
                "The employer applies online for the prior approval of the Federal "
                "Employment Agency.",
            ),
            Actor.employer,
            "§ 26 Abs. 2 S. 1-3 BeschV; § 39 Abs. 3 AufenthG",
            _typical(3, "months", "Angaben der BA und IHK: Wartezeiten von Monaten"),
            actors=(Actor.employment_agency,),
            note=Text(
                f"Bearbeitung nach Eingang im Rahmen monatlicher Kontingente je Staat; "
                f"höchstens {quota_de} Erstzustimmungen im Jahr.",
                f"Handled in order of receipt within monthly contingents per state; at "
                f"most {quota:,} first approvals a year.",
            ),
            documents=(DOC_EMPLOYER_STATEMENT,),
            phase="preparation",
            advice=Text(
                "Das beschleunigte Fachkräfteverfahren ist hier nicht möglich.",
                "The accelerated procedure is not possible here.",
            ),
        ),
        _step(
            "wb.visa_appointment",
            Text(
                "Die Fachkraft bucht einen Termin bei der deutschen Auslandsvertretung in "
                "ihrem Westbalkanstaat.",
                "The worker books an appointment at the German mission in the Western "
                "Balkan state.",
            ),
            Actor.worker,
            "§ 26 Abs. 2 S. 2 BeschV",
            _typical(4, "weeks", "Angaben der Auslandsvertretungen"),
            actors=(Actor.mission,),
        ),
        _step(
            "wb.visa_application",
            Text(
                "Die Fachkraft stellt den Visumantrag mit der Vorabzustimmung.",
                "The worker applies for the visa with the prior approval.",
            ),
            Actor.worker,
            "§ 19c Abs. 1 AufenthG; § 46 Abs. 2 Nr. 1 AufenthV",
            _typical(6, "weeks", "Angaben der Auslandsvertretungen"),
            actors=(Actor.mission,),
            fee=_fee(P.FEE_VISA, on),
            documents=(DOC_PASSPORT, DOC_CONTRACT),
        ),
        *_entry_and_permit("wb", "§ 19c Abs. 1 AufenthG i. V. m. § 26 Abs. 2 BeschV", on),
    )


def _recognition_partnership(on: date) -> tuple[Step, ...]:
    return (
        _zab_confirmation("ap", on),
        _step(
            "ap.german_a2",
            Text(
                "Die Fachkraft weist Deutsch auf dem Niveau A2 nach.",
                "The worker proves German at level A2.",
            ),
            Actor.worker,
            "§ 16d Abs. 3 S. 1 Nr. 5 AufenthG",
            _typical(3, "months"),
            documents=(DOC_LANGUAGE,),
            phase="preparation",
        ),
        _step(
            "ap.contract_agreement",
            Text(
                "Arbeitgeber und Fachkraft schließen Arbeitsvertrag und Vereinbarung zur "
                "Anerkennungspartnerschaft.",
                "Employer and worker sign the contract and the recognition-partnership agreement.",
            ),
            Actor.employer,
            "§ 16d Abs. 3 S. 1 Nr. 3 AufenthG; § 2a BeschV",
            _typical(4, "weeks"),
            actors=(Actor.worker,),
            documents=(
                DOC_CONTRACT,
                Text(
                    "Vereinbarung zur Anerkennungspartnerschaft",
                    "Recognition-partnership agreement",
                ),
            ),
            phase="preparation",
            advice=Text(
                "IQ berät zur Anerkennungspartnerschaft und plant Qualifizierungen.",
                "IQ advises on the recognition partnership and plans training.",
            ),
        ),
        *_visa(
            "ap",
            on,
            ba=True,
            legal_basis="§ 16d Abs. 3 AufenthG",
            documents=(DOC_CONTRACT, DOC_LANGUAGE),
        ),
        _step(
            "ap.entry",
            Text("Die Fachkraft reist ein.", "The worker enters."),
            Actor.worker,
            "§ 16d Abs. 3 AufenthG",
            _typical(2, "weeks"),
            phase="employment",
        ),
        _step(
            "ap.recognition_application",
            Text(
                "Die Fachkraft beantragt unverzüglich die Anerkennung.",
                "The worker applies for recognition without delay.",
            ),
            Actor.worker,
            "§ 16d Abs. 3 S. 1 Nr. 3 AufenthG; § 6 BQFG",
            _statutory(3, "months", "§ 6 BQFG"),
            actors=(Actor.recognition_body,),
            fee=_fee(P.FEE_IHK_FOSA, on),
            documents=(DOC_CERTIFICATES,),
            phase="employment",
        ),
        _step(
            "ap.residence_permit",
            Text(
                "Die Ausländerbehörde erteilt die Aufenthaltserlaubnis für höchstens 1 Jahr; "
                "Verlängerung bis zu 3 Jahren.",
                "The foreigners' authority issues the permit for at most 1 year; extensions "
                "up to 3 years.",
            ),
            Actor.foreigners_office,
            "§ 16d Abs. 3 S. 5 AufenthG",
            _typical(4, "weeks"),
            fee=_fee(P.FEE_PERMIT, on),
            phase="employment",
        ),
        _step(
            "ap.switch",
            Text(
                "Nach voller Anerkennung wechselt die Fachkraft zu § 18a oder § 18b.",
                "After full recognition the worker switches to § 18a or § 18b.",
            ),
            Actor.foreigners_office,
            "§§ 18a, 18b AufenthG",
            _typical(12, "months"),
            actors=(Actor.worker, Actor.employer),
            phase="employment",
        ),
    )


def _opportunity_card(on: date) -> tuple[Step, ...]:
    means = P.value_on(P.MONTHLY_MEANS_EUR, on)
    return (
        _zab_confirmation("ck", on),
        _step(
            "ck.language_certificate",
            Text(
                "Die Fachkraft legt ein Sprachzertifikat vor (höchstens 12 Monate alt).",
                "The worker gets a language certificate (at most 12 months old).",
            ),
            Actor.worker,
            "§ 20a Abs. 3 Nr. 2, Abs. 4 AufenthG",
            _typical(3, "months"),
            documents=(DOC_LANGUAGE,),
            phase="preparation",
        ),
        _step(
            "ck.means",
            Text(
                f"Die Fachkraft sichert ihren Lebensunterhalt ({means} Euro im Monat).",
                f"The worker secures the living costs ({means} euros a month).",
            ),
            Actor.worker,
            "§ 20a Abs. 4 S. 1 AufenthG; § 2 Abs. 3 AufenthG",
            _typical(2, "weeks"),
            documents=(DOC_MEANS,),
            phase="preparation",
        ),
        *_visa(
            "ck",
            on,
            ba=False,
            legal_basis="§ 20a AufenthG",
            documents=(DOC_MEANS, DOC_LANGUAGE, DOC_CERTIFICATES, DOC_INSURANCE),
        ),
        _step(
            "ck.job_search",
            Text(
                "Die Fachkraft sucht in Deutschland Arbeit (Chancenkarte bis zu 1 Jahr, "
                "Nebenjob bis zu 20 Stunden pro Woche).",
                "The worker looks for work in Germany (card for up to 1 year, side job up to "
                "20 hours a week).",
            ),
            Actor.worker,
            "§ 20a Abs. 2, Abs. 5 S. 1 AufenthG",
            _typical(6, "months"),
            phase="employment",
        ),
        _step(
            "ck.switch",
            Text(
                "Mit einem Arbeitsvertrag wechselt die Fachkraft zu §§ 18a, 18b, 18g oder "
                "§ 19c Abs. 2.",
                "With a contract the worker switches to §§ 18a, 18b, 18g or § 19c (2).",
            ),
            Actor.foreigners_office,
            "§§ 18a, 18b, 18g, 19c AufenthG",
            _typical(4, "weeks"),
            actors=(Actor.worker,),
            fee=_fee(P.FEE_PERMIT, on),
            phase="employment",
        ),
    )


def _experience_route(on: date) -> tuple[Step, ...]:
    return (
        _zab_confirmation("ex", on),
        _job_offer("ex"),
        *_visa(
            "ex",
            on,
            ba=True,
            legal_basis="§ 19c Abs. 2 AufenthG; § 6 BeschV",
            documents=(DOC_CONTRACT, DOC_REFERENCES),
        ),
        *_entry_and_permit("ex", "§ 19c Abs. 2 AufenthG", on),
    )


def _recognition_measures(on: date) -> tuple[Step, ...]:
    return (
        _step(
            "rm.deficit_notice",
            Text(
                "Die Anerkennungsstelle stellt fest, welche Kenntnisse noch fehlen "
                "(Defizitbescheid).",
                "The recognition body finds which skills are still missing (notice of deficits).",
            ),
            Actor.recognition_body,
            "§ 16d Abs. 1 S. 1 AufenthG; § 6 BQFG",
            _statutory(3, "months", "§ 6 BQFG"),
            actors=(Actor.worker,),
            fee=_fee(P.FEE_IHK_FOSA, on),
            documents=(DOC_CERTIFICATES,),
            phase="preparation",
        ),
        _step(
            "rm.measure_place",
            Text(
                "Die Fachkraft findet einen Platz in einer Anpassungsqualifizierung.",
                "The worker finds a place in an adaptation training.",
            ),
            Actor.worker,
            "§ 16d Abs. 1 S. 2 Nr. 2 AufenthG",
            _typical(2, "months"),
            actors=(Actor.iq_counselling, Actor.employer),
            advice=Text(
                "IQ plant und vermittelt Qualifizierungen im Kontext der Anerkennung.",
                "IQ plans and arranges training in the context of recognition.",
            ),
            phase="preparation",
        ),
        *_visa(
            "rm",
            on,
            ba=True,
            legal_basis="§ 16d Abs. 1 AufenthG",
            documents=(DOC_DEFICIT, DOC_MEANS, DOC_LANGUAGE),
        ),
        _step(
            "rm.measure",
            Text(
                "Die Fachkraft nimmt an der Maßnahme teil (Aufenthaltserlaubnis bis zu "
                "24 Monate, Nebenjob bis zu 20 Stunden pro Woche).",
                "The worker takes part in the training (permit up to 24 months, side job up "
                "to 20 hours a week).",
            ),
            Actor.worker,
            "§ 16d Abs. 1 AufenthG",
            _typical(12, "months"),
            fee=_fee(P.FEE_PERMIT, on),
            phase="employment",
        ),
        _step(
            "rm.switch",
            Text(
                "Nach voller Anerkennung wechselt die Fachkraft zu § 18a oder § 18b.",
                "After full recognition the worker switches to § 18a or § 18b.",
            ),
            Actor.foreigners_office,
            "§§ 18a, 18b AufenthG",
            _typical(4, "weeks"),
            actors=(Actor.worker,),
            phase="employment",
        ),
    )


def _language_course(on: date) -> tuple[Step, ...]:
    means = P.value_on(P.MONTHLY_MEANS_EUR, on)
    return (
        _step(
            "lc.course_registration",
            Text(
                "Die Fachkraft meldet sich für einen Deutschkurs in Deutschland an.",
                "The worker registers for a German course in Germany.",
            ),
            Actor.worker,
            "§ 16f Abs. 1 AufenthG",
            _typical(4, "weeks"),
            documents=(Text("Anmeldebestätigung des Sprachkurses", "Course registration"),),
            phase="preparation",
            advice=Text(
                "IQ berät zu Deutschfördermöglichkeiten.", "IQ advises on ways to learn German."
            ),
        ),
        _step(
            "lc.means",
            Text(
                f"Die Fachkraft sichert ihren Lebensunterhalt ({means} Euro im Monat).",
                f"The worker secures the living costs ({means} euros a month).",
            ),
            Actor.worker,
            "§ 2 Abs. 3 AufenthG",
            _typical(2, "weeks"),
            documents=(DOC_MEANS,),
            phase="preparation",
        ),
        *_visa(
            "lc",
            on,
            ba=False,
            legal_basis="§ 16f Abs. 1 AufenthG",
            documents=(DOC_MEANS, DOC_INSURANCE),
        ),
        _step(
            "lc.course",
            Text(
                "Die Fachkraft besucht den Kurs (Arbeit bis zu 20 Stunden pro Woche).",
                "The worker attends the course (work up to 20 hours a week).",
            ),
            Actor.worker,
            "§ 16f Abs. 1, Abs. 3 AufenthG",
            _typical(6, "months"),
            fee=_fee(P.FEE_PERMIT, on),
            phase="employment",
        ),
        _step(
            "lc.next_step",
            Text(
                "Danach: Anerkennung und Wechsel z. B. zu § 18a.",
                "Then: recognition and a switch, e.g. to § 18a.",
            ),
            Actor.iq_counselling,
            "§ 16f AufenthG; § 18a AufenthG",
            _typical(4, "weeks"),
            actors=(Actor.worker,),
            phase="employment",
            advice=Text(
                "IQ berät zur Anerkennung und zum nächsten Aufenthaltstitel.",
                "IQ advises on recognition and the next residence title.",
            ),
        ),
    )


ACCELERATED_TARGETS = frozenset(_TARGET_TITLES)


class Steps(tuple[Step, ...]):
    """A step sequence that knows its total fees (computed once: sequences are cached)."""

    @cached_property
    def fees_eur(self) -> tuple[int, int]:
        low = sum(step.fee.min_eur for step in self if step.fee is not None)
        high = sum(step.fee.max_eur for step in self if step.fee is not None)
        return low, high


@lru_cache(maxsize=512)
def _steps_cached(
    pathway_key: str, on: date, accelerated: bool, land_law: bool, academic: bool
) -> tuple[Step, ...]:
    if pathway_key == "accelerated_procedure":
        return Steps(_accelerated("skilled_worker", on, land_law, academic))
    if accelerated and pathway_key in ACCELERATED_TARGETS:
        return Steps(_accelerated(pathway_key, on, land_law, academic))
    builders = {
        "westbalkan": lambda: _westbalkan(on),
        "skilled_worker": lambda: _skilled_worker(on, land_law),
        "blue_card": lambda: _blue_card(on),
        "recognition_partnership": lambda: _recognition_partnership(on),
        "opportunity_card": lambda: _opportunity_card(on),
        "experience_route": lambda: _experience_route(on),
        "recognition_measures": lambda: _recognition_measures(on),
        "language_course": lambda: _language_course(on),
    }
    if pathway_key not in builders:
        raise KeyError(pathway_key)
    return Steps(builders[pathway_key]())


def steps_for(
    pathway_key: str,
    on: date | None = None,
    *,
    accelerated: bool = False,
    land_law: bool = False,
    via: str | None = None,
    academic: bool = False,
) -> tuple[Step, ...]:
    """The ordered steps of a pathway as the law stood on ``on`` (default: today).

    ``accelerated`` gives the § 81a sequence for the routes it covers (``via`` names the route
    for the key ``accelerated_procedure``, default § 18a); ``land_law`` uses the general
    3-month recognition deadline of Land law instead of the 2 months of § 14a BQFG;
    ``academic`` names the title of a skilled worker with a degree (§ 18b, not § 18a).
    """
    day = max(on or date.today(), P.SUPPORTED_FROM)
    if pathway_key == "accelerated_procedure" and via is not None:
        return _steps_cached(via, day, True, land_law, academic)
    return _steps_cached(pathway_key, day, accelerated, land_law, academic)
