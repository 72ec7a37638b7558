"""The group's Historie: the same merged timeline as a case's (cases.casefile.history),
over the group's own records and what the reader may see of its members."""

from django.db.models import Q
from django.utils.translation import gettext as _

from cases.casefile.history import timeline_page
from cases.models import (
    Agreement,
    GroupGoal,
    GroupIntervention,
    GroupMembership,
    GroupPhaseStep,
    GroupReading,
    Insight,
    PersonRelation,
    YouthGroup,
)
from cases.permissions import (
    content_cases,
    may_see_group_content,
    relation_rows_visible,
    visible_youths,
)


def _subject(text):
    return lambda row, names: text


def _subject_membership(row, names):
    return _("Lidmaatschap van %(youth)s") % {"youth": names.get(("cases.youth", row.youth_id), "")}


def _subject_agreement(row, names):
    return _("Afspraak met %(partner)s") % {
        "partner": names.get(("partners.partner", row.partner_id), "")
    }


def group_sources(user, group: YouthGroup):
    members = group.memberships.values("youth_id")
    visible_members = Q(youth_id__in=members) & Q(youth_id__in=visible_youths(user).values("pk"))
    relations = (
        Q(youth_id__in=members)
        & (Q(other_youth_id__isnull=True) | Q(other_youth_id__in=members))
        & relation_rows_visible(user)
    )
    result = [
        ("membership", GroupMembership, Q(youth_group_id=group.pk) & visible_members,
         _subject_membership),
        ("relation", PersonRelation, relations, _subject(_("Relatie"))),
    ]  # fmt: skip
    insights = Q(youth_id__in=members) & Q(case_id__in=content_cases(user).values("pk"))
    if may_see_group_content(user, group):
        insights = insights | Q(youth_group_id=group.pk)
        result += [
            # The group's own record holds its phase (and the phase's reason): content.
            ("group", YouthGroup, Q(id=group.pk), _subject(_("Jeugdgroep"))),
            ("phase", GroupPhaseStep, Q(youth_group_id=group.pk), _subject(_("Fase"))),
            ("reading", GroupReading, Q(youth_group_id=group.pk), _subject(_("Groepsduiding"))),
            ("group_goal", GroupGoal, Q(youth_group_id=group.pk), _subject(_("Groepsdoel"))),
            ("group_intervention", GroupIntervention, Q(youth_group_id=group.pk),
             _subject(_("Groepsinterventie"))),
            ("agreement", Agreement, Q(youth_group_id=group.pk), _subject_agreement),
        ]  # fmt: skip
    result.append(("insight", Insight, insights, _subject(_("Inzicht"))))
    return result


def group_timeline_page(user, group, page_number):
    return timeline_page(user, None, page_number, source_list=group_sources(user, group))
