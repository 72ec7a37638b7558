"""Pages of youths, households and youth groups, each reached through a visible case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import services
from cases.forms import HouseholdForm, HouseholdMemberFormSet, YouthForm
from cases.inzage import build_export
from cases.pages import render_form, save_or_conflict
from cases.permissions import (
    ensure_coordinator,
    get_household_for_user,
    get_youth_for_user,
    get_youth_group_for_user,
    visible_cases,
    visible_group_members,
    visible_group_memberships,
    visible_youths,
)
from partners.permissions import can_see_bsn, is_coordinator


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
        if save_or_conflict(
            form, services.update_youth, youth, request.user, reason=_("Jongere bewerkt")
        ):
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
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request, household_id):
    household = get_household_for_user(request.user, household_id)
    ensure_coordinator(request.user)
    data = request.POST or None
    form = HouseholdForm(data, instance=household)
    members = HouseholdMemberFormSet(data, instance=household, prefix="gezinsleden")
    if request.method == "POST" and form.is_valid() & members.is_valid():
        changed = [
            f.instance for f in members.forms if f.has_changed() and f not in members.deleted_forms
        ]
        removed = [f.instance for f in members.deleted_forms if f.instance.pk]
        if save_or_conflict(
            form,
            services.update_household,
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


@login_required
def group_detail(request, group_id):
    group = get_youth_group_for_user(request.user, group_id)
    members = visible_group_members(request.user, group).order_by("until_on", "youth__last_name")
    return render(request, "cases/group_detail.html", {"group": group, "members": members})


@login_required
def youth_export(request, youth_id):
    """AVG art. 15: everything about one youth, as a ZIP. Coordinators only; logged."""
    youth = get_youth_for_user(request.user, youth_id)
    ensure_coordinator(request.user)
    content, filename = build_export(request.user, youth)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
