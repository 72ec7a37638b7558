from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from cases.dashboard import figures
from partners.permissions import is_coordinator


@login_required
def home(request):
    """Coordinators land on the dashboard; everyone else on their list of cases."""
    if is_coordinator(request.user):
        return render(request, "cases/dashboard.html", figures(request.user))
    return redirect("cases:case_list")
