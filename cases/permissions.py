"""Need-to-know: the only code that decides which cases and related records a user sees.

- Coordinators (the coordinators' group) see every case.
- A partner employee sees a case while their organisation's group holds an object grant on
  it, which exists exactly while the organisation has an active involvement
  (``grant_case_access`` / ``revoke_case_access``, called by the services only), and only
  until the involvement's end date: from the day after, the case is gone on the very next
  request, before the daily expiry job has revoked the grant.
- Inside such a case, the involvement's information level decides how much: at *dat* the
  partner sees that the case exists, its status, the youth's name and age, who is involved
  and what its own organisation recorded; at *wat* also the shared content
  (``content_cases``). Every function below that hands out written content asks it.
- Management sees no case at all, only figures counted over all cases (``report_cases``)
  with small numbers suppressed (``cases.reports.suppression``).
- Everyone else sees nothing.

Youths, households, groups, interventions and contacts are reached through a visible case.
A forbidden object raises ``Http404``, exactly like a missing one.

Guardian's ``get_objects_for_user`` counts global permissions and superusers by default; we do
not use it for lists. Visibility is one SQL statement on the direct-FK grant table.
"""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.http import Http404
from django.utils import timezone

from cases.models import (
    AgendaItem,
    Agreement,
    Assessment,
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Contact,
    ContactVisibility,
    Decision,
    Goal,
    GoalEvaluation,
    GroupGoal,
    GroupIntervention,
    GroupMembership,
    Handover,
    Household,
    InformationLevel,
    Insight,
    Intervention,
    Invitation,
    Involvement,
    InvolvementDecision,
    Meeting,
    MonthlyOverview,
    PersonRelation,
    ProportionalityReview,
    Youth,
    YouthGroup,
)
from partners.permissions import is_coordinator, is_management, partner_of
from pga.history import delete_with_history, stamp
from pga.ids import as_id

# What a partner's group may do on a case it is involved in.
PARTNER_CASE_PERMISSIONS = ("view_case", "log_contact")
# How long the author may correct a contact.
CONTACT_CORRECTION_WINDOW = timedelta(hours=24)


def _codename(perm: str) -> str:
    app_label, _, codename = perm.rpartition(".")
    if app_label not in ("", "cases"):
        raise ValueError(f"Not a case permission: {perm}")
    return codename


def _granted_case_ids(partner, codename: str) -> QuerySet:
    """Subquery: ids of the cases on which the partner's group holds ``codename``.

    Filtering on the group id (known from the user's membership, loaded with the user) and
    the cached content type keeps this a small lookup: the list pages join it into every
    query, so its size shows in each page's planning time. The permission is a scalar
    subquery rather than a join: PostgreSQL then estimates the grants from the group's
    share of the index (6,000 of the police at 10× the city) instead of guessing a join's
    selectivity (28), a guess every list page's plan was built on.
    """
    permission = Permission.objects.filter(
        codename=codename, content_type=ContentType.objects.get_for_model(Case)
    ).values("pk")[:1]
    return CaseGroupObjectPermission.objects.filter(
        group_id=partner.group_id, permission_id=Subquery(permission)
    ).values("content_object_id")


def _current_case_ids(partner, *, content: bool = False) -> QuerySet:
    """Subquery: ids of the cases the partner's involvement opens today (not ended, not
    past its end date); with ``content``, only those at the 'wat' level."""
    involvements = Involvement.objects.filter(
        partner_id=partner.pk, ended_on__isnull=True, expires_on__gte=timezone.localdate()
    )
    if content:
        involvements = involvements.filter(information_level=InformationLevel.WAT)
    return involvements.values("case_id")


def _open_case_ids(partner, codename: str, *, content: bool = False) -> QuerySet:
    """Subquery: ids of the cases the partner's involvement opens today *and* on which its
    group holds ``codename`` (both, as ever). The grant is asked inside the involvements'
    subquery, so the case list joins one set of ids: two separate ``IN`` lists over the
    same cases made PostgreSQL multiply their shares as if they were independent, and plan
    the police's 6,000 cases at 10× the city as a handful (EXPLAIN in the README)."""
    return _current_case_ids(partner, content=content).filter(
        case_id__in=_granted_case_ids(partner, codename)
    )


def ensure_coordinator(user) -> None:
    """For pages that hold no single object (registration): coordinators only."""
    if not is_coordinator(user):
        raise PermissionDenied


def ensure_case_user(user) -> None:
    """Lists of cases are for coordinators and partner employees: toezicht and beheer have
    no caseload, not even an empty one."""
    if not (is_coordinator(user) or partner_of(user) is not None):
        raise PermissionDenied


