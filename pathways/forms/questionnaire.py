"""Forms of the questionnaire: one answer to one question, and a resume code.

The answer is parsed by the question's own definition (``parse_answer``); the form adds what a
web page needs: a required answer, the "I don't know" and "never" buttons, and refusing posts
that no page of ours sends (extra or repeated fields, choices not offered).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.questionnaire import language
from pathways.rules.profile import check_combined
from pathways.rules.questions import HOME_ABROAD, Question, choices_for, expand, parse_answer
from pathways.rules.texts import ProfileError

# Answers picked from a list: a value the list does not offer was not sent by our page.
PICKED = frozenset({"choice", "bool", "country"})
FIELDS = frozenset({"csrfmiddlewaretoken", "answer", "special"})
SPECIAL = {"unknown": "allow_unknown", "never": "null_choice"}

REQUIRED = {
    "choice": _("Select an answer."),
    "bool": _("Select yes or no."),
    "country": _("Select a country from the list."),
    "int": _("Enter a number."),
    "decimal": _("Enter an amount."),
}


class AnswerForm(forms.Form):
    answer = forms.CharField(required=False, max_length=100, strip=True)
    special = forms.CharField(required=False, max_length=20)

    def __init__(self, question: Question, *args, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        # The answers so far: an answer that contradicts one of them is refused (422).
        self.answers = answers or {}
        self.tampered = False

    def clean(self):
        data = super().clean()
        if self.errors:
            self.tampered = self.question.kind in PICKED
            return data
        unexpected = set(self.data) - FIELDS
        repeated = [name for name in FIELDS if len(self.data.getlist(name)) > 1]
        special = data.get("special") or ""
        if unexpected or repeated or (special and not self._offers(special)):
            self.tampered = True
            raise forms.ValidationError(
                _("This answer was not sent by our form. Please answer again."), code="forged"
            )
        offered = [choice.value for choice in choices_for(self.question, self.answers)]
        if special:
            data["value"] = None
        elif data.get("answer") == HOME_ABROAD and HOME_ABROAD in offered:
            # One choice, two answers: abroad, in the state of one's nationality.
            data["value"] = "abroad"
            data["also"] = expand(self.question.id, HOME_ABROAD, self.answers)
        elif not data.get("answer"):
            self.add_error("answer", REQUIRED[self.question.kind])
        else:
            try:
                data["value"] = parse_answer(self.question, data["answer"])
            except ProfileError as error:
                self.tampered = self.question.kind in PICKED
                self.add_error("answer", error.message.get(language()))
                return data
            try:
                check_combined(self.answers, self.question.id, data["value"])
            except ProfileError as error:
                self.add_error("answer", error.message.get(language()))
        return data

    @property
    def status(self) -> int:
        """400 for a post our page cannot send, 422 for a person's mistake (shown again)."""
        return 400 if self.tampered else 422

    def _offers(self, special: str) -> bool:
        attribute = SPECIAL.get(special)
        return attribute is not None and bool(getattr(self.question, attribute))

    @property
    def message(self) -> str | None:
        """The one error of this form, for the summary and beside the field."""
        errors = self.errors.get("answer") or self.non_field_errors()
        return errors[0] if errors else None

    @property
    def typed(self) -> str:
        """What the person typed or chose, to show it again (an error) or first (a change)."""
        if self.is_bound:
            return self.data.get("answer", "")
        return self.initial.get("answer", "")


def initial_answer(question: Question, answers: dict) -> str:
    """A stored answer as the value of the form's field; "unknown" for "I don't know"."""
    if question.id not in answers:
        return ""
    value = answers[question.id]
    if question.id == "residence" and value == "abroad":
        home = expand(question.id, HOME_ABROAD, answers)
        country = home.get("residence_country")
        if country is not None and country == answers.get("residence_country"):
            return HOME_ABROAD
    if value is None:
        return "unknown" if question.kind in ("choice", "bool") else ""
    if question.kind == "bool":
        return "yes" if value else "no"
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        help_text=_("10 letters and digits, for example 7KQ4M2XD9P."),
        error_messages={"required": _("Enter your code.")},
    )
