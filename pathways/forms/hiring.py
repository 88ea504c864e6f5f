"""The employer's planning form and the form that marks a step of a saved plan done."""

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pathways.rules.questions import COUNTRIES, ISCO_CHOICES, LEVEL_CHOICES, QUESTIONS
from pathways.rules.schedule import LAENDER

_QUESTION = {question.id: question for question in QUESTIONS}

# The rules know 2024 onwards; a plan further than two years ahead is guesswork.
EARLIEST_START = date(2024, 1, 1)
PLANNING_HORIZON = timedelta(days=2 * 366)

REGULATED_CHOICES = (
    ("no", _("No")),
    ("federal", _("Yes, regulated by federal law (e.g. nursing, medicine)")),
    ("land", _("Yes, regulated by Land law (e.g. engineering, teaching, child care)")),
    ("unknown", _("I don't know")),
)
UNKNOWN = ("unknown", _("I don't know"))
# Occupational groups beyond the questionnaire's (which only needs those of § 18g Abs. 1 S. 2):
# the chamber that recognises a vocational qualification follows them.
VOCATIONAL_GROUPS = (
    ("3", _("Technical or commercial occupation of the chambers of industry and commerce")),
    ("7", _("Skilled craft occupation (Handwerk)")),
)
YES_NO = (("yes", _("Yes")), ("no", _("No")))


MAX_SALARY = Decimal(10_000_000)
_AMOUNT = re.compile(r"^\d+(?:[.,]\d+)*$")


def parse_euros(text: str) -> Decimal | None:
    """An amount typed the German or the English way: "48.000", "48,000.50", "48000,5"."""
    cleaned = re.sub(r"[\s\u00a0€]|EUR", "", text, flags=re.IGNORECASE)
    if not _AMOUNT.match(cleaned):
        return None
    separators = [char for char in cleaned if char in ".,"]
    if separators:
        last = cleaned.rfind(separators[-1])
        # One separator kind with three digits after it each time: thousands ("48.000").
        if len(set(separators)) == 1 and (len(separators) > 1 or len(cleaned) - last == 4):
            whole, fraction = cleaned, ""
        else:
            whole, fraction = cleaned[:last], cleaned[last + 1 :]
        groups = re.split(r"[.,]", whole)
        if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
            return None
        cleaned = "".join(groups) + (f".{fraction}" if fraction else "")
    try:
        return Decimal(cleaned).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