def report_cases(user) -> QuerySet:
    """The cases the Sturingsinformatie counts (/sturing/): all of them, for coordinators
    and management; anyone else (a partner employee above all) is refused. Only counts,
    medians and shares leave ``cases.reports``, never a row: management sees no case,
    and every cell that counts fewer than REPORT_MIN_CELL people is suppressed."""
    if not may_read_reports(user):
        raise PermissionDenied
    return Case.objects.all()


def may_read_reports(user) -> bool:
    """Whether the user may see the Sturingsinformatie: coordinators and management."""
    return is_coordinator(user) or is_management(user)


def api_cases(user) -> QuerySet:
    """The cases a system account reads through the API (/api/v1/casussen/): exactly what
    its organisation's employees see, with the same access annotations as their lists. A
    management account reads figures only, and is refused here."""
    if is_coordinator(user) or partner_of(user) is None:
        raise PermissionDenied
    return with_access(user, visible_cases(user))


def get_api_case(user, pk) -> Case:
    """One case of ``api_cases``; 404 when the organisation does not see it."""
    return _get_or_404(api_cases(user).select_related("youth", "coordinator"), pk)


def visible_cases(user, perm: str = "cases.view_case") -> QuerySet:
    """The cases ``user`` may see (or act on with ``perm``), as one lazy SQL statement."""
    if is_coordinator(user):
        return Case.objects.all() if user.has_perm(perm) else Case.objects.none()
    # The organisation comes from the user's one Membership, not from loose group
    # memberships: a user without one, or of an inactive partner, sees nothing.
    partner = partner_of(user)
    if partner is None:
        return Case.objects.none()
    return Case.objects.filter(pk__in=_open_case_ids(partner, _codename(perm)))


def _of_case(cases: QuerySet, case: Case | None) -> QuerySet:
    """``cases`` narrowed to ``case`` where the caller asks about one case: the same rows
    (the outer query asks for that case too), but the subquery is one probe. Inside an OR,
    PostgreSQL does not push the outer ``case_id =`` into an ``IN`` list: a partner's
    Contacten tab read all 6,218 cases the police may see, twice, per query (7 ms each at
    10× the city)."""
    return cases if case is None else cases.filter(pk=case.pk)


def content_cases(user) -> QuerySet:
    """The visible cases whose shared content the user may read: all of a coordinator's;
    a partner's where its involvement is at the 'wat' level. Records written by others
    (contacts, the plan, interventions, agreements, meetings, insights, the household) are
    reached through these."""
    if is_coordinator(user):
        return Case.objects.all()
    partner = partner_of(user)
    if partner is None:
        return Case.objects.none()
    return Case.objects.filter(pk__in=_open_case_ids(partner, "view_case", content=True))


def get_content_case_for_user(user, pk) -> Case:
    """A case whose content the user may read (its monthly PDF); 404 otherwise, also for a
    partner that sees the case at the 'dat' level only."""
    return _get_or_404(content_cases(user).select_related("youth", "coordinator"), pk)


def with_access(user, cases: QuerySet) -> QuerySet:
    """``cases`` with, per row, ``shows_content`` (may the user read its content) and, for a
    partner, ``access_until`` and ``access_level`` of its own involvement: lists blank what a
    'dat' row may not show and say until when the partner has access."""
    if is_coordinator(user):
        return cases.annotate(shows_content=Value(True, output_field=BooleanField()))
    partner = partner_of(user)
    if partner is None:
        return cases.none()
    # One join on the partner's open involvement (at most one per case: a database
    # constraint), instead of a subquery per column per row.
    own = FilteredRelation(
        "involvements",
        condition=Q(
            involvements__partner_id=partner.pk,
            involvements__ended_on__isnull=True,
            involvements__expires_on__gte=timezone.localdate(),
        ),
    )
    return cases.annotate(own_involvement=own).annotate(
        access_until=F("own_involvement__expires_on"),
        access_level=F("own_involvement__information_level"),
        shows_content=ExpressionWrapper(
            Q(own_involvement__information_level=InformationLevel.WAT),
            output_field=BooleanField(),
        ),
    )


def own_involvement(user, case: Case):
    """The user's organisation's involvement that opens ``case`` today (None for a
    coordinator): the case page says at which level and until when."""
    partner = partner_of(user)
    if partner is None or is_coordinator(user):
        return None
    return (
        Involvement.objects.filter(
            case=case,
            partner_id=partner.pk,
            ended_on__isnull=True,
            expires_on__gte=timezone.localdate(),
        )
        .order_by("-started_on")
        .first()
    )


