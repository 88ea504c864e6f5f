"""The questionnaire as data: one question per profile key, in the order of digest §9.

Legal basis: the conditions of §§ 16d, 16f, 18-20b AufenthG and §§ 1, 6, 26 BeschV decide which
answers matter; each question's ``asked_when`` skips it where no answer could change a verdict.
Figures last checked: 2026-12-02.

Ids are public API (profile keys, saved answers, URLs of the questionnaire): never rename one.
An "I don't know" answer is stored as the key with the value ``None``: it counts as answered
and leaves the condition unknown. The one exception is ``asylum_benefits_months_ago``, where
``None`` means "never received" (the contract's meaning) and there is no "I don't know".

One deliberate change to the digest's order: the age comes right after the place of residence
(not in block 6), because whether the salary and pension questions matter depends on it.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import pycountry

from .parameters import (
    AGE45_FLOOR,
    EXPERIENCE_ROUTE_FLOOR,
    FREE_MOVEMENT_STATES,
    IT_ISCO_GROUPS,
    WESTBALKAN_STATES,
)
from .texts import ProfileError, Text

Kind = Literal["choice", "bool", "int", "decimal", "country"]
Answers = Mapping[str, Any]

LANGUAGE_LEVELS = ("none", "A1", "A2", "B1", "B2", "C1", "C2")
LEVEL_RANK = {level: rank for rank, level in enumerate(LANGUAGE_LEVELS)}


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: Text


def _always(answers: Answers) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: Kind
    label: Text
    help: Text | None = None
    choices: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: Text | None = None
    allow_unknown: bool = True
    asked_when: Callable[[Answers], bool] = _always
    # Label of an extra option that stores ``None`` with a meaning of its own ("never").
    null_choice: Text | None = None
    range_error: Text | None = None
    # Values still accepted from saved answers and the API, but no longer offered.
    legacy_values: tuple[str, ...] = ()

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    @property
    def accepted_values(self) -> tuple[str, ...]:
        return self.choice_values + self.legacy_values


# --- countries --------------------------------------------------------------------------------


def _country_choices() -> tuple[Choice, ...]:
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    choices = [Choice("XK", Text("Kosovo", "Kosovo"))]
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        choices.append(Choice(country.alpha_2, Text(german.gettext(english), english)))
    return tuple(sorted(choices, key=lambda choice: choice.label.de))


COUNTRIES: tuple[Choice, ...] = _country_choices()
COUNTRY_CODES = frozenset(choice.value for choice in COUNTRIES)

# --- choice lists -----------------------------------------------------------------------------

YES_NO = (Choice("yes", Text("Ja", "Yes")), Choice("no", Text("Nein", "No")))

LEVEL_CHOICES = (
    Choice("none", Text("Keine Kenntnisse oder kein Zertifikat", "None, or no certificate")),
    Choice("A1", Text("A1 (einfache Kenntnisse)", "A1 (basic)")),
    Choice("A2", Text("A2 (hinreichende Kenntnisse)", "A2 (elementary)")),
    Choice("B1", Text("B1 (ausreichende Kenntnisse)", "B1 (intermediate)")),
    Choice("B2", Text("B2 (gute Kenntnisse)", "B2 (upper intermediate)")),
    Choice("C1", Text("C1 (sehr gute Kenntnisse)", "C1 (advanced)")),
    Choice("C2", Text("C2 (annähernd muttersprachlich)", "C2 (proficient)")),
)

ISCO_CHOICES = (
    Choice(
        "132",
        Text(
            "Führungskraft in Produktion, Bergbau, Bau oder Logistik (ISCO 132)",
            "Manager in production, mining, construction or logistics (ISCO 132)",
        ),
    ),
    Choice(
        "133",
        Text(
            "Führungskraft in der Informationstechnik (ISCO 133)",
            "Information and communications technology manager (ISCO 133)",
        ),
    ),
    Choice(
        "134",
        Text(
            "Führungskraft in Pflege, Bildung oder sozialen Diensten (ISCO 134)",
            "Manager in care, education or social services (ISCO 134)",
        ),
    ),
    Choice(
        "21",
        Text(
            "Naturwissenschaften, Mathematik oder Ingenieurwesen (ISCO 21)",
            "Science, mathematics or engineering professional (ISCO 21)",
        ),
    ),
    Choice("221", Text("Ärztin oder Arzt (ISCO 221)", "Medical doctor (ISCO 221)")),
    Choice(
        "222",
        Text(
            "Pflege oder Geburtshilfe, akademisch (ISCO 222)",
            "Nursing or midwifery professional (ISCO 222)",
        ),
    ),
    Choice("225", Text("Tierärztin oder Tierarzt (ISCO 225)", "Veterinarian (ISCO 225)")),
    Choice(
        "226",
        Text(
            "Anderer akademischer Gesundheitsberuf, z. B. Zahnmedizin oder Pharmazie (ISCO 226)",
            "Other health professional, e.g. dentist or pharmacist (ISCO 226)",
        ),
    ),
    Choice("23", Text("Lehrkraft (ISCO 23)", "Teaching professional (ISCO 23)")),
    Choice(
        "25",
        Text(
            "Fachkraft für Informations- und Kommunikationstechnik (ISCO 25)",
            "Information and communications technology professional (ISCO 25)",
        ),
    ),
    Choice("other", Text("Ein anderer Beruf", "Another occupation")),
)

# --- when a question is asked -----------------------------------------------------------------
# Each predicate reads only answers to earlier questions. A missing or unknown earlier answer
# (None) counts as "could be anything", so the question stays in.


# Duldung and Aufenthaltsgestattung, and the old combined answer that stands for "one of the two".
TOLERATED = ("germany_duldung", "germany_gestattung", "germany_duldung_or_gestattung")


def _open(a: Answers) -> bool:
    return a.get("nationality") not in FREE_MOVEMENT_STATES


def _maybe_westbalkan(a: Answers) -> bool:
    return _open(a) and a.get("nationality") in (None, *WESTBALKAN_STATES)


def _has_qualification(a: Answers) -> bool:
    return _open(a) and a.get("qualification") in ("vocational", "academic")


def _has_any_qualification(a: Answers) -> bool:
    return _open(a) and a.get("qualification") in ("vocational_short", "vocational", "academic")


def _has_job(a: Answers) -> bool:
    return _open(a) and a.get("job_offer") in ("qualified", "unqualified")


def _is_it(a: Answers) -> bool:
    isco = a.get("occupation_isco") or ""
    return any(isco.startswith(group) for group in IT_ISCO_GROUPS)


def _points_relevant(a: Answers) -> bool:
    """The Chancenkarte points route could decide something for this person."""
    if not _open(a) or a.get("residence") in TOLERATED:
        return False
    if a.get("recognition") == "full":
        return False
    gate = _has_qualification(a) and a.get("qualification_state_recognised") is not False
    return gate or a.get("recognition") == "partial"


def _below(a: Answers, key: str, series: tuple[Any, ...]) -> bool:
    # Questions carry no date, so compare with the highest threshold on file: never skips a
    # question that could matter, at the price of asking a little too often.
    salary = a.get(key)
    return salary is None or Decimal(str(salary)) < max(entry.value for entry in series)


def _asks_collective_agreement(a: Answers) -> bool:
    experience_route = (
        a.get("job_offer") == "qualified"
        and _has_qualification(a)
        and a.get("qualification_state_recognised") is not False
        and _below(a, "annual_salary_eur", EXPERIENCE_ROUTE_FLOOR)
    )
    partnership_exception = a.get("job_offer") == "unqualified" and bool(
        a.get("regulated_profession")
    )
    return _open(a) and (experience_route or partnership_exception)


def _asks_partnership(a: Answers) -> bool:
    return (
        _has_job(a)
        and _has_qualification(a)
        and a.get("qualification_state_recognised") is not False
        and a.get("recognition") != "full"
    )


def _asks_accelerated(a: Answers) -> bool:
    return (
        _has_job(a)
        and a.get("residence") in (None, "abroad")
        and (_has_qualification(a) or _is_it(a))
    )


def _asks_last7(a: Answers) -> bool:
    last5 = a.get("experience_years_last5")
    # Five years within the last five already count as five within seven; under three within
    # five, the two further years cannot reach five.
    return _points_relevant(a) and (last5 is None or 3 <= last5 < 5)


def _asks_pension(a: Answers) -> bool:
    age = a.get("age")
    # 44 at the application may be 45 at the first issue or the start of work.
    return (
        _has_job(a)
        and age is not None
        and age >= 44
        and _below(a, "annual_salary_eur", AGE45_FLOOR)
    )


def _asks_licence(a: Answers) -> bool:
    # § 18 Abs. 2 Nr. 3 AufenthG asks about the job offered, so only with an offer.
    return _has_job(a)


def _asks_westbalkan_employed(a: Answers) -> bool:
    # § 26 Abs. 2 S. 2 BeschV: only the first approval needs an application in the region.
    return (
        _maybe_westbalkan(a)
        and a.get("residence") == "germany_residence_permit"
        and a.get("residence_title_kind") in (None, "employment")
    )


def _asks_it_experience(a: Answers) -> bool:
    # § 18g Abs. 2 AufenthG: anyone who does not meet Abs. 1, also with a degree that is not
    # (yet) comparable.
    return (
        _open(a)
        and _is_it(a)
        and a.get("job_offer") == "qualified"
        and not (a.get("qualification") == "academic" and a.get("recognition") == "full")
    )


def _asks_salary(a: Answers) -> bool:
    if a.get("job_offer") == "qualified":
        return _open(a)
    age = a.get("age")
    return (
        a.get("job_offer") == "unqualified" and _maybe_westbalkan(a) and (age is None or age >= 44)
    )


# --- the questions ----------------------------------------------------------------------------

QUESTIONS: tuple[Question, ...] = (
    Question(
        "nationality",
        "country",
        Text("Welche Staatsangehörigkeit haben Sie?", "What is your nationality?"),
        help=Text(
            "Wenn Sie mehrere haben, wählen Sie die eines Staates außerhalb der EU.",
            "If you have more than one, choose the one of a state outside the EU.",
        ),
    ),
    Question(
        "residence",
        "choice",
        Text("Wo leben Sie zurzeit?", "Where do you live at the moment?"),
        choices=(
            Choice("abroad", Text("Im Ausland", "Abroad")),
            Choice(
                "germany_residence_permit",
                Text(
                    "In Deutschland mit Aufenthaltstitel (z. B. Studium, Ausbildung, Arbeit)",
                    "In Germany with a residence title (e.g. study, training, work)",
                ),
            ),
            Choice(
                "germany_duldung",
                Text(
                    "In Deutschland mit Duldung (Abschiebung ausgesetzt)",
                    "In Germany with a Duldung (removal suspended)",
                ),
            ),
            Choice(
                "germany_gestattung",
                Text(
                    "In Deutschland mit Aufenthaltsgestattung (Asylverfahren läuft)",
                    "In Germany with an Aufenthaltsgestattung (asylum procedure pending)",
                ),
            ),
            Choice(
                "germany_visa_free",
                Text("In Deutschland ohne Visum (Besuch)", "In Germany without a visa (visit)"),
            ),
        ),
        # Saved answers and API callers may still send the old combined answer; the rules
        # treat it as "one of the two" (see common.tolerated_kind).
        legacy_values=("germany_duldung_or_gestattung",),
        asked_when=_open,
    ),
    Question(
        "residence_title_kind",
        "choice",
        Text(
            "Wofür haben Sie Ihren Aufenthaltstitel bekommen?",
            "What was your residence title issued for?",
        ),
        help=Text(
            "Der Zweck steht auf dem Titel, z. B. „§ 16b“ für ein Studium oder „§ 18a“ für "
            "Arbeit. Wenn Sie unsicher sind, fragen Sie eine Beratungsstelle.",
            "The purpose is printed on the title, e.g. '§ 16b' for study or '§ 18a' for work. "
            "If you are unsure, ask a counselling centre.",
        ),
        choices=(
            Choice(
                "education",
                Text(
                    "Ausbildung, Studium, Sprachkurs oder Anerkennung (z. B. § 16a, § 16b, "
                    "§ 16d, § 16f, § 17)",
                    "Training, study, a language course or recognition (e.g. § 16a, § 16b, "
                    "§ 16d, § 16f, § 17)",
                ),
            ),
            Choice(
                "employment",
                Text(
                    "Arbeit (z. B. § 18a, § 18b, Blaue Karte EU, § 19c, Westbalkanregelung)",
                    "Work (e.g. § 18a, § 18b, EU Blue Card, § 19c, Western Balkans regulation)",
                ),
            ),
            Choice(
                "family",
                Text(
                    "Familie (z. B. zu Ehepartnerin, Ehepartner oder Kind, §§ 27 bis 36)",
                    "Family (e.g. joining a spouse or child, §§ 27 to 36)",
                ),
            ),
            Choice(
                "humanitarian",
                Text(
                    "Schutz oder humanitäre Gründe (z. B. Asyl, Flüchtlingsschutz, § 25)",
                    "Protection or humanitarian reasons (e.g. asylum, refugee status, § 25)",
                ),
            ),
            Choice(
                "temporary_protection",
                Text(
                    "Vorübergehender Schutz (§ 24, z. B. aus der Ukraine)",
                    "Temporary protection (§ 24, e.g. from Ukraine)",
                ),
            ),
            Choice("other", Text("Ein anderer Zweck", "Another purpose")),
        ),
        asked_when=lambda a: _open(a) and a.get("residence") == "germany_residence_permit",
    ),
    Question(
        "westbalkan_employed_in_germany",
        "bool",
        Text(
            "Arbeiten Sie schon in Deutschland mit einem Titel nach der Westbalkanregelung?",
            "Do you already work in Germany with a title under the Western Balkans regulation?",
        ),
        help=Text(
            "Nur die erste Zustimmung muss in der Region beantragt werden und zählt zum "
            "Kontingent. Für einen neuen Arbeitgeber genügt eine neue Zustimmung.",
            "Only the first approval must be applied for in the region and counts towards the "
            "quota. A new employer needs a new approval.",
        ),
        choices=YES_NO,
        asked_when=_asks_westbalkan_employed,
    ),
    Question(
        "residence_country",
        "country",
        Text("In welchem Land leben Sie?", "In which country do you live?"),
        help=Text(
            "Den ersten Antrag nach der Westbalkanregelung stellen Sie bei der deutschen "
            "Botschaft in dem Land, in dem Sie leben.",
            "The first application under the Westbalkanregelung goes to the German mission "
            "in the country where you live.",
        ),
        asked_when=lambda a: _maybe_westbalkan(a) and a.get("residence") in (None, "abroad"),
    ),
    Question(
        "asylum_benefits_months_ago",
        "int",
        Text(
            "Wann haben Sie zuletzt Leistungen nach dem Asylbewerberleistungsgesetz erhalten?",
            "When did you last receive benefits under the Asylum Seekers' Benefits Act?",
        ),
        help=Text(
            "Geben Sie an, wie viele Monate das vor Ihrem geplanten Visumantrag her ist.",
            "Enter how many months before your planned visa application that was.",
        ),
        min=0,
        max=600,
        unit=Text("Monate", "months"),
        allow_unknown=False,
        null_choice=Text("Ich habe nie solche Leistungen erhalten", "I have never received them"),
        range_error=Text(
            "Bitte geben Sie eine Zahl von Monaten zwischen 0 und 600 an.",
            "Enter a number of months between 0 and 600.",
        ),
        asked_when=_maybe_westbalkan,
    ),
    Question(
        "age",
        "int",
        Text(
            "Wie alt sind Sie, wenn Sie den Antrag stellen?",
            "How old will you be when you apply?",
        ),
        # One answer, one date: the age at the application (visa or residence title). The
        # Chancenkarte points count it then (§ 20b Abs. 1 Nr. 9-10 AufenthG); the age-45 rule
        # looks at the first issue of the title (§ 18 Abs. 2 Nr. 5) or the start of work (§ 1
        # Abs. 2 BeschV), which can be a birthday later: the rules leave 44 open there.
        help=Text(
            "Gemeint ist Ihr Alter beim Antrag auf Visum oder Aufenthaltstitel.",
            "This means your age when you apply for the visa or residence title.",
        ),
        min=16,
        max=99,
        unit=Text("Jahre", "years"),
        range_error=Text(
            "Bitte geben Sie ein Alter zwischen 16 und 99 an.", "Enter an age between 16 and 99."
        ),
        asked_when=_open,
    ),
    Question(
        "qualification",
        "choice",
        Text("Welchen Abschluss haben Sie?", "Which qualification do you have?"),
        choices=(
            Choice("none", Text("Keinen Berufsabschluss", "No vocational qualification")),
            Choice(
                "vocational_short",
                Text("Berufsausbildung unter 2 Jahren", "Vocational training of less than 2 years"),
            ),
            Choice(
                "vocational",
                Text(
                    "Berufsausbildung von mindestens 2 Jahren",
                    "Vocational training of at least 2 years",
                ),
            ),
            Choice("academic", Text("Hochschulabschluss", "University degree")),
        ),
        asked_when=_open,
    ),
    Question(
        "qualification_state_recognised",
        "bool",
        Text(
            "Ist Ihr Abschluss in dem Land, in dem Sie ihn erworben haben, staatlich anerkannt?",
            "Is your qualification recognised by the state in the country where you got it?",
        ),
        help=Text(
            "Die ZAB kann das bestätigen (z. B. mit der Digitalen Auskunft, DAB).",
            "The ZAB can confirm this (e.g. with its digital confirmation, DAB).",
        ),
        choices=YES_NO,
        asked_when=_has_qualification,
    ),
    Question(
        "recognition",
        "choice",
        Text(
            "Wie weit ist die Anerkennung Ihres Abschlusses in Deutschland?",
            "How far is the recognition of your qualification in Germany?",
        ),
        choices=(
            Choice("none", Text("Noch nicht beantragt", "Not applied for yet")),
            Choice(
                "pending",
                Text("Beantragt, noch keine Entscheidung", "Applied for, no decision yet"),
            ),
            Choice(
                "partial",
                Text(
                    "Teilweise anerkannt (Defizitbescheid)",
                    "Partly recognised (notice of deficits)",
                ),
            ),
            Choice(
                "full", Text("Voll anerkannt oder vergleichbar", "Fully recognised or comparable")
            ),
        ),
        asked_when=_has_any_qualification,
    ),
    Question(
        "regulated_profession",
        "bool",
        Text(
            "Ist Ihr Beruf in Deutschland reglementiert (z. B. Pflege, Medizin, Lehramt)?",
            "Is your profession regulated in Germany (e.g. nursing, medicine, teaching)?",
        ),
        help=Text(
            "Das zeigt der Anerkennungs-Finder auf anerkennung-in-deutschland.de.",
            "The Anerkennungs-Finder on anerkennung-in-deutschland.de shows this.",
        ),
        choices=YES_NO,
        asked_when=_has_any_qualification,
    ),
    Question(
        "degree_years_ago",
        "int",
        Text(
            "Vor wie vielen Jahren haben Sie Ihren Hochschulabschluss erworben?",
            "How many years ago did you obtain your degree?",
        ),
        min=0,
        max=80,
        unit=Text("Jahre", "years"),
        range_error=Text(
            "Bitte geben Sie eine Zahl zwischen 0 und 80 an.", "Enter a number between 0 and 80."
        ),
        asked_when=lambda a: _open(a) and a.get("qualification") == "academic",
    ),
    Question(
        "job_offer",
        "choice",
        Text(
            "Haben Sie ein Arbeitsangebot aus Deutschland?", "Do you have a job offer from Germany?"
        ),
        choices=(
            Choice("none", Text("Nein", "No")),
            Choice(
                "qualified",
                Text(
                    "Ja, für eine Stelle, die einen Abschluss erfordert",
                    "Yes, for a job that needs a qualification",
                ),
            ),
            Choice(
                "unqualified",
                Text(
                    "Ja, für eine Helfer- oder Anlerntätigkeit",
                    "Yes, for an unskilled or semi-skilled job",
                ),
            ),
        ),
        asked_when=_open,
    ),
    Question(
        "occupation_isco",
        "choice",
        Text(
            "Zu welcher Berufsgruppe gehört Ihr Beruf?",
            "Which occupational group does your occupation belong to?",
        ),
        help=Text(
            "Einige Berufsgruppen haben bei der Blauen Karte EU eine niedrigere "
            "Gehaltsgrenze und geben einen Punkt bei der Chancenkarte.",
            "Some groups have a lower Blue Card salary threshold and give one Chancenkarte point.",
        ),
        choices=ISCO_CHOICES,
        asked_when=lambda a: (
            _open(a) and (a.get("job_offer") == "qualified" or _points_relevant(a))
        ),
    ),
    Question(
        "annual_salary_eur",
        "decimal",
        Text(
            "Wie hoch ist das Bruttojahresgehalt laut Angebot?",
            "What is the gross annual salary in the offer?",
        ),
        help=Text(
            "Gemeint ist das Gehalt einer Vollzeitstelle. Für den Mindestlohn rechnen wir mit "
            "35 bis 40 Stunden pro Woche.",
            "This means the salary of a full-time job. For the minimum wage we count 35 to 40 "
            "hours a week.",
        ),
        min=0,
        max=10_000_000,
        unit=Text("Euro im Jahr", "euros a year"),
        range_error=Text(
            "Bitte geben Sie einen Betrag in Euro an, z. B. 48000.",
            "Enter an amount in euros, e.g. 48000.",
        ),
        asked_when=_asks_salary,
    ),
    Question(
        "job_needs_licence",
        "bool",
        Text(
            "Braucht man für die angebotene Stelle in Deutschland eine Berufserlaubnis?",
            "Does the job offered need a licence to practise in Germany?",
        ),
        help=Text(
            "Das gilt für reglementierte Tätigkeiten, z. B. als Pflegefachkraft, Ärztin oder "
            "Arzt, Lehrkraft. Eine Helferstelle, z. B. in der Küche, braucht meist keine, auch "
            "wenn Sie selbst Pflegefachkraft sind. Im Zweifel fragt der Arbeitgeber die "
            "zuständige Stelle.",
            "It does for regulated work, e.g. as a nurse, doctor or teacher. A helper job, e.g. "
            "in a kitchen, usually needs none, even if you are a trained nurse. If in doubt, the "
            "employer asks the competent body.",
        ),
        choices=YES_NO,
        asked_when=_asks_licence,
    ),
    Question(
        "temp_agency_work",
        "bool",
        Text("Ist die Stelle Zeitarbeit (Leiharbeit)?", "Is the job temporary agency work?"),
        choices=YES_NO,
        asked_when=_has_job,
    ),
    Question(
        "employer_collective_agreement",
        "bool",
        Text(
            "Ist der Arbeitgeber tarifgebunden und zahlt nach Tarifvertrag?",
            "Is the employer bound by a collective agreement and pays by it?",
        ),
        choices=YES_NO,
        asked_when=_asks_collective_agreement,
    ),
    Question(
        "employer_suitable_for_training",
        "bool",
        Text(
            "Hat der Arbeitgeber Erfahrung mit Ausbildung oder Nachqualifizierung?",
            "Does the employer have experience with training or further qualification?",
        ),
        choices=YES_NO,
        asked_when=_asks_partnership,
    ),
    Question(
        "recognition_partnership_agreement",
        "bool",
        Text(
            "Haben Sie mit dem Arbeitgeber eine Vereinbarung zur Anerkennungspartnerschaft "
            "geschlossen?",
            "Have you signed a recognition-partnership agreement with the employer?",
        ),
        choices=YES_NO,
        asked_when=lambda a: (
            _asks_partnership(a) and a.get("employer_suitable_for_training") is not False
        ),
    ),
    Question(
        "employer_uses_accelerated_procedure",
        "bool",
        Text(
            "Will der Arbeitgeber das beschleunigte Fachkräfteverfahren nutzen?",
            "Does the employer want to use the accelerated procedure for skilled workers?",
        ),
        choices=YES_NO,
        asked_when=_asks_accelerated,
    ),
    Question(
        "german_level",
        "choice",
        Text(
            "Welches Deutsch-Niveau können Sie mit einem Zertifikat nachweisen?",
            "Which German level can you prove with a certificate?",
        ),
        choices=LEVEL_CHOICES,
        asked_when=_open,
    ),
    Question(
        "english_level",
        "choice",
        Text(
            "Welches Englisch-Niveau können Sie mit einem Zertifikat nachweisen?",
            "Which English level can you prove with a certificate?",
        ),
        choices=LEVEL_CHOICES,
        asked_when=_points_relevant,
    ),
    Question(
        "experience_years_last5",
        "int",
        Text(
            "Wie viele Jahre Berufserfahrung in Ihrem Beruf haben Sie in den letzten 5 Jahren?",
            "How many years of experience in your occupation do you have in the last 5 years?",
        ),
        help=Text(
            "Zählen Sie nur Erfahrung nach Ihrem Abschluss.",
            "Count only experience after your qualification.",
        ),
        min=0,
        max=5,
        unit=Text("Jahre", "years"),
        range_error=Text(
            "Bitte geben Sie eine Zahl zwischen 0 und 5 an.", "Enter a number between 0 and 5."
        ),
        asked_when=lambda a: _has_qualification(a) or (_open(a) and _is_it(a)),
    ),
    Question(
        "experience_years_last7",
        "int",
        Text(
            "Und wie viele Jahre in den letzten 7 Jahren?",
            "And how many years in the last 7 years?",
        ),
        min=0,
        max=7,
        unit=Text("Jahre", "years"),
        range_error=Text(
            "Bitte geben Sie eine Zahl zwischen 0 und 7 an.", "Enter a number between 0 and 7."
        ),
        asked_when=_asks_last7,
    ),
    Question(
        "it_experience_years_last7",
        "int",
        Text(
            "Wie viele Jahre Erfahrung in der IT haben Sie in den letzten 7 Jahren?",
            "How many years of IT experience do you have in the last 7 years?",
        ),
        min=0,
        max=7,
        unit=Text("Jahre", "years"),
        range_error=Text(
            "Bitte geben Sie eine Zahl zwischen 0 und 7 an.", "Enter a number between 0 and 7."
        ),
        asked_when=_asks_it_experience,
    ),
    Question(
        "stay_germany_6_months_last5",
        "bool",
        Text(
            "Waren Sie in den letzten 5 Jahren mindestens 6 Monate ohne Unterbrechung "
            "rechtmäßig in Deutschland (nicht als Tourist)?",
            "In the last 5 years, did you stay lawfully in Germany for at least 6 months "
            "without a break (not as a tourist)?",
        ),
        choices=YES_NO,
        asked_when=_points_relevant,
    ),
    Question(
        "partner_applies_too",
        "bool",
        Text(
            "Beantragt Ihre Ehepartnerin, Ihr Ehepartner oder Ihre eingetragene Partnerin "
            "oder Ihr eingetragener Partner auch eine Chancenkarte?",
            "Is your spouse or registered partner applying for a Chancenkarte too?",
        ),
        choices=YES_NO,
        asked_when=_points_relevant,
    ),
    Question(
        "means_secured",
        "bool",
        Text(
            "Können Sie Ihren Lebensunterhalt in Deutschland selbst sichern "
            "(z. B. Sperrkonto, Verpflichtungserklärung)?",
            "Can you cover your living costs in Germany (e.g. blocked account, "
            "formal sponsorship)?",
        ),
        help=Text(
            "2025 und 2026 sind das 1.091 Euro im Monat.",
            "In 2025 and 2026 that is 1,091 euros a month.",
        ),
        choices=YES_NO,
        asked_when=_open,
    ),
    Question(
        "pension_provision",
        "bool",
        Text(
            "Können Sie eine angemessene Altersversorgung nachweisen?",
            "Can you prove adequate provision for old age?",
        ),
        help=Text(
            "Das ist nur wichtig, wenn Sie 45 oder älter sind und das Gehalt unter der "
            "Grenze liegt. Die Behörde prüft den Nachweis im Einzelfall.",
            "This matters only if you are 45 or older and the salary is below the "
            "threshold. The authority checks the proof case by case.",
        ),
        choices=YES_NO,
        asked_when=_asks_pension,
    ),
)

QUESTIONS_BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}

# --- one page, two answers ---------------------------------------------------------------------
# A national of a Western Balkan state who lives abroad usually lives in that state; the first
# application under § 26 Abs. 2 S. 2 BeschV goes to the German mission there. So the residence
# question offers "abroad, in <that state>", which answers the country of residence too, and
# "abroad, in another country", after which the country is asked if it matters.

HOME_ABROAD = "abroad_home"


def _home_state(answers: Answers) -> Choice | None:
    nationality = answers.get("nationality")
    if nationality not in WESTBALKAN_STATES:
        return None
    return next((choice for choice in COUNTRIES if choice.value == nationality), None)


def choices_for(question: Question, answers: Answers) -> tuple[Choice, ...]:
    """The choices the page offers for ``question``, given the answers so far."""
    home = _home_state(answers) if question.id == "residence" else None
    if home is None:
        return question.choices
    return (
        Choice(
            HOME_ABROAD,
            Text.format(
                "Im Ausland, in {label}",
                "Abroad, in {label}",
                label=home.label,
            ),
        ),
        Choice("abroad", Text("Im Ausland, in einem anderen Land", "Abroad, in another country")),
        *question.choices[1:],
    )


def expand(question_id: str, value: Any, answers: Answers) -> dict[str, Any]:
    """The answers that one choice on the page gives (``HOME_ABROAD`` gives two)."""
    home = _home_state(answers)
    if question_id == "residence" and value == HOME_ABROAD and home is not None:
        return {"residence": "abroad", "residence_country": home.value}
    return {question_id: value}


def picked(question_id: str, profile: Answers, answers: Answers) -> Any:
    """The choice a person whose true answers are ``profile`` picks on the page."""
    home = _home_state(answers)
    if (
        question_id == "residence"
        and home is not None
        and profile.get("residence") == "abroad"
        and profile.get("residence_country") == home.value
    ):
        return HOME_ABROAD
    return profile.get(question_id)


# --- walking the questionnaire ----------------------------------------------------------------


def relevant_questions(answers: Answers) -> list[Question]:
    """The questions this person would be asked, in order, given the answers so far."""
    return [question for question in QUESTIONS if question.asked_when(answers)]


def next_question(answers: Answers) -> Question | None:
    """The first relevant question not answered yet (an "I don't know" counts as answered)."""
    for question in QUESTIONS:
        if question.id not in answers and question.asked_when(answers):
            return question
    return None


def prune(answers: Answers) -> dict[str, Any]:
    """Only the answers to questions still asked, e.g. after an earlier answer was changed."""
    kept: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.id in answers and question.asked_when(kept):
            kept[question.id] = answers[question.id]
    return kept


# --- parsing typed-in answers -----------------------------------------------------------------

UNKNOWN_WORDS = frozenset({"", "unknown", "?", "weiss nicht", "weiß nicht", "dont_know"})
TRUE_WORDS = frozenset({"yes", "ja", "true", "1", "on"})
FALSE_WORDS = frozenset({"no", "nein", "false", "0", "off"})
NEVER_WORDS = frozenset({"never", "nie", "null", "none"})


def _error(question: Question, de: str, en: str) -> ProfileError:
    return ProfileError(question.id, Text(de, en))


def parse_answer(question: Question, raw: str) -> Any:
    """The value of a typed-in or posted answer, or ``ProfileError`` naming what is wrong."""
    text = raw.strip()
    lowered = text.lower()
    if question.null_choice is not None and lowered in NEVER_WORDS:
        return None
    if lowered in UNKNOWN_WORDS:
        if question.allow_unknown:
            return None
        raise _error(question, "Bitte wählen Sie eine Antwort.", "Please choose an answer.")
    if question.kind == "bool":
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise _error(question, "Bitte antworten Sie mit Ja oder Nein.", "Please answer yes or no.")
    if question.kind in ("int", "decimal"):
        return _parse_number(question, text)
    if question.kind == "country":
        code = text.upper()
        if code in COUNTRY_CODES:
            return code
        for choice in COUNTRIES:
            if lowered in (choice.label.de.lower(), choice.label.en.lower()):
                return choice.value
        raise _error(
            question,
            "Bitte wählen Sie ein Land aus der Liste.",
            "Please choose a country from the list.",
        )
    for choice in question.choices:
        if lowered in (choice.value.lower(), choice.label.de.lower(), choice.label.en.lower()):
            return choice.value
    raise _error(
        question,
        "Bitte wählen Sie eine der angebotenen Antworten.",
        "Please choose one of the answers offered.",
    )


_GROUPED = re.compile(r"^\d{1,3}([.,])\d{3}(\1\d{3})*$")


def _parse_number(question: Question, text: str) -> int | float:
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", "")
    elif "," in cleaned and "." in cleaned:
        # The later separator is the decimal one: "48.000,50" or "48,000.50".
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    message = question.range_error or Text.format(
        "Bitte geben Sie eine Zahl zwischen {min} und {max} an.",
        "Enter a number between {min} and {max}.",
        min=question.min,
        max=question.max,
    )
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ProfileError(question.id, message) from None
    if not number.is_finite():
        raise ProfileError(question.id, message)
    if question.kind == "int" and number != number.to_integral_value():
        raise ProfileError(question.id, message)
    if (question.min is not None and number < question.min) or (
        question.max is not None and number > question.max
    ):
        raise ProfileError(question.id, message)
    if question.kind == "int":
        return int(number)
    # Floats keep answers JSON-serialisable (sessions); the engine reads them as Decimal(str()).
    return float(round(number, 2))
