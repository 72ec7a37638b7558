from django.contrib import admin

from pga.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Beheer reads the log per user; nobody changes it."""

    list_display = [
        "at",
        "username",
        "organisation",
        "action",
        "result",
        "object_type",
        "object_id",
        "case_id",
        "ip_address",
    ]
    list_filter = ["action", "result", "organisation"]
    search_fields = ["username", "object_id", "detail"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AccessLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