def hidden_history_fields(user, case: Case | None) -> tuple[dict, tuple]:
    """What the case's Historie leaves out of the rows it shows: ({kind: field names},
    related models whose names are not shown). A meeting's group texts belong to the group
    (``may_see_group_content``, shown in the group's own Historie); at the 'dat' level the
    links of one's own records to the plan's goals and to the casusoverleg are content."""
    if case is None or is_coordinator(user):
        return {}, ()
    fields = {"meeting": {"group_question", "group_minutes"}}
    if not may_read_case_content(user, case):
        return fields, (Goal, AgendaItem, Meeting)
    return fields, ()


def may_read_case_content(user, case: Case) -> bool:
    """Whether the case's written content (aanleiding, plan, what others recorded) is shown
    to ``user``: the case page's tabs, PDFs and history ask here."""
    if is_coordinator(user):
        return True
    partner = partner_of(user)
    if partner is None:
        return False
    return Involvement.objects.filter(
        case=case,
        partner_id=partner.pk,
        ended_on__isnull=True,
        expires_on__gte=timezone.localdate(),
        information_level=InformationLevel.WAT,
    ).exists()


def get_case_for_user(user, pk, perm: str = "cases.view_case") -> Case:
    """The case, if ``user`` may act on it with ``perm``; else 404 as if it did not exist."""
    return _get_or_404(visible_cases(user, perm).select_related("youth", "coordinator"), pk)


def visible_youths(user) -> QuerySet:
    if is_coordinator(user):
        return Youth.objects.all()
    # A youth's page (household, address, groups) is content: 'dat' shows the name and age
    # on the case only.
    return Youth.objects.filter(Exists(content_cases(user).filter(youth=OuterRef("pk"))))


def get_youth_for_user(user, pk) -> Youth:
    return _get_or_404(visible_youths(user), pk)


def visible_households(user) -> QuerySet:
    if is_coordinator(user):
        return Household.objects.all()
    return Household.objects.filter(
        Exists(content_cases(user).filter(youth__household=OuterRef("pk")))
    )


def get_household_for_user(user, pk) -> Household:
    return _get_or_404(visible_households(user), pk)


def visible_youth_groups(user) -> QuerySet:
    if is_coordinator(user):
        return YouthGroup.objects.all()
    return YouthGroup.objects.filter(
        Exists(content_cases(user).filter(youth__group_memberships__youth_group=OuterRef("pk")))
    )


def get_youth_group_for_user(user, pk) -> YouthGroup:
    return _get_or_404(visible_youth_groups(user).select_related("district"), pk)


def visible_group_members(user, youth_group: YouthGroup) -> QuerySet:
    """The group's memberships whose youth the user may see: a partner does not learn who
    else is in the group from cases it is not involved in."""
    memberships = youth_group.memberships.select_related("youth")
    if is_coordinator(user):
        return memberships
    return memberships.filter(youth__in=visible_youths(user))


def visible_group_memberships(user) -> QuerySet:
    """Group memberships of youths the user may see (the Jeugdgroep tab shows them)."""
    memberships = GroupMembership.objects.all()
    if is_coordinator(user):
        return memberships
    return memberships.filter(youth__in=visible_youths(user))


def get_group_membership_for_user(user, pk, *, group_id) -> GroupMembership:
    """A membership the user may see, of the group in the URL."""
    memberships = visible_group_memberships(user).filter(youth_group_id=group_id)
    return _get_or_404(memberships.select_related("youth", "youth_group"), pk)


def may_see_group_content(user, youth_group: YouthGroup) -> bool:
    """Group-level texts (groepsduiding, insights about the group, the group plan) are for
    coordinators and for partners involved in the case of a *current* member: a partner
    whose youth has left the group keeps its own youth's membership, not the group's news."""
    if is_coordinator(user):
        return True
    return (
        content_cases(user)
        .filter(
            youth__group_memberships__youth_group=youth_group,
            youth__group_memberships__until_on__isnull=True,
        )
        .exists()
    )


def visible_relations(user, youth_group: YouthGroup | None = None) -> QuerySet:
    """Relations the user may see (``relation_rows_visible``). With ``youth_group``:
    relations of its (current and former) members among themselves and to adults."""
    relations = PersonRelation.objects.filter(relation_rows_visible(user))
    if youth_group is not None:
        members = youth_group.memberships.values("youth_id")
        relations = relations.filter(youth_id__in=members).filter(
            Q(other_youth__isnull=True) | Q(other_youth_id__in=members)
        )
    return relations


def relations_among(memberships) -> QuerySet:
    """The relations among ``memberships`` (as ``visible_group_members`` gives them: their
    youths the user may see) and to adults of those youths' households or outside any
    household: a narrower set than ``visible_relations``, built from ids already read, so
    the group page asks no permission subquery again."""
    youth_ids = [m.youth_id for m in memberships]
    households = [m.youth.household_id for m in memberships if m.youth.household_id]
    return PersonRelation.objects.filter(
        Q(youth_id__in=youth_ids),
        Q(other_youth_id__isnull=True) | Q(other_youth_id__in=youth_ids),
        Q(adult_id__isnull=True) | Q(adult__household_id__in=households),
    )


