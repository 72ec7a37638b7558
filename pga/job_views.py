"""A user's background job: its progress (htmx polls the status part every two seconds
while it runs) and its result. Both go through get_job_for_user (the user's own job, while
they may still have its result) and the access log, like every page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from partners.permissions import get_job_for_user, jobs_for_user
from pga.jobs import KINDS
from pga.views import is_htmx


@login_required
def job_list(request):
    jobs = [(job, KINDS[job.kind].title) for job in jobs_for_user(request.user)]
    return render(request, "jobs/job_list.html", {"jobs": jobs, "hours": settings.JOB_RESULT_HOURS})


@login_required
def job_detail(request, job_id):
    job = get_job_for_user(request.user, job_id)
    kind = KINDS[job.kind]
    context = {
        "job": job,
        "title": kind.title,
        "back": kind.back(job.params),
        "hours": settings.JOB_RESULT_HOURS,
    }
    template = "jobs/_status.html" if is_htmx(request) else "jobs/job.html"
    return render(request, template, context)


@login_required
def job_download(request, job_id):
    job = get_job_for_user(request.user, job_id)
    if not job.file:
        raise Http404("Het resultaat is er (nog) niet")
    with job.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response["Cache-Control"] = "no-store"
    return response
