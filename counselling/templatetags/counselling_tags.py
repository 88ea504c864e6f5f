"""Template helpers for the counselling pages: charts, names of countries, languages and
referrals, and whether a consultation may still be corrected."""

from django import template

from counselling import charts, corrections, reference
from counselling.models import Referral

register = template.Library()


@register.simple_tag
def bar_chart(table):
    return charts.bar_chart(table)


@register.filter
def country(code: str) -> str:
    return reference.country_name(code)


@register.filter
def language(code: str) -> str:
    return reference.language_name(code)


@register.filter
def languages(codes) -> str:
    return ", ".join(reference.language_name(code) for code in codes or [])


@register.filter
def referrals(codes) -> str:
    labels = dict(Referral.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def correctable_by(consultation, user) -> bool:
    return corrections.can_correct(user, consultation)