def insights_in(case_ids, youth_group: YouthGroup | None = None) -> QuerySet:
    """Insights recorded in ``case_ids`` (ids of cases the user may see, as
    ``visible_cases`` gave them) and, when given, about ``youth_group`` (for who may read
    the group's own texts, ``may_see_group_content``)."""
    condition = Q(case_id__in=list(case_ids))
    if youth_group is not None:
        condition |= Q(youth_group=youth_group)
    return Insight.objects.filter(condition)


def relation_rows_visible(user) -> Q:
    """A filter on relation (and relation history) rows: both youths' cases visible to the
    user; a relation to an adult of a household only where the user may see that household
    (through one of its youths), so a hidden member's mother is neither named nor drawn.

    Each side is a correlated EXISTS, probed per relation row: relations are always read
    for one youth or one group first, a few dozen rows. As ``IN (visible youths)`` the
    planner hashed every youth the user may see, three times: 6,000 for the police at 10×
    the city (66 ms for a group's Historie, against 1 ms probed)."""
    if is_coordinator(user):
        return Q()
    cases = content_cases(user)
    return (
        Q(Exists(cases.filter(youth_id=OuterRef("youth_id"))))
        & (
            Q(other_youth_id__isnull=True)
            | Exists(cases.filter(youth_id=OuterRef("other_youth_id")))
        )
        & (
            Q(adult_id__isnull=True)
            | Exists(cases.filter(youth__household__members=OuterRef("adult_id")))
        )
    )


def get_relation_for_user(user, pk, *, group_id) -> PersonRelation:
    group = get_youth_group_for_user(user, group_id)
    return _get_or_404(visible_relations(user, group).select_related("youth"), pk)


def visible_insights(user) -> QuerySet:
    """Insights about a youth or a key figure follow the case through which they are known
    (not every case of the youth: another case's partners do not read them); insights about
    a group follow ``may_see_group_content``."""
    if is_coordinator(user):
        return Insight.objects.all()
    return Insight.objects.filter(
        Q(case_id__in=content_cases(user).values("pk")) | _in_content_group(user)
    )


def get_insight_for_user(user, pk, *, case_id=None, group_id=None) -> Insight:
    """An insight the user may see, of the case or the group in the URL."""
    insights = visible_insights(user)
    if case_id is not None:
        insights = insights.filter(case_id=case_id)
    if group_id is not None:
        insights = insights.filter(youth_group_id=group_id)
    return _get_or_404(insights, pk)


def visible_group_plan(user, youth_group: YouthGroup, *, content=None):
    """The group's goals and interventions, for who may see its group-level content
    (``content``: that answer, when the caller has it already)."""
    if content is None:
        content = may_see_group_content(user, youth_group)
    if not content:
        return GroupGoal.objects.none(), GroupIntervention.objects.none()
    return youth_group.goals.all(), youth_group.interventions.all()


def visible_meetings(user) -> QuerySet:
    """Coordinators see every casusoverleg; a partner employee one to which their
    organisation is invited for at least one item of a case it may see."""
    if is_coordinator(user):
        return Meeting.objects.all()
    partner = partner_of(user)
    if partner is None:
        return Meeting.objects.none()
    invited = Invitation.objects.filter(
        partner=partner, item__meeting=OuterRef("pk"), item__case__in=content_cases(user)
    )
    return Meeting.objects.filter(Exists(invited))


def get_meeting_for_user(user, pk) -> Meeting:
    return _get_or_404(visible_meetings(user).select_related("chair", "minute_taker"), pk)


def get_agenda_item_for_user(user, pk, *, meeting_id) -> AgendaItem:
    items = visible_agenda_items(user).filter(meeting_id=meeting_id)
    return _get_or_404(items.select_related("meeting", "case__youth"), pk)


def visible_agenda_items(user, meeting: Meeting | None = None) -> QuerySet:
    """Of the meetings the user sees, the items of cases the user may see: the others are
    not listed, not counted and not named for them."""
    items = AgendaItem.objects.filter(case__in=content_cases(user))
    if not is_coordinator(user):
        items = items.filter(meeting__in=visible_meetings(user))
    return items if meeting is None else items.filter(meeting=meeting)


def visible_decisions(user, case: Case | None = None) -> QuerySet:
    """Decisions are part of a meeting's verslag: seen with the items the user sees."""
    decisions = Decision.objects.filter(item__in=visible_agenda_items(user))
    return decisions if case is None else decisions.filter(item__case=case)


