"""Retention is complete: after a case is purged, no table and no file holds its youth's
name. The test does not list where to look: it reads every column of every table, every
session, and every file in the media folder (the text of PDFs too)."""

import io
from datetime import date, datetime, time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from cases.casefile.services import change_status
from cases.groups.services import add_group_member, add_relation, create_youth_group, record_insight
from cases.handover.services import make_handover
from cases.meetings.services import (
    add_agenda_item,
    invite_partner,
    plan_meeting,
    record_decision,
    record_minutes,
)
from cases.models import CaseStatus, ClosureReason, DecisionKind, MonthlyOverview, OverviewKind
from cases.overviews.batch import Job, run
from cases.people.services import update_youth
from cases.plan.services import add_goal, evaluate_goal, finish_agreement
from pga.history import recorded_at
from tests.base import involve
from tests.cases.test_retention import frozen
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    ContactFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    ThemeFactory,
    YouthFactory,
    assessment_domains,
)

pytestmark = pytest.mark.django_db

NAME = "Zwartevelden"  # the youth's family name: found nowhere else in the product


def aware(day):
    return timezone.make_aware(datetime.combine(day, time(hour=10)))


def tables_holding(text):
    needle = f"%{text.lower()}%"
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted_table = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted_table} WHERE 1 = 0")  # noqa: S608
            for column in [description[0] for description in cursor.description]:
                quoted = connection.ops.quote_name(column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} "  # noqa: S608 - names from introspection
                    f"WHERE LOWER(CAST({quoted} AS TEXT)) LIKE %s",
                    [needle],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column}")
    return found


def sessions_holding(text):
    return [s.session_key for s in Session.objects.all() if text in str(s.get_decoded())]


def files_holding(text):
    found = []
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        readable = content.decode("latin-1")
        if content.startswith(b"%PDF") and len(content) > 100:
            readable += "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
        if text.lower() in readable.lower():
            found.append(str(path))
    return found


