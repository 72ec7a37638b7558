"""Every state change of a case and what hangs from it goes through these functions.

Each is atomic, validates with a Dutch message (``ValidationError``), and stamps the acting
user and the reason on the history row before saving.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    CLOSED_STATUSES,
    TRANSITIONS,
    Assessment,
    AssessmentScore,
    Case,
    CaseNumberCounter,
    CaseStatus,
    Contact,
    Household,
    HouseholdMember,
    Intervention,
    InterventionStatus,
    Involvement,
    Youth,
)
from cases.permissions import can_change_contact, grant_case_access, revoke_case_access
from pga.history import delete_with_history, save_with_history
from pga.locking import lock_for_update

REVIEW_INTERVAL = timedelta(days=91)


def _require_reason(reason: str):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Geef een reden op.")})


def next_case_number(year: int, *, by=None) -> str:
    """The next number of ``year``, from its counter row, locked until the registration's
    transaction ends (call inside one). The first registration of a year makes the row,
    starting from the highest number already used; two doing that at once meet on the
    row's unique year, and the loser takes the winner's row."""
    prefix = f"PGA-{year}-"
    counters = CaseNumberCounter.objects.select_for_update()
    counter = counters.filter(year=year).first()
    if counter is None:
        last = Case.objects.filter(number__startswith=prefix).aggregate(last=Max("number"))
        start = int(last["last"].removeprefix(prefix)) if last["last"] else 0
        try:
            with transaction.atomic():
                counter = CaseNumberCounter.objects.create(year=year, last=start)
        except IntegrityError:
            pass
        counter = counters.get(year=year)
    counter.last += 1
    save_with_history(counter, by=by, reason=_("Casusnummer uitgegeven"))
    return f"{prefix}{counter.last:04d}"


@transaction.atomic
def register_case(*, youth, coordinator, by, reason: str = "", **fields) -> Case:
    """Register a referral as a new case in status *aangemeld*."""
    case = Case(youth=youth, coordinator=coordinator, status=CaseStatus.AANGEMELD, **fields)
    case.number = next_case_number(case.registered_on.year, by=by)
    save_with_history(case, by=by, reason=reason or _("Casus aangemeld"))
    return case


@transaction.atomic
def register_referral(
    *,
    by,
    case_fields: dict,
    youth: Youth | None = None,
    youth_fields: dict | None = None,
    household: Household | None = None,
    household_fields: dict | None = None,
    members: list[dict] = (),
) -> Case:
    """Register a referral: a new or existing youth, a new, existing or no household (with
    its members), and the case itself, all at once or not at all."""
    reason = _("Aanmelding geregistreerd")
    if household is None and household_fields:
        household = Household(**household_fields)
        save_with_history(household, by=by, reason=reason)
    for member_fields in members:
        save_with_history(
            HouseholdMember(household=household, **member_fields), by=by, reason=reason
        )
    if youth is None:
        youth = Youth(household=household, **youth_fields)
        save_with_history(youth, by=by, reason=reason)
    elif household is not None and youth.household_id is None:
        youth.household = household
        save_with_history(youth, by=by, reason=_("Huishouden gekoppeld bij aanmelding"))
    return register_case(youth=youth, by=by, reason=reason, **case_fields)


def _update(obj, *, by, reason, expected_version, fields):
    lock_for_update(obj, expected_version)
    for name, value in fields.items():
        setattr(obj, name, value)
    save_with_history(obj, by=by, reason=reason)
    return obj


@transaction.atomic
def update_case(case: Case, *, by, reason: str = "", expected_version=None, **fields) -> Case:
    return _update(
        case,
        by=by,
        reason=reason or _("Casus gewijzigd"),
        expected_version=expected_version,
        fields=fields,
    )


@transaction.atomic
def update_youth(youth: Youth, *, by, reason: str = "", expected_version=None, **fields) -> Youth:
    return _update(
        youth,
        by=by,
        reason=reason or _("Jongere gewijzigd"),
        expected_version=expected_version,
        fields=fields,
    )


@transaction.atomic
def update_household(
    household: Household,
    *,
    by,
    reason: str = "",
    expected_version=None,
    members=(),
    removed=(),
    **fields,
) -> Household:
    """Update a household and its members (``members``: new or changed HouseholdMember
    instances; ``removed``: members to delete), in one go."""
    reason = reason or _("Huishouden gewijzigd")
    _update(household, by=by, reason=reason, expected_version=expected_version, fields=fields)
    for member in members:
        member.household = household
        save_with_history(member, by=by, reason=reason)
    for member in removed:
        delete_with_history(member, by=by, reason=reason)
    return household


@transaction.atomic
def change_status(
    case: Case, new_status: str, *, by, reason: str, on=None, closure_reason: str = ""
) -> Case:
    """Move a case to ``new_status``. Closing needs a closure reason and no running
    intervention; the first move to *actief* sets the start date."""
    _require_reason(reason)
    on = on or timezone.localdate()
    if new_status not in TRANSITIONS[case.status]:
        raise ValidationError(
            {
                "status": _("Van ‘%(old)s’ naar ‘%(new)s’ is geen toegestane stap.")
                % {"old": case.get_status_display(), "new": CaseStatus(new_status).label}
            }
        )
    if new_status in CLOSED_STATUSES:
        if not closure_reason:
            raise ValidationError({"closure_reason": _("Kies een reden van afsluiting.")})
        if case.interventions.filter(status=InterventionStatus.LOPEND).exists():
            raise ValidationError(
                {"status": _("Rond eerst de lopende interventies af voordat u de casus afsluit.")}
            )
        case.closed_on = on
        case.closure_reason = closure_reason
        # Need-to-know ends with the case: no partner keeps access to a closed file.
        for involvement in case.involvements.active():
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
    case.status = new_status
    save_with_history(case, by=by, reason=reason)
    return case


@transaction.atomic
def involve_partner(case: Case, partner, *, by, role, legal_basis, reason: str = "", **fields):
    """Involve a partner organisation in a case and grant its group access to the case."""
    # Serialise involvements per case, so two requests cannot both pass the duplicate check.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if not partner.is_active:
        raise ValidationError({"partner": _("Deze ketenpartner is niet meer actief.")})
    if case.involvements.active().filter(partner=partner).exists():
        raise ValidationError({"partner": _("Deze ketenpartner is al betrokken bij de casus.")})
    involvement = Involvement(case=case, partner=partner, role=role, legal_basis=legal_basis)
    for name, value in fields.items():
        setattr(involvement, name, value)
    reason = reason or _("Partner betrokken")
    save_with_history(involvement, by=by, reason=reason)
    grant_case_access(case, partner, by=by, reason=reason)
    return involvement


@transaction.atomic
def end_involvement(involvement: Involvement, *, by, reason: str, on=None) -> Involvement:
    """End a partner's involvement; its employees lose access on their very next request."""
    _require_reason(reason)
    # Re-read under a lock: two coordinators ending the same involvement at once must not
    # both pass the check below.
    involvement = Involvement.objects.select_for_update().get(pk=involvement.pk)
    if not involvement.is_active:
        raise ValidationError(_("Deze betrokkenheid is al beëindigd."))
    involvement.ended_on = on or timezone.localdate()
    involvement.end_reason = reason
    save_with_history(involvement, by=by, reason=reason)
    revoke_case_access(involvement.case, involvement.partner, by=by, reason=reason)
    return involvement