def visible_goals(user, case: Case | None = None) -> QuerySet:
    """The plan's goals of visible cases: partners see the plan they work on (not the ZRM
    scores, ``may_see_assessments``)."""
    goals = Goal.objects.filter(case__in=content_cases(user))
    return goals if case is None else goals.filter(case=case)


def get_goal_for_user(user, pk, *, case_id) -> Goal:
    return _get_or_404(visible_goals(user).filter(case_id=case_id).select_related("case"), pk)


def visible_goal_evaluations(user, case: Case | None = None) -> QuerySet:
    return GoalEvaluation.objects.filter(goal__in=visible_goals(user, case))


def visible_agreements(user, case: Case | None = None) -> QuerySet:
    """Every agreement of a visible case, and of a group whose group-level content the user
    may see: the partners at the table see who does what."""
    if is_coordinator(user):
        agreements = Agreement.objects.all()  # every case is visible: no join to ask
    else:
        partner = partner_of(user)
        if partner is None:
            return Agreement.objects.none()
        # At 'wat' every agreement of the case; at 'dat' only those its own organisation
        # carries out (what it is asked to do).
        # The grant and involvement tables themselves, without the detour through the case
        # table that visible_cases() takes: the same ids, fewer joins to plan.
        granted = _granted_case_ids(partner, "view_case")
        current, content = _current_case_ids(partner), _current_case_ids(partner, content=True)
        if case is not None:  # one probe each, as _of_case: the same rows for this case
            granted = granted.filter(content_object_id=case.pk)
            current, content = current.filter(case_id=case.pk), content.filter(case_id=case.pk)
        agreements = Agreement.objects.filter(
            Q(case_id__in=granted)
            & (Q(case_id__in=content) | Q(partner=partner, case_id__in=current))
            | _in_content_group(user)
        )
    return agreements if case is None else agreements.filter(case=case)


def _in_content_group(user) -> Q:
    """A record of a group whose group-level content the (partner) user may see: a group
    with a current member whose case it may see (``may_see_group_content``). Asked per group
    record (an EXISTS through the group's members), not as the list of every group of every
    case the partner sees: for the police at 10× the city that list walked 6,000 cases on
    every page that shows its agreements, most of which belong to no group at all."""
    return Q(youth_group_id__isnull=False) & Exists(
        content_cases(user).filter(
            youth__group_memberships__until_on__isnull=True,
            youth__group_memberships__youth_group=OuterRef("youth_group_id"),
        )
    )


def get_group_agreement_for_user(user, pk, *, group_id) -> Agreement:
    agreements = visible_agreements(user).filter(youth_group_id=group_id)
    return _get_or_404(agreements.select_related("youth_group", "partner"), pk)


def my_open_agreements(user) -> QuerySet:
    """Mijn afspraken: the open agreements of the user's organisation in the cases it sees."""
    partner = partner_of(user)
    if partner is None:
        return Agreement.objects.none()
    return visible_agreements(user).open().filter(partner=partner)


def get_agreement_for_user(user, pk, *, case_id=None) -> Agreement:
    agreements = visible_agreements(user).select_related("case", "partner")
    if case_id is not None:
        agreements = agreements.filter(case_id=case_id)
    return _get_or_404(agreements, pk)


def can_update_agreement(user, agreement: Agreement) -> bool:
    """The coordinator, or an employee of the organisation that carries the agreement out,
    marks it done or no longer needed."""
    if is_coordinator(user):
        return True
    partner = partner_of(user)
    return partner is not None and partner.pk == agreement.partner_id


def visible_involvements(user, case: Case | None = None) -> QuerySet:
    """Involvements of visible cases (all of them, ended ones too: partners see who else is
    and was involved)."""
    involvements = Involvement.objects.filter(case__in=visible_cases(user))
    return involvements.filter(case=case) if case is not None else involvements


def visible_interventions(user, case: Case | None = None) -> QuerySet:
    """Interventions of visible cases: at 'wat' all of them (partners see the whole plan),
    at 'dat' only those its own organisation carries out."""
    if is_coordinator(user):
        interventions = Intervention.objects.all()
    else:
        partner = partner_of(user)
        if partner is None:
            return Intervention.objects.none()
        interventions = Intervention.objects.filter(
            Q(case__in=_of_case(content_cases(user), case))
            | Q(responsible_partner=partner, case__in=_of_case(visible_cases(user), case))
        )
    return interventions.filter(case=case) if case is not None else interventions


