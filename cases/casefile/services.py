"""Every change to a case file goes through these functions: the case, its status, the
involved partners, interventions and ZRM measurements.

Each is atomic, validates with a Dutch message (``ValidationError``), says which fields it
may change, and stamps the acting user and the reason on the history row before saving.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.informing.services import INFORMING_FIELDS, require_informing
from cases.models import (
    CLOSED_STATUSES,
    TRANSITIONS,
    Assessment,
    AssessmentScore,
    Case,
    CaseStatus,
    InformationLevel,
    Intervention,
    InterventionStatus,
    Involvement,
    LegalBasis,
    default_expires_on,
    default_information_level,
    latest_expires_on,
    next_toets_due,
)
from cases.notifications import events
from cases.permissions import (
    PARTNER_INTERVENTION_FIELDS,
    grant_case_access,
    may_plan_interventions,
    revoke_case_access,
)
from cases.plan.services import end_open_agreements
from pga.history import require_reason, save_with_history
from pga.locking import only_fields, save_edit

REVIEW_INTERVAL = timedelta(days=91)


# What the edit services may change; status, dates of a phase, the number and the owner of a
# record each have their own service.
CASE_FIELDS = (
    "coordinator",
    "priority",
    "priority_rationale",
    "referred_by",
    "referral_reason",
    "registered_on",
    "next_review_on",
    "informed_on",
    "not_informed_reason",
    "inform_review_on",
    "plan",
    "next_steps",
)
INTERVENTION_FIELDS = (
    "intervention_type",
    "responsible_partner",
    "goal",
    "plan_goal",
    "status",
    "started_on",
    "planned_end_on",
    "ended_on",
    "outcome",
)
INVOLVEMENT_FIELDS = (
    "contact_person",
    "legal_basis_note",
    "started_on",
    "expires_on",
    "information_level",
    "level_reason",
)


@transaction.atomic
def update_case(case: Case, *, by, reason: str = "", expected_version=None, **fields) -> Case:
    return save_edit(
        case,
        by=by,
        reason=reason or _("Casus gewijzigd"),
        expected_version=expected_version,
        fields=fields,
        allowed=CASE_FIELDS,
    )


@transaction.atomic
def change_status(
    case: Case,
    new_status: str,
    *,
    by,
    reason: str,
    on=None,
    closure_reason: str = "",
    informing: dict | None = None,
) -> Case:
    """Move a case to ``new_status``. Closing needs a closure reason and no running
    intervention; the first move to *actief* sets the start date.

    A move to *actief* needs the youth (and parents) informed, or a reason not to inform
    yet with a date to reconsider it (``cases.informing``). ``informing`` (those fields, as
    the status form gives them) is recorded first, in the same transaction: a step that is
    refused saves neither."""
    require_reason(reason)
    on = on or timezone.localdate()
    if new_status not in TRANSITIONS[case.status]:
        raise ValidationError(
            {
                "status": _("Van ‘%(old)s’ naar ‘%(new)s’ is geen toegestane stap.")
                % {"old": case.get_status_display(), "new": CaseStatus(new_status).label}
            }
        )
    if informing:
        only_fields(informing, INFORMING_FIELDS, "change_status")
        changed = {name: value for name, value in informing.items() if getattr(case, name) != value}
        if changed:
            update_case(case, by=by, reason=reason, **changed)
    if new_status == CaseStatus.ACTIEF:
        require_informing(case)
    if new_status in CLOSED_STATUSES:
        if not closure_reason:
            raise ValidationError({"closure_reason": _("Kies een reden van afsluiting.")})
        if case.interventions.filter(status=InterventionStatus.LOPEND).exists():
            raise ValidationError(
                {"status": _("Rond eerst de lopende interventies af voordat u de casus afsluit.")}
            )
        case.closed_on = on
        case.closure_reason = closure_reason
        # Open work ends with the case: its open agreements are no longer needed.
        end_open_agreements(
            case, by=by, reason=_("Casus afgesloten: %(reason)s") % {"reason": reason}, on=on
        )
        # Need-to-know ends with the case: no partner keeps access to a closed file.
        for involvement in case.involvements.open():
            end_involvement(
                involvement,
                by=by,
                reason=_("Casus afgesloten: %(reason)s") % {"reason": reason},
                on=on,
            )
    if new_status == CaseStatus.ACTIEF and case.started_on is None:
        case.started_on = on
        # A plan is reviewed in the case meeting about every three months.
        case.next_review_on = case.next_review_on or on + REVIEW_INTERVAL
        # An active case is re-justified at a set interval (issue 18): the first toets
        # falls due then, or at the first review if that comes sooner.
        case.next_toets_on = next_toets_due(on, case.next_review_on)
    case.status = new_status
    save_with_history(case, by=by, reason=reason)
    return case


def expiry_errors(expires_on, *, started_on=None) -> dict:
    """An involvement's end date: not before its start, not past, at most the maximum
    setting ahead of today (docs/privacy.md)."""
    today = timezone.localdate()
    latest = latest_expires_on(today)
    if expires_on is None:
        return {"expires_on": _("Kies tot wanneer de partner toegang heeft.")}
    if started_on is not None and expires_on < started_on:
        return {"expires_on": _("De einddatum van de toegang kan niet voor de startdatum liggen.")}
    if expires_on < today:
        return {"expires_on": _("De einddatum van de toegang kan niet in het verleden liggen.")}
    if expires_on > latest:
        return {
            "expires_on": _(
                "De toegang loopt hoogstens %(months)s maanden vooruit: uiterlijk %(latest)s."
            )
            % {"months": settings.INVOLVEMENT_MAX_MONTHS, "latest": f"{latest:%d-%m-%Y}"}
        }
    return {}


def level_reason_for_default(legal_basis: str) -> str:
    """The reason recorded when a service involves a partner at the default level without
    saying why (imports, the demo): the rule that chose it."""
    return _("Standaardniveau bij de grondslag ‘%(basis)s’.") % {
        "basis": LegalBasis(legal_basis).label
    }


@transaction.atomic
def involve_partner(case: Case, partner, *, by, role, legal_basis, reason: str = "", **fields):
    """Involve a partner organisation in a case and grant its group access to the case,
    until the involvement's end date and at its information level. Who sees the file
    changes, so the coordinator says why."""
    require_reason(reason)
    only_fields(fields, INVOLVEMENT_FIELDS, "involve_partner")
    # Serialise involvements per case, so two requests cannot both pass the duplicate check.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if not partner.is_active:
        raise ValidationError({"partner": _("Deze ketenpartner is niet meer actief.")})
    # An involvement past its end date that the daily job has not ended yet is ended now,
    # as the job would: it no longer counts as "already involved".
    for stale in case.involvements.due_to_expire().filter(partner=partner):
        expire_involvement(stale)
    if case.involvements.open().filter(partner=partner).exists():
        raise ValidationError({"partner": _("Deze ketenpartner is al betrokken bij de casus.")})
    involvement = Involvement(case=case, partner=partner, role=role, legal_basis=legal_basis)
    for name, value in fields.items():
        setattr(involvement, name, value)
    if not fields.get("information_level"):
        involvement.information_level = default_information_level(legal_basis)
        if involvement.information_level == InformationLevel.WAT and not involvement.level_reason:
            involvement.level_reason = level_reason_for_default(legal_basis)
    if not fields.get("expires_on"):
        involvement.expires_on = default_expires_on(involvement.started_on)
    errors = expiry_errors(involvement.expires_on, started_on=involvement.started_on)
    if errors:
        raise ValidationError(errors)
    save_with_history(involvement, by=by, reason=reason)
    grant_case_access(case, partner, by=by, reason=reason)
    events.partner_involved(involvement, by=by)
    return involvement


@transaction.atomic
def end_involvement(
    involvement: Involvement, *, by, reason: str, on=None, by_expiry: bool = False
) -> Involvement:
    """End a partner's involvement; its employees lose access on their very next request."""
    require_reason(reason)
    # Re-read under a lock: two coordinators ending the same involvement at once must not
    # both pass the check below.
    involvement = Involvement.objects.select_for_update().get(pk=involvement.pk)
    if not involvement.is_open:
        raise ValidationError(_("Deze betrokkenheid is al beëindigd."))
    involvement.ended_on = on or timezone.localdate()
    if involvement.ended_on > involvement.expires_on:
        # Ending by hand after the end date passed: the access ended on that date.
        involvement.ended_on = involvement.expires_on
    involvement.end_reason = reason
    involvement.ended_by_expiry = by_expiry
    save_with_history(involvement, by=by, reason=reason)
    revoke_case_access(involvement.case, involvement.partner, by=by, reason=reason)
    return involvement


