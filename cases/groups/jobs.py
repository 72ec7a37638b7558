"""A youth group's monthly overview (every member's plan, the sociogram, the group plan: a
few seconds for a big group) is made in the background, like the team's caseload PDF: the
user sees its progress and downloads it (pga/jobs.py)."""

from django.urls import reverse

from cases.groups.pdf import render_group_overview_html
from cases.months import Month
from cases.permissions import visible_youth_groups
from pga.jobs import JobKind, pdf_result, register


def _run(user, params, progress):
    group = visible_youth_groups(user).get(pk=params["group"])
    month = Month.parse(params["month"])
    return pdf_result(
        lambda: render_group_overview_html(user, group, month),
        f"maandoverzicht-groep-{group.pk}-{month}.pdf",
        progress,
    )


GROUP_OVERVIEW = register(
    JobKind(
        name="group_overview_pdf",
        title="Maandoverzicht van een jeugdgroep (PDF)",
        run=_run,
        # Only while the user may still see the group (its content is filtered per user
        # when the PDF is made, as on the page).
        allowed=lambda user, params: visible_youth_groups(user).filter(pk=params["group"]).exists(),
        back=lambda params: reverse("cases:group_detail", args=[params["group"]]),
    )
)