def get_intervention_for_user(
    user, pk, perm: str = "cases.view_intervention", *, case_id=None
) -> Intervention:
    """Everyone who sees the case sees its interventions. Coordinators may change every
    intervention; a partner employee only those of their own organisation. With ``case_id``
    (from the URL) an intervention of another case is a 404 too."""
    interventions = visible_interventions(user).select_related(
        "case", "intervention_type", "responsible_partner"
    )
    if case_id is not None:
        interventions = interventions.filter(case_id=case_id)
    codename = _codename(perm)
    partner = partner_of(user)
    if codename == "view_intervention":
        pass
    elif is_coordinator(user):
        interventions = interventions if user.has_perm(perm) else interventions.none()
    elif codename == "change_intervention" and partner is not None:
        interventions = interventions.filter(responsible_partner=partner)
    else:
        interventions = interventions.none()
    return _get_or_404(interventions, pk)


def can_change_intervention(user, intervention: Intervention) -> bool:
    """The list's edit link follows the rule of get_intervention_for_user(change)."""
    if is_coordinator(user):
        return user.has_perm("cases.change_intervention")
    partner = partner_of(user)
    return partner is not None and intervention.responsible_partner_id == partner.pk


def get_involvement_for_user(user, pk, perm: str = "cases.view_case", *, case_id=None):
    """An involvement of a case the user may act on with ``perm`` (e.g. change_case to end
    it); with ``case_id`` it must belong to that case."""
    involvements = Involvement.objects.filter(case__in=visible_cases(user, perm))
    if case_id is not None:
        involvements = involvements.filter(case_id=case_id)
    return _get_or_404(involvements.select_related("case", "partner"), pk)


def may_see_assessments(user) -> bool:
    """ZRM scores (health, addiction, justice) are for coordinators: DESIGN §5 does not list
    them among what a partner sees inside a case. Tab, history, PDFs and export ask here."""
    return is_coordinator(user)


def visible_assessments(user, case: Case | None = None) -> QuerySet:
    if not may_see_assessments(user):
        return Assessment.objects.none()
    assessments = Assessment.objects.filter(case__in=visible_cases(user))
    return assessments if case is None else assessments.filter(case=case)


def may_plan_interventions(user) -> bool:
    """A coordinator plans interventions (kind, partner, goal); the responsible partner only
    reports progress on its own (status, dates, outcome: PARTNER_INTERVENTION_FIELDS)."""
    return is_coordinator(user)


PARTNER_INTERVENTION_FIELDS = ("status", "started_on", "planned_end_on", "ended_on", "outcome")


def visible_monthly_overviews(user, case: Case | None = None) -> QuerySet:
    """Archived overviews are rendered with the coordinator's view of the case (restricted
    contacts, ZRM), so only coordinators see and download them."""
    if not is_coordinator(user):
        return MonthlyOverview.objects.none()
    overviews = MonthlyOverview.objects.filter(case__in=visible_cases(user))
    return overviews if case is None else overviews.filter(case=case)


def visible_group_overviews(user, youth_group: YouthGroup) -> QuerySet:
    """Archived group overviews are rendered with a coordinator's view of the whole group:
    only coordinators see and download them."""
    if not is_coordinator(user):
        return MonthlyOverview.objects.none()
    return MonthlyOverview.objects.filter(youth_group=youth_group)


def get_group_overview_for_user(user, pk, *, group_id):
    group = get_youth_group_for_user(user, group_id)
    return _get_or_404(visible_group_overviews(user, group).select_related("youth_group"), pk)


def get_monthly_overview_for_user(user, pk, *, case_id):
    overviews = visible_monthly_overviews(user).filter(case_id=case_id)
    return _get_or_404(overviews.select_related("case"), pk)


def visible_contacts(user, case: Case | None = None) -> QuerySet:
    """Contacts of visible cases; restricted ones only for their own organisation and for
    coordinators. Another partner does not see them, not even as a count. At the 'dat'
    level a partner sees only its own organisation's contacts."""
    if is_coordinator(user):
        contacts = Contact.objects.all()
        return contacts.filter(case=case) if case is not None else contacts
    partner = partner_of(user)
    if partner is None:
        return Contact.objects.none()
    seen, content = _of_case(visible_cases(user), case), _of_case(content_cases(user), case)
    contacts = Contact.objects.filter(
        Q(partner=partner, case__in=seen) | Q(visibility=ContactVisibility.SHARED, case__in=content)
    )
    return contacts.filter(case=case) if case is not None else contacts


def own_contacts_per_visible_case(user) -> QuerySet:
    """The contacts of the user's own organisation, to be correlated (OuterRef) to a case
    from ``visible_cases``: in a case it sees, its own contacts are visible at either level,
    so a list's row needs no visibility subquery of its own (compiling one per list cost a
    partner's caseload about 8 ms a page). Never to be used without that correlation."""
    partner = partner_of(user)
    if partner is None:
        return Contact.objects.none()
    return Contact.objects.filter(partner_id=partner.pk)


