"""Form rendering that ties errors and help text to their field for screen readers."""

import copy

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


# NL Design System (Utrecht) class of each kind of input; pga.widgets gives its own. A
# checkbox needs "--custom" to be drawn by the theme (24 px, like the radio button); without
# it the browser draws its own 13 px box. A single checkbox is the form field's input, in
# the column beside its label, help and error (utrecht-form-field--checkbox).
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
INPUT_CLASSES = {
    "textarea": "utrecht-textarea",
    "select": "utrecht-select",
    "longselect": "utrecht-select",
    "combobox": "utrecht-textbox",
    "selectmultiple": "utrecht-select",
    "checkbox": f"{CHECKBOX} utrecht-form-field__input",
    "radioselect": "utrecht-radio-button utrecht-radio-button--html-input",
    "checkboxselectmultiple": CHECKBOX,
}
GROUPS = ("radioselect", "checkboxselectmultiple")
TEXT_BOXES = {"text", "email", "number", "password", "url", "tel", "search"}


def _input_class(bound_field) -> str:
    kind = bound_field.widget_type
    ours = INPUT_CLASSES.get(kind) or ("utrecht-textbox" if kind in TEXT_BOXES else "")
    classes = bound_field.field.widget.attrs.get("class", "").split()
    return " ".join(dict.fromkeys([*classes, *ours.split()]))


def anchor(bound_field) -> str:
    """The id a link to this field goes to: its input, or a group's first option."""
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"


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
    if input_class := _input_class(bound_field):
        attrs["class"] = input_class
    is_group = bound_field.widget_type in GROUPS
    widget = None
    if is_group:
        # Django puts the inputs' class on the group's <div> as well; ours gives it none.
        widget = copy.copy(bound_field.field.widget)
        widget.template_name = "includes/widgets/choice_group.html"
    return {
        "field": bound_field,
        "widget": bound_field.as_widget(widget=widget, attrs=attrs),
        "css_class": css_class,
        "is_checkbox": bound_field.widget_type == "checkbox",
        "is_radio": is_group,
        "described_by": " ".join(described_by),
        "limit": limit,
    }


def _forms_in(form_or_formset, row_label=""):
    """(form, label in front of its fields) for a form, or for each form of a formset."""
    if hasattr(form_or_formset, "forms"):
        label = getattr(form_or_formset, "row_label", "") or _("Rij")
        for number, form in enumerate(form_or_formset.forms, start=1):
            yield form, f"{label} {number}"
    else:
        yield form_or_formset, row_label


@register.inclusion_tag("includes/_error_summary.html")
def error_summary(*forms, outcome=""):
    """The summary at the top of a form with errors (NL Design System 'error summary'): what
    did not happen (``outcome``), the errors that belong to no field, the stale-edit
    conflict, and a link to each field in error. pga.js moves the focus to it when the page
    opens."""
    top, fields, conflict, key = [], [], None, ""
    for form_or_formset in forms:
        if not form_or_formset:
            continue
        if hasattr(form_or_formset, "non_form_errors"):
            top.extend(form_or_formset.non_form_errors())
        for form, row in _forms_in(form_or_formset):
            if not form.is_bound:
                continue
            key = key or form.prefix or ""
            top.extend(form.non_field_errors())
            conflict = conflict or getattr(form, "conflict", None)
            for bound_field in form:
                if not bound_field.errors:
                    continue
                label = f"{row}: {bound_field.label}" if row else bound_field.label
                if bound_field.is_hidden:
                    top.extend(f"{label}: {error}" for error in bound_field.errors)
                else:
                    fields.append(
                        {
                            "anchor": anchor(bound_field),
                            "label": label,
                            "message": " ".join(bound_field.errors),
                        }
                    )
    return {
        "top": top,
        "fields": fields,
        "conflict": conflict,
        "outcome": outcome or _("Niet opgeslagen."),
        "summary_id": f"fouten-{key}" if key else "fouten",
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


@register.filter
def nowrap(value):
    """A date or a case number on one line: the browser would break it at a hyphen
    ("01-12-" / "2026", "PGA-2026-" / "0012")."""
    return format_html('<span class="nowrap">{}</span>', value)


@register.filter
def period(obj):
    """From when to when an intervention runs, in words where a date is missing (never
    "— – …"): "vanaf 01-12-2026", "nog niet gestart", "tot en met 15-01-2027"."""
    start, end = getattr(obj, "started_on", None), getattr(obj, "ended_on", None)
    planned = getattr(obj, "planned_end_on", None)

    def day(value):
        return nowrap(date_nl(value))

    if start and end:
        return format_html("{} – {}", day(start), day(end))
    if end:
        return format_html(_("tot en met {}"), day(end))
    if start and planned:
        return format_html(_("vanaf {}, gepland tot {}"), day(start), day(planned))
    if start:
        return format_html(_("vanaf {}"), day(start))
    not_started = getattr(obj, "status", "voorgesteld") == "voorgesteld"
    words = _("nog niet gestart") if not_started else _("geen startdatum")
    if planned:
        return format_html(_("{}, gepland tot {}"), words, day(planned))
    return words
