"""Screens of the casusoverleg: the list, planning one, its agenda and the invitations per
item. What a partner sees comes from ``cases.permissions`` (visible_meetings and
visible_agenda_items): an item of a case it may not see is not listed, counted or named."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelMeetingForm,
    DecisionForm,
    FinaliseForm,
    GroupMinutesForm,
    InvitationForm,
    MeetingForm,
    MinutesForm,
)
from cases.meetings.pdf import render_meeting_html
from cases.meetings.services import (
    MEETING_FIELDS,
    add_agenda_item,
    cancel_meeting,
    cancel_refusal,
    finalise_meeting,
    invite_partner,
    plan_meeting,
    record_attendance,
    record_decision,
    record_group_minutes,
    record_minutes,
    update_meeting,
)
from cases.models import Agreement, Decision, Invitation
from cases.overviews.views import pdf_response
from cases.permissions import (
    ensure_case_user,
    ensure_coordinator,
    get_agenda_item_for_user,
    get_meeting_for_user,
    may_see_group_content,
    visible_agenda_items,
    visible_agreements,
    visible_cases,
    visible_meetings,
    visible_youth_groups,
)
from cases.plan.views import agreement_form_page
from partners.permissions import is_coordinator
from pga.forms import call_service, save_or_conflict
from pga.paging import BoundedPaginator
from pga.pdf import render_pdf
from pga.views import render_form


@login_required
def meeting_list(request):
    ensure_case_user(request.user)
    items = visible_agenda_items(request.user).filter(meeting=OuterRef("pk")).order_by()
    meetings = (
        visible_meetings(request.user)
        .select_related("chair")
        .annotate(
            item_count=Coalesce(
                Subquery(items.values("meeting").annotate(n=Count("pk")).values("n")), 0
            )
        )
        .order_by("-starts_at")
    )
    asked = request.GET.get("pagina")
    page = BoundedPaginator(meetings, 25, asked_page=asked).get_page(asked)
    return render(
        request,
        "cases/meeting_list.html",
        {"page": page, "is_coordinator": is_coordinator(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    ensure_coordinator(request.user)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in MEETING_FIELDS}
        meeting = call_service(form, plan_meeting, by=request.user, **fields)
        if meeting is not None:
            messages.success(request, _("Het overleg is gepland."))
            return redirect("cases:meeting_detail", meeting_id=meeting.pk)
    return render_form(
        request,
        form,
        title=_("Casusoverleg plannen"),
        cancel_url=reverse("cases:meeting_list"),
        submit=_("Overleg plannen"),
    )


def meeting_items(user, meeting):
    """The items of ``meeting`` the user may see, with their invitations, decisions and
    agreements, in a fixed number of queries. What hangs from a visible item is visible
    with it (``visible_decisions``, ``visible_agreements``): read through the items, not
    asked again per record."""
    return list(
        visible_agenda_items(user, meeting)
        .select_related("case__youth")
        .prefetch_related(
            Prefetch("invitations", queryset=Invitation.objects.select_related("partner")),
            Prefetch("decisions", queryset=Decision.objects.order_by("pk")),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related(
                    "partner", "assignee", "goal__domain"
                ).order_by("due_on", "pk"),
            ),
            # What the table checks on: the case's open agreements, wherever they were made.
            Prefetch(
                "case__agreements",
                queryset=Agreement.objects.open().select_related("partner").order_by("due_on"),
                to_attr="open_agreements",
            ),
        )
        .order_by("position", "pk")
    )


def log_cases_shown(request, items):
    """The access log notes which cases a meeting page or PDF showed (pga.access_log)."""
    request.access_log_cases = [item.case.number for item in items]


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id):
    meeting = get_meeting_for_user(request.user, meeting_id)
    ensure_coordinator(request.user)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, update_meeting, meeting, request.user):
            messages.success(request, _("Het overleg is opgeslagen."))
            return redirect("cases:meeting_detail", meeting_id=meeting.pk)
    return render_form(
        request,
        form,
        title=_("Overleg wijzigen"),
        cancel_url=reverse("cases:meeting_detail", args=[meeting.pk]),
        parent=meeting,
    )


@login_required
def meeting_detail(request, meeting_id):
    meeting = get_meeting_for_user(request.user, meeting_id)
    items = meeting_items(request.user, meeting)
    log_cases_shown(request, items)
    today = timezone.localdate()
    for item in items:
        for agreement in [*item.agreements.all(), *item.case.open_agreements]:
            agreement.overdue = agreement.is_overdue(today)
    group = (
        meeting.youth_group_id
        and visible_youth_groups(request.user).filter(pk=meeting.youth_group_id).first()
    )
    coordinator = is_coordinator(request.user)
    return render(
        request,
        "cases/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "youth_group": group or None,
            "group_item": group_item(request.user, meeting),
            # A cancelled meeting no longer changes: no buttons to change it.
            "may_change": coordinator and not meeting.is_cancelled,
            "may_cancel": coordinator and cancel_refusal(meeting) is None,
        },
    )


def group_item(user, meeting):
    """The group as one item of a groepsoverleg, for who may read the group's own texts:
    the question, the verslag, the group's phase and its open agreements; else None."""
    group = meeting.youth_group
    if group is None or not may_see_group_content(user, group):
        return None
    today = timezone.localdate()
    agreements = list(
        visible_agreements(user).open().filter(youth_group=group).select_related("partner")
    )
    for agreement in agreements:
        agreement.overdue = agreement.is_overdue(today)
    return {"group": group, "open_agreements": agreements}


