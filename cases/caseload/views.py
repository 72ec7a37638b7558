"""The start page (dashboard or caseload, by role) and the caseload list."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from cases.caseload.dashboard import figures
from cases.caseload.forms import CaseloadFilterForm
from cases.caseload.queries import caseload, filter_choices, sort_description
from cases.months import Month
from cases.permissions import (
    ensure_case_user,
)
from cases.plan.views import open_agreements_page
from partners.permissions import is_coordinator, may_read_access_log, may_use_admin, partner_of
from pga.views import is_htmx

PAGE_SIZE = 25


@login_required
def case_list(request):
    ensure_case_user(request.user)
    form = CaseloadFilterForm(request.GET or None, choices=filter_choices(request.user))
    filters = {}
    if form.is_bound:
        form.is_valid()  # a filter that is not valid shows its error at the field;
        filters = form.cleaned_data  # the valid ones still apply

    page = Paginator(caseload(request.user, filters), PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "is_coordinator": is_coordinator(request.user),
        "previous_month": Month.previous(),
        "sort_description": sort_description(filters.get("sort")),
    }
    template = "cases/_caseload.html" if is_htmx(request) else "cases/case_list.html"
    return render(request, template, context)


@login_required
def home(request):
    """Coordinators land on the dashboard, partner employees on their cases, toezicht on the
    access log, functioneel beheer in /beheer/."""
    user = request.user
    if is_coordinator(user):
        return render(request, "cases/dashboard.html", figures(user))
    if partner_of(user) is None and may_read_access_log(user):
        return redirect("supervision_access_log")
    if partner_of(user) is None and may_use_admin(user):
        return redirect("admin:index")
    if partner_of(user) is not None:
        return open_agreements_page(request)  # Mijn afspraken, with a link to their cases
    return redirect("cases:case_list")
