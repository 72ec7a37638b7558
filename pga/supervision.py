"""Toezicht: the privacy officer reads the access log, filtered by period, person,
organisation, action, result, case or object, and can check whether a term was searched
(search words are kept as fingerprints, never as text).

Reading the log is a role of its own (``partners.permissions.may_read_access_log``), and
every read of it is itself in the log, with its filter (``pga.access_log``: action
``log_read``).
"""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.permissions import may_read_access_log
from pga.access_log import fingerprint
from pga.models import AccessAction, AccessLog, AccessResult

PAGE_SIZE = 50


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class AccessLogFilterForm(forms.Form):
    van = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())
    gebruiker = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    organisatie = forms.CharField(label=_("Organisatie"), required=False, max_length=150)
    actie = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle"))] + AccessAction.choices
    )
    resultaat = forms.ChoiceField(
        label=_("Resultaat"), required=False, choices=[("", _("Alle"))] + AccessResult.choices
    )
    casus = forms.IntegerField(
        label=_("Casus-id"), required=False, min_value=1, max_value=2**63 - 1
    )
    soort = forms.CharField(
        label=_("Soort object"),
        required=False,
        max_length=60,
        help_text=_("Bijv. cases.youth (jongere) of cases.contact (contactmoment)."),
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

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data


def filter_log(rows, data):
    if data.get("van"):
        rows = rows.filter(at__gte=timezone.make_aware(datetime.combine(data["van"], time.min)))
    if data.get("tot"):
        end = datetime.combine(data["tot"] + timedelta(days=1), time.min)
        rows = rows.filter(at__lt=timezone.make_aware(end))
    for field, key in (
        ("username", "gebruiker"),
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
    for word in (data.get("zoekterm") or "").split():
        rows = rows.filter(detail__contains=fingerprint(word))
    return rows


@login_required
def access_log(request):
    if not may_read_access_log(request.user):
        raise PermissionDenied
    form = AccessLogFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = filter_log(AccessLog.objects.all(), data)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    template = (
        "supervision/_access_log_rows.html"
        if request.headers.get("HX-Request") == "true"
        else "supervision/access_log.html"
    )
    return render(request, template, {"form": form, "page": page})
