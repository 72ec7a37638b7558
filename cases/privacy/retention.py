"""Retention (bewaartermijn): a closed case is removed CASE_RETENTION_YEARS after closure,
with everything that only it uses and every history row about those records, leaving an
anonymous tombstone and a record in the access log.

Removed: the case, its contacts, interventions, assessments and scores, involvements,
proportionaliteitstoetsen with their decisions, object permissions, archived PDFs (files
too, every version), opschalingsdossiers (their PDF and JSON too), and the youth and household when no other case needs them (with
members and group memberships). Their history rows go
as well. Every archived caseload overview that lists the case goes too (every version); it
is made again without the case while its coordinator still is one.
Kept: the access log, which has its own retention (purge_access_log); its rows name the
user who looked and an id, nothing of the youth (search words are kept as fingerprints).
Expired sessions go with each run (a flash message may name a youth).
"""

from dataclasses import dataclass
from datetime import date
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.models import (
    CLOSED_STATUSES,
    AgendaItem,
    Agreement,
    Assessment,
    AssessmentScore,
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Contact,
    Decision,
    Goal,
    GoalEvaluation,
    GroupMembership,
    Handover,
    Household,
    HouseholdMember,
    Insight,
    Intervention,
    Invitation,
    Involvement,
    InvolvementDecision,
    MonthlyOverview,
    OverviewKind,
    PersonRelation,
    ProportionalityReview,
    PurgedCase,
    Youth,
)
from partners.permissions import is_coordinator
from pga.history import delete_with_history
from pga.models import AccessAction, AccessLog, AccessResult


def expires_on(closed_on: date, years: int) -> date:
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:  # 29 February
        return closed_on.replace(year=closed_on.year + years, day=28)


def expired_cases(today=None):
    """Closed cases whose retention ended before ``today``."""
    today = today or timezone.localdate()
    years = settings.CASE_RETENTION_YEARS
    candidates = Case.objects.filter(status__in=CLOSED_STATUSES, closed_on__isnull=False)
    cutoff = expires_on(today, -years)  # closed before this date → expired
    return candidates.filter(closed_on__lt=cutoff).order_by("closed_on")


@dataclass
class Purged:
    tombstone: PurgedCase
    youth_removed: bool
    household_removed: bool
    caseloads_removed: int = 0
    caseloads_remade: int = 0


@transaction.atomic
def purge_case(case: Case) -> Purged:
    assessments = list(case.assessments.values_list("pk", flat=True))
    agenda_items = list(case.agenda_items.values_list("pk", flat=True))
    goals = list(case.goals.values_list("pk", flat=True))
    caseloads = sorted(
        set(
            case.listed_in_overviews.filter(kind=OverviewKind.CASELOAD).values_list(
                "coordinator_id", "month"
            )
        )
    )
    group_overviews = sorted(
        set(
            case.listed_in_overviews.filter(kind=OverviewKind.GROUP).values_list(
                "youth_group_id", "month"
            )
        )
    )
    tombstone = PurgedCase.objects.create(
        closed_month=case.closed_on.replace(day=1),
        closure_reason=case.closure_reason,
        status=case.status,
        contacts=case.contacts.count(),
        interventions=case.interventions.count(),
        involvements=case.involvements.count(),
        assessments=len(assessments),
    )
    for overview in MonthlyOverview.objects.filter(case=case):
        overview.file.delete(save=False)
    for handover in Handover.objects.filter(case=case):  # the dossiers as sent
        handover.pdf.delete(save=False)
        handover.json.delete(save=False)
    youth, household_id = case.youth, case.youth.household_id
    case_id = case.pk
    case.delete()  # cascades to contacts, interventions, involvements, grants, PDFs, ZRM,
    # agenda items with their invitations and decisions, goals, evaluations, agreements
    _forget(Case, id=case_id)
    for model in (Contact, Intervention, Involvement, Assessment, MonthlyOverview, Handover):
        _forget(model, case_id=case_id)
    _forget(AssessmentScore, assessment_id__in=assessments)
    _forget(AgendaItem, case_id=case_id)  # the meeting stays, without this case's item
    _forget(Invitation, item_id__in=agenda_items)
    _forget(Decision, item_id__in=agenda_items)
    _forget(Goal, case_id=case_id)
    _forget(GoalEvaluation, goal_id__in=goals)
    _forget(Agreement, case_id=case_id)
    _forget(Insight, case_id=case_id)  # their theme snapshots go with them
    toetsen = list(
        ProportionalityReview.history.filter(case_id=case_id).values_list("id", flat=True)
    )
    _forget(ProportionalityReview, case_id=case_id)
    _forget(InvolvementDecision, review_id__in=toetsen)
    _forget(CaseGroupObjectPermission, content_object_id=case_id)
    _forget(CaseUserObjectPermission, content_object_id=case_id)

    youth_removed = not youth.cases.exists()
    if youth_removed:
        youth_id = youth.pk
        youth.delete()  # cascades to the youth's relations
        _forget(Youth, id=youth_id)
        _forget(GroupMembership, youth_id=youth_id)
        _forget(PersonRelation, youth_id=youth_id)
        _forget(PersonRelation, other_youth_id=youth_id)
    household_removed = (
        bool(household_id) and not Youth.objects.filter(household_id=household_id).exists()
    )
    if household_removed:
        adults = list(
            HouseholdMember.history.filter(household_id=household_id).values_list("id", flat=True)
        )
        Household.objects.filter(pk=household_id).delete()
        _forget(PersonRelation, adult_id__in=adults)
        _forget(Household, id=household_id)
        _forget(HouseholdMember, household_id=household_id)
    remade = sum(_remake_caseload(coordinator_id, month) for coordinator_id, month in caseloads)
    groups_remade = sum(
        _remake_group_overview(group_id, month) for group_id, month in group_overviews
    )
    AccessLog.objects.create(
        action=AccessAction.PURGE,
        result=AccessResult.ALLOWED,
        route="purge_expired_cases",
        object_type="cases.purgedcase",
        object_id=str(tombstone.pk),
        detail=(
            f"Casus verwijderd na de bewaartermijn van {settings.CASE_RETENTION_YEARS} jaar "
            f"(afgesloten {case.closed_on:%m-%Y}); jongere {'ook' if youth_removed else 'niet'}, "
            f"huishouden {'ook' if household_removed else 'niet'} verwijderd; "
            f"{len(caseloads)} caseloadoverzicht(en) met de casus verwijderd, "
            f"{remade} opnieuw gemaakt zonder de casus; {groups_remade} groepsoverzicht(en) "
            "opnieuw gemaakt zonder de jongere"
        ),
    )
    return Purged(tombstone, youth_removed, household_removed, len(caseloads), remade)


