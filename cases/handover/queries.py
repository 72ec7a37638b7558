"""What the case page shows of the handovers: for coordinators, the list of earlier
opschalingsdossiers (one query, however many there are)."""

from cases.permissions import may_hand_over, visible_handovers


def overview_context(user, case) -> dict:
    if not may_hand_over(user):
        return {}
    handovers = visible_handovers(user, case).select_related("created_by")
    return {"handovers": list(handovers.order_by("-created_at", "-pk"))}
