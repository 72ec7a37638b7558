"""How long each free text may be, in one place.

A text field's limit is its ``max_length`` (the form refuses more, the textarea shows a live
count) and a database constraint (``text_constraints``), so no import or script stores more.
The limits leave room for a thorough account and keep every page and PDF bounded: a
contact's summary of a few thousand characters is a long conversation, not a document.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from cases.models.constraints import checked_in_python

SHORT = 1000  # a reason, a follow-up, a note
MEDIUM = 2000  # a rationale, a goal
LONG = 4000  # a summary, an insight, an outcome
PLAN = 8000  # the plan of approach, a group's description

TEXT_LIMITS = {
    "case": {
        "priority_rationale": MEDIUM,
        "referral_reason": LONG,
        "not_informed_reason": MEDIUM,
        "plan": PLAN,
        "next_steps": MEDIUM,
    },
    "involvement": {"end_reason": SHORT, "level_reason": SHORT},
    "proportionalityreview": {"reason": MEDIUM},
    "involvementdecision": {"reason": SHORT},
    "intervention": {"goal": MEDIUM, "outcome": LONG},
    "contact": {"summary": LONG, "follow_up": SHORT},
    "assessment": {"notes": MEDIUM},
    "household": {"notes": LONG},
    "householdmember": {"notes": MEDIUM},
    "groupphasestep": {"reason": SHORT},
    "groupreading": {"text": PLAN},
    "insight": {"statement": LONG},
    "groupgoal": {"target": MEDIUM, "outcome_note": SHORT},
    "groupintervention": {"description": MEDIUM, "outcome": LONG},
    "interventiontype": {"description": MEDIUM},
    "agendaitem": {"question": MEDIUM, "minutes": PLAN},
    "meeting": {"group_question": MEDIUM, "group_minutes": PLAN, "cancel_reason": SHORT},
    "decision": {"reason": MEDIUM},
    "goal": {"target": MEDIUM},
    "goalevaluation": {"note": SHORT},
    "agreement": {"description": MEDIUM, "status_note": SHORT},
    "handover": {"explanation": MEDIUM},
}

# Reasons typed in forms that are not fields of their own (a status step, ending an
# involvement): they go into the history.
REASON = SHORT


def limit(model_name: str, field: str) -> int:
    return TEXT_LIMITS[model_name][field]


def text_constraints(model_name: str, prefix: str | None = None) -> list:
    prefix = prefix or model_name
    return [
        checked_in_python(
            models.CheckConstraint(
                condition=Q(LessThanOrEqual(Length(field), maximum)),
                name=f"{prefix}_{field}_at_most_{maximum}_characters",
            )
        )
        for field, maximum in TEXT_LIMITS[model_name].items()
    ]