def _remake_caseload(coordinator_id, month) -> int:
    """Remove every archived version of a caseload overview that listed a purged case, and
    make it again without the case while its coordinator still is one. Returns 1 if made."""
    from cases.overviews.batch import Job, render_job, store

    for overview in MonthlyOverview.objects.filter(
        kind=OverviewKind.CASELOAD, coordinator_id=coordinator_id, month=month
    ):
        overview.file.delete(save=False)
        delete_with_history(overview, by=None, reason=RETENTION_REASON)
    coordinator = get_user_model().objects.filter(pk=coordinator_id).first()
    if coordinator is None or not is_coordinator(coordinator):
        return 0
    rendered = render_job(Job(OverviewKind.CASELOAD, coordinator_id, f"{month:%Y-%m}"))
    if rendered.error is not None:
        raise RuntimeError(f"Caseloadoverzicht niet opnieuw te maken: {rendered.error}")
    store(
        rendered.job,
        rendered.pdf,
        by=None,
        listed=rendered.listed,
        reason="Opnieuw gemaakt zonder een casus die na de bewaartermijn is verwijderd",
    )
    return 1


def _remake_group_overview(group_id, month) -> int:
    """As ``_remake_caseload``, for a group overview that showed a purged case's youth."""
    from cases.overviews.batch import Job, render_job, store

    for overview in MonthlyOverview.objects.filter(
        kind=OverviewKind.GROUP, youth_group_id=group_id, month=month
    ):
        overview.file.delete(save=False)
        delete_with_history(overview, by=None, reason=RETENTION_REASON)
    rendered = render_job(Job(OverviewKind.GROUP, group_id, f"{month:%Y-%m}"))
    if rendered.error is not None:
        raise RuntimeError(f"Groepsoverzicht niet opnieuw te maken: {rendered.error}")
    store(
        rendered.job,
        rendered.pdf,
        by=None,
        listed=rendered.listed,
        reason="Opnieuw gemaakt zonder een casus die na de bewaartermijn is verwijderd",
    )
    return 1


RETENTION_REASON = "Verwijderd na de bewaartermijn van een casus die erin stond"


def purge_expired_sessions() -> None:
    """Expired sessions can hold a flash message naming a youth: they go with each run."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


def _forget(model, **lookup):
    """Remove every history row of ``model`` matching ``lookup``."""
    model.history.filter(**lookup).delete()
