"""Facts that may point to afschalen (issue 18, point 4): plain statements about a case, each
with the data behind it, shown to the coordinator on the toets form and the case's Overzicht.

Each fact appears only when it is true, and never as a judgement: no score, no count of
facts, no ranking or sorting of cases by them. The coordinator decides, in the toets, and
says why. Everything is read through ``cases.permissions`` (coordinators only), in two
queries whatever the size of the file.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import (
    FINISHED_INTERVENTION_STATUSES,
    AgreementStatus,
    AssessmentScore,
    Case,
    months_after,
)
from cases.permissions import (
    may_see_toetsen,
    visible_agreements,
    visible_assessments,
    visible_contacts,
    visible_interventions,
)
from cases.proportionality.toetsing import TOETS_STATUSES
from partners.models import PartnerKind

# Contacts of these organisations are the police and justice signal the first fact is about.
JUSTICE_KINDS = (PartnerKind.POLITIE, PartnerKind.OM)


@dataclass(frozen=True)
class Fact:
    statement: str
    basis: str  # the data behind it, in words

    def __str__(self):
        return f"{self.statement} ({self.basis})"


def scale_down_facts(user, case: Case, today=None) -> list[Fact]:
    """The facts that hold for ``case`` today, in a fixed order; none for who may not see
    toetsen, and none for a case that is not (or no longer) in the PGA."""
    if not may_see_toetsen(user) or case.status not in TOETS_STATUSES:
        return []
    today = today or timezone.localdate()
    row = _figures(user, case)
    facts = [
        _quiet(case, row["last_justice_contact"], today),
        _agreements(row["all_agreements"], row["open_agreements"]),
        _interventions(row["open_interventions"], row["finished_interventions"]),
        _zrm(user, case),
    ]
    return [fact for fact in facts if fact is not None]


def _count(queryset, **conditions):
    """A subquery: how many rows of ``queryset`` (of one case) meet ``conditions``."""
    return Coalesce(
        Subquery(
            queryset.filter(**conditions)
            .order_by()
            .values("case")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def _figures(user, case) -> dict:
    """The figures behind the first three facts, in one query."""
    contacts = visible_contacts(user, case).filter(
        case=OuterRef("pk"), partner__kind__in=JUSTICE_KINDS
    )
    agreements = visible_agreements(user, case)
    interventions = visible_interventions(user, case)
    return (
        Case.objects.filter(pk=case.pk)
        .values(
            last_justice_contact=Subquery(
                contacts.order_by("-occurred_at").values("occurred_at")[:1]
            ),
            all_agreements=_count(agreements),
            open_agreements=_count(agreements, status=AgreementStatus.OPEN),
            open_interventions=_count(
                interventions.exclude(status__in=FINISHED_INTERVENTION_STATUSES)
            ),
            finished_interventions=_count(interventions, status__in=FINISHED_INTERVENTION_STATUSES),
        )
        .get()
    )


def _quiet(case, last_contact, today) -> Fact | None:
    """No contact of police or OM in the last months, over a file at least that old: a
    younger file cannot say the months were quiet."""
    months = settings.SCALE_DOWN_QUIET_MONTHS
    since = months_after(today, -months)
    if case.registered_on > since:
        return None
    if last_contact is not None and timezone.localdate(last_contact) >= since:
        return None
    period = ngettext("de laatste maand", "de laatste %(n)d maanden", months) % {"n": months}
    return Fact(
        _("Geen contact van politie of OM in %(period)s") % {"period": period},
        _("laatste: %(day)s") % {"day": f"{timezone.localdate(last_contact):%d-%m-%Y}"}
        if last_contact is not None
        else _("nooit een contact van politie of OM vastgelegd"),
    )


def _agreements(total, still_open) -> Fact | None:
    if not total or still_open:
        return None
    return Fact(_("Alle afspraken zijn afgerond"), str(total))


def _interventions(still_open, finished) -> Fact | None:
    """Nothing running or planned, after at least one intervention was carried out: a plan
    that never had one says nothing about afschalen."""
    if still_open or not finished:
        return None
    return Fact(
        _("Geen lopende of voorgestelde interventies"),
        ngettext("%(n)d afgerond of gestopt", "%(n)d afgerond of gestopt", finished)
        % {"n": finished},
    )


def _zrm(user, case) -> Fact | None:
    """Life domains that scored higher in the latest ZRM measurement than in the first,
    with none lower: one query for the two measurements' scores."""
    assessments = visible_assessments(user, case)
    first = assessments.order_by("assessed_on", "pk").values("pk")[:1]
    latest = assessments.order_by("-assessed_on", "-pk").values("pk")[:1]
    scores = list(
        AssessmentScore.objects.filter(
            Q(assessment_id=Subquery(first)) | Q(assessment_id=Subquery(latest))
        ).select_related("assessment", "domain")
    )
    measurements = sorted({s.assessment for s in scores}, key=lambda a: (a.assessed_on, a.pk))
    if len(measurements) < 2:
        return None
    before, after = measurements
    was = {s.domain: s.score for s in scores if s.assessment == before}
    now = {s.domain: s.score for s in scores if s.assessment == after}
    compared = sorted(set(was) & set(now), key=lambda d: (d.position, d.name))
    better = [d for d in compared if now[d] > was[d]]
    if not better or any(now[d] < was[d] for d in compared):
        return None
    return Fact(
        _(
            "ZRM: %(better)d van %(all)d leefgebieden verbeterd sinds de eerste meting, geen verslechterd"
        )
        % {"better": len(better), "all": len(compared)},
        _("%(first)s → %(latest)s: %(domains)s")
        % {
            "first": f"{before.assessed_on:%d-%m-%Y}",
            "latest": f"{after.assessed_on:%d-%m-%Y}",
            "domains": ", ".join(f"{d.name} {was[d]} → {now[d]}" for d in better),
        },
    )
