"""Template filters for what the rules return: bilingual texts, durations and fees."""

from datetime import date

from django import template
from django.utils import formats
from django.utils.translation import get_language, gettext, ngettext

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
    amount = value.get("amount", 0)
    label = UNITS.get(value.get("unit"))
    return label(amount) % {"count": amount} if label else str(amount)


def _amount(value: int) -> str:
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def euros(value) -> str:
    """A fee range from the engine's dict ({min_eur, max_eur} or {min, max}): "100-600 €"."""
    if not value:
        return ""
    low = value.get("min_eur", value.get("min", 0))
    high = value.get("max_eur", value.get("max", low))
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
