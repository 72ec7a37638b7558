"""The combobox's options: at most LIMIT, alphabetical, matching every word typed. Who may
see which options is asked of the permissions modules, as the select it replaces did."""

from functools import reduce
from operator import or_

from django.contrib.auth.decorators import login_required
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.permissions import ensure_case_user, ensure_coordinator, visible_youth_groups
from partners.permissions import choosable_partners, contact_persons, coordinators
from pga.views import is_htmx
from pga.widgets import ComboBox

LIMIT = 20
LONGEST = 100  # characters of typed text that are read; a name is never longer


def typed_words(request) -> list[str]:
    """The words typed, without control characters (PostgreSQL refuses a NUL byte)."""
    text = "".join(ch for ch in request.GET.get("tekst", "")[:LONGEST] if ch.isprintable())
    return text.split()


def answer(request, queryset, fields: tuple[str, ...], label):
    """The options whose ``fields`` together hold every typed word, as the listbox's items."""
    words = typed_words(request)
    options, message = [], _("Geen resultaten")
    if len(" ".join(words)) < ComboBox.min_length:
        message = _("Typ minstens %(count)s tekens.") % {"count": ComboBox.min_length}
    else:
        for word in words:
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{f}__icontains": word}) for f in fields))
            )
        options = (
            queryset.annotate(option_label=label)
            .order_by("option_label", "pk")
            .values_list("pk", "option_label")[:LIMIT]
        )
    context = {"options": options, "message": message, "limit": LIMIT}
    # The combobox asks with htmx and gets the listbox's items; opened as a page (a link
    # shared, the browser's address bar) the same options stand in a page of their own.
    template = "cases/choices/_options.html" if is_htmx(request) else "cases/choices/page.html"
    return render(request, template, context)


@login_required
def coordinator_choices(request):
    ensure_coordinator(request.user)
    full_name = Coalesce(
        NullIf(Trim(Concat("first_name", Value(" "), "last_name")), Value("")),
        "username",
        output_field=CharField(),
    )
    fields = ("first_name", "last_name", "username")
    return answer(request, coordinators(), fields, full_name)


@login_required
def partner_choices(request):
    ensure_coordinator(request.user)
    return answer(request, choosable_partners(request.user), ("name",), F("name"))


@login_required
def active_partner_choices(request):
    """The involvement form's partners: those that can be involved now."""
    ensure_coordinator(request.user)
    partners = choosable_partners(request.user, active_only=True)
    return answer(request, partners, ("name",), F("name"))


@login_required
def contact_person_choices(request):
    """The involvement form's contact persons: found by their name or their organisation's,
    among the chosen organisation's people if the form says which (``?partner=<id>``)."""
    ensure_coordinator(request.user)
    label = Concat(
        Coalesce(
            NullIf(Trim(Concat("first_name", Value(" "), "last_name")), Value("")), "username"
        ),
        Value(" ("),
        "membership__partner__name",
        Value(")"),
        output_field=CharField(),
    )
    fields = ("first_name", "last_name", "username", "membership__partner__name")
    people = contact_persons()
    # The form sends the organisation chosen above it along: only its people, then.
    partner = request.GET.get("partner", "")
    if partner.isdigit():
        people = people.filter(membership__partner_id=int(partner))
    return answer(request, people, fields, label)


@login_required
def youth_group_choices(request):
    ensure_case_user(request.user)
    return answer(request, visible_youth_groups(request.user), ("name",), F("name"))
