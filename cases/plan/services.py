"""The plan van aanpak: goals per life domain, their evaluations, and the agreements that
partners carry out. Each change is atomic, refused with a Dutch message where it may not
happen, and stamped with who and why in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Agreement, AgreementStatus, Goal, GoalEvaluation, Involvement
from cases.notifications import events
from pga.history import current_date, require_reason, save_with_history
from pga.locking import lock_for_update, only_fields, save_edit


@transaction.atomic
def end_open_agreements(case, *, by, reason: str, on=None) -> int:
    """A case that closes leaves no open work: its open agreements are no longer needed."""
    ended = 0
    for agreement in case.agreements.open().select_for_update():
        agreement.status = AgreementStatus.VERVALLEN
        agreement.status_note = reason[: Agreement._meta.get_field("status_note").max_length]
        agreement.status_on = on or current_date()
        save_with_history(agreement, by=by, reason=reason)
        ended += 1
    return ended


GOAL_FIELDS = ("domain", "target")
AGREEMENT_FIELDS = ("description", "partner", "assignee", "due_on", "goal")


def _refuse_if_closed(case):
    if case is not None and case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten; het plan ligt vast."))


def _reason_if_final(agenda_item, reason):
    """What is recorded on an item of a meeting whose verslag is final needs a reason; on an
    item of a cancelled meeting nothing is recorded (it did not take place)."""
    if agenda_item is not None and agenda_item.meeting.is_cancelled:
        raise ValidationError(
            _("Dit overleg is afgelast; bij de agendapunten wordt niets meer vastgelegd.")
        )
    if agenda_item is not None and agenda_item.meeting.is_final:
        require_reason(reason)


@transaction.atomic
def add_goal(case, *, by, reason: str = "", **fields) -> Goal:
    only_fields(fields, GOAL_FIELDS, "add_goal")
    _refuse_if_closed(case)
    goal = Goal(case=case, **fields)
    save_with_history(goal, by=by, reason=reason or _("Doel aan het plan toegevoegd"))
    return goal


@transaction.atomic
def update_goal(goal: Goal, *, by, reason: str = "", expected_version=None, **fields) -> Goal:
    _refuse_if_closed(goal.case)
    return save_edit(
        goal,
        by=by,
        reason=reason or _("Doel gewijzigd"),
        expected_version=expected_version,
        fields=fields,
        allowed=GOAL_FIELDS,
    )


@transaction.atomic
def evaluate_goal(
    goal: Goal, *, by, outcome: str, note: str = "", evaluated_on=None, agenda_item=None,
    reason: str = "",
) -> GoalEvaluation:  # fmt: skip
    """Record how far a goal was reached at a review (behaald, deels, niet, vervallen)."""
    _refuse_if_closed(goal.case)
    _reason_if_final(agenda_item, reason)
    if agenda_item is not None and agenda_item.case_id != goal.case_id:
        raise ValidationError(_("Dit agendapunt gaat over een andere casus."))
    if outcome == "vervallen" and not note.strip():
        raise ValidationError({"note": _("Zeg waarom het doel vervalt.")})
    evaluation = GoalEvaluation(
        goal=goal,
        outcome=outcome,
        note=note,
        evaluated_on=evaluated_on or current_date(),
        agenda_item=agenda_item,
    )
    save_with_history(evaluation, by=by, reason=reason or _("Doel geëvalueerd"))
    return evaluation


def check_partner_and_deadline(case, partner, due_on, errors):
    """Add to ``errors`` what is wrong with an agreement's organisation and deadline (the
    form asks this too, so every error shows in one round)."""
    if partner is not None and not case.involvements.active().filter(partner=partner).exists():
        errors["partner"] = (
            _(
                "%s is niet betrokken bij deze casus; een afspraak kan alleen met een betrokken "
                "organisatie."
            )
            % partner
        )
    if due_on is not None and due_on < current_date():
        errors["due_on"] = _("De deadline ligt in het verleden; kies vandaag of later.")


def check_group_partner_and_deadline(group, partner, due_on, errors):
    """As ``check_partner_and_deadline``, for a group: the organisation is actively
    involved in the case of a current member."""
    involved = Involvement.objects.active().filter(
        partner=partner,
        case__youth__group_memberships__youth_group=group,
        case__youth__group_memberships__until_on__isnull=True,
    )
    if partner is not None and not involved.exists():
        errors["partner"] = (
            _(
                "%s is niet betrokken bij de casus van een huidig groepslid; een afspraak over "
                "de groep kan alleen met een betrokken organisatie."
            )
            % partner
        )
    if due_on is not None and due_on < current_date():
        errors["due_on"] = _("De deadline ligt in het verleden; kies vandaag of later.")


GROUP_AGREEMENT_FIELDS = ("description", "partner", "assignee", "due_on")


@transaction.atomic
def make_group_agreement(group, *, by, reason: str = "", **fields) -> Agreement:
    """An agreement about the group as a whole (e.g. at a groepsoverleg): with an
    organisation involved in a current member's case, by a date not past."""
    only_fields(fields, GROUP_AGREEMENT_FIELDS, "make_group_agreement")
    errors = {}
    check_group_partner_and_deadline(group, fields.get("partner"), fields.get("due_on"), errors)
    if errors:
        raise ValidationError(errors)
    agreement = Agreement(youth_group=group, **fields)
    save_with_history(agreement, by=by, reason=reason or _("Afspraak over de groep gemaakt"))
    events.agreement_made(agreement, by=by)
    return agreement


