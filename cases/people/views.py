"""Pages of youths and households, each reached through a visible case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.models import InsightKind
from cases.people.forms import (
    MEMBER_ROWS,
    HouseholdForm,
    HouseholdMemberFormSet,
    YouthForm,
    member_rows,
    without_errors,
)
from cases.people.services import (
    update_household,
    update_youth,
)
from cases.permissions import (
    ensure_coordinator,
    get_household_for_user,
    get_youth_for_user,
    visible_cases,
    visible_group_memberships,
    visible_insights,
    visible_youths,
)
from partners.permissions import can_see_bsn, is_coordinator
from pga.forms import save_or_conflict
from pga.views import render_form


@login_required
def youth_detail(request, youth_id):
    youth = get_youth_for_user(request.user, youth_id)
    cases = visible_cases(request.user).filter(youth=youth).select_related("coordinator")
    groups = (
        visible_group_memberships(request.user).filter(youth=youth).select_related("youth_group")
    )
    return render(
        request,
        "cases/youth_detail.html",
        {
            "youth": youth,
            "cases": cases,
            "groups": groups,
            "show_bsn": can_see_bsn(request.user),
            "is_coordinator": is_coordinator(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def youth_edit(request, youth_id):
    youth = get_youth_for_user(request.user, youth_id)
    ensure_coordinator(request.user)
    form = YouthForm(request.POST or None, instance=youth)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, update_youth, youth, request.user, reason=_("Jongere bewerkt")):
            messages.success(request, _("De gegevens van %s zijn opgeslagen.") % youth)
            return redirect(youth.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Gegevens van %s bewerken") % youth,
        cancel_url=youth.get_absolute_url(),
    )


@login_required
def household_detail(request, household_id):
    household = get_household_for_user(request.user, household_id)
    return render(
        request,
        "cases/household_detail.html",
        {
            "household": household,
            "members": household.members.all(),
            "youths": visible_youths(request.user).filter(household=household),
            "is_coordinator": is_coordinator(request.user),
            # What the key figures miss and need, as far as known through youths the user
            # may see (an insight about a key figure follows the youth's case).
            "key_figure_needs": visible_insights(request.user)
            .filter(
                household_member__household=household,
                kind__in=[InsightKind.GEMIS, InsightKind.BEHOEFTE],
            )
            .select_related("household_member")
            .prefetch_related("themes")
            .order_by("household_member__first_name", "kind", "-noted_on"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request, household_id):
    household = get_household_for_user(request.user, household_id)
    ensure_coordinator(request.user)
    data, adding_member = member_rows(request.POST or None)
    form = HouseholdForm(data, instance=household)
    members = HouseholdMemberFormSet(data, instance=household, prefix=MEMBER_ROWS)
    if adding_member:
        # Without JavaScript: the same page with one more row, everything typed kept.
        without_errors(form)
        without_errors(members)
    elif request.method == "POST" and form.is_valid() & members.is_valid():
        changed = [
            f.instance for f in members.forms if f.has_changed() and f not in members.deleted_forms
        ]
        removed = [f.instance for f in members.deleted_forms if f.instance.pk]
        if save_or_conflict(
            form,
            update_household,
            household,
            request.user,
            members=changed,
            removed=removed,
        ):
            messages.success(request, _("Het huishouden is opgeslagen."))
            return redirect(household.get_absolute_url())
    return render(
        request,
        "cases/household_form.html",
        {"household": household, "form": form, "members": members},
    )
