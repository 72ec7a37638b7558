"""Changes to a youth group and its workspace: the group, its members, phases,
groepsduiding, the relations between people, insights and the group plan. Each change is
atomic, refused with a Dutch message where it may not happen, and stamped with who and why
in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import (
    ADULT_KINDS,
    DIRECTED_KINDS,
    YOUTH_KINDS,
    GroupGoal,
    GroupIntervention,
    GroupMembership,
    GroupPhase,
    GroupPhaseStep,
    GroupReading,
    Insight,
    InsightKind,
    InsightSource,
    PersonRelation,
    RelationKind,
    Youth,
    YouthGroup,
)
from pga.history import (
    current_date,
    delete_with_history,
    require_reason,
    save_with_history,
    set_many_with_history,
)
from pga.locking import only_fields, save_edit

GROUP_FIELDS = ("name", "district", "meeting_places")


@transaction.atomic
def create_youth_group(*, by, reason: str = "", **fields) -> YouthGroup:
    """A new youth group (jeugdgroep) with its working name, district, meeting places and
    groepsduiding."""
    only_fields(fields, GROUP_FIELDS, "create_youth_group")
    group = YouthGroup(**fields)
    reason = reason or _("Jeugdgroep aangemaakt")
    save_with_history(group, by=by, reason=reason)
    step = GroupPhaseStep(
        youth_group=group,
        phase=GroupPhase.SIGNALEN,
        entered_on=current_date(),
        reason=reason,
        recorded_by=by,
    )
    save_with_history(step, by=by, reason=reason)
    return group


@transaction.atomic
def update_youth_group(
    group: YouthGroup, *, by, reason: str = "", expected_version=None, **fields
) -> YouthGroup:
    return save_edit(
        group,
        by=by,
        reason=reason or _("Jeugdgroep gewijzigd"),
        expected_version=expected_version,
        fields=fields,
        allowed=GROUP_FIELDS,
    )


@transaction.atomic
def add_group_member(group: YouthGroup, youth: Youth, *, by, role, since_on, reason: str):
    """Count ``youth`` as a member of ``group``. Naming a minor as part of a group (and as
    its kopstuk or meeloper) says something about them that partners read: it needs a
    reason."""
    require_reason(reason)
    # Serialise per group, so two requests cannot both pass the duplicate check.
    YouthGroup.objects.select_for_update().filter(pk=group.pk).first()
    if group.memberships.filter(youth=youth, until_on__isnull=True).exists():
        raise ValidationError({"youth": _("Deze jongere is al lid van de groep.")})
    membership = GroupMembership(youth_group=group, youth=youth, role=role, since_on=since_on)
    save_with_history(membership, by=by, reason=reason)
    return membership


@transaction.atomic
def change_group_role(membership: GroupMembership, *, by, role, reason: str):
    require_reason(reason)
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.until_on is not None:
        raise ValidationError(_("Dit lidmaatschap is beëindigd; de rol ligt vast."))
    if membership.role == role:
        raise ValidationError({"role": _("Dit is al de rol van de jongere in de groep.")})
    membership.role = role
    save_with_history(membership, by=by, reason=reason)
    return membership


@transaction.atomic
def end_group_membership(membership: GroupMembership, *, by, until_on, reason: str):
    require_reason(reason)
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.until_on is not None:
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    membership.until_on = until_on
    save_with_history(membership, by=by, reason=reason)
    return membership


@transaction.atomic
def change_group_phase(group: YouthGroup, *, by, phase: str, entered_on, reason: str):
    """The group enters the next (or an earlier) step of the approach, on a date, for a
    reason; like a case's status, each step is kept."""
    require_reason(reason)
    group = YouthGroup.objects.select_for_update().get(pk=group.pk)
    latest = group.phases.order_by("-entered_on", "-pk").first()
    if latest is not None and latest.phase == phase:
        raise ValidationError({"phase": _("De groep is al in deze fase.")})
    if latest is not None and entered_on < latest.entered_on:
        raise ValidationError(
            {
                "entered_on": _("De vorige fase begon op %s; kies die dag of later.")
                % f"{latest.entered_on:%d-%m-%Y}"
            }
        )
    step = GroupPhaseStep(
        youth_group=group, phase=phase, entered_on=entered_on, reason=reason, recorded_by=by
    )
    save_with_history(step, by=by, reason=reason)
    group.phase = phase
    save_with_history(group, by=by, reason=reason)
    return step


