"""The monthly group overview (maandoverzicht van een jeugdgroep): members, phase,
sociogram, what changed that month, group interventions and their outcome, shared themes;
per reader, like every PDF (``cases.permissions`` decides what it holds)."""

from django.conf import settings
from django.contrib.auth import get_user_model
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
            "group_agreements": context["group_agreements"],
            "generated_at": timezone.localtime(),
            "generated_by": (user.get_full_name() or user.get_username()) if user else "systeem",
        }
    )
    return context


def render_group_overview_html(user, group, month: Month) -> str:
    return render_group_overview(user, group, month)[0]


def render_group_overview(user, group, month: Month) -> tuple[str, list]:
    """The group overview's HTML and the ids of the cases it shows (an archived copy goes
    when one of them reaches the end of its retention)."""
    context = group_overview_context(user, group, month)
    listed = [m.case.pk for m in context["month_members"] if m.case is not None]
    return render_to_string("pdf/group_overview.html", context), listed


def group_reader(group):
    """Whose view an archived group overview is rendered with: a coordinator (they see the
    whole group), preferably one who coordinates a member's case."""
    coordinators = get_user_model().objects.filter(
        groups__name=settings.COORDINATORS_GROUP, is_active=True
    )
    return (
        coordinators.filter(coordinated_cases__youth__group_memberships__youth_group=group)
        .order_by("pk")
        .first()
        or coordinators.order_by("pk").first()
    )
