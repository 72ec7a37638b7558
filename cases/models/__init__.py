"""Youths, their households and groups, and the cases the PGA team runs for them.

Dates are ``*_on``, datetimes ``*_at``. Invariants that the database can hold live in
``Meta.constraints`` and are named as sentences; rules that need other tables or the clock
live in ``clean()`` and in the services (``cases/services.py``), which also record who
changed what and why in the history.
"""

from cases.models.archive import MonthlyOverview, OverviewKind, PurgedCase, overview_path
from cases.models.case import (
    CLOSED_STATUSES,
    TRANSITIONS,
    Case,
    CaseGroupObjectPermission,
    CaseNumberCounter,
    CaseQuerySet,
    CaseStatus,
    CaseUserObjectPermission,
    ClosureReason,
    Involvement,
    InvolvementQuerySet,
    InvolvementRole,
    LegalBasis,
    Priority,
)
from cases.models.meetings import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionKind,
    Invitation,
    Meeting,
    MeetingKind,
)
from cases.models.people import (
    GroupMembership,
    GroupRole,
    Household,
    HouseholdMember,
    Relation,
    Youth,
    YouthGroup,
)
from cases.models.plan import (
    Agreement,
    AgreementQuerySet,
    AgreementStatus,
    Goal,
    GoalEvaluation,
    GoalOutcome,
)
from cases.models.reference import AssessmentDomain, District, InterventionType, Track
from cases.models.work import (
    FINISHED_INTERVENTION_STATUSES,
    Assessment,
    AssessmentScore,
    Contact,
    ContactKind,
    ContactVisibility,
    ContactWith,
    Intervention,
    InterventionStatus,
)

__all__ = [
    "Meeting",
    "MeetingKind",
    "AgendaItem",
    "Invitation",
    "Attendance",
    "Decision",
    "DecisionKind",
    "Goal",
    "GoalOutcome",
    "GoalEvaluation",
    "Agreement",
    "AgreementQuerySet",
    "AgreementStatus",
    "District",
    "Track",
    "InterventionType",
    "AssessmentDomain",
    "Household",
    "Relation",
    "HouseholdMember",
    "Youth",
    "YouthGroup",
    "GroupRole",
    "GroupMembership",
    "CaseStatus",
    "CLOSED_STATUSES",
    "TRANSITIONS",
    "Priority",
    "ClosureReason",
    "CaseQuerySet",
    "Case",
    "CaseNumberCounter",
    "InvolvementRole",
    "LegalBasis",
    "InvolvementQuerySet",
    "Involvement",
    "CaseUserObjectPermission",
    "CaseGroupObjectPermission",
    "InterventionStatus",
    "FINISHED_INTERVENTION_STATUSES",
    "Intervention",
    "ContactKind",
    "ContactWith",
    "ContactVisibility",
    "Contact",
    "Assessment",
    "AssessmentScore",
    "OverviewKind",
    "overview_path",
    "MonthlyOverview",
    "PurgedCase",
]
