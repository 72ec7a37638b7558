"""Pages of youths, households and youth groups, each reached through a visible case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.people.forms import (
    EndGroupMembershipForm,
    GroupMemberForm,
    GroupRoleForm,
    HouseholdForm,
    HouseholdMemberFormSet,
    YouthForm,
    YouthGroupForm,
)
from cases.people.services import (
    GROUP_FIELDS,
    add_group_member,
    change_group_role,
    create_youth_group,
    end_group_membership,
    update_household,
    update_youth,
    update_youth_group,
)
from cases.permissions import (
    ensure_case_user,
    ensure_coordinator,
    get_group_membership_for_user,
    get_household_for_user,
    get_youth_for_user,
    get_youth_group_for_user,
    visible_cases,
    visible_group_members,
    visible_group_memberships,
    visible_youth_groups,
    visible_youths,
)
from partners.permissions import can_see_bsn, is_coordinator
from pga.forms import call_service, save_or_conflict
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


@login_required
def group_detail(request, group_id):
    group = get_youth_group_for_user(request.user, group_id)
    members = visible_group_members(request.user, group).order_by("until_on", "youth__last_name")
    return render(
        request,
        "cases/group_detail.html",
        {"group": group, "members": members, "is_coordinator": is_coordinator(request.user)},
    )


@login_required
def group_list(request):
    """The youth groups the user may see, with the number of current members the user may
    see (a partner does not count youths of cases it is not involved in)."""
    ensure_case_user(request.user)
    current = visible_group_memberships(request.user).filter(
        youth_group=OuterRef("pk"), until_on__isnull=True
    )
    groups = (
        visible_youth_groups(request.user)
        .select_related("district")
        .annotate(
            member_count=Coalesce(
                Subquery(
                    current.order_by().values("youth_group").annotate(n=Count("pk")).values("n")
                ),
                0,
            )
        )
        .order_by("name")
    )
    page = Paginator(groups, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "cases/group_list.html",
        {"page": page, "is_coordinator": is_coordinator(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    ensure_coordinator(request.user)
    form = YouthGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in GROUP_FIELDS}
        group = call_service(
            form,
            create_youth_group,
            by=request.user,
            reason=form.cleaned_data["reason"],
            **fields,
        )
        if group is not None:
            messages.success(request, _("Jeugdgroep ‘%s’ is aangemaakt.") % group)
            return redirect(group.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Nieuwe jeugdgroep"),
        cancel_url=reverse("cases:group_list"),
        submit=_("Jeugdgroep aanmaken"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, group_id):
    group = get_youth_group_for_user(request.user, group_id)
    ensure_coordinator(request.user)
    form = YouthGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, update_youth_group, group, request.user):
            messages.success(request, _("De jeugdgroep is opgeslagen."))
            return redirect(group.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Jeugdgroep %s bewerken") % group,
        cancel_url=group.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_member_add(request, group_id):
    group = get_youth_group_for_user(request.user, group_id)
    ensure_coordinator(request.user)
    form = GroupMemberForm(request.POST or None, group=group, youths=visible_youths(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = call_service(
            form,
            add_group_member,
            group,
            data["youth"],
            by=request.user,
            role=data["role"],
            since_on=data["since_on"],
            reason=data["reason"],
        )
        if added is not None:
            messages.success(request, _("%s is lid van de groep.") % data["youth"])
            return redirect(group.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Lid toevoegen aan %s") % group,
        cancel_url=group.get_absolute_url(),
        submit=_("Lid toevoegen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_member_role(request, group_id, group_membership_id):
    return _membership_step(
        request,
        group_id,
        group_membership_id,
        form_class=GroupRoleForm,
        service=change_group_role,
        fields=("role", "reason"),
        done=_("De rol van %s is gewijzigd."),
        title=_("Rol van %(youth)s in %(group)s"),
        submit=_("Rol wijzigen"),
        intro=lambda membership: _("Huidige rol: %s.") % membership.get_role_display(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_member_end(request, group_id, group_membership_id):
    return _membership_step(
        request,
        group_id,
        group_membership_id,
        form_class=EndGroupMembershipForm,
        service=end_group_membership,
        fields=("until_on", "reason"),
        done=_("Het lidmaatschap van %s is beëindigd."),
        title=_("Lidmaatschap van %(youth)s in %(group)s beëindigen"),
        submit=_("Lidmaatschap beëindigen"),
    )


def _membership_step(
    request,
    group_id,
    membership_id,
    *,
    form_class,
    service,
    fields,
    done,
    title,
    submit,
    intro=None,
):
    """A coordinator's step on one membership (a new role, its end), through ``service``."""
    membership = get_group_membership_for_user(request.user, membership_id, group_id=group_id)
    ensure_coordinator(request.user)
    group = membership.youth_group
    form = form_class(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in fields}
        if call_service(form, service, membership, by=request.user, **data) is not None:
            messages.success(request, done % membership.youth)
            return redirect(group.get_absolute_url())
    return render_form(
        request,
        form,
        title=title % {"youth": membership.youth, "group": group},
        cancel_url=group.get_absolute_url(),
        submit=submit,
        intro=intro(membership) if intro else "",
    )
