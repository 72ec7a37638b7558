"""The login backend: Django's ModelBackend, loading in one go what every page asks.

Each request loads the user from the session. Every page then asks who that user is
(coordinator, beheer, toezicht? which organisation?) and what they may do; with the plain
backend that is five more queries per request. Here the user arrives with their membership
and organisation (one query) and their role groups (one small query), and their permissions
come in one query instead of two.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

# The role groups every page asks about (the menu, who may see what), loaded with the user.
ROLE_GROUPS = [
    settings.COORDINATORS_GROUP,
    settings.ADMINISTRATORS_GROUP,
    settings.SUPERVISORS_GROUP,
    settings.MANAGEMENT_GROUP,
]


class PGABackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = (
                get_user_model()
                ._default_manager.select_related("membership__partner")
                .get(pk=user_id)
            )
        except get_user_model().DoesNotExist:
            return None
        # partners.permissions (is_coordinator, may_use_admin, …) reads these caches. One
        # small query for the role groups is faster than an EXISTS per role in the first.
        user._pga_groups = set(
            Group.objects.filter(user=user, name__in=ROLE_GROUPS).values_list("name", flat=True)
        )
        user._pga_is_coordinator = settings.COORDINATORS_GROUP in user._pga_groups
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            # Two small subqueries (the user's own grants; its groups' grants), not one OR
            # over two outer joins: that joined every user–group row of the city (issue 22).
            own = Permission.objects.filter(user=user_obj).values("pk")
            of_groups = Permission.objects.filter(group__user=user_obj).values("pk")
            rows = (
                Permission.objects.filter(Q(pk__in=own) | Q(pk__in=of_groups))
                .values_list("content_type__app_label", "codename")
                .order_by()
            )
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
