from django.conf import settings

from partners.permissions import is_coordinator


def navigation(request):
    """Which menu the header shows; the pages themselves decide access on their own. Before
    the second factor there is no menu: every link would lead back to it."""
    user = getattr(request, "user", None)
    verified = bool(user and user.is_authenticated) and (
        not settings.TWO_FACTOR_REQUIRED or (hasattr(user, "is_verified") and user.is_verified())
    )
    return {"is_coordinator_nav": is_coordinator(user), "show_nav": verified}