@transaction.atomic
def make_agreement(case, *, by, agenda_item=None, reason: str = "", **fields) -> Agreement:
    """An agreement: what, which organisation (optionally which employee), by when. Only an
    organisation actively involved in the case carries one; the deadline is not past."""
    only_fields(fields, AGREEMENT_FIELDS, "make_agreement")
    _refuse_if_closed(case)
    _reason_if_final(agenda_item, reason)
    if agenda_item is not None and agenda_item.case_id != case.pk:
        raise ValidationError(_("Dit agendapunt gaat over een andere casus."))
    errors = {}
    check_partner_and_deadline(case, fields.get("partner"), fields.get("due_on"), errors)
    if errors:
        raise ValidationError(errors)
    agreement = Agreement(case=case, agenda_item=agenda_item, **fields)
    save_with_history(agreement, by=by, reason=reason or _("Afspraak gemaakt"))
    events.agreement_made(agreement, by=by)
    return agreement


@transaction.atomic
def update_agreement(
    agreement: Agreement, *, by, reason: str = "", expected_version=None, **fields
) -> Agreement:
    """Change what was agreed (the coordinator): the same checks as making it; a finished
    agreement is not changed afterwards."""
    _refuse_if_closed(agreement.case)
    if not agreement.is_open:
        raise ValidationError(_("Deze afspraak is al afgerond en verandert niet meer."))
    errors = {}
    partner = fields.get("partner", agreement.partner)
    due_on = fields.get("due_on")
    changed_due = due_on is not None and due_on != agreement.due_on
    check = check_partner_and_deadline if agreement.case_id else check_group_partner_and_deadline
    check(
        agreement.case or agreement.youth_group,
        partner if partner != agreement.partner else None,
        due_on if changed_due else None,
        errors,
    )
    if errors:
        raise ValidationError(errors)
    before = (agreement.partner_id, agreement.assignee_id)
    agreement = save_edit(
        agreement,
        by=by,
        reason=reason or _("Afspraak gewijzigd"),
        expected_version=expected_version,
        fields=fields,
        allowed=AGREEMENT_FIELDS,
    )
    if (agreement.partner_id, agreement.assignee_id) != before:
        # Now for someone else: they hear of it as of a new one (once).
        events.agreement_made(agreement, by=by)
    return agreement


@transaction.atomic
def finish_agreement(
    agreement: Agreement, *, by, status: str, note: str = "", expected_version=None
) -> Agreement:
    """Mark an open agreement done or no longer needed, with a note and today's date."""
    if status not in (AgreementStatus.GEDAAN, AgreementStatus.VERVALLEN):
        raise ValidationError({"status": _("Kies ‘gedaan’ of ‘niet meer nodig’.")})
    current = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _refuse_if_closed(current.case)
    if not current.is_open:  # before the version: finished twice is not a conflict to redo
        raise ValidationError(
            _("Deze afspraak is al afgerond (%s).") % current.get_status_display().lower()
        )
    agreement = lock_for_update(agreement, expected_version)
    agreement.status = status
    agreement.status_note = note
    agreement.status_on = current_date()
    label = AgreementStatus(status).label.lower()
    save_with_history(agreement, by=by, reason=note or _("Afspraak: %s") % label)
    return agreement
