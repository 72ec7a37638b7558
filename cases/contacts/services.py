"""Logging and correcting contacts."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cases.models import (
    Case,
    Contact,
)
from cases.permissions import can_change_contact
from pga.history import require_reason, save_with_history
from pga.locking import save_edit

CONTACT_FIELDS = ("occurred_at", "kind", "with_whom", "summary", "follow_up", "visibility")


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
    stored = Contact.objects.filter(pk=contact.pk).values_list("visibility", flat=True).first()
    if "visibility" in fields and fields["visibility"] != stored:
        # Who may read the contact changes: the author says why.
        require_reason(reason)
    return save_edit(
        contact,
        by=by,
        reason=reason or _("Contactmoment gecorrigeerd"),
        expected_version=expected_version,
        fields=fields,
        allowed=CONTACT_FIELDS,
    )