@login_required
@require_http_methods(["GET", "POST"])
def group_minutes_edit(request, meeting_id):
    meeting = get_meeting_for_user(request.user, meeting_id)
    ensure_coordinator(request.user)
    if meeting.youth_group_id is None:
        raise Http404("Dit overleg gaat niet over een jeugdgroep")
    form = GroupMinutesForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, record_group_minutes, meeting, request.user):
            messages.success(request, _("Het verslag over de groep is opgeslagen."))
            return redirect("cases:meeting_detail", meeting_id=meeting.pk)
    return render_form(
        request,
        form,
        title=_("Verslag over de groep: %s") % meeting.youth_group,
        cancel_url=reverse("cases:meeting_detail", args=[meeting.pk]),
        parent=meeting,
        intro=meeting.group_question,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_create(request, meeting_id):
    meeting = get_meeting_for_user(request.user, meeting_id)
    ensure_coordinator(request.user)
    open_cases = visible_cases(request.user).open().exclude(agenda_items__meeting=meeting)
    form = AgendaItemForm(request.POST or None, cases=open_cases)
    if request.method == "POST" and form.is_valid():
        added = call_service(
            form,
            add_agenda_item,
            meeting,
            form.cleaned_data["case"],
            by=request.user,
            question=form.cleaned_data["question"],
        )
        if added is not None:
            messages.success(request, _("%s staat op de agenda.") % added.case.number)
            return redirect("cases:meeting_detail", meeting_id=meeting.pk)
    return render_form(
        request,
        form,
        title=_("Casus op de agenda van %s") % meeting,
        cancel_url=reverse("cases:meeting_detail", args=[meeting.pk]),
        parent=meeting,
        submit=_("Op de agenda zetten"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request, meeting_id, agenda_item_id):
    item = get_agenda_item_for_user(request.user, agenda_item_id, meeting_id=meeting_id)
    ensure_coordinator(request.user)
    form = InvitationForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data["partner"]
        if call_service(form, invite_partner, item, partner, by=request.user) is not None:
            messages.success(request, _("%s is uitgenodigd.") % partner)
            return redirect("cases:meeting_detail", meeting_id=item.meeting_id)
    return render_form(
        request,
        form,
        title=_("Partner uitnodigen voor %s") % item.case.number,
        cancel_url=reverse("cases:meeting_detail", args=[item.meeting_id]),
        parent=item.meeting,
        submit=_("Uitnodigen"),
        intro=_("Alleen partners die actief betrokken zijn bij de casus kunnen aanschuiven."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, meeting_id, agenda_item_id):
    item = get_agenda_item_for_user(request.user, agenda_item_id, meeting_id=meeting_id)
    ensure_coordinator(request.user)
    form = MinutesForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, record_minutes, item, request.user):
            messages.success(request, _("Het verslag van %s is opgeslagen.") % item.case.number)
            return redirect("cases:meeting_detail", meeting_id=item.meeting_id)
    return render_form(
        request,
        form,
        title=_("Verslag: %s") % item.case.number,
        cancel_url=reverse("cases:meeting_detail", args=[item.meeting_id]),
        parent=item.meeting,
        intro=item.question,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_finalise(request, meeting_id):
    """Asks first (a page with one button, naming the items without a verslag or
    attendance), then makes the verslag final."""
    meeting = get_meeting_for_user(request.user, meeting_id)
    ensure_coordinator(request.user)
    back = redirect("cases:meeting_detail", meeting_id=meeting.pk)
    if meeting.is_final:
        messages.info(request, _("Het verslag van dit overleg is al definitief."))
        return back
    form = FinaliseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, finalise_meeting, meeting, by=request.user) is not None:
            messages.success(request, _("Het verslag is definitief."))
            return back
        meeting.refresh_from_db()
        if meeting.is_final:  # made final meanwhile, in another tab
            messages.info(request, _("Het verslag van dit overleg is al definitief."))
            return back
    items = meeting_items(request.user, meeting)
    unfinished = [
        item.case.number
        for item in items
        if not item.minutes or any(not i.attendance for i in item.invitations.all())
    ]
    intro = _(
        "Daarna ligt de agenda vast en verandert een verslag alleen met een reden, die in de "
        "historie komt."
    )
    if unfinished:
        intro += " " + _("Nog zonder verslag of aanwezigheid: %s.") % ", ".join(unfinished)
    return render_form(
        request,
        form,
        title=_("Verslag van %s definitief maken") % meeting,
        cancel_url=reverse("cases:meeting_detail", args=[meeting.pk]),
        parent=meeting,
        submit=_("Verslag definitief maken"),
        intro=intro,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, meeting_id):
    """Asks why first (a required reason), then calls the meeting off. A meeting that has
    begun, has a final verslag or is already cancelled goes back to its page, saying so."""
    meeting = get_meeting_for_user(request.user, meeting_id)
    ensure_coordinator(request.user)
    back = redirect("cases:meeting_detail", meeting_id=meeting.pk)
    refusal = cancel_refusal(meeting)
    if refusal:
        messages.info(request, refusal)
        return back
    form = CancelMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cancelled = call_service(
            form, cancel_meeting, meeting, by=request.user, reason=form.cleaned_data["reason"]
        )
        if cancelled is not None:
            messages.success(request, _("Het overleg is afgelast."))
            return back
    return render_form(
        request,
        form,
        title=_("%s afgelasten") % meeting,
        cancel_url=reverse("cases:meeting_detail", args=[meeting.pk]),
        parent=meeting,
        submit=_("Overleg afgelasten"),
        # 'Annuleren' would read as cancelling the meeting too.
        cancel_label=_("Terug, het overleg gaat door"),
        intro=_(
            "Het overleg blijft in de lijst staan, als afgelast en met de reden. Daarna "
            "veranderen de agenda, de uitnodigingen en het verslag niet meer."
        ),
    )


def _coordinator_item(request, meeting_id, agenda_item_id):
    item = get_agenda_item_for_user(request.user, agenda_item_id, meeting_id=meeting_id)
    ensure_coordinator(request.user)
    return item


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request, meeting_id, agenda_item_id):
    item = _coordinator_item(request, meeting_id, agenda_item_id)
    form = AttendanceForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        recorded = call_service(
            form,
            record_attendance,
            item,
            form.attendance(),
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
        if recorded is not None:
            messages.success(request, _("De aanwezigheid bij %s is vastgelegd.") % item.case.number)
            return redirect("cases:meeting_detail", meeting_id=item.meeting_id)
    return render_form(
        request,
        form,
        title=_("Aanwezigheid: %s") % item.case.number,
        cancel_url=reverse("cases:meeting_detail", args=[item.meeting_id]),
        parent=item.meeting,
        intro="" if form.invitations else _("Er is nog geen partner uitgenodigd voor dit punt."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, meeting_id, agenda_item_id):
    """A decision of the table; it feeds the case's status or priority through the case's
    services, and is refused whole when that step is not allowed."""
    item = _coordinator_item(request, meeting_id, agenda_item_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decided = call_service(
            form,
            record_decision,
            item,
            by=request.user,
            kind=data["kind"],
            reason=data["reason"],
            new_priority=data["new_priority"],
            closure_reason=data["closure_reason"],
        )
        if decided is not None:
            item.case.refresh_from_db()
            messages.success(
                request,
                _(
                    "Besluit vastgelegd: %(kind)s. De casus staat op ‘%(status)s’, prioriteit %(priority)s."
                )
                % {
                    "kind": decided.get_kind_display(),
                    "status": item.case.get_status_display().lower(),
                    "priority": item.case.get_priority_display().lower(),
                },
            )
            return redirect("cases:meeting_detail", meeting_id=item.meeting_id)
    return render_form(
        request,
        form,
        title=_("Besluit over %s") % item.case.number,
        cancel_url=reverse("cases:meeting_detail", args=[item.meeting_id]),
        parent=item.meeting,
        intro=_(
            "De casus staat nu op ‘%(status)s’, prioriteit %(priority)s. Opnemen, niet opnemen "
            "en afschalen veranderen de status; de onderbouwing komt in de historie."
        )
        % {
            "status": item.case.get_status_display().lower(),
            "priority": item.case.get_priority_display().lower(),
        },
        submit=_("Besluit vastleggen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_agreement_create(request, meeting_id, agenda_item_id):
    item = _coordinator_item(request, meeting_id, agenda_item_id)
    return agreement_form_page(
        request,
        item.case,
        agenda_item=item,
        back_url=reverse("cases:meeting_detail", args=[item.meeting_id]) + f"#punt-{item.pk}",
    )


@login_required
def meeting_agenda_pdf(request, meeting_id):
    meeting = get_meeting_for_user(request.user, meeting_id)
    items = meeting_items(request.user, meeting)
    log_cases_shown(request, items)
    html = render_meeting_html(
        request.user, meeting, items, minutes=False, group=group_item(request.user, meeting)
    )
    return pdf_response(render_pdf(html), f"agenda-overleg-{meeting.starts_at:%Y-%m-%d}.pdf")


@login_required
def meeting_minutes_pdf(request, meeting_id):
    """The verslag, once final; before that there is no verslag to hand out."""
    meeting = get_meeting_for_user(request.user, meeting_id)
    if not meeting.is_final:
        raise Http404("Het verslag is nog niet definitief")
    items = meeting_items(request.user, meeting)
    log_cases_shown(request, items)
    html = render_meeting_html(
        request.user, meeting, items, minutes=True, group=group_item(request.user, meeting)
    )
    return pdf_response(render_pdf(html), f"verslag-overleg-{meeting.starts_at:%Y-%m-%d}.pdf")
