"""The proportionaliteitstoets screen (issue 18): coordinators only, through
``cases.permissions``; the toets is recorded by ``cases.proportionality.toetsing``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.permissions import get_case_for_toets, visible_involvements
from cases.proportionality.facts import scale_down_facts
from cases.proportionality.forms import ToetsForm
from cases.proportionality.toetsing import TOETS_STATUSES, record_toets
from pga.forms import call_service


@login_required
@require_http_methods(["GET", "POST"])
def toets_create(request, case_id):
    case = get_case_for_toets(request.user, case_id)
    if case.status not in TOETS_STATUSES:
        messages.error(
            request,
            _("Een proportionaliteitstoets hoort bij een casus die actief is of in nazorg."),
        )
        return redirect(case.get_absolute_url())
    involvements = visible_involvements(request.user, case).active().select_related("partner")
    form = ToetsForm(
        request.POST or None, case=case, involvements=list(involvements.order_by("partner__name"))
    )
    if request.method == "POST" and form.is_valid():
        review = call_service(form, record_toets, case, by=request.user, **form.service_arguments())
        if review is not None:
            messages.success(
                request,
                _("De proportionaliteitstoets is vastgelegd. De volgende is uiterlijk %(day)s.")
                % {"day": f"{review.next_due_on:%d-%m-%Y}"},
            )
            return redirect(case.get_absolute_url() + "#toetsen")
    context = {"case": case, "form": form, "facts": scale_down_facts(request.user, case)}
    return render(request, "cases/proportionality/toets_form.html", context)