@transaction.atomic
def add_group_reading(group: YouthGroup, *, by, text: str, written_on=None, reason: str = ""):
    """A new dated entry of the groepsduiding; earlier entries stay as they were."""
    reading = GroupReading(
        youth_group=group, text=text, written_on=written_on or current_date(), recorded_by=by
    )
    save_with_history(reading, by=by, reason=reason or _("Groepsduiding toegevoegd"))
    return reading


def relation_errors(youth, kind, other_youth, adult, other_person) -> dict:
    errors = {}
    targets = [t for t in (other_youth, adult, (other_person or "").strip() or None) if t]
    if len(targets) != 1:
        errors["other_youth"] = _(
            "Kies één andere persoon: een jongere, een volwassene uit een huishouden, of "
            "beschrijf iemand daarbuiten."
        )
        return errors
    if other_youth is not None:
        if other_youth.pk == youth.pk:
            errors["other_youth"] = _("Een jongere kan geen relatie met zichzelf hebben.")
        elif kind not in YOUTH_KINDS:
            errors["kind"] = (
                _(
                    "‘%s’ is een relatie met een volwassene; kies voor twee jongeren broer, neef, "
                    "vriend, rivaal, volgt of heeft invloed op."
                )
                % RelationKind(kind).label
            )
    elif kind not in ADULT_KINDS:
        errors["kind"] = (
            _(
                "‘%s’ is een relatie tussen twee jongeren; kies voor een volwassene moeder, vader, "
                "oudere broer, buurtfiguur of andere volwassene."
            )
            % RelationKind(kind).label
        )
    return errors


@transaction.atomic
def add_relation(
    youth: Youth, *, by, kind: str, other_youth=None, adult=None, other_person: str = "",
    note: str = "", since_on=None, reason: str = "",
) -> PersonRelation:  # fmt: skip
    """Record a relation of ``youth`` to another youth or to an adult. Not to himself, not
    twice (a symmetric relation such as ‘vriend’ counts in both directions)."""
    errors = relation_errors(youth, kind, other_youth, adult, other_person)
    if errors:
        raise ValidationError(errors)
    # Serialise per youth pair, so two requests cannot both pass the duplicate check.
    Youth.objects.select_for_update().filter(pk=youth.pk).first()
    if other_youth is not None:
        same = PersonRelation.objects.filter(youth=youth, other_youth=other_youth, kind=kind)
        if kind not in DIRECTED_KINDS:
            same = same | PersonRelation.objects.filter(
                youth=other_youth, other_youth=youth, kind=kind
            )
        if same.exists():
            raise ValidationError(
                {"kind": _("Deze relatie tussen deze twee jongeren is al vastgelegd.")}
            )
    elif (
        adult is not None
        and PersonRelation.objects.filter(youth=youth, adult=adult, kind=kind).exists()
    ):
        raise ValidationError({"kind": _("Deze relatie met deze volwassene is al vastgelegd.")})
    elif (
        other_person
        and PersonRelation.objects.filter(
            youth=youth, kind=kind, other_person__iexact=other_person.strip()
        ).exists()
    ):
        raise ValidationError({"other_person": _("Deze relatie is al vastgelegd.")})
    relation = PersonRelation(
        youth=youth,
        kind=kind,
        other_youth=other_youth,
        adult=adult,
        other_person=(other_person or "").strip(),
        note=note,
        since_on=since_on,
        recorded_by=by,
    )
    save_with_history(relation, by=by, reason=reason or _("Relatie vastgelegd"))
    return relation


@transaction.atomic
def remove_relation(relation: PersonRelation, *, by, reason: str) -> None:
    """A relation that was wrong or is over goes, with a reason; its history stays."""
    require_reason(reason)
    delete_with_history(relation, by=by, reason=reason)


def _check_themes(themes, errors):
    retired = [theme.name for theme in themes if not theme.is_active]
    if retired:
        errors["themes"] = _(
            "Het thema ‘%s’ is door functioneel beheer ingetrokken; kies een ander thema."
        ) % ", ".join(retired)


