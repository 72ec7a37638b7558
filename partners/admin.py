from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _

from partners.models import Membership, Partner
from partners.services import save_partner
from pga.admin import ReferenceDataAdmin

User = get_user_model()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "job_title", "phone"]


@admin.register(Partner)
class PartnerAdmin(ReferenceDataAdmin):
    list_display = ["name", "kind", "is_active", "group"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    readonly_fields = ["group", "version"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        # The service keeps the partner's permission group in step with the partner.
        save_partner(obj, by=request.user, reason=_("Gewijzigd in functioneel beheer"))


@admin.register(Membership)
class MembershipAdmin(ReferenceDataAdmin):
    list_display = ["user", "partner", "role", "job_title"]
    list_filter = ["partner__kind", "role", "partner"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "partner__name"]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]


class MembershipOfUserInline(admin.StackedInline):
    model = Membership
    can_delete = False
    autocomplete_fields = ["partner"]
    fields = ["partner", "role", "job_title", "phone"]


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(ReferenceDataAdmin, UserAdmin):
    inlines = [MembershipOfUserInline]
    list_display = ["username", "first_name", "last_name", "organisation", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups", "membership__partner"]
    list_select_related = ["membership__partner"]

    @admin.display(description=_("Organisatie"), ordering="membership__partner__name")
    def organisation(self, user):
        membership = getattr(user, "membership", None)
        return membership.partner if membership else "—"

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Functioneel beheer assigns roles (groups), but cannot hand out superuser
            # rights or loose permissions, to itself or anyone else.
            readonly += ["is_superuser", "user_permissions"]
        return readonly
