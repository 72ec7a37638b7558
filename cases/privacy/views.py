"""The data subject's right of access, as a download."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from cases.permissions import (
    ensure_coordinator,
    get_youth_for_user,
)
from cases.privacy.jobs import AVG_EXPORT
from pga.jobs import start_job


@login_required
def youth_export(request, youth_id):
    """AVG art. 15: everything about one youth, as a ZIP, made in the background (seconds for
    a long file; cases/privacy/jobs.py). Coordinators only; logged."""
    youth = get_youth_for_user(request.user, youth_id)
    ensure_coordinator(request.user)
    job = start_job(request.user, AVG_EXPORT.name, {"youth": youth.pk})
    return redirect("job_detail", job_id=job.pk)
