from partners.permissions import is_coordinator


def navigation(request):
    """Which menu the header shows; the pages themselves decide access on their own."""
    return {"is_coordinator_nav": is_coordinator(getattr(request, "user", None))}