def own_open_agreements_per_visible_case(user) -> QuerySet:
    """The open agreements of the user's own organisation, to be correlated (OuterRef) to a
    case from ``visible_cases``, where they are all visible (``my_open_agreements``): as
    ``own_contacts_per_visible_case``, never without that correlation."""
    partner = partner_of(user)
    if partner is None:
        return Agreement.objects.none()
    return Agreement.objects.open().filter(partner_id=partner.pk)


def sees_every_contact(user) -> bool:
    """Whether ``visible_contacts`` is every contact (coordinators): for such a user a case's
    last contact is ``Case.latest_contact_at``, which lists sort and filter on from an
    index; anyone else's last contact is asked of the contacts they see."""
    return is_coordinator(user)


def sees_every_agreement(user) -> bool:
    """Whether ``visible_agreements`` is every agreement (coordinators): for such a user
    "a case with an overdue agreement" is ``Case.open_agreement_due_on`` before today, from
    an index; anyone else's is asked of the agreements they see."""
    return is_coordinator(user)


def visible_contact_versions(user) -> Q:
    """Which *versions* of a visible contact (rows of its history) the user may see: a
    version restricted to another organisation stays hidden after the contact was shared,
    also as the 'was' of a change. For history querysets of Contact."""
    if is_coordinator(user):
        return Q()
    partner = partner_of(user)
    shared = Q(visibility=ContactVisibility.SHARED)
    return shared | Q(partner_id=partner.pk) if partner else shared


def visible_contact_history(user, case: Case) -> Q:
    """The history rows of ``case``'s contacts the user may read (the Historie tab): of the
    contacts the user sees, the versions the user may see."""
    if is_coordinator(user):
        return Q(case_id=case.pk)
    visible = visible_contacts(user, case).values("pk")
    return Q(case_id=case.pk, id__in=visible) & visible_contact_versions(user)


def get_contact_for_user(user, pk, perm: str = "cases.view_contact", *, case_id=None) -> Contact:
    contacts = visible_contacts(user).select_related("case", "partner", "author")
    if case_id is not None:
        contacts = contacts.filter(case_id=case_id)
    contact = _get_or_404(contacts, pk)
    if _codename(perm) != "view_contact" and not can_change_contact(user, contact):
        raise Http404
    return contact


def can_change_contact(user, contact: Contact, now=None) -> bool:
    """Only the author corrects a contact, and only within 24 hours; history keeps every
    version."""
    now = now or timezone.now()
    return contact.author_id == user.pk and now - contact.created_at <= CONTACT_CORRECTION_WINDOW


def _get_or_404(queryset: QuerySet, pk):
    pk = as_id(pk)
    if pk is None:
        raise Http404
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None


# Grants: called by the services only -----------------------------------------------------


def _partner_permissions():
    return Permission.objects.filter(
        content_type__app_label="cases", codename__in=PARTNER_CASE_PERMISSIONS
    )


def grant_case_access(case: Case, partner, *, by, reason: str) -> int:
    """Give the partner's group its object permissions on the case. Returns rows added."""
    held = set(
        CaseGroupObjectPermission.objects.filter(
            content_object=case, group_id=partner.group_id
        ).values_list("permission_id", flat=True)
    )
    added = 0
    for permission in _partner_permissions():
        if permission.pk in held:
            continue
        grant = CaseGroupObjectPermission(
            content_object=case, group_id=partner.group_id, permission=permission
        )
        stamp(grant, by=by, reason=reason)
        grant.save()
        added += 1
    return added


def revoke_case_access(case: Case, partner, *, by, reason: str) -> int:
    """Take every object permission on the case away from the partner's group."""
    removed = 0
    for grant in CaseGroupObjectPermission.objects.filter(
        content_object=case, group_id=partner.group_id
    ):
        delete_with_history(grant, by=by, reason=reason)
        removed += 1
    return removed


