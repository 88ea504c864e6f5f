"""Template helpers for the counselling pages: fields with their hints and errors, charts,
and country and language names."""

from django import forms, template

from counselling import charts, reference

register = template.Library()


@register.filter
def is_choice_group(field) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def anchor(field) -> str:
    """The id an error summary links to: the first box of a group, else the field."""
    return f"{field.auto_id}_0" if is_choice_group(field) else field.id_for_label


@register.filter
def described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def described(field):
    """The widget with aria-describedby pointing at its hint and error, aria-invalid on error."""
    attrs = {}
    if described_by(field):
        attrs["aria-describedby"] = described_by(field)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


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