def expire_involvement(involvement: Involvement) -> Involvement:
    """End an involvement whose end date has passed, as of that date: by the product itself
    (no user in the history), with the end date in the reason."""
    reason = _("Toegang verlopen: einddatum %(day)s bereikt.") % {
        "day": f"{involvement.expires_on:%d-%m-%Y}"
    }
    return end_involvement(
        involvement, by=None, reason=reason, on=involvement.expires_on, by_expiry=True
    )


@transaction.atomic
def end_involvements_of_partner(partner, *, by, reason: str) -> int:
    """A partner organisation that is deactivated loses every case at once, and coming back
    opens nothing by itself: each of its open involvements is ended (grants revoked), so
    a reactivated partner sees a case only after a coordinator involves it again."""
    ended = 0
    for involvement in Involvement.objects.open().filter(partner=partner):
        end_involvement(involvement, by=by, reason=reason)
        ended += 1
    return ended


@transaction.atomic
def add_intervention(case: Case, *, by, reason: str = "", **fields) -> Intervention:
    intervention = Intervention(case=case, **fields)
    save_with_history(intervention, by=by, reason=reason or _("Interventie toegevoegd"))
    return intervention


@transaction.atomic
def update_intervention(
    intervention: Intervention, *, by, reason: str = "", expected_version=None, **fields
) -> Intervention:
    """Who plans interventions changes any of INTERVENTION_FIELDS; the responsible partner
    only its progress (``cases.permissions.PARTNER_INTERVENTION_FIELDS``)."""
    return save_edit(
        intervention,
        by=by,
        reason=reason or _("Interventie gewijzigd"),
        expected_version=expected_version,
        fields=fields,
        allowed=INTERVENTION_FIELDS if may_plan_interventions(by) else PARTNER_INTERVENTION_FIELDS,
    )


@transaction.atomic
def record_assessment(case: Case, *, by, assessed_on, scores: dict, notes: str = "") -> Assessment:
    """Record a ZRM measurement: ``scores`` maps AssessmentDomain → 1..5."""
    if not scores:
        raise ValidationError(_("Vul voor minstens één domein een score in."))
    assessment = Assessment(case=case, assessed_on=assessed_on, assessed_by=by, notes=notes)
    save_with_history(assessment, by=by, reason=_("ZRM-meting vastgelegd"))
    for domain, value in scores.items():
        score = AssessmentScore(assessment=assessment, domain=domain, score=value)
        save_with_history(score, by=by, reason=_("ZRM-meting vastgelegd"))
    return assessment
