"""The admin site of functioneel beheer (/beheer/). Its own module, apart from the model
registrations in ``pga/admin.py``: Django makes the site when the first registration asks
for it, and a site class in the same module as registrations would be made twice (the
registrations made during the import landing on the first, discarded one)."""

import functools

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext_lazy

from partners.permissions import may_use_admin
from pga.ids import as_id


class PGAAdminSite(admin.AdminSite):
    site_header = gettext_lazy("PGA casusregie — functioneel beheer")
    site_title = gettext_lazy("PGA beheer")
    index_title = gettext_lazy("Beheer van partners, accounts en referentielijsten")

    def has_permission(self, request):
        # Staff alone is not enough: an employee of a chain partner never reaches beheer,
        # even if someone ticked "staff" on their account.
        return may_use_admin(request.user)

    def admin_view(self, view, cacheable=False):
        """Every admin page answers an id that names nothing with the same 404 as a missing
        object. Some third-party admin views (simple-history's history page, django-otp's
        QR code) fetch the object before checking it, and would answer 500."""
        wrapped = super().admin_view(view, cacheable)

        @functools.wraps(wrapped)
        def checked(request, *args, **kwargs):
            # Ids by name, and by position (simple-history's version page: record, version).
            for value in [kwargs[name] for name in ID_KWARGS & kwargs.keys()] + list(args):
                if as_id(value) is None:
                    raise Http404
            try:
                return wrapped(request, *args, **kwargs)
            except ObjectDoesNotExist:
                raise Http404 from None

        return checked


# Every model in beheer has an integer primary key (and so has every history row).
ID_KWARGS = {"object_id", "pk", "id", "version_id"}
