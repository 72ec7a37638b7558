"""Opschalen naar het Zorg- en Veiligheidshuis: the form, the handover's page and its two
files as they were sent. Coordinators only (``cases.permissions.may_hand_over``); every
request is in the access log (the files as downloads)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.handover.forms import HandoverForm
from cases.handover.queries import scale_up_decision
from cases.handover.services import make_handover
from cases.overviews.views import pdf_response
from cases.permissions import get_case_for_handover, get_handover_for_user
from pga.forms import call_service
from pga.views import render_form


@login_required
@require_http_methods(["GET", "POST"])
def handover_create(request, case_id):
    case = get_case_for_handover(request.user, case_id)
    if case.is_closed:
        messages.error(request, _("Een afgesloten casus kunt u niet meer opschalen."))
        return redirect(case.get_absolute_url())
    form = HandoverForm(request.POST or None)
    decision = scale_up_decision(request.user, case)
    if decision is not None and not form.is_bound:
        form.start_from(decision)
    if request.method == "POST" and form.is_valid():
        handover = call_service(
            form, make_handover, case, by=request.user, **form.service_arguments()
        )
        if handover is not None:
            messages.success(
                request,
                _("Het opschalingsdossier voor %(recipient)s is gemaakt en vastgelegd.")
                % {"recipient": handover.recipient},
            )
            return redirect(handover.get_absolute_url())
    return render_form(
        request,
        form,
        title=_("Opschalen naar het Zorg- en Veiligheidshuis"),
        case=case,
        cancel_url=case.get_absolute_url(),
        intro=_(
            "U maakt een opschalingsdossier (PDF en JSON) van casus %(number)s voor de "
            "ontvanger. Kies alleen wat de ontvanger nodig heeft en leg de grondslag vast: "
            "wat u verstuurt, aan wie en waarom, komt in de historie van de casus en in de "
            "inzage (AVG) van de jongere."
        )
        % {"number": case.number},
        submit=_("Dossier maken"),
    )


@login_required
def handover_detail(request, case_id, handover_id):
    handover = get_handover_for_user(request.user, handover_id, case_id=case_id)
    return render(
        request,
        "cases/handover/handover_detail.html",
        {"handover": handover, "case": handover.case, "title": _("Opschalingsdossier")},
    )


def _stored(file) -> bytes:
    with file.open("rb") as handle:
        return handle.read()


@login_required
def handover_pdf(request, case_id, handover_id):
    handover = get_handover_for_user(request.user, handover_id, case_id=case_id)
    return pdf_response(_stored(handover.pdf), _file_name(handover, "pdf"))


@login_required
def handover_json(request, case_id, handover_id):
    handover = get_handover_for_user(request.user, handover_id, case_id=case_id)
    response = HttpResponse(_stored(handover.json), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(handover, "json")}"'
    response["Cache-Control"] = "no-store"
    return response


def _file_name(handover, extension: str) -> str:
    return f"opschalingsdossier-{handover.case.number}-{handover.created_at:%Y%m%d}.{extension}"