@transaction.atomic
def record_insight(
    *, by, kind: str, statement: str, source: str, noted_on=None, themes=(), case=None,
    youth=None, household_member=None, youth_group=None, reason: str = "",
) -> Insight:  # fmt: skip
    """An insight about a case's youth, about a key figure of the youth's household (known
    through that case), or about the group as a whole. Given only the youth, it goes with
    the youth's newest case."""
    if case is None and youth is not None:
        case = youth.cases.order_by("-registered_on", "-pk").first()
    if case is not None:
        youth = case.youth
    errors = {}
    if youth_group is None and case is None:
        errors["about"] = _("Deze jongere heeft geen casus; een inzicht hoort bij een casus.")
    if kind not in InsightKind.values:
        errors["kind"] = _("Kies wat voor inzicht het is.")
    if source not in INSIGHT_SOURCES:
        errors["source"] = _("Kies de bron van het inzicht.")
    if not (statement or "").strip():
        errors["statement"] = _("Schrijf het inzicht op.")
    if household_member is not None and (
        youth is None or household_member.household_id != youth.household_id
    ):
        errors["household_member"] = _("Deze persoon hoort niet bij het huishouden van de jongere.")
    _check_themes(themes, errors)
    if errors:
        raise ValidationError(errors)
    insight = Insight(
        kind=kind,
        statement=statement,
        source=source,
        noted_on=noted_on or current_date(),
        youth=youth,
        case=case,
        household_member=household_member,
        youth_group=youth_group,
        recorded_by=by,
    )
    reason = reason or _("Inzicht vastgelegd")
    save_with_history(insight, by=by, reason=reason)
    set_many_with_history(insight, themes=themes)
    return insight


# The sources a user can choose; 'overgezet' is only what the migration brought over.
INSIGHT_SOURCES = [value for value in InsightSource.values if value != InsightSource.OVERGEZET]


@transaction.atomic
def withdraw_insight(insight: Insight, *, by, reason: str) -> None:
    """An insight that turned out wrong goes, with a reason; its history stays."""
    require_reason(reason)
    delete_with_history(insight, by=by, reason=reason)


def _check_linked_insights(group, insights, errors):
    if any(i.youth_group_id not in (None, group.pk) for i in insights):
        errors["insights"] = _("Kies alleen inzichten over deze groep of haar leden.")


@transaction.atomic
def add_group_goal(group: YouthGroup, *, by, target: str, themes=(), insights=(), reason=""):
    errors = {}
    _check_themes(themes, errors)
    _check_linked_insights(group, insights, errors)
    if errors:
        raise ValidationError(errors)
    goal = GroupGoal(youth_group=group, target=target)
    reason = reason or _("Groepsdoel toegevoegd")
    save_with_history(goal, by=by, reason=reason)
    set_many_with_history(goal, themes=themes, insights=insights)
    return goal


@transaction.atomic
def evaluate_group_goal(goal: GroupGoal, *, by, outcome: str, outcome_note: str = "", reason=""):
    if outcome == "vervallen" and not outcome_note.strip():
        raise ValidationError({"outcome_note": _("Zeg waarom het doel vervalt.")})
    goal = GroupGoal.objects.select_for_update().get(pk=goal.pk)
    goal.outcome, goal.outcome_note = outcome, outcome_note
    save_with_history(goal, by=by, reason=reason or _("Groepsdoel geëvalueerd"))
    return goal


GROUP_INTERVENTION_FIELDS = (
    "kind",
    "description",
    "goal",
    "responsible_partner",
    "status",
    "started_on",
    "ended_on",
    "outcome",
)


@transaction.atomic
def add_group_intervention(
    group: YouthGroup, *, by, themes=(), insights=(), reason: str = "", **fields
) -> GroupIntervention:
    only_fields(fields, GROUP_INTERVENTION_FIELDS, "add_group_intervention")
    errors = {}
    _check_themes(themes, errors)
    _check_linked_insights(group, insights, errors)
    goal = fields.get("goal")
    if goal is not None and goal.youth_group_id != group.pk:
        errors["goal"] = _("Dit doel hoort bij een andere groep.")
    if errors:
        raise ValidationError(errors)
    intervention = GroupIntervention(youth_group=group, **fields)
    reason = reason or _("Groepsinterventie toegevoegd")
    save_with_history(intervention, by=by, reason=reason)
    set_many_with_history(intervention, themes=themes, insights=insights)
    return intervention


@transaction.atomic
def update_group_intervention(
    intervention: GroupIntervention, *, by, reason: str = "", expected_version=None,
    themes=None, insights=None, **fields,
) -> GroupIntervention:  # fmt: skip
    errors = {}
    if themes is not None:
        # A theme retired since it was given may stay; only a newly chosen one is refused.
        kept = set(intervention.themes.values_list("pk", flat=True))
        _check_themes([t for t in themes if t.pk not in kept], errors)
    if errors:
        raise ValidationError(errors)
    reason = reason or _("Groepsinterventie gewijzigd")
    save_edit(
        intervention,
        by=by,
        reason=reason,
        expected_version=expected_version,
        fields=fields,
        allowed=GROUP_INTERVENTION_FIELDS,
    )
    links = {"themes": themes, "insights": insights}
    set_many_with_history(
        intervention, **{name: items for name, items in links.items() if items is not None}
    )
    return intervention
