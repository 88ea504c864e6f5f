"""Template helpers for the counselling pages: charts, and country and language names."""

from django import template

from counselling import charts, reference

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
