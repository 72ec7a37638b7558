"""The monthly group overview (maandoverzicht van een jeugdgroep): members, phase,
sociogram, what changed that month, group interventions and their outcome, shared themes;
per reader, like every PDF (``cases.permissions`` decides what it holds)."""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from cases.casefile.history import timeline_between
from cases.groups.history import group_sources
from cases.groups.workspace import group_page_context
from cases.months import Month


def group_overview_context(user, group, month: Month) -> dict:
    created = group.history.order_by("history_date").values_list("history_date", flat=True).first()
    if created is not None and month.last < timezone.localdate(created):
        raise Http404("De groep bestond in deze maand nog niet")
    context = group_page_context(user, group)
    members = [
        m
        for m in context["members"]
        if (m.since_on is None or m.since_on <= month.last)
        and (m.until_on is None or m.until_on >= month.first)
    ]
    context.update(
        {
            "month": month,
            "month_members": members,
            "changes": timeline_between(
                user, None, month.start, month.end, source_list=group_sources(user, group)
            ),
            "phase_steps_this_month": [
                step for step in context["phases"] if month.first <= step.entered_on <= month.last
            ],
            "generated_at": timezone.localtime(),
            "generated_by": (user.get_full_name() or user.get_username()) if user else "systeem",
        }
    )
    return context


def render_group_overview_html(user, group, month: Month) -> str:
    return render_to_string("pdf/group_overview.html", group_overview_context(user, group, month))
