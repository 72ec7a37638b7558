"""The opschalingsdossier's content, as data with stable Dutch keys (the JSON file) and as the
PDF made from that same data, so the two always say the same.

Everything is read through ``cases.permissions`` with the coordinator who makes the dossier:
the parts come from the same functions as the case page. Two rules are the dossier's own:
contacts go out only when *shared* (a contact restricted to its own organisation and the
coordinator never leaves the PGA, whoever makes the dossier), and only within the period
chosen; the BSN only when ticked. A part not chosen is absent, not empty: its key is not in
the JSON and its heading not in the PDF.
"""

import json
from datetime import datetime, time

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from cases.models import SECTIONS, ContactVisibility, Handover, months_after
from cases.permissions import (
    visible_agreements,
    visible_contacts,
    visible_goals,
    visible_interventions,
    visible_involvements,
)
from pga.pdf import render_pdf

# Bump when a key changes meaning, so a receiving system can tell the layouts apart.
FORMAT_VERSION = 1


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def contacts_since(handover: Handover):
    """The first moment of the chosen period: that many months before the dossier's day."""
    day = months_after(timezone.localdate(handover.created_at), -handover.contacts_months)
    return timezone.make_aware(datetime.combine(day, time.min))


def _metadata(handover: Handover) -> dict:
    data = {
        "formaatversie": FORMAT_VERSION,
        "casusnummer": handover.case.number,
        "afzender": settings.PGA_ORGANISATION,
        "ontvanger": handover.recipient,
        "grondslag": handover.legal_ground,
        "grondslag_omschrijving": handover.get_legal_ground_display(),
        "toelichting": handover.explanation,
        "gemaakt_door": _name(handover.created_by),
        "gemaakt_op": timezone.localtime(handover.created_at),
        "secties": handover.sections,
        "bsn_opgenomen": handover.includes_bsn,
    }
    if handover.includes_contacts:
        data["contactmomenten_vanaf"] = timezone.localdate(contacts_since(handover))
    return data


def _youth(handover: Handover) -> dict:
    youth = handover.case.youth
    data = {
        "naam": youth.full_name,
        "geboortedatum": youth.date_of_birth,
    }
    if handover.includes_bsn:
        data["bsn"] = youth.bsn or None
    return data


def _summary(case) -> dict:
    coordinator = case.coordinator
    return {
        "status": case.status,
        "status_omschrijving": case.get_status_display(),
        "prioriteit": case.get_priority_display(),
        "onderbouwing_prioriteit": case.priority_rationale,
        "reden_van_aanmelding": case.referral_reason,
        "aangemeld_op": case.registered_on,
        "gestart_op": case.started_on,
        "volgende_evaluatie": case.next_review_on,
        "afgesloten_op": case.closed_on,
        "procescoordinator": {"naam": _name(coordinator), "email": coordinator.email},
    }


def _household(case) -> dict | None:
    youth = case.youth
    household = youth.household
    data = {
        "adres": youth.address,
        "gebied": str(youth.area) if youth.area else "",
        "school_of_dagbesteding": youth.daytime_activity,
    }
    if household is None:
        return {**data, "naam": None, "gezinsleden": []}
    return {
        **data,
        "naam": household.name,
        "gezinsleden": [
            {
                "naam": f"{m.first_name} {m.last_name}",
                "relatie": m.get_relation_display(),
                "sleutelfiguur": m.is_key_figure,
                "geboortedatum": m.date_of_birth,
            }
            for m in household.members.order_by("-is_key_figure", "first_name", "pk")
        ],
    }


def _contact_person(person) -> dict | None:
    if person is None:
        return None
    membership = getattr(person, "membership", None)
    return {
        "naam": _name(person),
        "functie": membership.job_title if membership else "",
        "telefoon": membership.phone if membership else "",
        "email": person.email,
    }


