"""The registration page (Nieuwe aanmelding)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.permissions import ensure_coordinator
from cases.registration.forms import Registration
from pga.forms import call_service


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    ensure_coordinator(request.user)
    registration = Registration(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and registration.is_valid():
        case = call_service(registration.referral, registration.save)
        if case is not None:
            messages.success(request, _("Casus %s is geregistreerd.") % case.number)
            return redirect(case.get_absolute_url())
    return render(request, "cases/case_create.html", {"registration": registration})
