"""The agenda and the verslag of a casusoverleg as PDF, rendered per reader: a partner's
copy holds only the items of cases it may see (``cases.meetings.views.meeting_items``).
Same WeasyPrint pipeline and safe URL fetcher as the monthly overviews (``pga.pdf``)."""

from django.template.loader import render_to_string
from django.utils import timezone


def render_meeting_html(user, meeting, items, *, minutes: bool, group=None) -> str:
    today = timezone.localdate()
    for item in items:
        for agreement in item.agreements.all():
            agreement.overdue = agreement.is_overdue(today)
    return render_to_string(
        "pdf/meeting.html",
        {
            "generated_at": timezone.localtime(),
            "generated_by": user.get_full_name() or user.get_username(),
            "meeting": meeting,
            "items": items,
            "minutes": minutes,
            "group_item": group,
        },
    )
