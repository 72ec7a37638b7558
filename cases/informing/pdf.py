"""The informing letter (informatiebrief): tells a youth and their parents, in plain Dutch,
that the youth is in the PGA, which organisations take part in their case, what is
recorded, how long it is kept, and how to ask for access, correction or deletion, or object.

The letter leaves the building, so it holds no content of the file: not the referral
reason, no contacts, no police or justice data; only the names of the organisations
involved today (``cases.permissions.visible_involvements``), the coordinator, and the
youth's name and address to send it to. Same WeasyPrint pipeline as the other PDFs
(``pga.pdf``).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from cases.models import Case
from cases.permissions import visible_involvements


def letter_partners(user, case: Case) -> list[dict]:
    """The organisations taking part in ``case`` today (active involvements), by name, with
    the contact person's name where one is set."""
    involvements = (
        visible_involvements(user, case)
        .active()
        .select_related("partner", "contact_person")
        .order_by("partner__name")
    )
    return [
        {
            "name": involvement.partner.name,
            "contact": involvement.contact_person.get_full_name()
            if involvement.contact_person
            else "",
        }
        for involvement in involvements
    ]


def render_informing_letter_html(user, case: Case) -> str:
    coordinator = case.coordinator
    return render_to_string(
        "pdf/informing_letter.html",
        {
            "case": case,
            "youth": case.youth,
            "home": case.youth.home,
            "partners": letter_partners(user, case),
            "coordinator_name": coordinator.get_full_name() or coordinator.get_username(),
            "coordinator_email": coordinator.email,
            "organisation": settings.PGA_ORGANISATION,
            "privacy": settings.PRIVACY_CONTACT,
            "retention_years": settings.CASE_RETENTION_YEARS,
            "today": timezone.localdate(),
        },
    )
