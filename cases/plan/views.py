"""Screens of the plan van aanpak: goals and their evaluations (the coordinator), the
agreements (made by the coordinator, marked done by the organisation that carries them out),
and the list of open agreements: *Mijn afspraken* for a partner, every organisation's for the
coordinator. What anyone sees comes from ``cases.permissions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.casefile.tabs import tab_url
from cases.models import Agreement, AgreementStatus
from cases.permissions import (
    can_update_agreement,
    ensure_case_user,
    get_agreement_for_user,
    get_case_for_user,
    get_goal_for_user,
    my_open_agreements,
    visible_agreements,
    visible_cases,
)
from cases.plan.forms import (
    AgreementFilterForm,
    AgreementForm,
    FinishAgreementForm,
    GoalEvaluationForm,
    GoalForm,
)
from cases.plan.services import (
    AGREEMENT_FIELDS,
    GOAL_FIELDS,
    add_goal,
    evaluate_goal,
    finish_agreement,
    make_agreement,
    update_agreement,
    update_goal,
)
from partners.models import Partner
from partners.permissions import is_coordinator
from pga.forms import call_service, save_or_conflict
from pga.ids import as_id
from pga.paging import BoundedPaginator
from pga.views import render_form

CHANGE_CASE = "cases.change_case"


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, case_id):
    case = get_case_for_user(request.user, case_id, CHANGE_CASE)
    form = GoalForm(request.POST or None, instance=None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in GOAL_FIELDS}
        if call_service(form, add_goal, case, by=request.user, **fields) is not None:
            messages.success(request, _("Het doel staat in het plan."))
            return redirect(case.get_absolute_url())
    return render_form(
        request, form, title=_("Doel toevoegen"), case=case, cancel_url=case.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, case_id, goal_id):
    get_case_for_user(request.user, case_id, CHANGE_CASE)
    goal = get_goal_for_user(request.user, goal_id, case_id=case_id)
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, update_goal, goal, request.user):
            messages.success(request, _("Het doel is opgeslagen."))
            return redirect(goal.case.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Doel bewerken"),
        case=goal.case,
        cancel_url=goal.case.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_evaluate(request, case_id, goal_id):
    get_case_for_user(request.user, case_id, CHANGE_CASE)
    goal = get_goal_for_user(request.user, goal_id, case_id=case_id)
    form = GoalEvaluationForm(request.POST or None, initial={"evaluated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evaluated = call_service(
            form,
            evaluate_goal,
            goal,
            by=request.user,
            outcome=data["outcome"],
            note=data["note"],
            evaluated_on=data["evaluated_on"],
        )
        if evaluated is not None:
            messages.success(request, _("De evaluatie is vastgelegd."))
            return redirect(goal.case.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Doel evalueren"),
        case=goal.case,
        cancel_url=goal.case.get_absolute_url(),
        intro=f"{goal.domain}: {goal.target}",
        submit=_("Evaluatie vastleggen"),
    )


def agreement_form_page(request, case, *, agenda_item=None, back_url):
    """Make an agreement in ``case`` (at ``agenda_item`` when made at the table)."""
    final = agenda_item is not None and agenda_item.meeting.is_final
    form = AgreementForm(request.POST or None, case=case, reason_required=final)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in AGREEMENT_FIELDS}
        made = call_service(
            form,
            make_agreement,
            case,
            by=request.user,
            agenda_item=agenda_item,
            reason=form.cleaned_data.get("reason", ""),
            **fields,
        )
        if made is not None:
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect(back_url)
    return render_form(
        request,
        form,
        title=_("Afspraak maken: %s") % case.number,
        case=case,
        cancel_url=back_url,
        intro=agenda_item.question if agenda_item else "",
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request, case_id):
    case = get_case_for_user(request.user, case_id, CHANGE_CASE)
    return agreement_form_page(request, case, back_url=tab_url(case, "afspraken"))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, case_id, agreement_id):
    case = get_case_for_user(request.user, case_id, CHANGE_CASE)
    agreement = get_agreement_for_user(request.user, agreement_id, case_id=case_id)
    form = AgreementForm(request.POST or None, instance=agreement, case=case)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, update_agreement, agreement, request.user):
            messages.success(request, _("De afspraak is opgeslagen."))
            return redirect(tab_url(case, "afspraken"))
    return render_form(
        request,
        form,
        title=_("Afspraak bewerken"),
        case=case,
        cancel_url=tab_url(case, "afspraken"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_finish(request, case_id, agreement_id):
    """Done (one tap from the list) or no longer needed, by the organisation that carries
    it out or the coordinator."""
    agreement = get_agreement_for_user(request.user, agreement_id, case_id=case_id)
    return finish_page(request, agreement, home_url=tab_url(agreement.case, "afspraken"))


def finish_page(request, agreement, *, home_url):
    """The finish step of a case's or a group's agreement; back to the list it came from
    (Mijn afspraken) or to ``home_url``."""
    if not can_update_agreement(request.user, agreement):
        raise PermissionDenied
    back = request.POST.get("terug") or request.GET.get("terug")
    back_url = reverse("cases:agreement_list") if back == "lijst" else home_url
    if not agreement.is_open:
        # Finished already (in another tab, by a colleague): say so, no form to loop on.
        messages.info(request, already_finished(agreement))
        return redirect(back_url)
    status = request.GET.get("status")
    form = FinishAgreementForm(
        request.POST or None,
        initial={
            "version": agreement.version,
            "terug": back,
            "status": status if status == AgreementStatus.VERVALLEN else AgreementStatus.GEDAAN,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            finish_agreement,
            agreement,
            by=request.user,
            status=data["status"],
            note=data["note"],
            expected_version=data["version"],
        )
        if done is not None:
            messages.success(
                request,
                _("Afspraak afgerond (%(status)s): %(what)s")
                % {"status": done.get_status_display().lower(), "what": done.description[:80]},
            )
            return redirect(back_url)
        agreement.refresh_from_db()
        if not agreement.is_open:
            messages.info(request, already_finished(agreement))
            return redirect(back_url)
    return render_form(
        request,
        form,
        title=_("Afspraak afronden: %s")
        % (agreement.case.number if agreement.case_id else agreement.youth_group),
        case=agreement.case,
        cancel_url=back_url,
        intro=agreement.description,
        submit=_("Afronden"),
    )


def already_finished(agreement) -> str:
    who = agreement.history.first().history_user
    return _("Deze afspraak is al afgerond (%(status)s) op %(day)s door %(who)s.") % {
        "status": agreement.get_status_display().lower(),
        "day": agreement.status_on.strftime("%d-%m-%Y"),
        "who": (who.get_full_name() or who.username) if who else _("iemand anders"),
    }


def agreement_rows(user, agreements):
    today = timezone.localdate()
    rows = list(
        agreements.select_related(
            "case__youth", "youth_group", "partner", "assignee", "goal__domain"
        )
    )
    for agreement in rows:
        agreement.overdue = agreement.is_overdue(today)
        agreement.can_finish = agreement.is_open and can_update_agreement(user, agreement)
        agreement.can_edit = agreement.is_open and is_coordinator(user)
    return rows


def open_agreements_page(request):
    """Mijn afspraken for a partner employee; for the coordinator every organisation's open
    agreements, narrowed by organisation, case and 'verlopen' (the dashboard's links)."""
    user = request.user
    ensure_case_user(user)
    coordinator = is_coordinator(user)
    agreements = visible_agreements(user).open() if coordinator else my_open_agreements(user)
    partner_id = as_id(request.GET.get("partner", ""))
    case_id = as_id(request.GET.get("casus", ""))
    overdue_only = request.GET.get("verlopen") in ("1", "on")
    partner = case = None
    kept = {}
    if coordinator and partner_id:
        partner = Partner.objects.filter(pk=partner_id).first()
        agreements = agreements.filter(partner=partner)
        kept["partner"] = partner_id
    if case_id:
        case = visible_cases(user).filter(pk=case_id).select_related("youth").first()
        agreements = agreements.filter(case=case)
        kept["casus"] = case_id
    if overdue_only:
        kept["verlopen"] = 1
    if overdue_only:
        agreements = agreements.filter(due_on__lt=timezone.localdate())
    # The page's ids first (sorted on the partial index), then those 25 rows with what
    # they show: the joins are made for 25 agreements, not for every open one.
    ids = agreements.order_by("due_on", "pk").values_list("pk", flat=True)
    asked = request.GET.get("pagina")
    page = BoundedPaginator(ids, 25, asked_page=asked).get_page(asked)
    wanted = list(page.object_list)
    rows = {a.pk: a for a in agreement_rows(user, Agreement.objects.filter(pk__in=wanted))}
    page.object_list = [rows[pk] for pk in wanted]
    return render(
        request,
        "cases/agreement_list.html",
        {
            "page": page,
            "is_coordinator": coordinator,
            "filter_partner": partner,
            "filter_case": case,
            "overdue_only": overdue_only,
            "page_query": urlencode(kept),
            "filter_form": AgreementFilterForm(
                {"partner": partner_id or "", "verlopen": overdue_only}
            )
            if coordinator
            else None,
            "finish_form": FinishAgreementForm(),
        },
    )


@login_required
def agreement_list(request):
    return open_agreements_page(request)
