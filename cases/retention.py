"""Retention (bewaartermijn): a closed case is removed CASE_RETENTION_YEARS after closure,
with everything that only it uses and every history row about those records, leaving an
anonymous tombstone and a record in the access log.

Removed: the case, its contacts, interventions, assessments and scores, involvements,
object permissions, archived PDFs (files too), and the youth and household when no other
case needs them (with members and group memberships). Their history rows go as well.
Kept: the access log, which has its own retention (purge_access_log); its rows name the
user who looked and an id, nothing of the youth.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases.models import (
    CLOSED_STATUSES,
    Assessment,
    AssessmentScore,
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Contact,
    GroupMembership,
    Household,
    HouseholdMember,
    Intervention,
    Involvement,
    MonthlyOverview,
    PurgedCase,
    Youth,
)
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


@transaction.atomic
def purge_case(case: Case) -> Purged:
    assessments = list(case.assessments.values_list("pk", flat=True))
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
    youth, household_id = case.youth, case.youth.household_id
    case_id = case.pk
    case.delete()  # cascades to contacts, interventions, involvements, grants, PDFs, ZRM
    _forget(Case, id=case_id)
    for model in (Contact, Intervention, Involvement, Assessment, MonthlyOverview):
        _forget(model, case_id=case_id)
    _forget(AssessmentScore, assessment_id__in=assessments)
    _forget(CaseGroupObjectPermission, content_object_id=case_id)
    _forget(CaseUserObjectPermission, content_object_id=case_id)

    youth_removed = not youth.cases.exists()
    if youth_removed:
        youth_id = youth.pk
        youth.delete()
        _forget(Youth, id=youth_id)
        _forget(GroupMembership, youth_id=youth_id)
    household_removed = (
        bool(household_id) and not Youth.objects.filter(household_id=household_id).exists()
    )
    if household_removed:
        Household.objects.filter(pk=household_id).delete()
        _forget(Household, id=household_id)
        _forget(HouseholdMember, household_id=household_id)
    AccessLog.objects.create(
        action=AccessAction.PURGE,
        result=AccessResult.ALLOWED,
        route="purge_expired_cases",
        object_type="cases.purgedcase",
        object_id=str(tombstone.pk),
        detail=(
            f"Casus verwijderd na de bewaartermijn van {settings.CASE_RETENTION_YEARS} jaar "
            f"(afgesloten {case.closed_on:%m-%Y}); jongere {'ook' if youth_removed else 'niet'}, "
            f"huishouden {'ook' if household_removed else 'niet'} verwijderd"
        ),
    )
    return Purged(tombstone, youth_removed, household_removed)


def _forget(model, **lookup):
    """Remove every history row of ``model`` matching ``lookup``."""
    model.history.filter(**lookup).delete()