class ErrorAttrsMixin:
    """Points each input at its hint and error message, so screen readers read them."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.RadioSelect):
                continue
            auto_id = self[name].auto_id
            described = [f"{auto_id}_helptext"] if field.help_text else []
            if name in self._errors:
                described.append(f"{auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


def _choices(question_id, lang):
    return [(choice.value, choice.label.get(lang)) for choice in _QUESTION[question_id].choices]


def _required(message):
    return {"required": message, "invalid_choice": message}


class PlanForm(ErrorAttrsMixin, forms.Form):
    """The planning form. The questions on the qualification's recognition are asked only for
    a worker with a qualification: after the first answers (a second step, server-side), or at
    once when the qualification is already chosen."""

    nationality = forms.ChoiceField(
        label=_("Nationality of the skilled worker"),
        error_messages=_required(_("Choose the nationality of the skilled worker.")),
    )
    age = forms.IntegerField(
        label=_("Age of the skilled worker at the start of work (optional)"),
        help_text=_("From 45, a minimum salary applies to some residence titles."),
        min_value=16,
        max_value=99,
        required=False,
    )
    qualification = forms.ChoiceField(
        label=_("Qualification"),
        widget=forms.RadioSelect,
        choices=(),
        error_messages=_required(_("Say which qualification the skilled worker has.")),
    )
    recognition = forms.ChoiceField(
        label=_("Recognition of the qualification in Germany"),
        widget=forms.RadioSelect,
        choices=(),
        required=False,
        error_messages=_required(
            _("Say whether the qualification is already recognised in Germany.")
        ),
    )
    regulated = forms.ChoiceField(
        label=_("Is the occupation regulated in Germany?"),
        help_text=_("In a regulated occupation you may only work with a licence."),
        widget=forms.RadioSelect,
        choices=REGULATED_CHOICES,
        required=False,
        error_messages=_required(_("Say whether the occupation is regulated in Germany.")),
    )
    occupation = forms.ChoiceField(
        label=_("Occupational group of the job (optional)"),
        help_text=_(
            "Some groups have a lower Blue Card salary threshold; the group also decides "
            "which body recognises the qualification."
        ),
        choices=(),
        required=False,
        error_messages=_required(_("Choose one of the occupational groups listed.")),
    )
    german_level = forms.ChoiceField(
        label=_("German level with a certificate"),
        error_messages=_required(_("Choose the German level of the skilled worker.")),
    )
    salary = forms.CharField(
        label=_("Gross annual salary offered, in euros"),
        help_text=_("For example 48.000 or 48000."),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": "input--short", "autocomplete": "off"}
        ),
        error_messages=_required(_("Enter the gross annual salary offered, for example 48.000.")),
    )
    land = forms.ChoiceField(
        label=_("Federal state (Land) of the workplace"),
        help_text=_("Its public holidays are left out when working days are counted."),
        error_messages=_required(_("Choose the federal state (Land) of the workplace.")),
    )
    start = forms.DateField(
        label=_("Planned start of the process"),
        help_text=_("For example, the day of the first counselling session."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the planned start of the process, for example 2026-03-02."),
            "invalid": _("Enter the start as a date, for example 2026-03-02."),
        },
    )
    accelerated = forms.ChoiceField(
        label=_("Do you want to use the accelerated procedure (§ 81a AufenthG)?"),
        help_text=_("It costs 411 euros and shortens the recognition and visa procedure."),
        widget=forms.RadioSelect,
        choices=YES_NO,
        error_messages=_required(
            _("Say whether you want to use the accelerated procedure (§ 81a AufenthG).")
        ),
    )
    # "1" once the questions on the qualification were shown: then they must be answered.
    details_asked = forms.CharField(required=False, widget=forms.HiddenInput)

    DETAILS = ("recognition", "regulated", "occupation")
    # The occupational group may stay open (it then counts as "I don't know").
    REQUIRED_DETAILS = ("recognition", "regulated")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lang = get_language() or "de"
        self.fields["nationality"].choices = [
            ("", _("Please choose")),
            *((c.value, c.label.get(lang)) for c in COUNTRIES if c.value != "DE"),
        ]
        self.fields["qualification"].choices = _choices("qualification", lang)
        self.fields["recognition"].choices = [*_choices("recognition", lang), UNKNOWN]
        self.fields["occupation"].choices = [
            ("", _("Please choose")),
            *((c.value, c.label.get(lang)) for c in ISCO_CHOICES if c.value != "other"),
            *VOCATIONAL_GROUPS,
            ("other", _("Another occupation")),
            UNKNOWN,
        ]
        self.fields["german_level"].choices = [(c.value, c.label.get(lang)) for c in LEVEL_CHOICES]
        self.fields["land"].choices = [
            ("", _("Please choose")),
            *sorted(((code, name.get(lang)) for code, name in LAENDER.items()), key=_by_name),
        ]
        self.needs_details = False

    @property
    def chosen_qualification(self):
        if self.is_bound:
            return self.data.get("qualification")
        return self.initial.get("qualification")

    @property
    def asks_details(self):
        """Whether the questions on the qualification are shown: only with a qualification."""
        return self.chosen_qualification not in (None, "", "none")

    def clean(self):
        cleaned = super().clean()
        qualification = cleaned.get("qualification")
        if qualification in (None, "none"):
            for name in self.DETAILS:
                cleaned.pop(name, None)
                self._errors.pop(name, None)
            return cleaned
        asked = self.data.get("details_asked") == "1"
        missing = [name for name in self.REQUIRED_DETAILS if not cleaned.get(name)]
        if missing and not asked and not any(cleaned.get(name) for name in self.DETAILS):
            # First step: the questions on the qualification come next, no error yet.
            self.needs_details = True
            return cleaned
        for name in missing:
            if name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned

    def clean_salary(self):
        amount = parse_euros(self.cleaned_data["salary"])
        if amount is None or not 0 <= amount <= MAX_SALARY:
            raise forms.ValidationError(
                _("Enter the salary as an amount in euros, for example 48.000."), code="invalid"
            )
        return amount

    def clean_start(self):
        return _within_planning_horizon(self.cleaned_data["start"])


def _within_planning_horizon(start):
    latest = timezone.localdate() + PLANNING_HORIZON
    if not EARLIEST_START <= start <= latest:
        raise forms.ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            params={
                "earliest": EARLIEST_START.strftime("%d.%m.%Y"),
                "latest": latest.strftime("%d.%m.%Y"),
            },
            code="out_of_range",
        )
    return start


def _by_name(choice):
    return choice[1]


class DoneForm(ErrorAttrsMixin, forms.Form):
    """One step of a saved plan finished on a given day (or reopened with ``undo``)."""

    step = forms.CharField(max_length=64, widget=forms.HiddenInput)
    done_on = forms.DateField(
        label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, step_keys=(), earliest=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step_keys = frozenset(step_keys)
        self.earliest = earliest

    def clean_step(self):
        step = self.cleaned_data["step"]
        if step not in self.step_keys:
            raise forms.ValidationError(_("This step is not part of the plan."), code="unknown")
        return step

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        if self.earliest is not None and done_on < self.earliest:
            raise forms.ValidationError(
                _("The date cannot be before the start of the plan."), code="too_early"
            )
        return done_on


class HerrDelicForm(ErrorAttrsMixin, forms.Form):
    """The example's start date and Land, from the query string (both optional)."""

    start = forms.DateField(
        label=_("Start of the process"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    land = forms.ChoiceField(label=_("Federal state (Land) of the workplace"), required=False)

    def __init__(self, *args, default_land="NW", **kwargs):
        super().__init__(*args, **kwargs)
        self.default_land = default_land
        lang = get_language() or "de"
        self.fields["land"].choices = sorted(
            ((code, name.get(lang)) for code, name in LAENDER.items()), key=_by_name
        )

    def clean_start(self):
        start = self.cleaned_data["start"]
        return None if start is None else _within_planning_horizon(start)

    def start_and_land(self):
        """The chosen values, or today and the example's Land where none (or a bad one) came."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("start") or timezone.localdate(), data.get("land") or self.default_land