def test_after_the_purge_no_table_session_or_file_holds_the_youths_name(client, personas):
    coordinator = personas.coordinator
    household = HouseholdFactory(name=f"Huishouden {NAME}")
    youth = YouthFactory(
        first_name="Quirijn", last_name=NAME, household=household, date_of_birth=date(2003, 5, 1)
    )
    case = CaseFactory(
        youth=youth,
        coordinator=coordinator,
        registered_on=date(2019, 1, 7),
        started_on=date(2019, 1, 20),
        referral_reason=f"Quirijn {NAME} veroorzaakt overlast",
    )
    other = CaseFactory(
        youth=YouthFactory(last_name="Overbeek", date_of_birth=date(2004, 2, 2)),
        coordinator=coordinator,
        registered_on=date(2019, 1, 8),
        started_on=date(2019, 1, 21),
    )
    involve(case, personas.politie, by=coordinator, contact_person=personas.petra)
    ContactFactory(case=case, partner=personas.politie, author=personas.petra, summary=NAME)
    update_youth(youth, by=coordinator, reason=f"Adres van {NAME}", street="Pleinweg")
    # The casusoverleg and the plan: an item, its invitation and decision, a goal with its
    # evaluation, an agreement (with history rows that name the youth).
    meeting = plan_meeting(by=coordinator, starts_at=aware(date(2019, 6, 3)))
    item = add_agenda_item(meeting, case, by=coordinator, question=f"Hoe verder met {NAME}?")
    invite_partner(item, personas.politie, by=coordinator, reason=f"Politie kent {NAME}")
    record_minutes(item, by=coordinator, minutes=f"{NAME} was er niet")
    record_decision(item, by=coordinator, kind=DecisionKind.OPSCHALEN, reason=f"{NAME}: zorgen")
    goal = add_goal(case, by=coordinator, domain=assessment_domains()[0], target=f"{NAME} werkt")
    evaluate_goal(goal, by=coordinator, outcome="deels", note=NAME, evaluated_on=date(2019, 6, 3))
    agreement = AgreementFactory(
        case=case, partner=personas.politie, description=f"Bel {NAME}", due_on=date(2019, 7, 1)
    )
    finish_agreement(agreement, by=personas.petra, status="gedaan", note=f"{NAME} gebeld")
    # The group approach: a membership, relations both ways, insights about him and his
    # mother, and the group's archived overview that shows him.
    with recorded_at(aware(date(2019, 1, 10))):
        group = create_youth_group(by=coordinator, name="Groep Zuid")
    add_group_member(group, youth, by=coordinator, role="kopstuk", since_on=None, reason="Scan")
    add_group_member(group, other.youth, by=coordinator, role="meeloper", since_on=None, reason="S")
    mother = HouseholdMemberFactory(household=household, first_name="Greet", last_name=NAME)
    add_relation(other.youth, by=coordinator, kind="volgt", other_youth=youth, note=f"Volgt {NAME}")
    add_relation(youth, by=coordinator, kind="moeder", adult=mother, note=NAME)
    theme = ThemeFactory(name="Geld")
    record_insight(by=coordinator, kind="barriere", source="gesprek", statement=f"{NAME}: schulden",
                   youth=youth, themes=[theme], noted_on=date(2019, 6, 1))  # fmt: skip
    record_insight(by=coordinator, kind="gemis", source="onderzoek", statement=f"Moeder {NAME}",
                   youth=youth, household_member=mother, noted_on=date(2019, 6, 1))  # fmt: skip
    # An opschalingsdossier with every part (its PDF and JSON name him) and the BSN.
    make_handover(
        case,
        by=coordinator,
        recipient="Zorg- en Veiligheidshuis Rijnmond",
        legal_ground="convenant_zvh",
        explanation=f"Escalatie rond {NAME}",
        sections=["includes_summary", "includes_household", "includes_contacts"],
        include_bsn=True,
    )
    client.force_login(coordinator)
    client.get(f"/overleggen/{meeting.pk}/")
    client.get(f"/groepen/{group.pk}/")
    # Reads and a search by name, as people do.
    client.force_login(coordinator)
    client.get("/casussen/", {"q": f"Quirijn {NAME}", "status": "alle"})
    client.get(f"/jongeren/{youth.pk}/")
    client.get(f"/casussen/{case.pk}/")
    client.get(f"/casussen/{case.pk}/historie/")
    # Archived PDFs of the month, the caseload listing both youths.
    stored, failures = run(
        [
            Job(OverviewKind.CASE, case.pk, "2019-06"),
            Job(OverviewKind.CASELOAD, coordinator.pk, "2019-06"),
            Job(OverviewKind.GROUP, group.pk, "2019-06"),
        ],
        by=coordinator,
    )
    assert failures == [] and len(stored) == 3
    assert files_holding(NAME)  # the check can see the name where it is
    change_status(
        case,
        CaseStatus.AFGESLOTEN,
        by=coordinator,
        reason="Doelen bereikt",
        on=date(2020, 3, 10),
        closure_reason=ClosureReason.DOELEN_BEREIKT,
    )
    assert tables_holding(NAME)

    with frozen(date(2025, 3, 11)):
        out = StringIO()
        call_command("purge_expired_cases", stdout=out)

    assert "1 caseloadoverzicht(en) opnieuw gemaakt" in out.getvalue()
    assert tables_holding(NAME) == []
    assert sessions_holding(NAME) == []
    assert files_holding(NAME) == []
    # The caseload overview of that month was made again, with the other case only.
    [remade] = MonthlyOverview.objects.filter(kind=OverviewKind.CASELOAD)
    assert list(remade.listed_cases.all()) == [other]
    # So was the group's, without him.
    [group_overview] = MonthlyOverview.objects.filter(kind=OverviewKind.GROUP)
    assert list(group_overview.listed_cases.all()) == [other]
    assert sorted(files_holding("Overbeek")) == sorted([remade.file.path, group_overview.file.path])