@transaction.atomic
def end_involvements_of_partner(partner, *, by, reason: str) -> int:
    """A partner organisation that is deactivated loses every case at once, and coming back
    opens nothing by itself: each of its active involvements is ended (grants revoked), so
    a reactivated partner sees a case only after a coordinator involves it again."""
    ended = 0
    for involvement in Involvement.objects.active().filter(partner=partner):
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
    return _update(
        intervention,
        by=by,
        reason=reason or _("Interventie gewijzigd"),
        expected_version=expected_version,
        fields=fields,
    )


def log_contact(
    case: Case, *, by, partner, reason: str = "", submission_key=None, **fields
) -> Contact:
    """Log a contact. The same ``submission_key`` (one per filled-in form) twice — a double
    click, a resent request — gives back the first contact instead of a second one."""
    if case.is_closed:
        raise ValidationError(_("De casus is afgesloten; er kunnen geen contactmomenten meer bij."))
    if submission_key is not None:
        earlier = Contact.objects.filter(
            submission_key=submission_key, case=case, author=by
        ).first()
        if earlier is not None:
            return earlier
    contact = Contact(
        case=case, author=by, partner=partner, submission_key=submission_key, **fields
    )
    try:
        with transaction.atomic():
            save_with_history(contact, by=by, reason=reason or _("Contactmoment vastgelegd"))
    except IntegrityError:
        # The same form arrived twice at once: the other request saved it.
        earlier = Contact.objects.filter(
            submission_key=submission_key, case=case, author=by
        ).first()
        if earlier is None:
            raise
        return earlier
    return contact


@transaction.atomic
def update_contact(
    contact: Contact, *, by, expected_version=None, reason: str = "", **fields
) -> Contact:
    """The author corrects their own contact, within 24 hours of logging it."""
    if not can_change_contact(by, contact):
        raise ValidationError(
            _("Alleen de auteur kan een contactmoment corrigeren, tot 24 uur na het vastleggen.")
        )
    return _update(
        contact,
        by=by,
        reason=reason or _("Contactmoment gecorrigeerd"),
        expected_version=expected_version,
        fields=fields,
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
