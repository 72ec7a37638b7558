from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _

from partners.models import Membership, Partner
from partners.services import save_partner, set_membership
from pga.admin import ReferenceDataAdmin

User = get_user_model()


def save_membership(membership, *, by):
    # Through the service, so the user's partner group follows their organisation.
    set_membership(
        membership.user,
        membership.partner,
        by=by,
        reason=_("Gewijzigd in functioneel beheer"),
        role=membership.role,
        job_title=membership.job_title,
        phone=membership.phone,
    )


class MembershipInline(admin.TabularInline):
    """Who works here; read-only: a user's organisation is set on the account."""

    model = Membership
    extra = 0
    fields = ["user", "role", "job_title", "phone"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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

    def save_model(self, request, obj, form, change):
        save_membership(obj, by=request.user)


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

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        for membership in formset.save(commit=False):
            save_membership(membership, by=request.user)

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
