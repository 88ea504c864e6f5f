"""Template filters for what the rules return: bilingual texts, durations and fees."""

import html
from datetime import date
from functools import lru_cache

from django import template
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

register = template.Library()

UNITS = {
    "calendar_days": lambda n: ngettext("%(count)s day", "%(count)s days", n),
    "working_days": lambda n: ngettext("%(count)s working day", "%(count)s working days", n),
    "weeks": lambda n: ngettext("%(count)s week", "%(count)s weeks", n),
    "months": lambda n: ngettext("%(count)s month", "%(count)s months", n),
}


@register.filter
def text(value) -> str:
    """A rules ``Text`` in the current language (German when in doubt)."""
    if value is None:
        return ""
    return value.get(get_language() or "de")


@register.filter
def duration(value) -> str:
    """A step's duration from the engine's dict: "2 Wochen", "3 working days"."""
    if not value:
        return ""
    return _duration(get_language(), value.get("amount", 0), value.get("unit"))


# The result page writes some fifty durations and fees, each a catalogue lookup and (fees) a
# localised number: kept per language and value, as the catalogues do not change while running.
@lru_cache(maxsize=1024)
def _duration(lang: str | None, amount, unit) -> str:
    label = UNITS.get(unit)
    return label(amount) % {"count": amount} if label else str(amount)


def _amount(value: int) -> str:
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def euros(value) -> str:
    """A fee range from the engine's dict ({min_eur, max_eur} or {min, max}): "100-600 €"."""
    if not value:
        return ""
    low = value.get("min_eur", value.get("min", 0))
    return _euros(get_language(), low, value.get("max_eur", value.get("max", low)))


@lru_cache(maxsize=1024)
def _euros(lang: str | None, low, high) -> str:
    if not low and not high:
        return gettext("no fees")
    # The currency sign goes where the language puts it: "1.091 €" and "€1,091".
    if low == high:
        return gettext("€%(amount)s") % {"amount": _amount(low)}
    return gettext("€%(low)s to €%(high)s") % {"low": _amount(low), "high": _amount(high)}


