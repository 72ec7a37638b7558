"""Right of access (AVG art. 15): everything the product holds about one youth, as a ZIP of a
readable PDF and a JSON file. For coordinators only; the download is in the access log.

It holds the youth (with BSN: it is their own data), household and members, youth groups,
every case with its involvements, interventions, contacts (restricted ones too), ZRM,
archived overviews (metadata), the history of all those records, and every logged view,
download or refusal concerning the youth or their cases.
"""

import io
import json
import zipfile
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from cases.models import (
    Assessment,
    AssessmentScore,
    Contact,
    GroupMembership,
    HouseholdMember,
    Intervention,
    Involvement,
    MonthlyOverview,
)
from cases.timeline import timeline_between
from pga.models import AccessLog
from pga.pdf import render_pdf

EARLIEST = timezone.make_aware(datetime(2000, 1, 1))


def record(obj) -> dict:
    """A record as field → value (choices with their label), for the JSON file."""
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.name in ("submission_key",) or field.attname == "file":
            continue
        data[field.name] = value
        if field.choices and value not in (None, ""):
            data[f"{field.name}_label"] = str(dict(field.flatchoices).get(value, value))
    return data


def history(model, **lookup) -> list[dict]:
    return [
        {
            "history_date": row.history_date,
            "history_type": {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}[
                row.history_type
            ],
            "history_user": row.history_user.get_username() if row.history_user_id else None,
            "history_change_reason": row.history_change_reason,
            "values": record(row.instance),
        }
        for row in model.history.filter(**lookup)
        .select_related("history_user")
        .order_by("history_date")
    ]


def access_rows(youth, case_ids):
    return AccessLog.objects.filter(
        Q(object_type="cases.youth", object_id=str(youth.pk)) | Q(case_id__in=case_ids)
    ).order_by("at")


def collect(user, youth) -> dict:
    cases = list(youth.cases.select_related("coordinator", "referred_by").order_by("registered_on"))
    case_ids = [case.pk for case in cases]
    household = youth.household
    data = {
        "gemaakt_op": timezone.now(),
        "gemaakt_door": user.get_username(),
        "jongere": record(youth),
        "jongere_historie": history(type(youth), id=youth.pk),
        "huishouden": record(household) if household else None,
        "huishouden_historie": history(type(household), id=household.pk) if household else [],
        "gezinsleden": [record(m) for m in HouseholdMember.objects.filter(household=household)]
        if household
        else [],
        "gezinsleden_historie": history(HouseholdMember, household_id=household.pk)
        if household
        else [],
        "jeugdgroepen": [
            {**record(m), "jeugdgroep_naam": m.youth_group.name}
            for m in GroupMembership.objects.filter(youth=youth).select_related("youth_group")
        ],
        "casussen": [],
        "inzagelog": [
            {
                "at": row.at,
                "gebruiker": row.username,
                "organisatie": row.organisation,
                "actie": row.get_action_display(),
                "resultaat": row.get_result_display(),
                "object": f"{row.object_type} {row.object_id}".strip(),
                "casus_id": row.case_id,
                "ip_adres": row.ip_address,
            }
            for row in access_rows(youth, case_ids)
        ],
    }
    for case in cases:
        assessments = Assessment.objects.filter(case=case)
        data["casussen"].append(
            {
                "casus": record(case),
                "betrokkenheden": [record(i) for i in Involvement.objects.filter(case=case)],
                "interventies": [record(i) for i in Intervention.objects.filter(case=case)],
                "contactmomenten": [
                    record(c) for c in Contact.objects.filter(case=case).order_by("occurred_at")
                ],
                "zrm_metingen": [
                    {
                        **record(a),
                        "scores": [record(s) for s in AssessmentScore.objects.filter(assessment=a)],
                    }
                    for a in assessments
                ],
                "maandoverzichten": [
                    {**record(o), "bestand": o.file.name}
                    for o in MonthlyOverview.objects.filter(case=case)
                ],
                "historie": [
                    {
                        "wanneer": entry.at,
                        "wie": entry.who,
                        "wat": f"{entry.subject} {entry.action}",
                        "reden": entry.reason,
                        "wijzigingen": [
                            {"veld": c.label, "was": c.old, "werd": c.new} for c in entry.changes
                        ],
                    }
                    for entry in timeline_between(
                        user, case, EARLIEST, timezone.now(), limit=100_000
                    )
                ],
            }
        )
    return data


def build_export(user, youth) -> tuple[bytes, str]:
    """The ZIP (gegevens.json + overzicht.pdf) and its file name."""
    data = collect(user, youth)
    as_json = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    html = render_to_string(
        "pdf/inzage.html",
        {
            "data": data,
            "youth": youth,
            "generated_at": timezone.localtime(),
            "generated_by": user.get_full_name() or user.get_username(),
        },
    )
    pdf = render_pdf(html)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gegevens.json", as_json)
        archive.writestr("overzicht.pdf", pdf)
        archive.writestr(
            "LEESMIJ.txt",
            "Inzageverzoek (AVG artikel 15): alle gegevens die PGA casusregie over deze jongere "
            "bevat. overzicht.pdf is leesbaar; gegevens.json bevat hetzelfde, volledig en "
            "machineleesbaar, met de historie van elk record en wie het dossier inzag.\n",
        )
    return buffer.getvalue(), f"inzage-jongere-{youth.pk}-{date.today():%Y%m%d}.zip"