def _partners(user, case) -> list[dict]:
    involvements = (
        visible_involvements(user, case)
        .active()
        .select_related("partner", "contact_person__membership")
        .order_by("partner__name")
    )
    return [
        {
            "organisatie": i.partner.name,
            "soort_organisatie": i.partner.get_kind_display(),
            "rol": i.get_role_display(),
            "grondslag": i.get_legal_basis_display(),
            "betrokken_sinds": i.started_on,
            "toegang_tot_en_met": i.expires_on,
            "algemeen_telefoonnummer": i.partner.phone,
            "contactpersoon": _contact_person(i.contact_person),
        }
        for i in involvements
    ]


def _plan(user, case) -> dict:
    goals = visible_goals(user, case).select_related("domain").prefetch_related("evaluations")
    rows = []
    for goal in goals.order_by("domain__position", "pk"):
        evaluations = sorted(goal.evaluations.all(), key=lambda e: (e.evaluated_on, e.pk))
        last = evaluations[-1] if evaluations else None
        rows.append(
            {
                "leefgebied": goal.domain.name,
                "doel": goal.target,
                "laatste_evaluatie": {
                    "datum": last.evaluated_on,
                    "uitkomst": last.get_outcome_display(),
                    "toelichting": last.note,
                }
                if last
                else None,
            }
        )
    return {"plan_van_aanpak": case.plan, "volgende_stappen": case.next_steps, "doelen": rows}


def _agreements(user, case) -> list[dict]:
    agreements = visible_agreements(user, case).select_related("partner")
    return [
        {
            "wat": a.description,
            "organisatie": a.partner.name if a.partner else None,
            "deadline": a.due_on,
            "status": a.get_status_display(),
            "afgerond_op": a.status_on,
        }
        for a in agreements.order_by("due_on", "pk")
    ]


def _interventions(user, case) -> list[dict]:
    interventions = visible_interventions(user, case).select_related(
        "intervention_type", "responsible_partner"
    )
    return [
        {
            "spoor": i.intervention_type.get_track_display(),
            "soort": i.intervention_type.name,
            "verantwoordelijke_partner": i.responsible_partner.name,
            "doel": i.goal,
            "status": i.get_status_display(),
            "startdatum": i.started_on,
            "geplande_einddatum": i.planned_end_on,
            "einddatum": i.ended_on,
            "resultaat": i.outcome,
        }
        for i in interventions.order_by("started_on", "pk")
    ]


def _contacts(user, handover: Handover) -> list[dict]:
    # Shared only, whatever the maker may see: restricted contacts never leave the PGA.
    contacts = (
        visible_contacts(user, handover.case)
        .filter(visibility=ContactVisibility.SHARED, occurred_at__gte=contacts_since(handover))
        .select_related("partner")
        .order_by("-occurred_at", "-pk")
    )
    return [
        {
            "datum_tijd": timezone.localtime(c.occurred_at),
            "soort": c.get_kind_display(),
            "met_wie": c.get_with_whom_display(),
            "organisatie": c.partner.name,
            "samenvatting": c.summary,
            "vervolg": c.follow_up,
        }
        for c in contacts
    ]


def build_dossier(handover: Handover) -> dict:
    """The dossier of ``handover`` (not saved yet, or saved): metadata, the youth, and each
    part it was made with, read as its maker sees the case."""
    user, case = handover.created_by, handover.case
    parts = {
        "includes_summary": lambda: _summary(case),
        "includes_household": lambda: _household(case),
        "includes_partners": lambda: _partners(user, case),
        "includes_plan": lambda: _plan(user, case),
        "includes_agreements": lambda: _agreements(user, case),
        "includes_interventions": lambda: _interventions(user, case),
        "includes_contacts": lambda: _contacts(user, handover),
    }
    data = {"opschalingsdossier": _metadata(handover), "jongere": _youth(handover)}
    for field, (key, _label) in SECTIONS.items():
        if getattr(handover, field):
            data[key] = parts[field]()
    return data


def dossier_json(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def dossier_pdf(handover: Handover, data: dict) -> bytes:
    html = render_to_string(
        "pdf/handover.html",
        {
            "handover": handover,
            "data": data,
            "meta": data["opschalingsdossier"],
            "generated_at": timezone.localtime(handover.created_at),
            "generated_by": _name(handover.created_by),
        },
    )
    return render_pdf(html)
