from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from partners.models import (
    ApiToken,
    ApiTokenStatus,
    Membership,
    Partner,
    Right,
    RightsChange,
    RightsChangeStatus,
)
from partners.permissions import is_administrator, may_set_password_of
from partners.services import (
    approve_rights_change,
    check_rights_proposal,
    propose_rights_change,
    reject_rights_change,
    save_partner,
)
from partners.tokens import (
    approve_api_token,
    check_api_token_proposal,
    propose_api_token,
    reject_api_token,
    revoke_api_token,
)
from pga.admin import HistoryAdmin, ReferenceDataAdmin
from pga.history import save_with_history

User = get_user_model()


class MembershipInline(admin.TabularInline):
    """Who works here; read-only: a user's organisation changes through a rights change."""

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
        if change and "is_active" in form.changed_data and not obj.is_active:
            from cases.casefile.services import end_involvements_of_partner

            ended = end_involvements_of_partner(
                obj, by=request.user, reason=_("Ketenpartner gedeactiveerd in functioneel beheer")
            )
            messages.info(
                request,
                _(
                    "%(n)s betrokkenheid/betrokkenheden van %(partner)s beëindigd. Weer "
                    "activeren geeft geen toegang terug: een procescoördinator betrekt de "
                    "partner opnieuw waar dat nodig is."
                )
                % {"n": ended, "partner": obj},
            )


@admin.register(Membership)
class MembershipAdmin(ReferenceDataAdmin):
    """Role, job title and phone of an employee. Which organisation someone works for is a
    right (it opens that organisation's cases): it changes through the rechtenlog."""

    list_display = ["user", "partner", "role", "job_title"]
    list_filter = ["partner__kind", "role", "partner"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "partner__name"]
    readonly_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        save_with_history(obj, by=request.user, reason=_("Gewijzigd in functioneel beheer"))


class MembershipOfUserInline(admin.StackedInline):
    model = Membership
    extra = 0  # an organisation is given through the rechtenlog, not by an empty form here
    can_delete = False
    fields = ["partner", "role", "job_title", "phone"]
    readonly_fields = ["partner"]

    def has_add_permission(self, request, obj=None):
        return False


admin.site.unregister(User)

# Rights are changed through the rechtenlog only, by two people: never by ticking a box.
RIGHTS_FIELDS = ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]