@register.filter
def isodate(value):
    """A date from "YYYY-MM-DD" (as dates travel in the result JSON), for the ``date`` filter."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@register.simple_tag
def english_attrs(message: str) -> str:
    """``lang="en" dir="ltr"`` for an element holding ``message`` when the current language
    shows it in English (no current translation): screen readers then read it as English, and
    in a right-to-left page its full stop stays at its end."""
    from django.utils.safestring import mark_safe

    lang = (get_language() or "de")[:2]
    if lang in ("de", "en") or gettext(message) != message:
        return ""
    return mark_safe(' lang="en" dir="ltr"')


# The result page shows a few dozen verdict badges, checks and needs. As included templates they
# were half of its rendering time (an include costs ~35 µs, a check ~70 µs); as tags they write
# the same HTML in a few µs. The markup stays here, in one place per part.


VERDICT_LABELS = {
    "eligible": gettext_noop("Open to you"),
    "possible": gettext_noop("Possible, with open points"),
    "not_eligible": gettext_noop("Not open at present"),
}
STATUS_LABELS = {
    "met": gettext_noop("Met"),
    "not_met": gettext_noop("Not met"),
    "unknown": gettext_noop("Open"),
}


def _label(labels: dict[str, str], key: str, other: str) -> str:
    """The label of ``key`` (of ``other`` for any key not listed) in the current language.
    Catalogue texts are written unescaped, as ``{% translate %}`` writes them."""
    return mark_safe(gettext(labels.get(key, labels[other])))


@register.simple_tag
def verdict_badge(verdict: str) -> str:
    """The verdict as a badge: ``<span class="tag tag--eligible">Open to you</span>``."""
    label = _label(VERDICT_LABELS, verdict, "not_eligible")
    return mark_safe(f'<span class="tag tag--{_html(verdict)}">{label}</span>\n')


@register.simple_tag
def check_list(checks, hide_fix=False) -> str:
    """The checks of a way as a list: status, text, legal source and, for a check not met,
    what would change it (unless ``hide_fix``: the smallest change is shown instead)."""
    fix_label = gettext("What would change this:")
    items = []
    for check in checks:
        status = check.get("status")
        fix = check.get("fix")
        fix_html = (
            f'<span class="check__fix"><strong>{fix_label}</strong> {_html(fix)}</span>'
            if fix and status != "met" and not hide_fix
            else ""
        )
        tag = _html(status)
        items.append(
            f'\n  <li class="check check--{tag}">\n'
            f'    <span class="tag tag--{tag}">{_label(STATUS_LABELS, status, "unknown")}</span>\n'
            f'    <span class="check__text">{_html(check.get("text", ""))}</span>\n'
            f'    <span class="check__source">{_html(check.get("source", ""))}</span>\n'
            f"    {fix_html}\n  </li>\n"
        )
    return mark_safe('<ul class="checks">\n' + "".join(items) + "\n</ul>\n")


@register.simple_tag
def needs(summary) -> str:
    """What a way needs: recognition, a job offer, German (or that it needs none of these)."""
    parts = []
    if summary.get("needs_recognition"):
        parts.append(f'<span class="need">{gettext("recognition")}</span>')
    if summary.get("needs_job_offer"):
        parts.append(f'<span class="need">{gettext("a job offer")}</span>')
    if summary.get("needs_german"):
        parts.append(f'<span class="need">{_html(summary["needs_german"])}</span>')
    if not parts:
        return mark_safe(gettext("nothing of these: recognition, job offer, German") + "\n")
    return mark_safe("".join(parts) + "\n")


@register.simple_tag
def country_options(countries, selected) -> SafeString:
    """The options of the country list, ``selected`` marked: some 250 options, built here in
    one go instead of a template loop (which was most of the first question's time)."""
    return mark_safe(  # escaped by _escaped_options
        "".join(
            f"{start}{' selected' if code == selected else ''}{end}"
            for code, start, end in _escaped_options(tuple(countries))
        )
    )


@lru_cache(maxsize=32)
def _escaped_options(countries: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """Each country's option, escaped once per list (a list per language)."""
    return tuple(
        (code, f'<option value="{escape(code)}"', f">{escape(name)}</option>")
        for code, name in countries
    )


def _html(value) -> str:
    """``value`` as ``{{ value }}`` writes it: escaped unless already safe (``__html__``)."""
    if type(value) is str:  # most values, plain text from the result JSON: no attribute lookup
        return html.escape(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@register.simple_tag
def step_list(steps) -> SafeString:
    """A way's steps, each with who does it, how long it takes, fee, legal basis, documents
    and IQ advice, or why it is done or not needed. The result page shows seven or more of
    these lists. As an included template with a fragment cache keyed on the steps, a list
    cost 0.21 ms even when found in the cache (the key is the text of every step, which is
    also the person's own); written here, 0.12 ms, and nothing of the person is kept."""
    labels = _labels(get_language())
    return mark_safe(  # every value is escaped by _html, the catalogue texts as {% translate %}
        '<ol class="steps">\n' + "".join(_step_item(step, labels) for step in steps) + "</ol>\n"
    )


@lru_cache(maxsize=16)
def _labels(lang: str | None) -> dict[str, str]:
    """The catalogue texts the result page's tags write, in ``lang`` (the active language):
    looked up once per language, as the catalogues do not change while running."""
    return {
        "Done": gettext("Done"),
        "Not needed": gettext("Not needed"),
        "Who": gettext("Who"),
        "Duration": gettext("Duration"),
        "Fee": gettext("Fee"),
        "Legal basis": gettext("Legal basis"),
        "Documents": gettext("Documents"),
        "IQ advice:": gettext("IQ advice:"),
        "at most": gettext("at most %(length)s (deadline in law)"),
        "about": gettext("about %(length)s"),
        # the points table
        "caption": gettext("Points for the Chancenkarte"),
        "criterion": gettext("Criterion"),
        "source": gettext("Legal source"),
        "points": gettext("Points"),
        "no points": gettext("No criterion gives you points yet."),
        "total": gettext("Total"),
        # an open way's panel
        "best": gettext("Best way:"),
        "via": gettext("for the way: %(route)s"),
        "warned": gettext("Includes steps abroad: read the warning first"),
        "why": gettext("Why"),
        "steps": gettext("Your steps"),
        # a closed way's change
        "change": gettext("This would change it:"),
        "no change": gettext("No change of your answers opens this way."),
    }


def _step_item(step, labels: dict[str, str]) -> str:
    status = step.get("status") or "todo"
    abroad = " data-abroad" if step.get("abroad") else ""
    parts = [
        f'  <li class="step step--{_html(status)}" data-step="{_html(step.get("key", ""))}"'
        f'{abroad}>\n    <span class="step__title">{_html(step.get("title", ""))}</span>\n'
    ]
    if status in ("done", "left_out"):
        done = status == "done"
        tag, label = ("met", labels["Done"]) if done else ("left_out", labels["Not needed"])
        parts.append(
            f'    <p class="step__reason"><span class="tag tag--{tag}">{label}</span> '
            f"{_html(step.get('reason', ''))}</p>\n"
        )
    else:
        if step.get("warning"):
            warning = _html(step["warning"])
            parts.append(f'    <p class="step__warning"><strong>{warning}</strong></p>\n')
        facts = [(labels["Who"], _html(step.get("actor_label", "")))]
        if step.get("duration"):
            facts.append((labels["Duration"], _step_duration(step["duration"], labels)))
        if step.get("fee"):
            facts.append((labels["Fee"], _html(euros(step["fee"]))))
        if step.get("legal_basis"):
            facts.append((labels["Legal basis"], _html(step["legal_basis"])))
        if step.get("documents"):
            documents = "; ".join(_html(document) for document in step["documents"])
            facts.append((labels["Documents"], documents))
        parts.append('    <dl class="step__facts">\n')
        parts.extend(f"      <dt>{label}</dt><dd>{value}</dd>\n" for label, value in facts)
        parts.append("    </dl>\n")
        if step.get("iq_advice"):
            parts.append(
                f'    <p class="step__advice"><strong>{labels["IQ advice:"]}</strong> '
                f"{_html(step['iq_advice'])}</p>\n"
            )
    parts.append("  </li>\n")
    return "".join(parts)


def _step_duration(value, labels: dict[str, str]) -> str:
    """ "at most 3 months (deadline in law)" or "about 2 weeks", as HTML."""
    template = labels["at most"] if value.get("statutory") else labels["about"]
    return template % {"length": _html(duration(value))}


@register.simple_tag
def print_steps(steps) -> SafeString:
    """The best way's steps on the printed result (and its PDF): one line each, with who,
    how long, fee and legal basis, or why the step is done or not needed. Written here for
    the same reason as ``step_list``: as a template loop it was a tenth of the result page."""
    labels = _labels(get_language())
    return mark_safe(  # every value is escaped by _html, the catalogue texts as {% translate %}
        '<ol class="result-print__steps">\n'
        + "".join(_print_step(step, labels) for step in steps)
        + "  </ol>"
    )


def _print_step(step, labels: dict[str, str]) -> str:
    status = step.get("status")
    line = f"    <li>{_html(step.get('title', ''))}"
    if status in ("done", "left_out"):
        label = labels["Done"] if status == "done" else labels["Not needed"]
        return f"{line} <em>({label}: {_html(step.get('reason', ''))})</em></li>\n"
    facts = _html(step.get("actor_label", ""))
    if step.get("duration"):
        facts += f" · {_step_duration(step['duration'], labels)}"
    if step.get("fee"):
        facts += f" · {_html(euros(step['fee']))}"
    facts += f" · {_html(step.get('legal_basis', ''))}"
    warning = step.get("warning")
    warning_html = (
        f'<strong class="result-print__warning">{_html(warning)}</strong>' if warning else ""
    )
    return (
        f'{line}\n      <span class="result-print__facts">{facts}</span>\n'
        f"      {warning_html}</li>\n"
    )


@register.simple_tag
def points_table(pathway) -> SafeString:
    """The Chancenkarte's points, criterion by criterion, with their legal source and total."""
    labels = _labels(get_language())
    rows = (
        "".join(
            f'    <tr><th scope="row">{_html(item.get("label", ""))}</th>'
            f"<td>{_html(item.get('source', ''))}</td>"
            f'<td class="points__number">{_html(item.get("points", ""))}</td></tr>\n'
            for item in pathway.get("points_breakdown") or ()
        )
        or f'    <tr><td colspan="3">{labels["no points"]}</td></tr>\n'
    )
    total = _html(pathway.get("points"))
    return mark_safe(  # every value is escaped by _html, the catalogue texts as {% translate %}
        f'<div class="table-scroll" role="region" aria-label="{labels["caption"]}" tabindex="0">\n'
        f'<table class="points">\n  <caption>{labels["caption"]}</caption>\n'
        f'  <thead><tr><th scope="col">{labels["criterion"]}</th>'
        f'<th scope="col">{labels["source"]}</th>'
        f'<th scope="col" class="points__number">{labels["points"]}</th></tr></thead>\n'
        f"  <tbody>\n{rows}  </tbody>\n"
        f'  <tfoot><tr><th scope="row" colspan="2">{labels["total"]}</th>'
        f'<td class="points__number points__total">{total}</td></tr></tfoot>\n'
        "</table>\n</div>\n"
    )


@register.simple_tag
def pathway_head(pathway, best=False) -> SafeString:
    """An open way's panel up to its details: title (marked if it is the ``best``), verdict,
    legal basis, the way it serves, duration and fees. The result page shows up to nine."""
    labels = _labels(get_language())
    key = _html(pathway.get("key", ""))
    summary = pathway.get("summary") or {}
    rank = f'<span class="pathway__rank">{labels["best"]}</span> ' if best else ""
    via = pathway.get("via_title")
    via_html = f"<span>{labels['via'] % {'route': _html(via)}}</span>" if via else ""
    warned = (
        f' · <strong class="pathway__warned">{labels["warned"]}</strong>'
        if pathway.get("warned")
        else ""
    )
    return mark_safe(  # every value is escaped by _html, the catalogue texts as {% translate %}
        f'<section class="panel pathway pathway--{_html(pathway.get("verdict", ""))}" '
        f'id="pathway-{key}" aria-labelledby="pathway-{key}-title">\n'
        f'  <h2 id="pathway-{key}-title" class="pathway__title">{rank}'
        f"{_html(pathway.get('title', ''))}</h2>\n"
        f'  <p class="pathway__meta">{verdict_badge(pathway.get("verdict", ""))}'
        f'    <span class="pathway__basis">{_html(pathway.get("legal_basis", ""))}</span>\n'
        f"    {via_html}\n  </p>\n"
        f'  <p class="pathway__summary">{_html(summary.get("duration", ""))} · '
        f"{_html(euros(summary.get('fees_eur')))}{warned}</p>\n"
    )


@register.simple_tag
def pathway_details(pathway) -> SafeString:
    """An open way's details, folded: why (its checks, the Chancenkarte's points) and all of
    its steps."""
    labels = _labels(get_language())
    steps = pathway.get("steps") or ()
    count = len(steps)
    summary = ngettext("Why, and the step", "Why, and all %(counter)s steps", count) % {
        "counter": count
    }
    shown = pathway.get("points") is not None and not pathway.get("no_points_needed")
    points = points_table(pathway) if shown else ""
    steps_html = f"<h3>{labels['steps']}</h3>\n{step_list(steps)}" if steps else ""
    return mark_safe(  # every value is escaped by _html, the catalogue texts as {% translate %}
        f'<details class="pathway__details">\n    <summary>{summary}</summary>\n'
        f"    <h3>{labels['why']}</h3>\n"
        f"{check_list(pathway.get('checks') or ())}{points}{steps_html}  </details>\n"
    )


@register.simple_tag
def change_note(change) -> SafeString:
    """What would open a closed way: the smallest change of the answers and the condition it
    meets, or that no change of the answers does."""
    labels = _labels(get_language())
    if not change.get("found"):
        return mark_safe(f'<p class="change">{labels["no change"]}</p>')
    text = str(change.get("text", ""))
    satisfies = change.get("satisfies")
    condition = (
        f': {_html(satisfies)} <span class="check__source">{_html(change.get("source", ""))}</span>'
        if satisfies
        else ""
    )
    return mark_safe(  # every value is escaped by _html, the catalogue texts as {% translate %}
        f'<p class="change"><strong>{labels["change"]}</strong> '
        f"{_html(text[:1].upper() + text[1:])}{condition}</p>"
    )
