"""Forms for logging consultations, finding clients and choosing figures.

Defaults are set so that an ordinary Erstberatung needs few keystrokes (a browser test counts
them): today, and the service line, channel, language and duration the counsellor chose most
often in their last consultations. Countries and occupations are typed as names in German or
English (an htmx type-ahead suggests them; without JavaScript the name alone works). The date is
one text field that takes "heute"/"gestern" (or "today"/"yesterday"); lists of choices are
checkboxes, which ``static/js/counselling.js`` turns into a type-ahead with chips.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from counselling import reference
from counselling.models import (
    Client,
    Consultation,
    ConsultationFormat,
    Occupation,
    Referral,
    ServiceLine,
    Topic,
)

YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), ("", _("Not known"))]
EARLIEST_DATE = datetime.date(2015, 1, 1)
MAX_PARTICIPANTS = 500


# Typed words for a date, in both languages, and how many days back they mean.
DATE_SHORTCUTS = {"heute": 0, "h": 0, "today": 0, "t": 0,
                  "gestern": 1, "g": 1, "yesterday": 1, "y": 1, "vorgestern": 2}  # fmt: skip
DATE_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y"]
RECENT_CONSULTATIONS = 10


class ShortcutDateInput(forms.TextInput):
    """One text field (a browser's date input has four tab stops), shown as 14.03.2026."""

    def __init__(self, attrs=None):
        base = {"class": "input--date", "autocomplete": "off", "inputmode": "text",
                "spellcheck": "false"}  # fmt: skip
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%d.%m.%Y")
        return super().format_value(value)


class ShortcutDateField(forms.DateField):
    widget = ShortcutDateInput
    input_formats = DATE_FORMATS
    default_error_messages = {
        "invalid": _(
            "Enter the date as day.month.year, for example 14.03.2026, or type “heute” or "
            "“gestern”."
        ),
        "required": _("Enter the date of the consultation, for example “heute”."),
    }

    def to_python(self, value):
        text = (value or "").strip().casefold() if isinstance(value, str) else value
        if isinstance(text, str) and text in DATE_SHORTCUTS:
            return timezone.localdate() - datetime.timedelta(days=DATE_SHORTCUTS[text])
        if isinstance(text, str) and text.count(".") == 2 and text.endswith("."):
            # "14.3." is a day of this year.
            text = f"{text}{timezone.localdate().year}"
        return super().to_python(text)


def most_common(values):
    """The value chosen most often, the latest one among equals; None for no values."""
    counts: dict = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.get) if counts else None


def recent_defaults(recent) -> dict:
    """Initial values from a counsellor's latest consultations (newest first)."""
    rows = list(recent)
    defaults = {}
    for name in ("service_line", "channel", "language", "duration_minutes"):
        value = most_common(getattr(row, name) for row in rows)
        if value is not None:
            defaults[name] = value
    return defaults


class ChipsCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that ``counselling.js`` turns into a type-ahead with chips."""

    chips = True


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


class NullBooleanRadio(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO_UNKNOWN,
            coerce=_yes_no,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            **kwargs,
        )

    def prepare_value(self, value):
        return {True: "yes", False: "no"}.get(value, value or "")


def _type_ahead(url_name: str, datalist: str) -> dict:
    """htmx attributes that refresh a datalist's suggestions while the person types."""
    return {
        "hx-get": reverse_lazy(url_name),
        "hx-trigger": "input changed delay:200ms",
        "hx-target": f"#{datalist}",
        "hx-swap": "outerHTML",
        "hx-sync": "this:replace",
    }


class CountryInput(forms.TextInput):
    """Shows a stored country code as its name; a typed name stays as typed."""

    def format_value(self, value):
        if value and str(value).upper() in reference.countries():
            return reference.country_name(str(value).upper())
        return super().format_value(value)


