"""What the case's pages show of the proportionaliteitstoets: its history and the afschalen
facts, for who may see toetsen (``cases.permissions.may_see_toetsen``), in a fixed number of
queries however many toetsen a case has had."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cases.models import InvolvementChoice
from cases.permissions import may_see_toetsen, visible_toets_decisions, visible_toetsen
from cases.proportionality.facts import scale_down_facts
from cases.proportionality.toetsing import TOETS_STATUSES

# What a decision did, as the history reads it.
OUTCOMES = {
    InvolvementChoice.KEEP: _("blijft betrokken"),
    InvolvementChoice.LOWER: _("verlaagd naar dat-informatie"),
    InvolvementChoice.END: _("betrokkenheid beëindigd"),
}


def toets_history(user, case, until=None) -> list:
    """The case's toetsen (held on or before ``until``), newest first, each with its
    decisions (by partner name)."""
    decisions = (
        visible_toets_decisions(user, case)
        .select_related("involvement__partner")
        .order_by("involvement__partner__name", "pk")
    )
    toetsen = visible_toetsen(user, case)
    if until is not None:
        toetsen = toetsen.filter(reviewed_on__lte=until)
    reviews = list(
        toetsen.select_related("reviewed_by")
        .prefetch_related(Prefetch("decisions", queryset=decisions))
        .order_by("-reviewed_on", "-pk")
    )
    for review in reviews:
        for decision in review.decisions.all():
            decision.outcome = OUTCOMES[decision.choice]
    return reviews


def overview_context(user, case) -> dict:
    """The Overzicht tab's toets section: nothing at all for who may not see toetsen."""
    if not may_see_toetsen(user):
        return {}
    return {
        "toets": {
            "history": toets_history(user, case),
            "facts": scale_down_facts(user, case),
            "can_record": case.status in TOETS_STATUSES,
        }
    }
