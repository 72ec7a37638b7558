"""Recording a proportionaliteitstoets (issue 18): the coordinator re-justifies an active case
and decides, per active involvement, whether the partner still needs it (behouden), needs
only 'dat' information from now on (verlagen) or no longer needs it (beëindigen). The
lowering and ending happen in the same step, through the services that always do them, so
the toets and its consequences are saved together or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.casefile.services import end_involvement
from cases.models import (
    Case,
    CaseStatus,
    InformationLevel,
    InvolvementChoice,
    InvolvementDecision,
    ProportionalityReview,
    next_toets_due,
)
from cases.models.limits import limit
from cases.permissions import TOETS_RECORDED_REASON
from cases.proportionality.services import change_information_level
from pga.history import current_date, save_with_history

# A toets belongs to a case in the PGA: not to one still in screening, nor to a closed one.
TOETS_STATUSES = (CaseStatus.ACTIEF, CaseStatus.NAZORG)
# A decision's reason also becomes the involvement's end or level reason, after the words
# "Proportionaliteitstoets van dd-mm-jjjj: " (40 characters): room is kept for them.
DECISION_REASON_LIMIT = limit("involvementdecision", "reason") - 50
REASON_LIMIT = limit("proportionalityreview", "reason")


def choice_field(involvement) -> str:
    """The name under which a decision's choice is posted and its error is reported."""
    return f"choice_{involvement.pk}"


def reason_field(involvement) -> str:
    return f"reason_{involvement.pk}"


def active_involvements(case: Case) -> list:
    """The involvements a toets decides about: those that give access today."""
    return list(case.involvements.active().select_related("partner").order_by("partner__name"))


def missing_reason(partner: str, choice: str) -> str:
    """The message for a decision without a reason, in the words of the choice."""
    message = {
        InvolvementChoice.KEEP: _("Leg uit waarom %(partner)s betrokken blijft."),
        InvolvementChoice.LOWER: _("Leg uit waarom %(partner)s alleen nog dat-informatie krijgt."),
        InvolvementChoice.END: _("Leg uit waarom de betrokkenheid van %(partner)s eindigt."),
    }.get(choice, _("Geef een reden voor het besluit over %(partner)s."))
    return message % {"partner": partner}


def _decision_errors(involvement, decision) -> dict:
    """Field → Dutch message for one involvement's decision, naming the partner."""
    partner = involvement.partner.name
    choice, reason = decision if decision is not None else ("", "")
    reason = (reason or "").strip()
    errors = {}
    if choice not in InvolvementChoice.values:
        errors[choice_field(involvement)] = _(
            "Kies wat er met de betrokkenheid van %(partner)s gebeurt."
        ) % {"partner": partner}
    elif choice == InvolvementChoice.LOWER and involvement.information_level != (
        InformationLevel.WAT
    ):
        errors[choice_field(involvement)] = _(
            "%(partner)s krijgt al alleen dat-informatie: kies behouden of beëindigen."
        ) % {"partner": partner}
    if not reason:
        errors[reason_field(involvement)] = missing_reason(partner, choice)
    elif len(reason) > DECISION_REASON_LIMIT:
        errors[reason_field(involvement)] = _(
            "Maximaal %(limit)s tekens; dit zijn er %(length)s."
        ) % {"limit": DECISION_REASON_LIMIT, "length": len(reason)}
    return errors


