"""Right of access (AVG art. 15): everything the product holds about one youth, as a ZIP of a
readable PDF and a JSON file. For coordinators only; the download is in the access log.

It holds the youth (with BSN: it is their own data), household and members, youth groups,
every case with its involvements, interventions, contacts (restricted ones too), ZRM,
archived overviews (metadata), the history of all those records, the recipients (art.
15(1)(c): every organisation involved, with its period and legal ground, and every
organisation whose staff looked at the file), and every logged view, download or refusal
concerning the youth or their cases.

Staff are named by role and organisation, never by name, username or IP address: the data
subject is entitled to know who received their data, not to a profile of each employee.
"""

import io
import json
import zipfile
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from cases.casefile.history import timeline_between
from cases.models import (
    AgendaItem,
    Agreement,
    Assessment,
    AssessmentScore,
    Contact,
    Goal,
    GroupMembership,
    Handover,
    HouseholdMember,
    Intervention,
    Involvement,
    MonthlyOverview,
    ProportionalityReview,
)
from partners.roles import role_and_organisation
from pga.access_log_words import describe_rows
from pga.models import AccessLog
from pga.pdf import render_pdf

EARLIEST = timezone.make_aware(datetime(2000, 1, 1))
# The readable PDF stays a few dozen pages, however long the file: texts are cut and the
# history shows its most recent rows; gegevens.json holds everything in full.
PDF_SUMMARY_CHARACTERS = 300
PDF_HISTORY_ROWS = 200


def record(obj) -> dict:
    """A record as field → value (choices with their label), for the JSON file. A staff
    member (a foreign key to an account) is named by role and organisation; a search key
    (Youth.search_name, the name folded) says nothing the name does not, nor the case's
    latest_contact_at and area_name what its contacts and the youth say."""
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.name in (
            "submission_key",
            "search_name",
            "latest_contact_at",
            "open_agreement_due_on",
            "area_name",
        ):
            continue
        if field.attname == "file":
            continue
        if field.is_relation and field.related_model is get_user_model():
            value = role_and_organisation(getattr(obj, field.name)) if value else None
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
            "history_user": role_and_organisation(row.history_user),
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


def logged_access(youth, case_ids) -> list[dict]:
    """Each logged read, download or refusal: when, by which role at which organisation."""
    rows = describe_rows(access_rows(youth, case_ids))
    staff = {
        user.pk: user
        for user in get_user_model()
        .objects.filter(pk__in={row.user_id for row in rows if row.user_id})
        .select_related("membership__partner")
    }
    return [
        {
            "at": row.at,
            "door": role_and_organisation(staff[row.user_id])
            if row.user_id in staff
            else (row.organisation or "onbekend (niet ingelogd)"),
            "organisatie": row.organisation,
            "actie": row.get_action_display(),
            "wat": row.words,
            "resultaat": row.get_result_display(),
            "object": f"{row.object_type} {row.object_id}".strip(),
            "casus_id": row.case_id,
        }
        for row in rows
    ]


