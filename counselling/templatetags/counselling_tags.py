"""Template helpers for the counselling pages: charts, names of countries, languages and
referrals, and whether a consultation may still be corrected."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from counselling import charts, corrections, reference
from counselling.models import Referral

register = template.Library()


@register.simple_tag
def bar_chart(table):
    return charts.bar_chart(table)


@register.simple_tag
def figure_rows(table) -> SafeString:
    """The body rows of a figures table. One tag instead of template loops: a figures page
    has hundreds of cells, and a template node per cell was a third of its time."""
    if not table.rows:
        return format_html(
            '<tr><td colspan="{}">{}</td></tr>',
            len(table.columns) + 1,
            _("No consultations in this period."),
        )
    rows = []
    for label, cells in table.rows:
        numbers = "".join(
            f'<td class="num{" suppressed" if cell.suppressed else ""}">'
            f"{conditional_escape(cell.display)}</td>"
            for cell in cells
        )
        rows.append(f'<tr><th scope="row">{conditional_escape(label)}</th>{numbers}</tr>')
    return mark_safe("\n".join(rows))  # every label and number is escaped above


@register.simple_tag
def network_options(choices, selected: str) -> SafeString:
    """The network choice's options (the programme role's list has every network since 2005;
    one tag instead of a template loop, as ``figure_rows``)."""
    options = []
    for network in choices:
        years = ""
        if network.valid_from:
            until = network.valid_until.year if network.valid_until else ""
            years = f" ({network.valid_from.year}\u2013{until})"
        chosen = " selected" if network.slug == selected else ""
        options.append(
            f'<option value="{conditional_escape(network.slug)}"{chosen}>'
            f"{conditional_escape(network.short_name)}{years}</option>"
        )
    return mark_safe("".join(options))  # slugs and names are escaped above


@register.simple_tag
def client_rows(clients) -> SafeString:
    """The client list's rows: code (a link), year of birth and nationality. One tag instead of
    a template loop, as ``figure_rows``: twenty rows with a translated "born" each were a
    third of the page's time."""
    rows = []
    for client in clients:
        facts = _("born %(year)s") % {"year": client.birth_year} if client.birth_year else ""
        if client.nationality:
            facts += f" · {reference.country_name(client.nationality)}"
        rows.append(
            f'<li><a href="{conditional_escape(client.get_absolute_url())}" class="client-code">'
            f"{conditional_escape(client.code)}</a>\n"
            f"        <span>{conditional_escape(facts)}</span></li>"
        )
    return mark_safe("\n".join(rows))  # every value is escaped above


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
