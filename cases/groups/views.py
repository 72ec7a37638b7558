"""The group workspace: the group list, the group page (members, phases, groepsduiding,
relations and sociogram, insights, plan) and the coordinator's forms. What anyone sees comes
from ``cases.permissions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.casefile.tabs import archived_by_month
from cases.groups.forms import (
    EndGroupMembershipForm,
    GroupAgreementForm,
    GroupGoalEvaluationForm,
    GroupGoalForm,
    GroupInterventionForm,
    GroupMemberForm,
    GroupPhaseForm,
    GroupReadingForm,
    GroupRoleForm,
    InsightForm,
    RelationForm,
    RemoveRelationForm,
    WithdrawInsightForm,
    YouthGroupForm,
)
from cases.groups.history import group_timeline_page
from cases.groups.jobs import GROUP_OVERVIEW
from cases.groups.services import (
    GROUP_FIELDS,
    GROUP_INTERVENTION_FIELDS,
    add_group_goal,
    add_group_intervention,
    add_group_member,
    add_group_reading,
    add_relation,
    change_group_phase,
    change_group_role,
    create_youth_group,
    end_group_membership,
    evaluate_group_goal,
    record_insight,
    remove_relation,
    update_group_intervention,
    update_youth_group,
    withdraw_insight,
)
from cases.groups.workspace import group_page_context
from cases.models import HouseholdMember, Youth
from cases.months import Month
from cases.overviews.views import pdf_response
from cases.permissions import (
    ensure_case_user,
    ensure_coordinator,
    get_case_for_user,
    get_group_agreement_for_user,
    get_group_membership_for_user,
    get_group_overview_for_user,
    get_insight_for_user,
    get_relation_for_user,
    get_youth_group_for_user,
    visible_group_members,
    visible_group_memberships,
    visible_group_overviews,
    visible_insights,
    visible_youth_groups,
    visible_youths,
)
from cases.plan.services import GROUP_AGREEMENT_FIELDS, make_group_agreement
from cases.plan.views import finish_page
from partners.permissions import is_coordinator
from pga.forms import call_service, save_or_conflict
from pga.ids import as_id
from pga.jobs import start_job
from pga.paging import BoundedPaginator
from pga.views import render_form


@login_required
def group_detail(request, group_id):
    group = get_youth_group_for_user(request.user, group_id)
    context = group_page_context(request.user, group)
    context["is_coordinator"] = is_coordinator(request.user)
    context["this_month"] = Month.current()
    context["archived"] = archived_by_month(visible_group_overviews(request.user, group))
    return render(request, "cases/group_detail.html", context)


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
    asked = request.GET.get("pagina")
    page = BoundedPaginator(groups, 25, asked_page=asked).get_page(asked)
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
        title=_("%s bewerken") % group,
        cancel_url=group.get_absolute_url(),
        parent=group,
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
        parent=group,
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
        parent=group,
        submit=submit,
        intro=intro(membership) if intro else "",
    )


def _coordinator_group(request, group_id):
    group = get_youth_group_for_user(request.user, group_id)
    ensure_coordinator(request.user)
    return group


def _current_youths(group):
    """The group's current members as youths (the coordinator's forms pick from them)."""
    return Youth.objects.filter(
        group_memberships__youth_group=group, group_memberships__until_on__isnull=True
    ).order_by("last_name", "first_name")


def _member_insights(user, group):
    """The insights a coordinator's plan form offers to link: about current members (and
    their key figures) and about the group."""
    current = visible_group_members(user, group).filter(until_on__isnull=True)
    return (
        visible_insights(user)
        .filter(Q(youth_id__in=current.values("youth_id")) | Q(youth_group=group))
        .select_related("youth", "household_member")
        .order_by("-noted_on", "-pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_phase(request, group_id):
    group = _coordinator_group(request, group_id)
    form = GroupPhaseForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        step = call_service(
            form,
            change_group_phase,
            group,
            by=request.user,
            phase=data["phase"],
            entered_on=data["entered_on"],
            reason=data["reason"],
        )
        if step is not None:
            messages.success(request, _("De groep is in de fase ‘%s’.") % step.get_phase_display())
            return redirect(group.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Fase van %s") % group,
        cancel_url=group.get_absolute_url(),
        parent=group,
        submit=_("Fase vastleggen"),
        intro=_("Huidige fase: %s.") % group.get_phase_display(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_reading_create(request, group_id):
    group = _coordinator_group(request, group_id)
    form = GroupReadingForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reading = call_service(
            form,
            add_group_reading,
            group,
            by=request.user,
            text=data["text"],
            written_on=data["written_on"],
        )
        if reading is not None:
            messages.success(request, _("De groepsduiding is toegevoegd."))
            return redirect(group.get_absolute_url() + "#groepsduiding")
    return render_form(
        request,
        form,
        title=_("Groepsduiding van %s") % group,
        cancel_url=group.get_absolute_url(),
        parent=group,
        submit=_("Groepsduiding toevoegen"),
        intro=_("Een nieuwe duiding komt naast de vorige te staan; die blijft bewaard."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def relation_create(request, group_id):
    group = _coordinator_group(request, group_id)
    youths = _current_youths(group)
    adults = (
        HouseholdMember.objects.filter(household__youths__in=youths)
        .select_related("household")
        .distinct()
        .order_by("household__name", "first_name")
    )
    form = RelationForm(request.POST or None, youths=youths, adults=adults, group=group)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("names_checked", None)
        data.pop("names_seen", None)
        youth = data.pop("youth")
        relation = call_service(form, add_relation, youth, by=request.user, **data)
        if relation is not None:
            messages.success(request, _("De relatie is vastgelegd: %s.") % relation)
            return redirect(group.get_absolute_url() + "#relaties")
    return render_form(
        request,
        form,
        title=_("Relatie vastleggen in %s") % group,
        cancel_url=group.get_absolute_url(),
        parent=group,
        submit=_("Relatie vastleggen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def relation_remove(request, group_id, relation_id):
    relation = get_relation_for_user(request.user, relation_id, group_id=group_id)
    group = _coordinator_group(request, group_id)
    form = RemoveRelationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form, remove_relation, relation, by=request.user, reason=form.cleaned_data["reason"]
        )
        if done is None and not form.errors:
            messages.success(request, _("De relatie is verwijderd."))
            return redirect(group.get_absolute_url() + "#relaties")
    return render_form(
        request,
        form,
        title=_("Relatie verwijderen"),
        cancel_url=group.get_absolute_url(),
        parent=group,
        submit=_("Relatie verwijderen"),
        intro=str(relation),
    )


def _subjects_for_group(group, youths):
    subjects = [("groep", _("De groep als geheel"))]
    for youth in youths:
        subjects.append((f"y{youth.pk}", str(youth)))
        for member in youth.household.members.all() if youth.household_id else []:
            if member.is_key_figure:
                subjects.append(
                    (
                        f"m{member.pk}-{youth.pk}",
                        f"{member.first_name} {member.last_name} "
                        f"({member.get_relation_display().lower()} van {youth.first_name})",
                    )
                )
    return subjects


def _subject_fields(value, group, case=None):
    """The subject field's value → the insight's youth (or ``case``: the case it is
    recorded in), household member and group."""
    if value == "groep":
        return {"youth_group": group}
    about = {"case": case} if case is not None else {}
    if value.startswith("y"):
        return about or {"youth": Youth.objects.get(pk=int(value[1:]))}
    member_id, youth_id = value[1:].split("-")
    return {
        **(about or {"youth": Youth.objects.get(pk=int(youth_id))}),
        "household_member": HouseholdMember.objects.get(pk=int(member_id)),
    }


def _record_insight(request, form, subject_fields):
    data = form.cleaned_data
    return call_service(
        form,
        record_insight,
        by=request.user,
        kind=data["kind"],
        statement=data["statement"],
        source=data["source"],
        noted_on=data["noted_on"],
        themes=list(data["themes"]),
        **subject_fields,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_insight_create(request, group_id):
    group = _coordinator_group(request, group_id)
    youths = (
        _current_youths(group).select_related("household").prefetch_related("household__members")
    )
    form = InsightForm(
        request.POST or None, subjects=_subjects_for_group(group, youths), group=group
    )
    if request.method == "POST" and form.is_valid():
        if _record_insight(request, form, _subject_fields(form.cleaned_data["about"], group)):
            messages.success(request, _("Het inzicht is vastgelegd."))
            return redirect(group.get_absolute_url() + "#inzichten")
    return render_form(
        request,
        form,
        title=_("Inzicht vastleggen in %s") % group,
        cancel_url=group.get_absolute_url(),
        parent=group,
        submit=_("Inzicht vastleggen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_insight_create(request, case_id):
    """An insight about the case's youth or a key figure of the youth's household."""
    case = get_case_for_user(request.user, case_id, "cases.change_case")
    youth = case.youth
    subjects = [(f"y{youth.pk}", str(youth))]
    if youth.household_id:
        for member in youth.household.members.all():
            subjects.append(
                (
                    f"m{member.pk}-{youth.pk}",
                    f"{member.first_name} {member.last_name} ({member.get_relation_display().lower()})",
                )
            )
    form = InsightForm(request.POST or None, subjects=subjects, case=case)
    if request.method == "POST" and form.is_valid():
        about = _subject_fields(form.cleaned_data["about"], None, case=case)
        if _record_insight(request, form, about):
            messages.success(request, _("Het inzicht is vastgelegd."))
            return redirect(case.get_absolute_url() + "#leefwereld")
    return render_form(
        request,
        form,
        title=_("Inzicht vastleggen"),
        case=case,
        cancel_url=case.get_absolute_url() + "#leefwereld",
        submit=_("Inzicht vastleggen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_goal_create(request, group_id):
    group = _coordinator_group(request, group_id)
    form = GroupGoalForm(
        request.POST or None, group=group, insights=_member_insights(request.user, group)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        goal = call_service(
            form,
            add_group_goal,
            group,
            by=request.user,
            target=data["target"],
            themes=list(data["themes"]),
            insights=list(data["insights"]),
        )
        if goal is not None:
            messages.success(request, _("Het groepsdoel staat in het plan."))
            return redirect(group.get_absolute_url() + "#plan")
    return render_form(
        request,
        form,
        title=_("Groepsdoel toevoegen aan %s") % group,
        cancel_url=group.get_absolute_url(),
        parent=group,
        submit=_("Groepsdoel toevoegen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_goal_evaluate(request, group_id, group_goal_id):
    group = _coordinator_group(request, group_id)
    goal = get_object_or_404(group.goals, pk=as_id(group_goal_id))
    form = GroupGoalEvaluationForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("outcome", "outcome_note")}
        if call_service(form, evaluate_group_goal, goal, by=request.user, **data) is not None:
            messages.success(request, _("De uitkomst van het groepsdoel is vastgelegd."))
            return redirect(group.get_absolute_url() + "#plan")
    return render_form(
        request,
        form,
        title=_("Groepsdoel evalueren"),
        cancel_url=group.get_absolute_url(),
        parent=group,
        submit=_("Uitkomst vastleggen"),
        intro=goal.target,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_intervention_create(request, group_id):
    return _group_intervention_form(request, group_id, None)


@login_required
@require_http_methods(["GET", "POST"])
def group_intervention_edit(request, group_id, group_intervention_id):
    return _group_intervention_form(request, group_id, group_intervention_id)


def _group_intervention_form(request, group_id, intervention_id):
    group = _coordinator_group(request, group_id)
    intervention = (
        get_object_or_404(group.interventions, pk=as_id(intervention_id))
        if intervention_id is not None
        else None
    )
    form = GroupInterventionForm(
        request.POST or None,
        instance=intervention,
        group=group,
        insights=_member_insights(request.user, group),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        links = {"themes": list(data["themes"]), "insights": list(data["insights"])}
        if intervention is None:
            fields = {name: data[name] for name in GROUP_INTERVENTION_FIELDS}
            saved = call_service(
                form, add_group_intervention, group, by=request.user, **links, **fields
            )
        else:
            # Links to insights this form does not offer (about members who have left, or
            # withdrawn from view) stay as they were.
            offered = form.fields["insights"].queryset.values("pk")
            links["insights"] += list(intervention.insights.exclude(pk__in=offered))
            saved = save_or_conflict(
                form, update_group_intervention, intervention, request.user, **links
            )
        if saved:
            messages.success(request, _("De groepsinterventie is opgeslagen."))
            return redirect(group.get_absolute_url() + "#plan")
    return render_form(
        request,
        form,
        title=(
            _("Groepsinterventie wijzigen") if intervention else _("Groepsinterventie toevoegen")
        ),
        cancel_url=group.get_absolute_url(),
        parent=group,
        submit=None if intervention else _("Groepsinterventie toevoegen"),
    )


@login_required
def group_history(request, group_id):
    group = get_youth_group_for_user(request.user, group_id)
    page = group_timeline_page(request.user, group, request.GET.get("pagina"))
    return render(
        request,
        "cases/group_history.html",
        {"group": group, "entries": page.object_list, "page": page},
    )


@login_required
def group_overview_pdf(request, group_id, month):
    """Made in the background, with progress (cases/groups/jobs.py)."""
    group = get_youth_group_for_user(request.user, group_id)
    period = month.available()
    job = start_job(request.user, GROUP_OVERVIEW.name, {"group": group.pk, "month": str(period)})
    return redirect("job_detail", job_id=job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def group_agreement_create(request, group_id):
    group = _coordinator_group(request, group_id)
    form = GroupAgreementForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in GROUP_AGREEMENT_FIELDS}
        made = call_service(form, make_group_agreement, group, by=request.user, **fields)
        if made is not None:
            messages.success(request, _("De afspraak over de groep is vastgelegd."))
            return redirect(group.get_absolute_url() + "#afspraken")
    return render_form(
        request,
        form,
        title=_("Afspraak over %s") % group,
        cancel_url=group.get_absolute_url() + "#afspraken",
        parent=group,
        submit=_("Afspraak maken"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_agreement_finish(request, group_id, agreement_id):
    agreement = get_group_agreement_for_user(request.user, agreement_id, group_id=group_id)
    return finish_page(
        request, agreement, home_url=agreement.youth_group.get_absolute_url() + "#afspraken"
    )


@login_required
def group_archived_overview(request, group_id, overview_id):
    overview = get_group_overview_for_user(request.user, overview_id, group_id=group_id)
    with overview.file.open("rb") as handle:
        content = handle.read()
    return pdf_response(
        content, f"maandoverzicht-groep-{overview.youth_group_id}-{overview.month:%Y-%m}.pdf"
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_insight_withdraw(request, case_id, insight_id):
    case = get_case_for_user(request.user, case_id, "cases.change_case")
    insight = get_insight_for_user(request.user, insight_id, case_id=case.pk)
    return _withdraw_insight_page(request, insight, back=case.get_absolute_url() + "#leefwereld")


@login_required
@require_http_methods(["GET", "POST"])
def group_insight_withdraw(request, group_id, insight_id):
    group = _coordinator_group(request, group_id)
    insight = get_insight_for_user(request.user, insight_id, group_id=group.pk)
    return _withdraw_insight_page(request, insight, back=group.get_absolute_url() + "#inzichten")


def _withdraw_insight_page(request, insight, *, back):
    """An insight that turned out wrong is withdrawn by the coordinator, with a reason."""
    ensure_coordinator(request.user)
    form = WithdrawInsightForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        call_service(form, withdraw_insight, insight, by=request.user, reason=reason)
        if not form.errors:
            messages.success(request, _("Het inzicht is ingetrokken."))
            return redirect(back)
    return render_form(
        request,
        form,
        title=_("Inzicht intrekken"),
        case=insight.case,
        cancel_url=back,
        intro=f"{insight.get_kind_display()}: {insight.statement}",
        submit=_("Inzicht intrekken"),
    )