def _review_errors(case, review: ProportionalityReview) -> dict:
    errors = {}
    if review.reviewed_on is None:
        errors["reviewed_on"] = _("Vul de datum van de toets in.")
    else:
        errors.update({k: v for k, v in review.date_errors().items() if k == "reviewed_on"})
        latest = case.toetsen.order_by("-reviewed_on").values_list("reviewed_on", flat=True)
        latest = latest.first()
        if "reviewed_on" not in errors and latest and review.reviewed_on < latest:
            errors["reviewed_on"] = _(
                "De datum kan niet voor die van de vorige toets (%(day)s) liggen."
            ) % {"day": f"{latest:%d-%m-%Y}"}
    for name, question in (
        ("meets_criteria", _("of de casus nog aan de inclusiecriteria voldoet")),
        ("adds_value", _("of de aanpak nog iets toevoegt")),
        ("scale_down_possible", _("of afschalen mogelijk is")),
    ):
        if not isinstance(getattr(review, name), bool):
            errors[name] = _("Geef aan %(question)s: ja of nee.") % {"question": question}
    if not review.reason:
        errors["reason"] = _(
            "Onderbouw de toets: waarom is de aanpak (nog) nodig, of waarom kan hij af?"
        )
    elif len(review.reason) > REASON_LIMIT:
        errors["reason"] = _("Maximaal %(limit)s tekens; dit zijn er %(length)s.") % {
            "limit": REASON_LIMIT,
            "length": len(review.reason),
        }
    return errors


@transaction.atomic
def record_toets(
    case: Case,
    *,
    by,
    reviewed_on,
    meets_criteria,
    adds_value,
    scale_down_possible,
    reason: str,
    decisions: dict,
) -> ProportionalityReview:
    """Record a toets of ``case``. ``decisions`` maps every active involvement (or its id) to
    (choice, reason); each needs both. The involvements to lower or end are lowered or ended
    here; the case's next toets falls due an interval later, or at its review if sooner.

    Errors are keyed by the form's field names (``choice_field``/``reason_field`` per
    involvement); nothing is saved when there is any."""
    # One toets at a time per case: the set of active involvements and the due date are
    # read and written under the case's lock.
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status not in TOETS_STATUSES:
        raise ValidationError(
            _("Een proportionaliteitstoets hoort bij een casus die actief is of in nazorg.")
        )
    decisions = {getattr(key, "pk", key): value for key, value in decisions.items()}
    involvements = active_involvements(locked)
    review = ProportionalityReview(
        case=locked,
        reviewed_on=reviewed_on,
        reviewed_by=by,
        meets_criteria=meets_criteria,
        adds_value=adds_value,
        scale_down_possible=scale_down_possible,
        reason=(reason or "").strip(),
    )
    errors = _review_errors(locked, review)
    for involvement in involvements:
        errors.update(_decision_errors(involvement, decisions.get(involvement.pk)))
    if set(decisions) - {involvement.pk for involvement in involvements}:
        errors["__all__"] = [
            _(
                "Een besluit gaat over een betrokkenheid die niet (meer) actief is bij deze "
                "casus. Open het formulier opnieuw."
            )
        ]
    if errors:
        raise ValidationError(errors)

    review.next_due_on = next_toets_due(review.reviewed_on, locked.next_review_on)
    save_with_history(review, by=by, reason=_("Proportionaliteitstoets vastgelegd"))
    for involvement in involvements:
        choice, why = decisions[involvement.pk]
        _decide(review, involvement, choice, why.strip(), by=by)
    locked.next_toets_on = review.next_due_on
    save_with_history(locked, by=by, reason=TOETS_RECORDED_REASON)
    case.next_toets_on, case.version = locked.next_toets_on, locked.version
    return review


def _decide(review, involvement, choice: str, reason: str, *, by) -> None:
    """Record one decision and carry it out: lowering and ending go through the services
    that always do them (grants, history), with the toets named in the reason."""
    decision = InvolvementDecision(
        review=review, involvement=involvement, choice=choice, reason=reason
    )
    save_with_history(decision, by=by, reason=_("Proportionaliteitstoets vastgelegd"))
    why = _("Proportionaliteitstoets van %(day)s: %(reason)s") % {
        "day": f"{review.reviewed_on:%d-%m-%Y}",
        "reason": reason,
    }
    if choice == InvolvementChoice.LOWER:
        change_information_level(involvement, by=by, level=InformationLevel.DAT, reason=why)
    elif choice == InvolvementChoice.END:
        # Access ends the day the toets is recorded (the loader of earlier events: its day).
        end_involvement(involvement, by=by, reason=why, on=current_date())
