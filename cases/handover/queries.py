"""What the case page shows of the handovers: for coordinators, the list of earlier
opschalingsdossiers (one query, however many there are)."""

from cases.models import DecisionKind
from cases.permissions import may_hand_over, visible_decisions, visible_handovers


def overview_context(user, case) -> dict:
    if not may_hand_over(user):
        return {}
    handovers = visible_handovers(user, case).select_related("created_by")
    return {"handovers": list(handovers.order_by("-created_at", "-pk"))}


def scale_up_decision(user, case):
    """The newest decision of a casusoverleg to scale ``case`` up (as the user may see it),
    or None: the form starts from what the table decided."""
    return (
        visible_decisions(user, case)
        .filter(kind=DecisionKind.OPSCHALEN)
        .select_related("item__meeting")
        .order_by("-item__meeting__starts_at", "-pk")
        .first()
    )
