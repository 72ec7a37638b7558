"""Form rendering that ties errors and help text to their field for screen readers."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()


@register.inclusion_tag("includes/_field.html")
def field(bound_field, css_class=""):
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
    # A bounded text shows its limit, and (pga.js) how much of it is used.
    limit = getattr(bound_field.field, "max_length", None)
    if bound_field.widget_type != "textarea":
        limit = None
    if limit:
        described_by.append(f"{bound_field.auto_id}_count")
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
        "is_radio": bound_field.widget_type in ("radioselect", "checkboxselectmultiple"),
        "limit": limit,
    }


# Longer than this (or more lines than COLLAPSE_LINES), a text on screen starts collapsed
# behind "toon meer" (pga.js); without JavaScript it is shown whole.
COLLAPSE_AFTER = 500
COLLAPSE_LINES = 8


@register.filter(needs_autoescape=True)
def long_text(value, autoescape=True):
    """Free text with its line breaks kept; a long one collapsed behind 'toon meer'."""
    if not value:
        return "—"
    html = linebreaksbr(value, autoescape=autoescape)
    if len(value) <= COLLAPSE_AFTER and value.count("\n") < COLLAPSE_LINES:
        return html
    return format_html('<div class="long-text" data-long-text>{}</div>', html)


@register.filter
def date_nl(value):
    if not value:
        return "—"
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")
