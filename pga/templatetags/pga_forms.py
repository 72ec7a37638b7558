"""Form rendering that ties errors and help text to their field for screen readers."""

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("includes/_field.html")
def field(bound_field, css_class=""):
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return {
        "field": bound_field,
        "widget": bound_field.as_widget(attrs=attrs),
        "css_class": css_class,
        "is_checkbox": bound_field.widget_type == "checkbox",
        "is_radio": bound_field.widget_type == "radioselect",
    }


@register.filter
def date_nl(value):
    if not value:
        return "—"
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")