@admin.register(User)
class AccountAdmin(ReferenceDataAdmin, UserAdmin):
    inlines = [MembershipOfUserInline]
    list_display = ["username", "first_name", "last_name", "organisation", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups", "membership__partner"]
    list_select_related = ["membership__partner"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [
            (_("Rollen en organisatie (via het rechtenlog)"), {"fields": ["rights"]}),
            *fieldsets,
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Login and creation times are facts, not data to maintain.
        return readonly + RIGHTS_FIELDS + (["rights", "last_login", "date_joined"] if obj else [])

    @admin.display(description=_("Nu"))
    def rights(self, user):
        roles = [label for value, label in Right.choices if _holds_role(user, value)]
        membership = getattr(user, "membership", None)
        organisation = membership.partner if membership else _("geen")
        propose = reverse("admin:partners_rightschange_add") + f"?user={user.pk}"
        log = reverse("admin:partners_rightschange_changelist") + f"?user__id__exact={user.pk}"
        return format_html(
            "{}: {}<br>{}: {}<br>{}: {}<br><a href='{}'>{}</a> · <a href='{}'>{}</a>",
            _("Rollen"),
            ", ".join(str(role) for role in roles) or _("geen"),
            _("Organisatie"),
            organisation,
            _("Account"),
            _("actief") if user.is_active else _("gedeactiveerd"),
            propose,
            _("Rechtenwijziging voorstellen"),
            log,
            _("Rechtenlog van dit account"),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        for membership in formset.save(commit=False):
            save_with_history(
                membership, by=request.user, reason=_("Gewijzigd in functioneel beheer")
            )

    def user_change_password(self, request, id, form_url=""):
        account = self.get_object(request, id)
        if account is not None and not may_set_password_of(account):
            messages.error(
                request,
                _(
                    "Dit account heeft rechten en nog geen tweede factor: wie het wachtwoord "
                    "kent, zou er zelf een kunnen koppelen. Laat het wachtwoord zetten op de "
                    "server (manage.py changepassword), of koppel eerst de tweede factor."
                ),
            )
            return redirect("admin:auth_user_change", account.pk)
        return super().user_change_password(request, id, form_url)

    @admin.display(description=_("Organisatie"), ordering="membership__partner__name")
    def organisation(self, user):
        membership = getattr(user, "membership", None)
        return membership.partner if membership else "—"


def _holds_role(user, right) -> bool:
    from partners.services import holds

    return right not in (Right.ORGANISATION, Right.ACCOUNT) and holds(user, right)


class RightsChangeForm(forms.ModelForm):
    grant = forms.TypedChoiceField(
        label=_("Wat"),
        choices=[
            ("1", _("Toekennen (een tweede beheerder moet goedkeuren)")),
            ("", _("Intrekken (gaat direct in)")),
        ],
        coerce=bool,
        empty_value=False,
        widget=forms.RadioSelect,
        initial="1",
        required=False,
    )

    class Meta:
        model = RightsChange
        fields = ["user", "right", "grant", "partner", "reason"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            check_rights_proposal(
                data["user"],
                data["right"],
                grant=data["grant"],
                partner=data.get("partner"),
                by=self.by,
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, messages_ in error.message_dict.items():
                    self.add_error(name if name in self.fields else None, messages_)
            else:
                self.add_error(None, error.messages)
        return data


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting bij uw besluit"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen. Komt in het rechtenlog."),
    )


class ProposalAdmin(HistoryAdmin):
    """A record that one beheerder proposes and a second decides on (a rights change, an API
    token): made once through its service, never edited or deleted; the form knows who is
    proposing, so its checks are the service's."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A proposal is made once; after that it is decided, not edited.
        context.update(show_save_and_continue=False, show_save_and_add_another=False)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class WithUser(form):
            by = request.user

        return WithUser

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_related(self, request, form, formsets, change):
        pass  # nothing beside the proposal itself


@admin.register(RightsChange)
class RightsChangeAdmin(ProposalAdmin):
    """The rechtenlog: every proposed, approved, rejected and withdrawn change of anyone's
    rights, with who proposed and who decided. Nothing here is edited or deleted."""

    form = RightsChangeForm
    list_display = ["proposed_at", "user", "what", "status", "proposed_by", "decided_by"]
    list_filter = ["status", "right"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "reason"]
    list_select_related = ["user", "partner", "proposed_by", "decided_by"]
    date_hierarchy = "proposed_at"

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Rechtenlog: voorgestelde en doorgevoerde wijzigingen")}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("Wijziging"), ordering="right")
    def what(self, change):
        verb = _("toekennen") if change.grant else _("intrekken")
        organisation = f" ({change.partner})" if change.partner_id else ""
        return f"{change.get_right_display()}{organisation}: {verb}"

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [f.name for f in RightsChange._meta.fields if f.name != "id"]

    def save_model(self, request, obj, form, change):
        # The form checked the proposal; the service makes it (and, for a withdrawal,
        # carries it out) with who and why in the history.
        form.instance = propose_rights_change(
            obj.user,
            obj.right,
            grant=obj.grant,
            partner=obj.partner,
            by=request.user,
            reason=obj.reason,
        )
        obj.pk = form.instance.pk

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except ValidationError as refusal:
            # Two beheerders proposing the same at the same moment: the form of the second
            # was valid, the service (under a lock) refused it. Nothing was saved.
            messages.error(request, " ".join(refusal.messages))
            return redirect("admin:partners_rightschange_changelist")

    def response_add(self, request, obj, post_url_continue=None):
        if obj.grant:
            messages.info(
                request,
                _("Voorgesteld. Een tweede beheerder moet het goedkeuren voordat het ingaat."),
            )
        else:
            messages.success(request, _("Ingetrokken; dat is direct ingegaan."))
        return redirect("admin:partners_rightschange_changelist")

    def get_urls(self):
        return [
            path(
                "<path:object_id>/besluit/",
                self.admin_site.admin_view(self.decide_view),
                name="partners_rightschange_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        change = self.get_object(request, object_id)
        if change is not None and change.is_open:
            extra_context["decide_url"] = reverse(
                "admin:partners_rightschange_decide", args=[change.pk]
            )
            extra_context["decide_label"] = (
                _("Voorstel intrekken")
                if change.proposed_by_id == request.user.pk
                else _("Besluiten: goedkeuren of afwijzen")
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, object_id):
        change = self.get_object(request, object_id)
        if change is None or not self.has_view_permission(request, change):
            raise Http404
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid() and change.is_open:
            note = form.cleaned_data["note"]
            try:
                if "goedkeuren" in request.POST:
                    approve_rights_change(change, by=request.user, note=note)
                    messages.success(request, _("Goedgekeurd; de wijziging is ingegaan."))
                else:
                    reject_rights_change(change, by=request.user, note=note)
                    messages.success(request, _("Afgewezen; er is niets gewijzigd."))
                return redirect("admin:partners_rightschange_changelist")
            except ValidationError as error:
                if hasattr(error, "error_dict") and "note" in error.message_dict:
                    form.add_error("note", error.message_dict["note"])
                else:
                    form.add_error(None, error.messages)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Besluit over een rechtenwijziging"),
            "opts": self.opts,
            "change": change,
            "form": form,
            "may_decide": change.is_open
            and is_administrator(request.user)
            and request.user.pk not in (change.proposed_by_id, change.user_id),
            "may_withdraw": change.is_open and change.proposed_by_id == request.user.pk,
            "open": change.status == RightsChangeStatus.PROPOSED,
        }
        return TemplateResponse(request, "admin/partners/rightschange/decide.html", context)


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "expires_on", "reason"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            check_api_token_proposal(
                data["user"],
                by=self.by,
                name=data.get("name", ""),
                expires_on=data.get("expires_on"),
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, messages_ in error.message_dict.items():
                    self.add_error(name if name in self.fields else None, messages_)
            else:
                self.add_error(None, error.messages)
        return data


class TokenDecisionForm(DecisionForm):
    note = forms.CharField(
        label=_("Toelichting bij uw besluit"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen en intrekken. Komt in de historie van het token."),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(ProposalAdmin):
    """API tokens of system accounts: proposed here, approved by a second beheerder on the
    token's decision page, withdrawn there at once. The key is shown once, after proposing."""

    form = ApiTokenForm
    list_display = ["name", "user", "status", "expires_on", "proposed_by", "decided_by"]
    list_filter = ["status"]
    search_fields = ["name", "user__username", "prefix"]
    list_select_related = ["user", "proposed_by", "decided_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [f.name for f in ApiToken._meta.fields if f.name not in ("id", "key_hash")]

    def get_exclude(self, request, obj=None):
        return ["key_hash"]

    def save_model(self, request, obj, form, change):
        token, key = propose_api_token(
            obj.user,
            by=request.user,
            name=obj.name,
            expires_on=obj.expires_on,
            reason=obj.reason,
        )
        obj.pk = token.pk
        request._pga_new_api_key = key

    def response_add(self, request, obj, post_url_continue=None):
        # The key, once, on this page only: never in a message (a cookie) or a log.
        context = {
            **self.admin_site.each_context(request),
            "title": _("Token voorgesteld"),
            "opts": self.opts,
            "token": obj,
            "key": request._pga_new_api_key,
        }
        return TemplateResponse(request, "admin/partners/apitoken/key.html", context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/besluit/",
                self.admin_site.admin_view(self.decide_view),
                name="partners_apitoken_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        token = self.get_object(request, object_id)
        if token is not None and token.status in (ApiTokenStatus.PROPOSED, ApiTokenStatus.ACTIVE):
            extra_context["decide_url"] = reverse("admin:partners_apitoken_decide", args=[token.pk])
            extra_context["decide_label"] = (
                _("Besluiten: goedkeuren of afwijzen")
                if token.status == ApiTokenStatus.PROPOSED
                else _("Token intrekken")
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, object_id):
        token = self.get_object(request, object_id)
        if token is None or not self.has_view_permission(request, token):
            raise Http404
        form = TokenDecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            note = form.cleaned_data["note"]
            try:
                if "goedkeuren" in request.POST:
                    approve_api_token(token, by=request.user, note=note)
                    messages.success(request, _("Goedgekeurd; het token werkt nu."))
                elif "afwijzen" in request.POST:
                    reject_api_token(token, by=request.user, note=note)
                    messages.success(request, _("Afgewezen; het token opent niets."))
                else:
                    revoke_api_token(token, by=request.user, reason=note)
                    messages.success(request, _("Ingetrokken; het token opent niets meer."))
                return redirect("admin:partners_apitoken_changelist")
            except ValidationError as error:
                if hasattr(error, "error_dict") and "note" in error.message_dict:
                    form.add_error("note", error.message_dict["note"])
                else:
                    form.add_error(None, error.messages)
        proposed = token.status == ApiTokenStatus.PROPOSED
        context = {
            **self.admin_site.each_context(request),
            "title": _("Besluit over een API-token"),
            "opts": self.opts,
            "token": token,
            "form": form,
            "may_decide": proposed
            and is_administrator(request.user)
            and request.user.pk not in (token.proposed_by_id, token.user_id),
            "may_revoke": token.status in (ApiTokenStatus.PROPOSED, ApiTokenStatus.ACTIVE)
            and is_administrator(request.user),
            "proposed": proposed,
        }
        return TemplateResponse(request, "admin/partners/apitoken/decide.html", context)
