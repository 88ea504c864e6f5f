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

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, Literal

from . import parameters as P
from .records import record
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


@record
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


@record
class Fee:
    min_eur: int
    max_eur: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"min_eur": self.min_eur, "max_eur": self.max_eur, "source": self.source}


@record
class Step:
    # Step sequences are cache keys (``personalise``, the ranking): the hash covers the fields
    # that tell steps apart, equality still compares every field.
    key: str
    title: Text = field(hash=False)
    actor: Actor
    actors: tuple[Actor, ...] = field(hash=False)
    legal_basis: str
    duration: Duration | None
    deadline_note: Text | None = field(hash=False)
    fee: Fee | None = field(hash=False)
    documents: tuple[Text, ...] = field(hash=False)
    iq_advice: Text | None = field(hash=False)
    phase: Phase = field(hash=False)

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
            Text.format(
                "Die Ausländerbehörde beantragt bei der ZAB eine Bestätigung über {subject}.",
                "The foreigners' authority asks the ZAB to confirm {subject}.",
                subject=subject,
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
            Text.format(
                "Die Fachkraft erhält das Visum nach {title}, reist ein und beginnt die Arbeit.",
                "The worker gets the visa under {title}, enters and starts work.",
                title=title,
            ),
            Actor.mission,
            f"§ 31a AufenthV; {title}",
            # § 31a AufenthV: appointment and decision "in der Regel" within 3 weeks each, a
            # typical duration the mission aims at, not a deadline that binds it.
            _typical(6, "weeks", "§ 31a AufenthV (in der Regel)"),
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
            Text.format(
                "Die Ausländerbehörde erteilt den Aufenthaltstitel nach {title}.",
                "The foreigners' authority issues the residence title under {title}.",
                title=title,
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
            Text.format(
                "Die Ausländerbehörde erteilt den Aufenthaltstitel nach {title}.",
                "The foreigners' authority issues the residence title under {title}.",
                title=title,
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


def _westbalkan_until_may_2024(on: date, quota: int) -> tuple[Step, ...]:
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
            note=Text.format(
                "Höchstens {quota} Erstzustimmungen im Jahr.",
                "At most {quota} first approvals a year.",
                quota=Text.value(quota_de, f"{quota:,}"),
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


def _westbalkan(on: date, quota: int) -> tuple[Step, ...]:
    if on < WESTBALKAN_PRE_APPROVAL_FROM:
        return _westbalkan_until_may_2024(on, quota)
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
            note=Text.format(
                "Bearbeitung nach Eingang im Rahmen monatlicher Kontingente je Staat; höchstens "
                "{quota} Erstzustimmungen im Jahr.",
                "Handled in order of receipt within monthly contingents per state; at most "
                "{quota} first approvals a year.",
                quota=Text.value(quota_de, f"{quota:,}"),
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


def _opportunity_card(on: date, means: int) -> tuple[Step, ...]:
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
            Text.format(
                "Die Fachkraft sichert ihren Lebensunterhalt ({means} Euro im Monat).",
                "The worker secures the living costs ({means} euros a month).",
                means=means,
            ),
            Actor.worker,
            "§ 20a Abs. 4 S. 1 AufenthG",
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
            # § 16d Abs. 1 S. 3-4 AufenthG in this form (24 months, 20 hours) since 1 March 2024;
            # before, the step names no figures rather than the wrong ones.
            Text(
                "Die Fachkraft nimmt an der Maßnahme teil (Aufenthaltserlaubnis bis zu "
                "24 Monate, Nebenjob bis zu 20 Stunden pro Woche).",
                "The worker takes part in the training (permit up to 24 months, side job up "
                "to 20 hours a week).",
            )
            if on >= P.WORK_RULES_2024_03.valid_from
            else Text(
                "Die Fachkraft nimmt an der Maßnahme teil.",
                "The worker takes part in the training.",
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


def _language_course(on: date, means: int) -> tuple[Step, ...]:
    # § 16f Abs. 3 S. 4 AufenthG (work up to 20 hours a week) applies since 1 March 2024.
    course = (
        Text(
            "Die Fachkraft besucht den Kurs (Arbeit bis zu 20 Stunden pro Woche).",
            "The worker attends the course (work up to 20 hours a week).",
        )
        if on >= P.WORK_RULES_2024_03.valid_from
        else Text("Die Fachkraft besucht den Kurs.", "The worker attends the course.")
    )
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
            Text.format(
                "Die Fachkraft sichert ihren Lebensunterhalt ({means} Euro im Monat).",
                "The worker secures the living costs ({means} euros a month).",
                means=means,
            ),
            Actor.worker,
            "§ 2 Abs. 3 S. 6 AufenthG",
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
            course,
            Actor.worker,
            "§ 16f Abs. 1, Abs. 3 S. 4 AufenthG",
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
    pathway_key: str,
    on: date,
    accelerated: bool,
    land_law: bool,
    academic: bool,
    quota: int,
    means: int,
) -> tuple[Step, ...]:
    if pathway_key == "accelerated_procedure":
        return Steps(_accelerated("skilled_worker", on, land_law, academic))
    if accelerated and pathway_key in ACCELERATED_TARGETS:
        return Steps(_accelerated(pathway_key, on, land_law, academic))
    builders = {
        "westbalkan": lambda: _westbalkan(on, quota),
        "skilled_worker": lambda: _skilled_worker(on, land_law),
        "blue_card": lambda: _blue_card(on),
        "recognition_partnership": lambda: _recognition_partnership(on),
        "opportunity_card": lambda: _opportunity_card(on, means),
        "experience_route": lambda: _experience_route(on),
        "recognition_measures": lambda: _recognition_measures(on),
        "language_course": lambda: _language_course(on, means),
    }
    if pathway_key not in builders:
        raise KeyError(pathway_key)
    return Steps(builders[pathway_key]())


@lru_cache(maxsize=512)
def _dated_figures(day: date) -> tuple[int, int]:
    """The Westbalkan quota and the monthly means in force on ``day`` (looked up once a day)."""
    return P.value_on(P.WESTBALKAN_QUOTA, day), P.value_on(P.MONTHLY_MEANS_EUR, day)


def steps_for(
    pathway_key: str,
    on: date | None = None,
    *,
    accelerated: bool = False,
    land_law: bool = False,
    via: str | None = None,
    academic: bool = False,
    quota: int | None = None,
    means: int | None = None,
) -> tuple[Step, ...]:
    """The ordered steps of a pathway as the law stood on ``on`` (default: today).

    ``accelerated`` gives the § 81a sequence for the routes it covers (``via`` names the route
    for the key ``accelerated_procedure``, default § 18a); ``land_law`` uses the general
    3-month recognition deadline of Land law instead of the 2 months of § 14a BQFG;
    ``academic`` names the title of a skilled worker with a degree (§ 18b, not § 18a).
    ``quota`` and ``means``: the figures the checks use (they follow ``RuleOptions``); by
    default the dated figures of ``parameters``.
    """
    day = max(on or date.today(), P.SUPPORTED_FROM)
    if quota is None or means is None:
        dated_quota, dated_means = _dated_figures(day)
        quota = dated_quota if quota is None else quota
        means = dated_means if means is None else means
    if pathway_key == "accelerated_procedure" and via is not None:
        return _steps_cached(via, day, True, land_law, academic, quota, means)
    return _steps_cached(pathway_key, day, accelerated, land_law, academic, quota, means)


# --- steps for one person ---------------------------------------------------------------------
# The sequences above are the law's, the same for everybody (and cached per date). What a person
# has already done, which recognition body is theirs, and what leaving Germany would mean for
# them follows from a few of their answers, the ``Facets``: ``personalise`` turns a sequence into
# the person's plan. It is pure and cached per (sequence, facets), so results stay cacheable per
# rules version and language. The employer plan uses it with the worker's profile too.
#
# Sources of the reasons: § 2 Abs. 2 BQFG (recognition for anybody with a foreign qualification
# who wants to work here); § 18 Abs. 2 Nr. 4, § 18g Abs. 1, Abs. 2 AufenthG; § 20b Abs. 1 S. 2
# AufenthG (partial recognition replaces the proof of state recognition); § 16d Abs. 1 AufenthG;
# § 60a Abs. 5 S. 1 AufenthG (a Duldung ends when its holder leaves); § 33 Abs. 1, 3 AsylG (a
# journey to the country of origin during the asylum procedure counts as not pursuing it);
# § 39 S. 1 Nr. 1 AufenthV (a title holder can get the next title in Germany); § 51 Abs. 1
# Nr. 6, 7 AufenthG (a title lapses after a departure that is not temporary or after six
# months abroad). Checked against the statute texts as of 2025-04; last checked 2026-12-02.

StepStatus = Literal["todo", "done", "left_out"]
Stay = Literal["abroad", "duldung", "gestattung", "duldung_or_gestattung", "title", "visit"]

# Steps that take the person abroad or need them to be abroad: a visa, an entry.
_ABROAD_SUFFIXES = (".visa_appointment", ".visa_application", ".visa_decision", ".entry")
_ABROAD_KEYS = frozenset({"fkv.visa_entry_work"})

_RECOGNITION_KEYS = frozenset(
    {
        "std.recognition",
        "fkv.recognition_application",
        "fkv.recognition_decision",
        "rm.deficit_notice",
        "ap.recognition_application",
    }
)
_CONFIRMATION_KEYS = frozenset({"ap.confirmation", "ck.confirmation", "ex.confirmation"})
_COMPARABILITY_KEYS = frozenset({"bc.comparability"})
_JOB_OFFER_KEYS = frozenset({"std.job_offer", "bc.job_offer", "ex.job_offer"})


# The qualifications that make a Fachkraft once fully recognised (§ 18 Abs. 3 AufenthG).
SKILLED_QUALIFICATIONS = frozenset({"vocational_short", "vocational", "academic"})


@record
class Facets:
    """The answers that change a person's steps; hashable, so plans are cached per facets."""

    recognition: str | None = None  # none / pending / partial / full, None = not answered
    qualification: str | None = None  # none / vocational_short / vocational / academic
    regulated: bool | None = None  # the profession or the job needs a licence to practise
    craft: bool | None = None  # an occupation of the crafts (ISCO-08 major group 7)
    it_without_degree: bool = False  # § 18g Abs. 2: IT experience instead of a degree
    stay: Stay | None = None  # where and how the person lives now
    job_offer: str | None = None  # none / qualified / unqualified

    @classmethod
    def of(cls, profile: Any) -> Facets:
        """The facets of a ``Profile`` (read by attribute, so older profiles work too)."""
        isco = getattr(profile, "occupation_isco", None)
        qualification = getattr(profile, "qualification", None)
        regulated = getattr(profile, "regulated_profession", None)
        licence = getattr(profile, "job_needs_licence", None)
        it_years = getattr(profile, "it_experience_years_last7", None)
        is_it = bool(isco) and any(str(isco).startswith(g) for g in P.IT_ISCO_GROUPS)
        return cls(
            recognition=getattr(profile, "recognition", None),
            qualification=qualification,
            regulated=True if (regulated or licence) else regulated,
            craft=None if isco in (None, "other") else str(isco).startswith("7"),
            it_without_degree=(
                is_it and qualification != "academic" and it_years is not None and it_years >= 3
            ),
            stay=_stay(getattr(profile, "residence", None)),
            job_offer=getattr(profile, "job_offer", None),
        )

    @property
    def skilled_worker(self) -> bool:
        """Fachkraft by a fully recognised qualification (§ 18 Abs. 3 Nr. 1 AufenthG), as the
        Chancenkarte's route without points reads it (``opportunity_card.skilled_worker_route``)."""
        return self.recognition == "full" and self.qualification in SKILLED_QUALIFICATIONS

    @property
    def in_germany(self) -> bool:
        return self.stay not in (None, "abroad")

    @property
    def tolerated(self) -> bool:
        """Duldung or Aufenthaltsgestattung: leaving can end the stay for good."""
        return self.stay in ("duldung", "gestattung", "duldung_or_gestattung")


def _stay(residence: str | None) -> Stay | None:
    return {
        "abroad": "abroad",
        "germany_duldung": "duldung",
        "germany_gestattung": "gestattung",
        "germany_duldung_or_gestattung": "duldung_or_gestattung",
        "germany_residence_permit": "title",
        "germany_visa_free": "visit",
    }.get(residence or "")  # type: ignore[return-value]


@record
class PersonalStep:
    """One step of a person's plan: the law's step, what it means for them, and why."""

    step: Step
    title: Text
    status: StepStatus = "todo"
    reason: Text | None = None
    warning: Text | None = None
    actor_label: Text | None = None

    @property
    def key(self) -> str:
        return self.step.key

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        data = self.step.to_dict(lang)
        data.update(
            {
                "title": self.title.get(lang),
                "status": self.status,
                "reason": None if self.reason is None else self.reason.get(lang),
                "warning": None if self.warning is None else self.warning.get(lang),
                "abroad": takes_you_abroad(self.step),
            }
        )
        if self.actor_label is not None:
            data["actor_label"] = self.actor_label.get(lang)
        elif self.step.actor is Actor.worker:
            data["actor_label"] = YOU.get(lang)
        return data


YOU = Text("Sie", "You")

# "Die Fachkraft bucht" → "Sie buchen": the phrases of the worker's steps, addressed to the
# reader. A table rather than a grammar: the step texts are few, and a test checks that no
# personal step still speaks of "the worker".
_YOU_DE = (
    (
        "Die Fachkraft erteilt dem Arbeitgeber die Vollmacht zur Antragstellung.",
        "Sie erteilen Ihrem Arbeitgeber die Vollmacht, die Anträge für Sie zu stellen.",
    ),
    ("Die Fachkraft erhält das Visum", "Sie erhalten das Visum"),
    ("reist ein und beginnt die Arbeit", "reisen ein und beginnen die Arbeit"),
    ("Die Fachkraft bucht einen Termin", "Sie buchen einen Termin"),
    ("Die Fachkraft bemüht sich um einen Termin", "Sie bemühen sich um einen Termin"),
    ("in ihrem Westbalkanstaat", "in Ihrem Westbalkanstaat"),
    ("Die Fachkraft stellt den Visumantrag", "Sie stellen den Visumantrag"),
    (
        "Die Fachkraft reist ein und meldet ihre Wohnung an.",
        "Sie reisen ein und melden Ihre Wohnung an.",
    ),
    ("Die Fachkraft reist ein.", "Sie reisen ein."),
    ("Die Fachkraft lässt ihren Abschluss anerkennen", "Sie lassen Ihren Abschluss anerkennen"),
    (
        "Die Fachkraft prüft in anabin, ob ihr Abschluss vergleichbar ist, sonst beantragt sie",
        "Sie prüfen in anabin, ob Ihr Abschluss vergleichbar ist, sonst beantragen Sie",
    ),
    ("Die Fachkraft weist Deutsch", "Sie weisen Deutsch"),
    ("Arbeitgeber und Fachkraft schließen", "Ihr Arbeitgeber und Sie schließen"),
    ("Arbeitgeber und Fachkraft vereinbaren", "Ihr Arbeitgeber und Sie vereinbaren"),
    ("Die Fachkraft beantragt unverzüglich", "Sie beantragen unverzüglich"),
    ("Die Fachkraft legt ein Sprachzertifikat vor", "Sie legen ein Sprachzertifikat vor"),
    ("Die Fachkraft sichert ihren Lebensunterhalt", "Sie sichern Ihren Lebensunterhalt"),
    ("Die Fachkraft sucht in Deutschland Arbeit", "Sie suchen in Deutschland Arbeit"),
    ("wechselt die Fachkraft", "wechseln Sie"),
    ("Die Fachkraft findet", "Sie finden"),
    ("Die Fachkraft nimmt an der Maßnahme teil", "Sie nehmen an der Maßnahme teil"),
    ("Die Fachkraft meldet sich", "Sie melden sich"),
    ("Die Fachkraft besucht den Kurs", "Sie besuchen den Kurs"),
    ("dass der Abschluss im Herkunftsland", "dass Ihr Abschluss im Herkunftsland"),
    (
        "stellt fest, welche Kenntnisse noch fehlen",
        "stellt fest, welche Kenntnisse Ihnen noch fehlen",
    ),
)
_YOU_EN = (
    (
        "The worker gives the employer power of attorney to apply.",
        "You give your employer power of attorney to apply for you.",
    ),
    ("The worker gets the visa", "You get the visa"),
    ("enters and starts work", "enter and start work"),
    ("The worker books an appointment", "You book an appointment"),
    ("The worker seeks an appointment", "You seek an appointment"),
    ("in the Western Balkan state", "in your Western Balkan state"),
    ("The worker applies for the visa", "You apply for the visa"),
    ("The worker enters and registers the address.", "You enter and register your address."),
    ("The worker enters.", "You enter."),
    ("The worker has the qualification recognised", "You have your qualification recognised"),
    (
        "The worker checks anabin for the degree's comparability, otherwise applies",
        "You check anabin for your degree's comparability, otherwise apply",
    ),
    ("The worker proves German", "You prove German"),
    ("Employer and worker sign", "Your employer and you sign"),
    ("Employer and worker agree", "Your employer and you agree"),
    ("The worker applies for recognition without delay", "You apply for recognition without delay"),
    ("The worker gets a language certificate", "You get a language certificate"),
    ("The worker secures the living costs", "You secure your living costs"),
    ("The worker looks for work in Germany", "You look for work in Germany"),
    ("the worker switches", "you switch"),
    ("The worker finds", "You find"),
    ("The worker takes part in the training", "You take part in the training"),
    ("The worker registers for a German course", "You register for a German course"),
    ("The worker attends the course", "You attend the course"),
    ("that the qualification is state-recognised", "that your qualification is state-recognised"),
    ("finds which skills are still missing", "finds which of your skills are still missing"),
)


def _addressed(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for old, new in table:
        text = text.replace(old, new)
    return text


def addressed_to_reader(title: Text) -> Text:
    """A step title in the second person ("Sie …", "You …") where the reader acts."""
    return Text(_addressed(title.de, _YOU_DE), _addressed(title.en, _YOU_EN))


# --- the recognition body that fits the qualification -----------------------------------------


@dataclass(frozen=True, slots=True)
class Body:
    """A recognition body: its name after "bei" (dative), in English, and a short label."""

    at_de: str
    en: str
    label: Text


BODY_ZAB = Body(
    "der Zentralstelle für ausländisches Bildungswesen (ZAB)",
    "the Central Office for Foreign Education (ZAB)",
    Text("ZAB", "ZAB"),
)
BODY_LAND = Body(
    "der zuständigen Stelle des Bundeslandes, in dem Sie arbeiten wollen (der Anerkennungs-Finder "
    "auf anerkennung-in-deutschland.de nennt sie)",
    "the competent authority of the Land where you want to work (the Anerkennungs-Finder on "
    "anerkennung-in-deutschland.de names it)",
    Text("Anerkennungsstelle Ihres Bundeslandes", "Recognition authority of the Land"),
)
BODY_HWK = Body(
    "der Handwerkskammer",
    "the chamber of crafts (Handwerkskammer)",
    Text("Handwerkskammer", "Chamber of crafts"),
)
BODY_IHK = Body(
    "der IHK FOSA (für Berufe der Industrie- und Handelskammern)",
    "IHK FOSA (for occupations of the chambers of industry and commerce)",
    Text("IHK FOSA", "IHK FOSA"),
)
BODY_CHAMBER = Body(
    "der IHK FOSA (Berufe der Industrie- und Handelskammern) oder der Handwerkskammer "
    "(Handwerksberufe); welche Stelle zuständig ist, nennt der Anerkennungs-Finder",
    "IHK FOSA (occupations of the chambers of industry and commerce) or the chamber of crafts "
    "(crafts); the Anerkennungs-Finder names the competent one",
    Text("IHK FOSA oder Handwerkskammer", "IHK FOSA or chamber of crafts"),
)


def recognition_body(facets: Facets) -> Body:
    """Who decides on the recognition of this person's qualification.

    Regulated professions: the Land authority (§ 2 Abs. 2 BQFG and the Land laws, or the law of
    the profession); degrees without a regulated profession: the ZAB statement of comparability
    (there is no recognition procedure for them); crafts: the Handwerkskammer; other vocational
    qualifications: IHK FOSA. Without the occupation: both chambers, and the finder.
    """
    if facets.regulated:
        return BODY_LAND
    if facets.qualification == "academic":
        return BODY_ZAB
    if facets.craft is True:
        return BODY_HWK
    if facets.craft is False:
        return BODY_IHK
    return BODY_CHAMBER


# --- what leaving Germany means -----------------------------------------------------------------

LEAVE_DULDUNG = Text(
    "Achtung: Reisen Sie mit einer Duldung nicht aus. Die Duldung erlischt mit der Ausreise "
    "(§ 60a Abs. 5 S. 1 AufenthG); danach können Sie oft lange nicht wieder einreisen. Prüfen "
    "Sie zuerst mit der IQ Beratung und einer Migrationsberatung, ob Sie den Aufenthaltstitel in "
    "Deutschland bekommen können.",
    "Warning: do not leave Germany with a Duldung. The Duldung ends when you leave (§ 60a (5) "
    "sentence 1 AufenthG); after that you often cannot come back for a long time. First check "
    "with IQ counselling and a migration counselling service whether you can get the residence "
    "title in Germany.",
)
LEAVE_GESTATTUNG = Text(
    "Achtung: Reisen Sie während Ihres Asylverfahrens nicht aus. Eine Reise in Ihr Herkunftsland "
    "gilt als Nichtbetreiben des Verfahrens; es kann eingestellt werden (§ 33 Abs. 1, 3 AsylG). "
    "Lassen Sie sich vorher von der IQ Beratung und einer Migrationsberatung beraten.",
    "Warning: do not leave Germany during your asylum procedure. A journey to your country of "
    "origin counts as not pursuing the procedure, which can be discontinued (§ 33 (1), (3) "
    "AsylG). Get advice from IQ counselling and a migration counselling service first.",
)
LEAVE_TOLERATED = Text(
    "Achtung: Reisen Sie mit einer Duldung oder Aufenthaltsgestattung nicht aus. Eine Duldung "
    "erlischt mit der Ausreise (§ 60a Abs. 5 S. 1 AufenthG); eine Reise in Ihr Herkunftsland "
    "kann Ihr Asylverfahren beenden (§ 33 Abs. 1, 3 AsylG). Prüfen Sie zuerst mit der IQ "
    "Beratung und einer Migrationsberatung, ob Sie den Aufenthaltstitel in Deutschland bekommen "
    "können.",
    "Warning: do not leave Germany with a Duldung or an Aufenthaltsgestattung. A Duldung ends "
    "when you leave (§ 60a (5) sentence 1 AufenthG); a journey to your country of origin can end "
    "your asylum procedure (§ 33 (1), (3) AsylG). First check with IQ counselling and a "
    "migration counselling service whether you can get the residence title in Germany.",
)
LEAVE_TITLE = Text(
    "Sie leben schon mit einem Aufenthaltstitel in Deutschland. Meist beantragen Sie den neuen "
    "Titel hier bei der Ausländerbehörde, ohne auszureisen (§ 39 S. 1 Nr. 1 AufenthV). Ihr Titel "
    "kann erlöschen, wenn Sie nicht nur vorübergehend oder länger als 6 Monate ausreisen (§ 51 "
    "Abs. 1 Nr. 6, 7 AufenthG). Fragen Sie die Ausländerbehörde oder die IQ Beratung, bevor Sie "
    "ausreisen.",
    "You already live in Germany with a residence title. As a rule you apply for the new title "
    "here at the foreigners' authority, without leaving (§ 39 sentence 1 no. 1 AufenthV). Your "
    "title can lapse if you leave for more than a temporary reason or for longer than 6 months "
    "(§ 51 (1) nos. 6, 7 AufenthG). Ask the foreigners' authority or IQ counselling before you "
    "leave.",
)


def leaving_warning(facets: Facets) -> Text | None:
    """What leaving Germany would mean for this person, or None when they live abroad."""
    return {
        "duldung": LEAVE_DULDUNG,
        "gestattung": LEAVE_GESTATTUNG,
        "duldung_or_gestattung": LEAVE_TOLERATED,
        "title": LEAVE_TITLE,
    }.get(facets.stay or "")


def takes_you_abroad(step: Step) -> bool:
    return step.key in _ABROAD_KEYS or step.key.endswith(_ABROAD_SUFFIXES)


# --- the reasons for a step done or left out ---------------------------------------------------

_DONE_FULL = Text(
    "Erledigt: Ihr Abschluss ist schon voll anerkannt oder vergleichbar. Legen Sie den Bescheid "
    "vor.",
    "Done: your qualification is already fully recognised or comparable. Show the notice.",
)
_DONE_APPLIED = Text(
    "Erledigt: Sie haben die Anerkennung schon beantragt. Die Entscheidung steht noch aus.",
    "Done: you have already applied for recognition. The decision is still pending.",
)
_DONE_DEFICIT = Text(
    "Erledigt: Sie haben den Bescheid über die fehlenden Kenntnisse (Defizitbescheid) schon.",
    "Done: you already have the notice of the missing skills (notice of deficits).",
)
_DONE_PARTIAL = Text(
    "Erledigt: Ihr Abschluss ist schon teilweise anerkannt (Defizitbescheid). Die fehlenden "
    "Kenntnisse gleichen Sie im Betrieb oder in einer Qualifizierung aus (§ 16d AufenthG).",
    "Done: your qualification is already partly recognised (notice of deficits). You make up "
    "the missing skills at work or in a training (§ 16d AufenthG).",
)
_LEFT_PARTIAL_REPLACES_ZAB = Text(
    "Entfällt: Ihr Bescheid über die teilweise Anerkennung ersetzt die Bestätigung der ZAB "
    "(§ 20b Abs. 1 S. 2 AufenthG).",
    "Not needed: your notice of partial recognition replaces the ZAB confirmation (§ 20b (1) "
    "sentence 2 AufenthG).",
)
# § 20a Abs. 3 Nr. 1 AufenthG: the Chancenkarte of a Fachkraft asks for no language skills (the
# German A1 or English B2 of § 20a Abs. 4 S. 3 bind only the route by points, Nr. 2).
_LEFT_SKILLED_NO_LANGUAGE = Text(
    "Entfällt: Ihr Abschluss ist voll anerkannt. Als Fachkraft brauchen Sie für die Chancenkarte "
    "keinen Sprachnachweis (§ 20a Abs. 3 Nr. 1 AufenthG).",
    "Not needed: your qualification is fully recognised. As a skilled worker you need no "
    "language certificate for the Chancenkarte (§ 20a (3) no. 1 AufenthG).",
)
_LEFT_IT = Text(
    "Entfällt: Als IT-Fachkraft mit mindestens 3 Jahren IT-Erfahrung brauchen Sie keinen "
    "Hochschulabschluss, also auch keine Bewertung durch die ZAB (§ 18g Abs. 2 AufenthG).",
    "Not needed: as an IT professional with at least 3 years of IT experience you need no "
    "degree, so no ZAB assessment either (§ 18g (2) AufenthG).",
)
_DONE_JOB_OFFER = Text(
    "Erledigt: Sie haben schon ein Arbeitsangebot für eine qualifizierte Stelle. Legen Sie den "
    "Vertrag oder das verbindliche Angebot vor.",
    "Done: you already have an offer for a qualified job. Show the contract or the binding offer.",
)
_LEFT_NO_QUALIFICATION = Text(
    "Entfällt: Für diesen Weg brauchen Sie keinen anerkannten Abschluss.",
    "Not needed: this route needs no recognised qualification.",
)


def _recognition_step(step: Step, facets: Facets) -> PersonalStep:
    title = addressed_to_reader(step.title)
    zab = Actor.zab in (step.actor, *step.actors) and step.key.startswith("fkv.")
    if facets.it_without_degree and zab:
        return PersonalStep(step, title, "left_out", _LEFT_IT)
    if facets.qualification == "none":
        return PersonalStep(step, title, "left_out", _LEFT_NO_QUALIFICATION)
    if facets.recognition == "full":
        return PersonalStep(step, title, "done", _DONE_FULL)
    if facets.recognition == "partial":
        if step.key == "rm.deficit_notice":
            return PersonalStep(step, title, "done", _DONE_DEFICIT)
        return PersonalStep(step, title, "done", _DONE_PARTIAL)
    if facets.recognition == "pending" and step.key in (
        "std.recognition",
        "fkv.recognition_application",
        "ap.recognition_application",
        "rm.deficit_notice",
    ):
        return PersonalStep(step, title, "done", _DONE_APPLIED)
    if zab:
        return PersonalStep(step, title)
    body = recognition_body(facets)
    return PersonalStep(step, _with_body(step, title, body), actor_label=body.label)


def _with_body(step: Step, title: Text, body: Body) -> Text:
    """The step's title naming this person's recognition body (never the Delić example)."""
    if step.key == "fkv.recognition_application":
        return Text.format(
            "Die Ausländerbehörde beantragt für Sie die Anerkennung bei {at}.",
            "The foreigners' authority applies for recognition for you at {at}.",
            at=Text.value(body.at_de, body.en),
        )
    if step.key == "fkv.recognition_decision":
        return Text.format(
            "Die Anerkennungsstelle ({label}) entscheidet, ob Ihr Abschluss einem deutschen "
            "gleichwertig ist.",
            "The recognition body ({label}) decides whether your qualification is equivalent to "
            "a German one.",
            label=body.label,
        )
    if step.key == "std.recognition":
        if body is BODY_ZAB:
            return Text(
                "Sie prüfen in anabin, ob Ihr Hochschulabschluss vergleichbar ist; sonst "
                "beantragen Sie eine Zeugnisbewertung bei der ZAB.",
                "You check anabin for your degree's comparability; otherwise you apply for a "
                "statement of comparability at the ZAB.",
            )
        return Text.format(
            "Sie beantragen die Anerkennung Ihres Abschlusses bei {at}.",
            "You apply for recognition of your qualification at {at}.",
            at=Text.value(body.at_de, body.en),
        )
    if step.key == "rm.deficit_notice":
        return Text.format(
            "Sie beantragen die Anerkennung bei {at}. Fehlen Kenntnisse, stellt der Bescheid "
            "fest, welche (Defizitbescheid).",
            "You apply for recognition at {at}. If skills are missing, the notice says which "
            "(notice of deficits).",
            at=Text.value(body.at_de, body.en),
        )
    if step.key == "ap.recognition_application":
        return Text.format(
            "Sie beantragen unverzüglich die Anerkennung bei {at}.",
            "You apply for recognition at {at} without delay.",
            at=Text.value(body.at_de, body.en),
        )
    return title


def _personal(step: Step, facets: Facets) -> PersonalStep:
    if step.key in _RECOGNITION_KEYS:
        planned = _recognition_step(step, facets)
    elif step.key in _CONFIRMATION_KEYS:
        planned = _confirmation_step(step, facets)
    elif step.key in _COMPARABILITY_KEYS:
        planned = _comparability_step(step, facets)
    elif step.key in _JOB_OFFER_KEYS and facets.job_offer == "qualified":
        planned = PersonalStep(step, addressed_to_reader(step.title), "done", _DONE_JOB_OFFER)
    elif step.key == "ck.language_certificate" and facets.skilled_worker:
        planned = PersonalStep(
            step, addressed_to_reader(step.title), "left_out", _LEFT_SKILLED_NO_LANGUAGE
        )
    else:
        planned = PersonalStep(step, addressed_to_reader(step.title))
    if planned.status == "todo" and takes_you_abroad(step):
        warning = leaving_warning(facets)
        if warning is not None:
            planned = PersonalStep(
                planned.step,
                planned.title,
                planned.status,
                planned.reason,
                warning,
                planned.actor_label,
            )
    return planned


def _confirmation_step(step: Step, facets: Facets) -> PersonalStep:
    title = addressed_to_reader(step.title)
    if facets.recognition == "full":
        return PersonalStep(step, title, "done", _DONE_FULL)
    if facets.recognition == "partial" and step.key == "ck.confirmation":
        return PersonalStep(step, title, "left_out", _LEFT_PARTIAL_REPLACES_ZAB)
    return PersonalStep(step, title)


def _comparability_step(step: Step, facets: Facets) -> PersonalStep:
    title = addressed_to_reader(step.title)
    if facets.it_without_degree:
        return PersonalStep(step, title, "left_out", _LEFT_IT)
    if facets.recognition == "full":
        return PersonalStep(step, title, "done", _DONE_FULL)
    return PersonalStep(step, title)


@lru_cache(maxsize=2048)
def personalise(steps: tuple[Step, ...], facets: Facets) -> tuple[PersonalStep, ...]:
    """The person's plan: each step with its status ("todo", "done" with the reason, or
    "left_out" with the reason), titles addressed to the reader, their recognition body, and a
    warning on every step that would take a person living in Germany abroad."""
    return tuple(_personal(step, facets) for step in steps)


def steps_for_person(steps: tuple[Step, ...], profile: Any) -> tuple[PersonalStep, ...]:
    """``personalise`` for a ``Profile`` (or anything with its attributes)."""
    return personalise(tuple(steps), Facets.of(profile))


def still_to_do(plan: tuple[PersonalStep, ...]) -> tuple[PersonalStep, ...]:
    return tuple(item for item in plan if item.status == "todo")
