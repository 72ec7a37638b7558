"""The informing letter as PDF, for the case's coordinators only. Each download is in the
access log (action download; ``pga.access_log``)."""

from django.contrib.auth.decorators import login_required

from cases.informing.pdf import render_informing_letter_html
from cases.overviews.views import pdf_response
from cases.permissions import get_case_for_user
from pga.pdf import render_pdf


@login_required
def informing_letter(request, case_id):
    # Coordinators only: the letter goes out on behalf of the PGA, signed by its coordinator.
    case = get_case_for_user(request.user, case_id, "cases.change_case")
    html = render_informing_letter_html(request.user, case)
    return pdf_response(render_pdf(html), f"informatiebrief-{case.number}.pdf")
