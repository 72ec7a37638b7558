"""Toezicht: the privacy officer reads the access log, filtered by period, person,
organisation, action, result, case or object, and can check whether a term was searched
(search words are kept as fingerprints, never as text).

Reading the log is a role of its own (``partners.permissions.may_read_access_log``), and
every read of it is itself in the log, with its filter (``pga.access_log``: action
``log_read``).
"""

import re
from datetime import date, datetime, time, timedelta

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from partners.permissions import may_read_access_log
from pga.access_log import fingerprint
from pga.access_log_words import OBJECT_TYPES, describe_rows
from pga.ids import as_id
from pga.models import AccessAction, AccessLog, AccessResult
from pga.widgets import DateField

PAGE_SIZE = 50
FIRST_DAY = date(2000, 1, 1)
CASE_NUMBER = re.compile(r"^PGA-\d{4}-\d{1,6}$", re.IGNORECASE)


class AccessLogFilterForm(forms.Form):
    van = DateField(label=_("Vanaf"), required=False)
    tot = DateField(label=_("Tot en met"), required=False)
    gebruiker = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    organisatie = forms.CharField(label=_("Organisatie"), required=False, max_length=150)
    actie = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle"))] + AccessAction.choices
    )
    resultaat = forms.ChoiceField(
        label=_("Resultaat"), required=False, choices=[("", _("Alle"))] + AccessResult.choices
    )
    casus = forms.CharField(
        label=_("Casus"),
        required=False,
        max_length=30,
        help_text=_("Casusnummer (PGA-2026-0001) of het interne id."),
    )
    soort = forms.ChoiceField(
        label=_("Soort object"),
        required=False,
        choices=[("", _("Alle"))]
        + sorted(
            ((key, capfirst(label)) for key, label in OBJECT_TYPES.items()),
            key=lambda item: item[1],
        ),
    )
    object = forms.CharField(label=_("Object-id"), required=False, max_length=64)
    zoekterm = forms.CharField(
        label=_("Is deze term gezocht?"),
        required=False,
        max_length=200,
        help_text=_(
            "Zoektermen staan als vingerafdruk in het log, niet als tekst. Vul een naam of "
            "woord in om te zien wie ernaar zocht (hoofdletters maken niet uit)."
        ),
    )

    def clean_casus(self):
        """A case number or an id → the case's id (the log keeps ids)."""
        text = self.cleaned_data["casus"].strip()
        if not text:
            return None
        if as_id(text) is not None:
            return as_id(text)
        if CASE_NUMBER.match(text):
            case = apps.get_model("cases", "Case").objects.filter(number__iexact=text).first()
            if case is None:
                raise forms.ValidationError(
                    _("Geen casus met dit nummer (meer): zoek dan op het interne id.")
                )
            return case.pk
        raise forms.ValidationError(_("Vul een casusnummer (PGA-2026-0001) of een id in."))

    def clean(self):
        data = super().clean()
        for name in ("van", "tot"):
            day = data.get(name)
            if day and not (FIRST_DAY <= day <= timezone.localdate() + timedelta(days=1)):
                self.add_error(
                    name, _("Kies een datum tussen 2000 en vandaag: daar staat het log.")
                )
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data


def filter_log(rows, data):
    if data.get("van"):
        rows = rows.filter(at__gte=timezone.make_aware(datetime.combine(data["van"], time.min)))
    if data.get("tot"):
        end = datetime.combine(data["tot"] + timedelta(days=1), time.min)
        rows = rows.filter(at__lt=timezone.make_aware(end))
    if data.get("gebruiker"):
        rows = rows.filter(username__iexact=data["gebruiker"])
    for field, key in (
        ("action", "actie"),
        ("result", "resultaat"),
        ("case_id", "casus"),
        ("object_type", "soort"),
        ("object_id", "object"),
    ):
        if data.get(key) not in (None, ""):
            rows = rows.filter(**{field: data[key]})
    if data.get("organisatie"):
        rows = rows.filter(organisation__icontains=data["organisatie"])
    words = (data.get("zoekterm") or "").split()
    if words:
        # Toezicht's own checks carry the same fingerprint: they are no searches.
        rows = rows.exclude(action=AccessAction.LOG_READ)
    for word in words:
        rows = rows.filter(detail__contains=fingerprint(word))
    return rows


@login_required
def access_log(request):
    if not may_read_access_log(request.user):
        raise PermissionDenied
    form = AccessLogFilterForm(request.GET or None)
    # A filter that is not valid shows its error and no rows, never the whole log.
    rows = AccessLog.objects.all()
    if form.is_bound:
        rows = filter_log(rows, form.cleaned_data) if form.is_valid() else rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = describe_rows(page.object_list)
    template = (
        "supervision/_access_log_rows.html"
        if request.headers.get("HX-Request") == "true"
        else "supervision/access_log.html"
    )
    return render(request, template, {"form": form, "page": page})
