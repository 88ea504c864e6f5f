"""People who already live in Germany: what their situation opens, and what to ask first.

Legal basis (statute texts checked as of the consolidated versions of 2025-04; last checked
2026-12-02): § 2 Abs. 2 BQFG and the recognition laws of the Länder; § 4a Abs. 1, Abs. 3,
§ 10 Abs. 1 S. 2, Abs. 3 S. 4, S. 5, § 16g, § 19d, § 25b, § 45 S. 1, § 60a Abs. 5 S. 1, § 60c,
§ 60d AufenthG; § 33 Abs. 1, Abs. 3 AsylG; § 39 S. 1 Nr. 1, § 41 AufenthV.

Each item is a statement about the law with its source, the date it holds from
(``valid_from``) and the date it was last checked. Where a condition depends on facts the
questionnaire does not ask (identity, entry date, convictions), the item names the condition
and sends the person to a counsellor instead of deciding. Readings chosen:

- § 10 Abs. 3 S. 5 AufenthG (the change of track of the 2023 reform, in force since 1 March
  2024): a person who withdraws the asylum application may get a title under § 18a, § 18b or
  § 19c Abs. 2 before leaving only if they entered before 29 March 2023. After a final refusal
  of the asylum application these titles are barred before leaving (S. 4). Both are stated as
  they stand; whether to withdraw is never advised here, only "ask before you do it".
- § 60c (Ausbildungsduldung) and § 16g (residence permit for vocational training of persons
  obliged to leave) stand side by side in the law; which one the foreigners' office grants is
  left to counselling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .steps import Facets, leaving_warning
from .texts import Text

__all__ = ["CHECKED", "Item", "Situation", "situation"]

CHECKED = date(2026, 12, 2)


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    title: Text
    text: Text
    source: str
    valid_from: date
    checked: date = CHECKED

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title.get(lang),
            "text": self.text.get(lang),
            "source": self.source,
            "valid_from": self.valid_from.isoformat(),
            "checked": self.checked.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Situation:
    """The section "Sie leben schon in Deutschland" above the routes."""

    stay: str
    heading: Text
    intro: Text
    leaving: Text | None
    items: tuple[Item, ...]

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "stay": self.stay,
            "heading": self.heading.get(lang),
            "intro": self.intro.get(lang),
            "leaving": None if self.leaving is None else self.leaving.get(lang),
            "items": [item.to_dict(lang) for item in self.items],
        }


# --- the items --------------------------------------------------------------------------------

COUNSELLING = Item(
    "counselling_first",
    Text("Zuerst beraten lassen", "Get advice first"),
    Text(
        "Sprechen Sie mit der IQ Beratung und mit einer Migrationsberatung (zum Beispiel der "
        "Migrationsberatung für Erwachsene oder dem Jugendmigrationsdienst), bevor Sie einen "
        "Antrag stellen, einen Antrag zurücknehmen oder ausreisen. Beide beraten kostenlos und "
        "kennen die Regeln Ihrer Ausländerbehörde.",
        "Talk to IQ counselling and to a migration counselling service (for example the "
        "migration counselling for adults or the youth migration service) before you file an "
        "application, withdraw one or leave Germany. Both advise free of charge and know the "
        "practice of your foreigners' office.",
    ),
    "§ 45 S. 1 AufenthG (migrationsspezifische Beratungsangebote)",
    date(2005, 1, 1),
)

RECOGNITION_INSIDE = Item(
    "recognition_inside",
    Text(
        "Anerkennung: auch von Deutschland aus, mit jedem Aufenthaltsstatus",
        "Recognition: also from inside Germany, whatever your residence status",
    ),
    Text(
        "Die Anerkennung Ihres Abschlusses können Sie in Deutschland beantragen, egal ob Sie "
        "eine Duldung, eine Aufenthaltsgestattung oder einen Aufenthaltstitel haben. Das Gesetz "
        "gilt für alle, die einen Abschluss aus dem Ausland haben und hier arbeiten wollen; die "
        "Anerkennungsgesetze der Länder regeln das für ihre Berufe ebenso. Ein Bescheid hilft "
        "Ihnen bei jedem der Wege unten.",
        "You can apply for recognition of your qualification from inside Germany, whether you "
        "have a Duldung, an Aufenthaltsgestattung or a residence title. The law applies to "
        "everybody with a qualification from abroad who wants to work here; the recognition "
        "laws of the Länder say the same for their professions. A notice helps you on every "
        "route below.",
    ),
    "§ 2 Abs. 2 BQFG; Berufsqualifikationsfeststellungsgesetze der Länder",
    date(2012, 4, 1),
)

TRAINING = Item(
    "vocational_training",
    Text(
        "Berufsausbildung: Ausbildungsduldung oder Aufenthaltserlaubnis",
        "Vocational training: training Duldung or residence permit",
    ),
    Text(
        "Beginnen Sie mit Duldung eine qualifizierte Berufsausbildung (oder eine Helfer- oder "
        "Assistenzausbildung mit Zusage für die anschließende Ausbildung in einem Engpassberuf), "
        "bekommen Sie dafür eine Ausbildungsduldung (§ 60c) oder eine Aufenthaltserlaubnis "
        "(§ 16g). Bedingungen sind unter anderem: seit 3 Monaten geduldet, geklärte Identität "
        "und keine bevorstehende Abschiebung. Eine Ausbildung, die Sie im Asylverfahren begonnen "
        "haben, können Sie nach einer Ablehnung so fortsetzen. Nach dem Abschluss gibt es eine "
        "Aufenthaltserlaubnis für 2 Jahre Arbeit im Beruf (§ 16g Abs. 8, § 19d Abs. 1a).",
        "If you start qualified vocational training with a Duldung (or assistant training with a "
        "promise of a place in a follow-on training in a shortage occupation), you get a "
        "training Duldung (§ 60c) or a residence permit (§ 16g) for it. Conditions include: "
        "3 months with a Duldung, clarified identity and no imminent removal. Training begun "
        "during the asylum procedure can be continued this way after a refusal. After the final "
        "exam there is a residence permit for 2 years of work in the occupation (§ 16g (8), "
        "§ 19d (1a)).",
    ),
    "§ 16g Abs. 1, 2, 8; § 60c Abs. 1, 2; § 19d Abs. 1a AufenthG",
    date(2020, 1, 1),
)

EMPLOYMENT_DULDUNG = Item(
    "employment_duldung",
    Text("Beschäftigungsduldung (§ 60d)", "Employment Duldung (§ 60d)"),
    Text(
        "Sind Sie bis zum 31. Dezember 2022 eingereist, seit mindestens 12 Monaten geduldet und "
        "arbeiten Sie seit mindestens 12 Monaten sozialversicherungspflichtig mindestens "
        "20 Stunden pro Woche, soll die Ausländerbehörde Ihnen in der Regel eine Duldung für "
        "30 Monate erteilen. Dazu gehören unter anderem: Ihr Lebensunterhalt ist durch die "
        "Arbeit gesichert, Sie sprechen ausreichend Deutsch, Ihre Identität ist geklärt. Nach "
        "30 Monaten führt sie zu einer Aufenthaltserlaubnis (§ 25b Abs. 6).",
        "If you entered by 31 December 2022, have held a Duldung for at least 12 months and "
        "have worked at least 20 hours a week with social insurance for at least 12 months, the "
        "foreigners' office shall as a rule grant a Duldung for 30 months. Conditions include: "
        "the job covers your living costs, you speak enough German, your identity is clarified. "
        "After 30 months it leads to a residence permit (§ 25b (6)).",
    ),
    "§ 60d Abs. 1 AufenthG; § 25b Abs. 6 AufenthG",
    date(2020, 1, 1),
)

QUALIFIED_TOLERATED = Item(
    "qualified_tolerated",
    Text(
        "Aufenthaltserlaubnis für qualifizierte Geduldete (§ 19d)",
        "Residence permit for qualified persons with a Duldung (§ 19d)",
    ),
    Text(
        "Mit einer Berufsausbildung oder einem Studium in Deutschland, mit 2 Jahren Arbeit "
        "passend zu einem anerkannten Hochschulabschluss, oder mit 3 Jahren qualifizierter "
        "Arbeit ohne Sozialleistungen im letzten Jahr soll die Ausländerbehörde Ihnen eine "
        "Aufenthaltserlaubnis für eine passende Arbeit erteilen. Dazu gehören ausreichender "
        "Wohnraum und Deutsch auf dem Niveau B1; Ausschlussgründe sind etwa Täuschung der "
        "Behörde oder bestimmte Straftaten.",
        "With vocational training or a degree completed in Germany, with 2 years of work "
        "matching a recognised degree, or with 3 years of qualified work and no benefits in the "
        "last year, the foreigners' office shall grant you a residence permit for matching "
        "work. Conditions include adequate housing and German at level B1; it is excluded e.g. "
        "after deceiving the authority or for certain offences.",
    ),
    "§ 19d Abs. 1 AufenthG; § 2 Abs. 11 AufenthG (B1)",
    date(2020, 3, 1),
)

SUSTAINED_INTEGRATION = Item(
    "sustained_integration",
    Text(
        "Aufenthaltserlaubnis bei nachhaltiger Integration (§ 25b)",
        "Residence permit for sustained integration (§ 25b)",
    ),
    Text(
        "Leben Sie seit mindestens 6 Jahren (mit einem minderjährigen Kind: 4 Jahren) "
        "ununterbrochen geduldet, gestattet oder mit Aufenthaltserlaubnis in Deutschland, "
        "sprechen Sie Deutsch auf dem Niveau A2 und verdienen Sie Ihren Lebensunterhalt "
        "überwiegend selbst, soll die Ausländerbehörde Ihnen eine Aufenthaltserlaubnis "
        "erteilen. Die Zeiten mit Aufenthaltsgestattung zählen mit.",
        "If you have lived in Germany for at least 6 years (with a minor child: 4 years) without "
        "a break with a Duldung, an Aufenthaltsgestattung or a residence permit, speak German at "
        "level A2 and mostly earn your own living, the foreigners' office shall grant you a "
        "residence permit. Time with an Aufenthaltsgestattung counts.",
    ),
    "§ 25b Abs. 1 S. 2 Nr. 1-5 AufenthG",
    date(2022, 12, 31),
)

REFUSED_BAR = Item(
    "refused_bar",
    Text(
        "Nach abgelehntem Asylantrag: kein Fachkräfte-Titel vor einer Ausreise",
        "After a refused asylum application: no skilled-worker title before leaving",
    ),
    Text(
        "Ist Ihr Asylantrag unanfechtbar abgelehnt, darf die Ausländerbehörde Ihnen vor einer "
        "Ausreise keinen Titel als Fachkraft (§ 18a, § 18b) und keinen nach der Erfahrungssäule "
        "(§ 19c Abs. 2) erteilen. Die Wege dieses Abschnitts (§ 16g, § 60c, § 60d, § 19d, "
        "§ 25b) sind für Menschen mit Duldung gemacht. Ob eine Ausnahme für Sie gilt, klärt die "
        "Beratung.",
        "If your asylum application has been finally refused, the foreigners' office may not "
        "grant you a skilled-worker title (§ 18a, § 18b) or one under the experience route "
        "(§ 19c (2)) before you leave. The routes of this section (§ 16g, § 60c, § 60d, § 19d, "
        "§ 25b) are made for people with a Duldung. Whether an exception applies to you, "
        "counselling can tell.",
    ),
    "§ 10 Abs. 3 S. 1, S. 4 AufenthG",
    date(2024, 3, 1),
)

CHANGE_OF_TRACK = Item(
    "change_of_track",
    Text(
        "Wechsel aus dem Asylverfahren (Einreise vor dem 29. März 2023)",
        "Change of track from the asylum procedure (entry before 29 March 2023)",
    ),
    Text(
        "Sind Sie vor dem 29. März 2023 eingereist, können Sie nach Rücknahme Ihres Asylantrags "
        "(auch einer früheren Rücknahme) "
        "in Deutschland eine Aufenthaltserlaubnis als Fachkraft (§ 18a, § 18b) oder nach der "
        "Erfahrungssäule (§ 19c Abs. 2) bekommen, ohne auszureisen; das gilt auch für Ihre "
        "Ehepartnerin oder Ihren Ehepartner und minderjährige ledige Kinder. Eine Rücknahme "
        "lässt sich nicht rückgängig machen und beendet Ihren Schutzantrag: Nehmen Sie den "
        "Antrag nur nach einer Beratung zurück.",
        "If you entered before 29 March 2023, you can, after withdrawing your asylum "
        "application (also an earlier withdrawal), get a residence permit as a skilled worker "
        "(§ 18a, § 18b) or under the "
        "experience route (§ 19c (2)) in Germany, without leaving; this also applies to your "
        "spouse and minor unmarried children. A withdrawal cannot be undone and ends your claim "
        "for protection: withdraw only after counselling.",
    ),
    "§ 10 Abs. 3 S. 5 AufenthG",
    date(2024, 3, 1),
)

PENDING_CONSENT = Item(
    "pending_consent",
    Text("Während des Asylverfahrens", "While the asylum procedure runs"),
    Text(
        "Solange Ihr Asylverfahren läuft, gibt es einen Titel als Fachkraft (§ 18a, § 18b) nur "
        "mit Zustimmung der obersten Landesbehörde und nur, wenn wichtige Interessen "
        "Deutschlands es erfordern. Eine Ausbildung, die Sie jetzt beginnen, können Sie nach "
        "einer Ablehnung mit § 16g oder § 60c fortsetzen.",
        "While your asylum procedure runs, a skilled-worker title (§ 18a, § 18b) needs the "
        "consent of the supreme Land authority and important interests of Germany. Training "
        "you start now can be continued after a refusal under § 16g or § 60c.",
    ),
    "§ 10 Abs. 1 S. 2 AufenthG; § 16g Abs. 1 S. 1 Nr. 1 AufenthG",
    date(2024, 3, 1),
)

TITLE_WORK = Item(
    "title_work",
    Text("Arbeiten mit Ihrem Aufenthaltstitel", "Working with your residence title"),
    Text(
        "Mit einem Aufenthaltstitel dürfen Sie arbeiten, wenn kein Gesetz es verbietet; was Ihr "
        "Titel erlaubt, steht auf dem Titel oder dem Zusatzblatt. Einen neuen Titel, etwa als "
        "Fachkraft oder mit der Blauen Karte EU, beantragen Sie in der Regel hier bei der "
        "Ausländerbehörde, ohne auszureisen.",
        "With a residence title you may work unless a law forbids it; what your title allows is "
        "written on it or on its supplementary sheet. A new title, e.g. as a skilled worker or "
        "an EU Blue Card, you apply for here at the foreigners' office as a rule, without "
        "leaving.",
    ),
    "§ 4a Abs. 1, Abs. 3 AufenthG; § 39 S. 1 Nr. 1 AufenthV",
    date(2020, 3, 1),
)

TITLE_PROTECTION = Item(
    "title_protection",
    Text("Mit Schutzstatus oder vorübergehendem Schutz", "With protection or temporary protection"),
    Text(
        "Mit einem Titel aus humanitären Gründen, auch mit vorübergehendem Schutz, dürfen Sie "
        "in der Regel schon arbeiten. Ein Wechsel zu einem Titel als Fachkraft ist möglich, "
        "kann aber Rechte kosten, die Ihr Schutzstatus Ihnen gibt: Wechseln Sie nur nach einer "
        "Beratung. Die Chancenkarte gibt es mit diesen Titeln nicht.",
        "With a title on humanitarian grounds, also with temporary protection, you may as a "
        "rule work already. A change to a skilled-worker title is possible but can cost rights "
        "your protection gives you: change only after counselling. The Chancenkarte is not open "
        "with these titles.",
    ),
    "§ 4a Abs. 1 AufenthG; § 20a Abs. 4 S. 2 AufenthG",
    date(2024, 6, 1),
)

VISIT = Item(
    "visit",
    Text("Zu Besuch in Deutschland", "Visiting Germany"),
    Text(
        "Einen Aufenthaltstitel zum Arbeiten beantragen Sie in der Regel vor der Einreise bei "
        "der deutschen Auslandsvertretung. Staatsangehörige einiger Staaten (Australien, "
        "Israel, Japan, Kanada, Neuseeland, Südkorea, Vereinigtes Königreich, USA) können ihn "
        "auch in Deutschland beantragen.",
        "As a rule you apply for a residence title for work at the German mission before you "
        "enter. Nationals of some states (Australia, Israel, Japan, Canada, New Zealand, South "
        "Korea, the United Kingdom, the USA) can also apply in Germany.",
    ),
    "§ 5 Abs. 2 AufenthG; § 41 Abs. 1 AufenthV",
    date(2005, 1, 1),
)

# --- per situation ----------------------------------------------------------------------------

_HEADING = Text(
    "Sie leben schon in Deutschland: das gilt für Sie", "You already live in Germany: this applies"
)
_INTRO = {
    "duldung": Text(
        "Mit einer Duldung gibt es eigene Wege zu einem sicheren Aufenthalt. Die Wege mit Visum "
        "weiter unten sind für Menschen im Ausland gedacht.",
        "With a Duldung there are routes of their own to a secure stay. The routes with a visa "
        "further down are meant for people abroad.",
    ),
    "gestattung": Text(
        "Während des Asylverfahrens gelten besondere Regeln. Die Wege mit Visum weiter unten "
        "sind für Menschen im Ausland gedacht.",
        "Special rules apply during the asylum procedure. The routes with a visa further down "
        "are meant for people abroad.",
    ),
    "duldung_or_gestattung": Text(
        "Mit Duldung oder Aufenthaltsgestattung gelten besondere Regeln und es gibt eigene Wege. "
        "Die Wege mit Visum weiter unten sind für Menschen im Ausland gedacht.",
        "With a Duldung or an Aufenthaltsgestattung special rules apply and there are routes of "
        "their own. The routes with a visa further down are meant for people abroad.",
    ),
    "title": Text(
        "Sie haben schon einen Aufenthaltstitel. Die meisten Wege unten gehen auch von hier aus.",
        "You already have a residence title. Most routes below also work from here.",
    ),
    "visit": Text(
        "Sie sind zu Besuch in Deutschland.",
        "You are visiting Germany.",
    ),
}

_ITEMS: dict[str, tuple[Item, ...]] = {
    "duldung": (
        COUNSELLING,
        RECOGNITION_INSIDE,
        TRAINING,
        EMPLOYMENT_DULDUNG,
        QUALIFIED_TOLERATED,
        SUSTAINED_INTEGRATION,
        REFUSED_BAR,
        CHANGE_OF_TRACK,
    ),
    "gestattung": (COUNSELLING, RECOGNITION_INSIDE, CHANGE_OF_TRACK, PENDING_CONSENT, TRAINING),
    "duldung_or_gestattung": (
        COUNSELLING,
        RECOGNITION_INSIDE,
        CHANGE_OF_TRACK,
        PENDING_CONSENT,
        TRAINING,
        EMPLOYMENT_DULDUNG,
        QUALIFIED_TOLERATED,
        SUSTAINED_INTEGRATION,
        REFUSED_BAR,
    ),
    "title": (COUNSELLING, RECOGNITION_INSIDE, TITLE_WORK),
    "visit": (RECOGNITION_INSIDE, VISIT),
}

_PROTECTION_KINDS = frozenset({"humanitarian", "temporary_protection"})


def situation(profile: Any, on: date | None = None) -> Situation | None:
    """The section for a person living in Germany (None for a person abroad or unknown).

    ``on`` leaves out items whose law was not yet in force on that date.
    """
    facets = Facets.of(profile)
    stay = facets.stay
    if stay is None or stay == "abroad":
        return None
    items = _ITEMS[stay]
    if stay == "title" and getattr(profile, "residence_title_kind", None) in _PROTECTION_KINDS:
        items = (*items, TITLE_PROTECTION)
    day = on or date.today()
    return Situation(
        stay=stay,
        heading=_HEADING,
        intro=_INTRO[stay],
        leaving=leaving_warning(facets),
        items=tuple(item for item in items if item.valid_from <= day),
    )
