from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from cases.dashboard import figures
from partners.permissions import is_coordinator, may_read_access_log, may_use_admin, partner_of


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
    return redirect("cases:case_list")