def sync_all_case_grants(*, by, reason: str) -> list[str]:
    """Rebuild every case grant from the active involvements (idempotent).

    Adds what an active involvement needs, removes what none backs (including any grant to a
    single user, which the product never makes). Returns a line per change.
    """
    permissions = {p.pk: p.codename for p in _partner_permissions()}
    wanted = {
        (case_id, group_id, permission_id): number
        for case_id, group_id, number in Involvement.objects.active().values_list(
            "case_id", "partner__group_id", "case__number"
        )
        for permission_id in permissions
    }
    changes = []
    for grant in CaseGroupObjectPermission.objects.select_related(
        "content_object", "group", "permission"
    ):
        key = (grant.content_object_id, grant.group_id, grant.permission_id)
        if wanted.pop(key, None) is None:
            changes.append(
                f"- {grant.content_object.number}: {grant.group.name} {grant.permission.codename}"
            )
            delete_with_history(grant, by=by, reason=reason)
    for grant in CaseUserObjectPermission.objects.select_related("content_object", "user"):
        changes.append(f"- {grant.content_object.number}: gebruiker {grant.user.username}")
        delete_with_history(grant, by=by, reason=reason)
    groups = dict(Group.objects.filter(partner__isnull=False).values_list("pk", "name"))
    for (case_id, group_id, permission_id), number in sorted(wanted.items()):
        grant = CaseGroupObjectPermission(
            content_object_id=case_id, group_id=group_id, permission_id=permission_id
        )
        stamp(grant, by=by, reason=reason)
        grant.save()
        changes.append(f"+ {number}: {groups[group_id]} {permissions[permission_id]}")
    return changes


# The proportionaliteitstoets (issue 18) ---------------------------------------------------

# Case fields that belong to the toets: shown (in the Historie tab, the PDFs) only to who may
# see toetsen.
TOETS_CASE_FIELDS = frozenset({"next_toets_on"})
# The history reason of the case row a toets writes (its next due date, nothing else): that
# row is left out of the case's history for who may not see toetsen.
TOETS_RECORDED_REASON = "Proportionaliteitstoets vastgelegd"


def may_see_toetsen(user) -> bool:
    """The proportionaliteitstoets is the coordinator's account of why a case and each
    partner's involvement are still needed: the toetsen with their answers and decisions,
    the due date, the overdue flag and the facts that may point to afschalen are for
    coordinators only. A partner learns no more than what happens to its own involvement
    (ended, or lowered to 'dat'), with the reason, as after any other decision."""
    return is_coordinator(user)


def visible_toetsen(user, case: Case | None = None) -> QuerySet:
    if not may_see_toetsen(user):
        return ProportionalityReview.objects.none()
    reviews = ProportionalityReview.objects.filter(case__in=visible_cases(user))
    return reviews if case is None else reviews.filter(case=case)


def visible_toets_decisions(user, case: Case | None = None) -> QuerySet:
    return InvolvementDecision.objects.filter(review__in=visible_toetsen(user, case))


def get_case_for_toets(user, pk) -> Case:
    """The case whose toets ``user`` may record: a coordinator's (change_case); anyone else
    gets the 404 of a case that does not exist."""
    if not may_see_toetsen(user):
        raise Http404
    return get_case_for_user(user, pk, "cases.change_case")


def cases_with_toets_overdue(user, today=None) -> QuerySet:
    """Open cases whose toets is past its due date, for who may see toetsen (the caseload
    filter and the dashboard tile); nothing for anyone else, so the filter betrays nothing."""
    if not may_see_toetsen(user):
        return Case.objects.none()
    today = today or timezone.localdate()
    return visible_cases(user).open().filter(next_toets_on__lt=today)


def visible_case_history(user, case: Case) -> Q:
    """The case's own history rows the user may read: for who may not see toetsen, without
    the rows a toets wrote (``TOETS_RECORDED_REASON``: they change only the due date)."""
    return Q(id=case.pk) & case_history_rows(user)


def case_history_rows(user) -> Q:
    """Which history rows of a case the user may read (also their dates: the API's
    ``gewijzigd_op``): for who may not see toetsen, not the rows a toets wrote."""
    if may_see_toetsen(user):
        return Q()
    return ~Q(history_change_reason=TOETS_RECORDED_REASON)


# Opschalen naar het Zorg- en Veiligheidshuis (issue 21) ------------------------------------


def may_hand_over(user) -> bool:
    """Opschalen is the coordinator's decision, with a legal ground: making the dossier, its
    files and the list of earlier handovers are for coordinators only. The dossier is built
    from the coordinator's view of the case (but holds shared contacts only, never restricted
    ones: ``cases.handover.dossier``). A partner does not learn of it from this product."""
    return is_coordinator(user)


def get_case_for_handover(user, pk) -> Case:
    """The case a coordinator may hand over (change_case); anyone else gets the 404 of a case
    that does not exist."""
    if not may_hand_over(user):
        raise Http404
    return get_case_for_user(user, pk, "cases.change_case")


def visible_handovers(user, case: Case | None = None) -> QuerySet:
    if not may_hand_over(user):
        return Handover.objects.none()
    handovers = Handover.objects.filter(case__in=visible_cases(user))
    return handovers if case is None else handovers.filter(case=case)


def get_handover_for_user(user, pk, *, case_id) -> Handover:
    handovers = visible_handovers(user).filter(case_id=case_id)
    return _get_or_404(handovers.select_related("case__youth", "created_by"), pk)
