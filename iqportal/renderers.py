"""One form renderer for the whole portal, so that every field looks and reads the same."""

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """`{{ form.field.as_field_group }}` renders components/_field.html (GOV.UK style: label
    or legend, hint, error message, widget), and the widget overrides in templates/django/
    put each radio button or checkbox before its own label."""

    field_template_name = "components/_field.html"
