"""Opschalen: make the opschalingsdossier and record who sent what, to whom and why."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.handover.dossier import build_dossier, dossier_json, dossier_pdf
from cases.models import SECTIONS, Case, ContactPeriod, Handover, HandoverGround
from pga.history import stamp


def handover_errors(*, recipient: str, legal_ground: str, explanation: str, sections) -> dict:
    """field → Dutch message for what a handover may not go out without."""
    errors = {}
    if not (recipient or "").strip():
        errors["recipient"] = _("Vul in aan wie u het dossier stuurt.")
    if legal_ground not in HandoverGround.values:
        errors["legal_ground"] = _("Kies de grondslag waarop u de gegevens deelt.")
    if not (explanation or "").strip():
        errors["explanation"] = _(
            "Licht toe waarom u opschaalt en waarom deze gegevens nodig zijn."
        )
    if not set(sections) & set(SECTIONS):
        errors["sections"] = _("Kies wat er in het dossier komt.")
    return errors


def history_line(handover: Handover) -> str:
    """The reason on the handover's history row. The Historie's line already names the
    recipient and the legal ground (``cases.casefile.history``); the reason says why."""
    return _("Opschalingsdossier gemaakt: %(why)s") % {"why": handover.explanation}


@transaction.atomic
def make_handover(
    case: Case,
    *,
    by,
    recipient: str,
    legal_ground: str,
    explanation: str,
    sections,
    contacts_months: int = ContactPeriod.THREE,
    include_bsn: bool = False,
) -> Handover:
    """Make the dossier of ``case`` with the parts named in ``sections`` (Handover field
    names, ``SECTIONS``), store the PDF and the JSON as sent with their SHA-256, and record
    the handover with who and why in the history. Refused for a closed case: it is no
    longer the PGA's to hand over."""
    errors = handover_errors(
        recipient=recipient, legal_ground=legal_ground, explanation=explanation, sections=sections
    )
    if errors:
        raise ValidationError(errors)
    if case.is_closed:
        raise ValidationError(_("Een afgesloten casus kunt u niet meer opschalen."))
    handover = Handover(
        case=case,
        recipient=recipient.strip(),
        legal_ground=legal_ground,
        explanation=explanation.strip(),
        contacts_months=contacts_months,
        includes_bsn=include_bsn,
        created_by=by,
        created_at=timezone.now(),
        **{field: field in sections for field in SECTIONS},
    )
    data = build_dossier(handover)
    as_json = dossier_json(data)
    pdf = dossier_pdf(handover, data)
    stem = (
        f"opschalingsdossier-{case.number}-{timezone.localtime(handover.created_at):%Y%m%d-%H%M%S}"
    )
    handover.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    handover.json_sha256 = hashlib.sha256(as_json).hexdigest()
    handover.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    handover.json.save(f"{stem}.json", ContentFile(as_json), save=False)
    # A file written before the row is refused would stay behind: remove it then.
    try:
        handover.full_clean()
        stamp(handover, by=by, reason=history_line(handover))
        handover.save()
    except Exception:
        handover.pdf.delete(save=False)
        handover.json.delete(save=False)
        raise
    return handover
