"""The duty to inform (informatieplicht): a youth (and their parents) are told that they are
in the PGA, which organisations take part and what their rights are, unless a weighty reason
stands in the way for now, and then that reason is reconsidered on a set date.

A case does not become *actief* without one of the two: ``cases.casefile.services.
change_status`` asks :func:`require_informing`; the status form asks
:func:`informing_errors` about what the coordinator typed, so each error lands next to its
field.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.models import Case

# The case's fields of the duty to inform, in the order a form shows them.
INFORMING_FIELDS = ("informed_on", "not_informed_reason", "inform_review_on")


def informing_errors(informed_on, not_informed_reason: str, inform_review_on) -> dict:
    """field → Dutch message when these values do not allow a case to become actief: a
    date of informing, or a reason not to inform yet together with the date to
    reconsider it (not both)."""
    reason = (not_informed_reason or "").strip()
    if informed_on and reason:
        return {
            "not_informed_reason": _(
                "Vul óf een datum van informeren óf een reden om niet te informeren in, "
                "niet allebei."
            )
        }
    if informed_on:
        return {}
    if reason and not inform_review_on:
        return {
            "inform_review_on": _("Kies wanneer u de reden om niet te informeren opnieuw bekijkt.")
        }
    if inform_review_on and not reason:
        return {
            "not_informed_reason": _(
                "Geef de reden om (nog) niet te informeren, of laat de datum van heroverwegen leeg."
            )
        }
    if not reason:
        return {
            "informed_on": _(
                "Een casus wordt pas actief als de jongere (en de ouders) zijn geïnformeerd. "
                "Vul de datum van informeren in, of een reden om (nog) niet te informeren met "
                "een datum om die te heroverwegen."
            )
        }
    return {}


def require_informing(case: Case) -> None:
    """Refuse (ValidationError) when ``case`` may not become actief for lack of informing."""
    errors = informing_errors(case.informed_on, case.not_informed_reason, case.inform_review_on)
    if errors:
        raise ValidationError(errors)