class CountryField(forms.CharField):
    default_error_messages = {
        "unknown": _("Enter a country by its name, for example Syrien or Syria."),
    }

    def __init__(self, *, datalist: str, **kwargs):
        attrs = {
            "list": datalist,
            "autocomplete": "off",
            "spellcheck": "false",
            **_type_ahead("counselling:country_options", datalist),
        }
        super().__init__(required=False, widget=CountryInput(attrs=attrs), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        code = reference.find_country(value)
        if code is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return code


class OccupationInput(forms.TextInput):
    def format_value(self, value):
        if isinstance(value, int) or (
            isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 12
        ):
            occupation = Occupation.objects.filter(pk=value).first()
            return occupation.name if occupation else ""
        return super().format_value(value)


class OccupationField(forms.CharField):
    default_error_messages = {
        "unknown": _("Choose an occupation from the list, or leave the field empty."),
    }

    def __init__(self, **kwargs):
        attrs = {
            "list": "occupation-options",
            "autocomplete": "off",
            **_type_ahead("counselling:occupation_options", "occupation-options"),
        }
        super().__init__(required=False, widget=OccupationInput(attrs=attrs), **kwargs)

    def prepare_value(self, value):
        return value.pk if isinstance(value, Occupation) else value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        exact = Occupation.objects.filter(name_de__iexact=value) | Occupation.objects.filter(
            name_en__iexact=value
        )
        candidates = list(exact[:2]) or list(Occupation.objects.matching(value)[:2])
        if len(candidates) != 1:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return candidates[0]


def _language_choices():
    return [(language.code, language.name) for language in reference.languages().values()]


class ClientForm(forms.ModelForm):
    nationality = CountryField(label=_("Nationality"), datalist="country-options")
    qualification_country = CountryField(
        label=_("Country where the qualification was acquired"), datalist="country-options"
    )
    flight_background = NullBooleanRadio(label=_("Flight background"))
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=ChipsCheckboxes
    )
    reference_occupation = OccupationField(
        label=_("Reference occupation"),
        help_text=_("The German occupation the qualification is compared with (Referenzberuf)."),
    )
    occupation_regulated = NullBooleanRadio(
        label=_("Is the occupation regulated in Germany?"),
        help_text=_("Left at “Not known”, the reference occupation decides."),
    )

    class Meta:
        model = Client
        fields = [
            "birth_year",
            "gender",
            "nationality",
            "qualification_country",
            "residence_status",
            "entry_year",
            "flight_background",
            "languages",
            "reference_occupation",
            "occupation_regulated",
            "recognition_outcome",
        ]
        widgets = {
            "gender": forms.RadioSelect,
            "recognition_outcome": forms.RadioSelect,
            # The form opens here: the first thing a counsellor types.
            "birth_year": forms.NumberInput(attrs={"class": "input--short", "autofocus": True}),
            "entry_year": forms.NumberInput(attrs={"class": "input--short"}),
        }

    required_messages = {
        "gender": _("Choose the gender, or “not stated”."),
        "residence_status": _("Choose the residence status, or “Not known”."),
        "recognition_outcome": _("Choose the state of the recognition."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.required_messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["languages"].choices = _language_choices()
        self.fields["birth_year"].error_messages["invalid"] = _(
            "Enter the year of birth in four digits, for example 1990."
        )
        self.fields["entry_year"].error_messages["invalid"] = _(
            "Enter the year of entry in four digits, for example 2021."
        )
        this_year = timezone.localdate().year
        limits = {"birth_year": (this_year - 100, this_year - 14), "entry_year": (1950, this_year)}
        for name, (lowest, highest) in limits.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(lowest), MaxValueValidator(highest)]
            field.widget.attrs.update(min=lowest, max=highest)

    def clean(self):
        data = super().clean()
        occupation = data.get("reference_occupation")
        if data.get("occupation_regulated") is None and occupation is not None:
            data["occupation_regulated"] = occupation.regulated
        return data


class RecognitionUpdateForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = ["recognition_outcome"]
        widgets = {"recognition_outcome": forms.RadioSelect}
        help_texts = {
            "recognition_outcome": _("A change counts from the date of this consultation."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognition_outcome"].error_messages["required"] = (
            ClientForm.required_messages["recognition_outcome"]
        )


# The shape of a token the forms hand out (``services.new_submission_token``).
SUBMISSION_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


class ConsultationForm(forms.ModelForm):
    date = ShortcutDateField(
        label=_("Date"),
        help_text=_("For example 14.03.2026, or type “heute” (h) or “gestern” (g)."),
    )
    referrals = forms.MultipleChoiceField(
        label=_("Referred to"),
        choices=Referral.choices,
        required=False,
        widget=ChipsCheckboxes,
    )
    # No max_length: clean_submission_token answers a bad token with a message of its own.
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)
    questionnaire_code = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Consultation
        fields = [
            "date",
            "service_line",
            "channel",
            "language",
            "duration_minutes",
            "topics",
            "referrals",
            "next_steps",
            "note",
        ]
        widgets = {
            "service_line": forms.RadioSelect,
            "channel": forms.RadioSelect,
            "language": forms.Select,
            "duration_minutes": forms.NumberInput(attrs={"class": "input--short"}),
            "topics": ChipsCheckboxes,
            "next_steps": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "note": _("No names or contact details: the client is recorded by code only."),
        }

    topic_lines = tuple(ServiceLine.values)
    required_messages = {
        "service_line": _("Choose the service line of the consultation."),
        "channel": _("Choose how the consultation took place."),
        "language": _("Choose the language of the consultation."),
        "duration_minutes": _("Enter how many minutes the consultation took, for example 45."),
        "participants": _("Enter the number of participants."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.required_messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        self.fields["duration_minutes"].error_messages["invalid"] = _(
            "Enter the duration in whole minutes, for example 45."
        )
        self.fields["language"].widget.choices = _language_choices()
        self.fields["topics"].queryset = self._topics()
        # One message in the person's words for every duration out of range (clean_...).
        self.fields["duration_minutes"].validators = []
        self.fields["duration_minutes"].widget.attrs.update(min=5, max=600, step=5)
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if date < EARLIEST_DATE:
            raise forms.ValidationError(_("The date must be in 2015 or later."))
        return date

    def clean_submission_token(self):
        """A token the forms never hand out (too long, odd characters) is replaced by a fresh
        one in the re-shown form, with a message; what was typed stays."""
        token = self.cleaned_data["submission_token"]
        if token and not SUBMISSION_TOKEN.fullmatch(token):
            from counselling.services import new_submission_token

            self.data = self.data.copy()
            self.data[self.add_prefix("submission_token")] = new_submission_token()
            self.add_error(
                None, _("This form could not be sent as it was. Please check it and save again.")
            )
            return ""
        return token

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 5 <= minutes <= 600:
            raise forms.ValidationError(_("Enter a duration between 5 and 600 minutes."))
        return minutes

    def clean_language(self):
        language = self.cleaned_data["language"]
        if language not in reference.languages():
            raise forms.ValidationError(_("Choose a language from the list."))
        return language

    def _topics(self):
        return Topic.objects.filter(active=True, service_line__in=self.topic_lines)

    def topic_groups(self):
        """The topic checkboxes grouped by service line, for one fieldset each."""
        line_of = dict(self._topics().values_list("pk", "service_line"))
        groups = {line: [] for line in self.topic_lines}
        for checkbox in self["topics"]:
            groups[line_of[int(str(checkbox.data["value"]))]].append(checkbox)
        labels = dict(ServiceLine.choices)
        return [(line, labels[line], boxes) for line, boxes in groups.items() if boxes]


class GroupSessionForm(ConsultationForm):
    """An information session for several people: how many came, nobody recorded."""

    consultation_format = ConsultationFormat.GROUP
    referrals = None
    questionnaire_code = None

    class Meta(ConsultationForm.Meta):
        fields = [
            "date",
            "service_line",
            "participants",
            "channel",
            "language",
            "duration_minutes",
            "topics",
            "note",
        ]
        widgets = {
            **ConsultationForm.Meta.widgets,
            "participants": forms.NumberInput(attrs={"class": "input--short"}),
        }
        labels = {"participants": _("Number of participants")}
        help_texts = {
            "participants": _("Everyone who took part, without the counsellors."),
            "note": _("No names or contact details of the participants."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        participants = self.fields["participants"]
        participants.required = True
        # One message in the person's words for every number out of range (clean_participants).
        participants.validators = []
        participants.error_messages["required"] = _("Enter the number of participants.")
        participants.error_messages["invalid"] = _(
            "Enter the number of participants in digits, for example 12."
        )
        participants.widget.attrs.update(min=1, max=MAX_PARTICIPANTS)
        if not self.is_bound:
            self.initial["participants"] = None
        self.instance.format = self.consultation_format

    def clean_participants(self):
        participants = self.cleaned_data["participants"]
        if not 1 <= participants <= MAX_PARTICIPANTS:
            raise forms.ValidationError(
                _("Enter a number of participants between 1 and %(most)s."),
                params={"most": MAX_PARTICIPANTS},
            )
        return participants


class EmployerConsultationForm(ConsultationForm):
    """Fachkräfteeinwanderung: a firm counselled, so no client record and no service line to
    choose; the topics are those of recognition and of employers."""

    consultation_format = ConsultationFormat.EMPLOYER
    topic_lines = (ServiceLine.EMPLOYERS, ServiceLine.RECOGNITION)
    questionnaire_code = None

    class Meta(ConsultationForm.Meta):
        fields = [
            "date",
            "channel",
            "language",
            "duration_minutes",
            "topics",
            "referrals",
            "next_steps",
            "note",
        ]
        help_texts = {
            "note": _("No names or contact details of the firm or its staff."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.format = self.consultation_format
        self.instance.service_line = ServiceLine.EMPLOYERS


class ClientSearchForm(forms.Form):
    q = forms.CharField(label=_("Client code"), required=False, max_length=20)


class FiguresForm(forms.Form):
    """The period of the figures; without dates, this calendar year up to today."""

    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, data):
        today = timezone.localdate()
        period = {"start": f"{today.year}-01-01", "end": today.isoformat()}
        given = {key: data[key] for key in ("start", "end") if data.get(key)}
        super().__init__({**period, **given})

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period must be after its start."))
        return data
