from django.conf import settings
from django.utils.functional import SimpleLazyObject

from partners.permissions import (
    is_coordinator,
    is_management,
    may_read_access_log,
    may_use_admin,
    own_notifications,
    partner_of,
)


def navigation(request):
    """Which menu the header shows; the pages themselves decide access on their own. Before
    the second factor there is no menu: every link would lead back to it."""
    user = getattr(request, "user", None)
    verified = bool(user and user.is_authenticated) and (
        not settings.TWO_FACTOR_REQUIRED or (hasattr(user, "is_verified") and user.is_verified())
    )
    signed_in = bool(user and user.is_authenticated)
    return {
        "is_coordinator_nav": is_coordinator(user),
        "is_supervisor_nav": signed_in and may_read_access_log(user),
        "is_management_nav": signed_in and is_management(user),
        "shows_cases_nav": signed_in and (is_coordinator(user) or partner_of(user) is not None),
        "may_use_admin_nav": signed_in and may_use_admin(user),
        "show_nav": verified,
        # Counted only where the header shows it (one small query on the partial index).
        "unread_notifications": SimpleLazyObject(
            lambda: own_notifications(user).filter(read_at__isnull=True).count()
        ),
        # The header and footer on every page, signed in or not.
        "pga_organisation": settings.PGA_ORGANISATION,
    }
