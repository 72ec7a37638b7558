"""The data subject's right of access, as a download."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from cases.permissions import (
    ensure_coordinator,
    get_youth_for_user,
)
from cases.privacy.export import build_export


@login_required
def youth_export(request, youth_id):
    """AVG art. 15: everything about one youth, as a ZIP. Coordinators only; logged."""
    youth = get_youth_for_user(request.user, youth_id)
    ensure_coordinator(request.user)
    content, filename = build_export(request.user, youth)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
