"""Screens of the case file: the case page and its tabs, editing, status, partners,
interventions and ZRM. Every view fetches *and* authorises through ``cases.permissions``;
every change goes through ``cases.casefile.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.casefile.forms import (
    AssessmentForm,
    CaseForm,
    EndInvolvementForm,
    InterventionForm,
    InvolvementForm,
    InvolvementLevelForm,
    PartnerInterventionForm,
    RenewInvolvementForm,
    StatusForm,
)
from cases.casefile.history import url_without_empty_filters
from cases.casefile.services import (
    add_intervention,
    change_status,
    end_involvement,
    involve_partner,
    record_assessment,
    update_case,
    update_intervention,
)
from cases.casefile.tabs import case_page_context
from cases.models import AssessmentDomain, Intervention, InterventionStatus
from cases.permissions import (
    get_case_for_user,
    get_intervention_for_user,
    get_involvement_for_user,
    may_plan_interventions,
)
from cases.proportionality.services import change_information_level, renew_involvement
from pga.forms import call_service, save_or_conflict
from pga.views import is_htmx, render_form


@login_required
def case_detail(request, case_id):
    case = get_case_for_user(request.user, case_id)
    context = case_page_context(
        request.user, case, request.GET.get("tab", "overzicht"), request.GET
    )
    template = "cases/_tab.html" if is_htmx(request) else "cases/case_detail.html"
    return render(request, template, context)


@login_required
def case_history(request, case_id):
    case = get_case_for_user(request.user, case_id)
    cleaner = url_without_empty_filters(request)
    if cleaner:  # a shared link carries only the filters that are set
        return redirect(cleaner)
    context = case_page_context(request.user, case, "historie", request.GET)
    template = "cases/_tab.html" if is_htmx(request) else "cases/case_detail.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, case_id):
    case = get_case_for_user(request.user, case_id, "cases.change_case")
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, update_case, case, request.user, reason=_("Casus bewerkt")):
            messages.success(request, _("De casus is opgeslagen."))
            return redirect(case.get_absolute_url())
    return render_form(
        request, form, title=_("Casus bewerken"), case=case, cancel_url=case.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_status(request, case_id):
    case = get_case_for_user(request.user, case_id, "cases.change_case")
    form = StatusForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        changed = call_service(
            form,
            change_status,
            case,
            by=request.user,
            new_status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
            closure_reason=form.cleaned_data["closure_reason"],
            informing=form.informing(),
        )
        if changed is not None:
            messages.success(
                request, _("De status is gewijzigd naar ‘%s’.") % case.get_status_display()
            )
            return redirect(case.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Status wijzigen"),
        case=case,
        cancel_url=case.get_absolute_url(),
        submit=_("Status wijzigen"),
        intro=_("Huidige status: %s.") % case.get_status_display(),
        template="cases/informing/status_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def involvement_create(request, case_id):
    case = get_case_for_user(request.user, case_id, "cases.change_case")
    form = InvolvementForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("partner", "role", "legal_basis", "reason")
        }
        involved = call_service(
            form,
            involve_partner,
            case,
            form.cleaned_data["partner"],
            by=request.user,
            role=form.cleaned_data["role"],
            legal_basis=form.cleaned_data["legal_basis"],
            reason=form.cleaned_data["reason"],
            **data,
        )
        if involved is not None:
            messages.success(
                request, _("%s is betrokken bij de casus.") % form.cleaned_data["partner"]
            )
            return redirect(case.get_absolute_url() + "?tab=partners")
    return render_form(
        request,
        form,
        title=_("Partner betrekken"),
        case=case,
        submit=_("Partner betrekken"),
        cancel_url=case.get_absolute_url() + "?tab=partners",
    )


@login_required
@require_http_methods(["GET", "POST"])
def involvement_end(request, case_id, involvement_id):
    involvement = get_involvement_for_user(
        request.user, involvement_id, "cases.change_case", case_id=case_id
    )
    form = EndInvolvementForm(request.POST or None, involvement=involvement)
    if request.method == "POST" and form.is_valid():
        ended = call_service(
            form,
            end_involvement,
            involvement,
            by=request.user,
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
        )
        if ended is not None:
            messages.success(
                request, _("De betrokkenheid van %s is beëindigd.") % involvement.partner
            )
            return redirect(involvement.case.get_absolute_url() + "?tab=partners")
    return render_form(
        request,
        form,
        title=_("Betrokkenheid van %s beëindigen") % involvement.partner,
        case=involvement.case,
        submit=_("Betrokkenheid beëindigen"),
        cancel_url=involvement.case.get_absolute_url() + "?tab=partners",
        intro=_("De medewerkers van deze organisatie zien de casus daarna niet meer."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def involvement_renew(request, case_id, involvement_id):
    involvement = get_involvement_for_user(
        request.user, involvement_id, "cases.change_case", case_id=case_id
    )
    form = RenewInvolvementForm(request.POST or None, involvement=involvement)
    if request.method == "POST" and form.is_valid():
        renewed = call_service(
            form,
            renew_involvement,
            involvement,
            by=request.user,
            expires_on=form.cleaned_data["expires_on"],
            reason=form.cleaned_data["reason"],
        )
        if renewed is not None:
            messages.success(
                request,
                _("De toegang van %(partner)s loopt nu tot en met %(day)s.")
                % {"partner": involvement.partner, "day": f"{renewed.expires_on:%d-%m-%Y}"},
            )
            return redirect(involvement.case.get_absolute_url() + "?tab=partners")
    return render_form(
        request,
        form,
        title=_("Toegang van %s verlengen") % involvement.partner,
        case=involvement.case,
        submit=_("Verlengen"),
        cancel_url=involvement.case.get_absolute_url() + "?tab=partners",
        intro=_(
            "Verleng alleen als de partner de casus nog nodig heeft voor zijn taak. De "
            "proportionaliteitstoets kijkt hier ook naar."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def involvement_level(request, case_id, involvement_id):
    involvement = get_involvement_for_user(
        request.user, involvement_id, "cases.change_case", case_id=case_id
    )
    form = InvolvementLevelForm(request.POST or None, involvement=involvement)
    if request.method == "POST" and form.is_valid():
        changed = call_service(
            form,
            change_information_level,
            involvement,
            by=request.user,
            level=form.cleaned_data["level"],
            reason=form.cleaned_data["reason"],
        )
        if changed is not None:
            messages.success(
                request,
                _("%(partner)s heeft nu %(level)s.")
                % {
                    "partner": involvement.partner,
                    "level": _("wat-informatie") if changed.shows_content else _("dat-informatie"),
                },
            )
            return redirect(involvement.case.get_absolute_url() + "?tab=partners")
    current = _("wat-informatie") if involvement.shows_content else _("dat-informatie")
    return render_form(
        request,
        form,
        title=_("Informatieniveau van %s") % involvement.partner,
        case=involvement.case,
        submit=_("Niveau wijzigen"),
        cancel_url=involvement.case.get_absolute_url() + "?tab=partners",
        intro=_("Nu: %s. De medewerkers zien het nieuwe niveau bij hun volgende klik.") % current,
    )


@login_required
@require_http_methods(["GET", "POST"])
def intervention_create(request, case_id):
    case = get_case_for_user(request.user, case_id, "cases.change_case")
    form = InterventionForm(
        request.POST or None,
        instance=Intervention(case=case),
        initial={"status": InterventionStatus.VOORGESTELD},
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if call_service(form, add_intervention, case, by=request.user, **fields) is not None:
            messages.success(request, _("De interventie is toegevoegd."))
            return redirect(case.get_absolute_url() + "?tab=interventies")
    return render_form(
        request,
        form,
        title=_("Interventie toevoegen"),
        case=case,
        cancel_url=case.get_absolute_url() + "?tab=interventies",
    )


@login_required
def intervention_detail(request, case_id, intervention_id):
    intervention = get_intervention_for_user(request.user, intervention_id, case_id=case_id)
    return render(
        request,
        "cases/intervention_detail.html",
        {"case": intervention.case, "intervention": intervention},
    )


@login_required
@require_http_methods(["GET", "POST"])
def intervention_edit(request, case_id, intervention_id):
    intervention = get_intervention_for_user(
        request.user, intervention_id, "cases.change_intervention", case_id=case_id
    )
    form_class = (
        InterventionForm if may_plan_interventions(request.user) else PartnerInterventionForm
    )
    form = form_class(request.POST or None, instance=intervention)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, update_intervention, intervention, request.user):
            messages.success(request, _("De interventie is opgeslagen."))
            return redirect(intervention.case.get_absolute_url() + "?tab=interventies")
    return render_form(
        request,
        form,
        title=_("Interventie bewerken: %s") % intervention.intervention_type.name,
        case=intervention.case,
        cancel_url=intervention.case.get_absolute_url() + "?tab=interventies",
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request, case_id):
    case = get_case_for_user(request.user, case_id, "cases.change_case")
    form = AssessmentForm(
        request.POST or None, case=case, domains=AssessmentDomain.objects.filter(is_active=True)
    )
    if request.method == "POST" and form.is_valid():
        recorded = call_service(
            form,
            record_assessment,
            case,
            by=request.user,
            assessed_on=form.cleaned_data["assessed_on"],
            scores=form.scores(),
            notes=form.cleaned_data["notes"],
        )
        if recorded is not None:
            messages.success(request, _("De ZRM-meting is vastgelegd."))
            return redirect(case.get_absolute_url() + "?tab=zrm")
    return render_form(
        request,
        form,
        title=_("ZRM-meting vastleggen"),
        case=case,
        template="cases/assessment_form.html",
        cancel_url=case.get_absolute_url() + "?tab=zrm",
    )