def recipients(cases, access) -> dict:
    """The organisations that received the youth's data: every involvement (with period,
    role and legal ground), every opschalingsdossier sent (recipient, date, legal ground,
    the parts it held), and every organisation whose staff looked at the file."""
    involved = [
        {
            "organisatie": involvement.partner.name,
            "casus": case.number,
            "rol": involvement.get_role_display(),
            "grondslag": involvement.get_legal_basis_display(),
            "toelichting_grondslag": involvement.legal_basis_note,
            "informatieniveau": "wat" if involvement.shows_content else "dat",
            "reden_informatieniveau": involvement.level_reason,
            "van": involvement.started_on,
            "toegang_tot_en_met": involvement.expires_on,
            "tot_en_met": involvement.ended_on,
            "reden_einde": (
                "verlopen (einddatum bereikt)"
                if involvement.ended_by_expiry
                else involvement.end_reason
            ),
            # Every change of level, end date or end, with when, who and why.
            "wijzigingen": [
                {
                    "op": row.history_date,
                    "door": role_and_organisation(row.history_user),
                    "informatieniveau": row.information_level,
                    "toegang_tot_en_met": row.expires_on,
                    "reden": row.history_change_reason or "",
                }
                for row in involvement.history.order_by("history_date", "history_id")
            ],
        }
        for case in cases
        for involvement in Involvement.objects.filter(case=case).select_related("partner")
    ]
    looked = {}
    for row in access:
        if row["organisatie"] and row["resultaat"] == "Toegestaan":
            seen = looked.setdefault(row["organisatie"], {"keer": 0, "eerst": row["at"]})
            seen["keer"] += 1
            seen["laatst"] = row["at"]
    # Each opschalingsdossier sent outside the PGA (the ZVH): to whom, when, why, what.
    handed_over = [
        {
            "ontvanger": handover.recipient,
            "casus": handover.case.number,
            "op": handover.created_at,
            "grondslag": handover.get_legal_ground_display(),
            "toelichting": handover.explanation,
            "onderdelen": handover.section_labels,
            "bsn_verstrekt": handover.includes_bsn,
            "door": role_and_organisation(handover.created_by),
        }
        for handover in Handover.objects.filter(case__in=cases)
        .select_related("case", "created_by__membership__partner")
        .order_by("created_at", "pk")
    ]
    return {
        "betrokken_organisaties": involved,
        "opschalingen": handed_over,
        "organisaties_die_inzagen": [
            {"organisatie": name, **seen} for name, seen in sorted(looked.items())
        ],
    }


def toetsen(case) -> list[dict]:
    """Each proportionaliteitstoets of the case, oldest first, with its decision about each
    involvement (and the organisation it concerned)."""
    return [
        {
            **record(review),
            "besluiten": [
                {**record(decision), "organisatie": decision.involvement.partner.name}
                for decision in review.decisions.all()
            ],
        }
        for review in ProportionalityReview.objects.filter(case=case)
        .select_related("reviewed_by__membership__partner")
        .prefetch_related("decisions__involvement__partner")
        .order_by("reviewed_on", "pk")
    ]


def collect(user, youth) -> dict:
    cases = list(youth.cases.select_related("coordinator", "referred_by").order_by("registered_on"))
    case_ids = [case.pk for case in cases]
    household = youth.household
    access = logged_access(youth, case_ids)
    data = {
        "gemaakt_op": timezone.now(),
        "gemaakt_door": role_and_organisation(user),
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
        "ontvangers": recipients(cases, access),
        "inzagelog": access,
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
                "agendapunten": [
                    {
                        **record(item),
                        "overleg": str(item.meeting),
                        "uitgenodigd": [
                            {
                                "organisatie": str(i.partner),
                                "aanwezigheid": i.get_attendance_display(),
                            }
                            for i in item.invitations.all()
                        ],
                        "besluiten": [record(d) for d in item.decisions.all()],
                    }
                    for item in AgendaItem.objects.filter(case=case)
                    .select_related("meeting")
                    .prefetch_related("invitations__partner", "decisions")
                ],
                "doelen": [
                    {**record(goal), "evaluaties": [record(e) for e in goal.evaluations.all()]}
                    for goal in Goal.objects.filter(case=case).prefetch_related("evaluations")
                ],
                "afspraken": [record(a) for a in Agreement.objects.filter(case=case)],
                "proportionaliteitstoetsen": toetsen(case),
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
                        user,
                        case,
                        EARLIEST,
                        timezone.now(),
                        limit=100_000,
                        staff=role_and_organisation,
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
            "generated_by": role_and_organisation(user),
            "summary_characters": PDF_SUMMARY_CHARACTERS,
            "history_rows": PDF_HISTORY_ROWS,
            "history_slice": f":{PDF_HISTORY_ROWS}",
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
            "bevat. overzicht.pdf is een leesbaar overzicht (lange teksten ingekort); "
            "gegevens.json bevat alles, volledig en machineleesbaar, met de historie van elk "
            "record, de ontvangers en wie het dossier inzag.\n",
        )
    return buffer.getvalue(), f"inzage-jongere-{youth.pk}-{date.today():%Y%m%d}.zip"
