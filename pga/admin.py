"""Shared admin behaviour for functioneel beheer."""

from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from pga.history import stamp


class ReferenceDataAdmin(SimpleHistoryAdmin):
    """Editable reference data: every save records the acting user and a reason."""

    def save_model(self, request, obj, form, change):
        stamp(obj, by=request.user, reason=_("Gewijzigd in functioneel beheer"))
        if change and hasattr(obj, "version"):
            obj.version += 1
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        stamp(obj, by=request.user, reason=_("Verwijderd in functioneel beheer"))
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            stamp(instance, by=request.user, reason=_("Gewijzigd in functioneel beheer"))
            instance.save()
        for instance in formset.deleted_objects:
            stamp(instance, by=request.user, reason=_("Verwijderd in functioneel beheer"))
            instance.delete()
        formset.save_m2m()


class CaseDataAdmin(SimpleHistoryAdmin):
    """Case data is read-only here: it changes only through the services of the
    application, which keep access grants and history in step with every change."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
