"""The duty to inform (informatieplicht, issue 18 point 5): no case becomes actief without
the date the youth and parents were informed, or a reason not to inform yet with a date to
reconsider it; the dashboard lists the cases whose review date has passed; the informing
letter names the organisations of that case and nothing of the file."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from cases.casefile.services import change_status, end_involvement
from cases.models import Case, CaseStatus, ClosureReason
from pga.models import AccessLog
from tests.base import involve
from tests.factories import CaseFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
REASON = "Lopend strafrechtelijk onderzoek; de politie vraagt nog even te wachten."


def screening_case(**fields):
    return CaseFactory(status=CaseStatus.SCREENING, started_on=None, **fields)


def not_informed_case(review_on, **fields):
    """A case whose youth is not informed yet, for a reason to reconsider on ``review_on``."""
    return CaseFactory(
        informed_on=None, not_informed_reason=REASON, inform_review_on=review_on, **fields
    )


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def activate(client, case, **informing):
    data = {"status": "actief", "reason": "Opgenomen in het overleg", "on": TODAY.isoformat()}
    data.update({name: str(value) for name, value in informing.items()})
    return client.post(f"/casussen/{case.pk}/status/", data)


# The rule, in the service -------------------------------------------------------------------


def test_a_case_does_not_become_active_without_informing_or_a_reason(coordinator):
    case = screening_case()
    rows = case.history.count()
    with pytest.raises(ValidationError) as raised:
        change_status(case, CaseStatus.ACTIEF, by=coordinator, reason="Opgenomen")
    assert "pas actief als de jongere" in raised.value.message_dict["informed_on"][0]
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.started_on, case.history.count()) == (
        CaseStatus.SCREENING,
        None,
        rows,
    )


def test_informing_and_the_step_are_recorded_together_with_the_reason(coordinator):
    case = screening_case()
    change_status(
        case,
        CaseStatus.ACTIEF,
        by=coordinator,
        reason="Opgenomen",
        informing={"informed_on": TODAY, "not_informed_reason": "", "inform_review_on": None},
    )
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.informed_on) == (CaseStatus.ACTIEF, TODAY)
    latest = list(case.history.order_by("-history_id")[:2])
    assert [row.history_change_reason for row in latest] == ["Opgenomen", "Opgenomen"]
    assert (latest[1].status, latest[1].informed_on) == (CaseStatus.SCREENING, TODAY)


def test_a_reason_with_a_review_date_is_enough_also_back_from_nazorg(coordinator):
    case = not_informed_case(TODAY + timedelta(days=30), status=CaseStatus.NAZORG)
    change_status(case, CaseStatus.ACTIEF, by=coordinator, reason="Terugval")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACTIEF
    uninformed = CaseFactory(status=CaseStatus.NAZORG, informed_on=None)
    with pytest.raises(ValidationError, match="pas actief"):
        change_status(uninformed, CaseStatus.ACTIEF, by=coordinator, reason="Terugval")


def test_a_refused_step_saves_the_informing_neither(coordinator):
    case = screening_case()
    rows = case.history.count()
    with pytest.raises(ValidationError):
        change_status(  # a start date before the registration: the step is refused
            case,
            CaseStatus.ACTIEF,
            by=coordinator,
            reason="Opgenomen",
            on=case.registered_on - timedelta(days=1),
            informing={"informed_on": TODAY, "not_informed_reason": "", "inform_review_on": None},
        )
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.informed_on, case.history.count()) == (
        CaseStatus.SCREENING,
        None,
        rows,
    )


def test_an_inclusion_decision_is_refused_at_its_field_for_an_uninformed_case(coordinator):
    from cases.meetings.services import record_decision
    from cases.models import Decision, DecisionKind
    from tests.factories import AgendaItemFactory

    item = AgendaItemFactory(case=screening_case())
    with pytest.raises(ValidationError) as raised:
        record_decision(item, by=coordinator, kind=DecisionKind.INCLUSIE, reason="Criteria")
    assert "pas actief" in raised.value.message_dict["kind"][0]
    assert not Decision.objects.exists()
    assert Case.objects.get(pk=item.case_id).status == CaseStatus.SCREENING


# The rule, on the status form -------------------------------------------------------------


@pytest.mark.parametrize(
    "informing, field, message",
    [
        ({}, "informed_on", "pas actief als de jongere"),
        ({"not_informed_reason": REASON}, "inform_review_on", "opnieuw bekijkt"),
        ({"inform_review_on": TODAY + timedelta(days=9)}, "not_informed_reason", "Geef de reden"),
        ({"informed_on": TODAY, "not_informed_reason": REASON}, "not_informed_reason", "allebei"),
        ({"informed_on": TODAY + timedelta(days=1)}, "informed_on", "toekomst"),
        (
            {"not_informed_reason": REASON, "inform_review_on": TODAY - timedelta(days=1)},
            "inform_review_on",
            "verleden",
        ),
    ],
)
def test_the_status_form_puts_each_informing_error_next_to_its_field(
    sanne, informing, field, message
):
    case = screening_case()
    response = activate(sanne, case, **informing)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field] and message in errors[field][0]
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page  # tied to the field for screen readers
    for value in informing.values():
        shown = value.strftime("%d-%m-%Y") if hasattr(value, "strftime") else str(value)
        assert shown in page  # what was typed is still there (a date as dd-mm-jjjj)
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.informed_on, case.not_informed_reason) == (
        CaseStatus.SCREENING,
        None,
        "",
    )


def test_activating_with_the_date_of_informing_saves_both(sanne):
    case = screening_case()
    response = activate(sanne, case, informed_on=TODAY - timedelta(days=2))
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.informed_on) == (CaseStatus.ACTIEF, TODAY - timedelta(days=2))


def test_activating_with_a_reason_not_to_inform_yet_saves_reason_and_review_date(sanne):
    case = screening_case()
    review_on = TODAY + timedelta(days=30)
    response = activate(sanne, case, not_informed_reason=REASON, inform_review_on=review_on)
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.not_informed_reason, case.inform_review_on) == (
        CaseStatus.ACTIEF,
        REASON,
        review_on,
    )


def test_informing_later_replaces_the_reason_shown_on_the_form(sanne):
    case = screening_case(not_informed_reason=REASON, inform_review_on=TODAY)
    form = sanne.get(f"/casussen/{case.pk}/status/").context["form"]
    assert form["not_informed_reason"].value() == REASON  # shown as recorded
    response = activate(
        sanne, case, informed_on=TODAY, not_informed_reason=REASON, inform_review_on=TODAY
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert (case.informed_on, case.not_informed_reason, case.inform_review_on) == (
        TODAY,
        "",
        None,
    )
    assert REASON in {row.not_informed_reason for row in case.history.all()}  # kept there


def test_a_case_already_informed_is_not_asked_again(sanne):
    case = CaseFactory(status=CaseStatus.NAZORG)  # informed when it became actief
    response = sanne.get(f"/casussen/{case.pk}/status/")
    assert "informed_on" not in response.context["form"].fields
    assert "Informatieplicht" not in response.content.decode()
    assert activate(sanne, case).status_code == 302


# What the case page shows -----------------------------------------------------------------


def test_the_overview_shows_the_review_date_and_whether_it_has_passed(sanne):
    overdue = not_informed_case(TODAY - timedelta(days=3))
    page = sanne.get(overdue.get_absolute_url()).content.decode()
    day = f"{TODAY - timedelta(days=3):%d-%m-%Y}"
    assert f'Heroverwegen op <span class="nowrap">{day}</span>' in page  # one line
    assert '<strong class="overdue">verlopen</strong>' in page.split("Geïnformeerd")[1]
    ahead = not_informed_case(TODAY + timedelta(days=3))
    page = sanne.get(ahead.get_absolute_url()).content.decode()
    assert "verlopen</strong>" not in page.split("Geïnformeerd")[1].split("</dd>")[0]


def test_only_coordinators_see_the_link_to_the_letter(client, coordinator, petra, case_a):
    link = f"/casussen/{case_a.pk}/informatiebrief.pdf"
    client.force_login(coordinator)
    assert link in client.get(case_a.get_absolute_url()).content.decode()
    client.force_login(petra)
    assert link not in client.get(case_a.get_absolute_url()).content.decode()


# The dashboard ----------------------------------------------------------------------------


def test_the_dashboard_lists_open_uninformed_cases_whose_review_date_passed(sanne):
    overdue = not_informed_case(TODAY - timedelta(days=1), status=CaseStatus.SCREENING)
    not_informed_case(TODAY)  # reconsidered today: not yet overdue
    not_informed_case(TODAY + timedelta(days=5))
    CaseFactory(inform_review_on=TODAY - timedelta(days=9))  # informed after all
    not_informed_case(
        TODAY - timedelta(days=9),
        status=CaseStatus.AFGESLOTEN,
        closed_on=TODAY,
        closure_reason=ClosureReason.OVERIG,
    )
    response = sanne.get("/")
    assert [case.pk for case in response.context["inform_overdue"]] == [overdue.pk]
    page = response.content.decode()
    row = page.split('id="informeren-verlopen"')[1].split("</section>")[0]
    assert f'<a href="/casussen/{overdue.pk}/">{overdue.number}</a>' in row
    assert str(overdue.youth) in row and f"{TODAY - timedelta(days=1):%d-%m-%Y}" in row


def test_the_dashboard_list_costs_the_same_queries_for_1_and_30_cases(sanne):
    def queries():
        sanne.get("/")  # the first request renews the session
        with CaptureQueriesContext(connection) as captured:
            response = sanne.get("/")
        return len(captured), len(response.context["inform_overdue"])

    not_informed_case(TODAY - timedelta(days=2))
    one = queries()
    for _ in range(29):
        not_informed_case(TODAY - timedelta(days=2))
    thirty = queries()
    assert (one[1], thirty[1]) == (1, 25)  # the list shows 25; the caseload filter all
    assert one[0] == thirty[0]


def test_the_caseload_filter_shows_the_same_cases_to_coordinators_only(client, personas):
    overdue = not_informed_case(TODAY - timedelta(days=1))
    involve(overdue, personas.politie, by=personas.coordinator)
    not_informed_case(TODAY + timedelta(days=1))
    url = "/casussen/?status=alle&inform_review_overdue=1&coordinator=alle"  # the team's
    client.force_login(personas.coordinator)
    assert [c.pk for c in client.get(url).context["page"].object_list] == [overdue.pk]
    client.force_login(personas.petra)
    response = client.get(url)
    assert 'name="inform_review_overdue"' not in response.content.decode()
    # Partners have no such filter: their list is not narrowed by it, nor do they have a
    # dashboard to list these cases on.
    shown = {c.pk for c in response.context["page"].object_list}
    assert shown == {personas.case_a.pk, overdue.pk}
    assert "Informeren: heroverweging verlopen" not in client.get("/").content.decode()


# The letter -------------------------------------------------------------------------------


def letter_text(response) -> str:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_letter_names_exactly_the_organisations_of_this_case(client, personas, case_a):
    coordinator = personas.coordinator
    involve(case_a, PartnerFactory(name="Wijkteam Zuid"), by=coordinator)
    ended = involve(case_a, PartnerFactory(name="Leerplicht Oud"), by=coordinator)
    end_involvement(ended, by=coordinator, reason="Niet meer nodig")
    other = CaseFactory()
    involve(other, PartnerFactory(name="Jongerenwerk Elders"), by=coordinator)
    client.force_login(coordinator)
    text = letter_text(client.get(f"/casussen/{case_a.pk}/informatiebrief.pdf"))
    named = {
        name
        for name in ("Politie Rotterdam", "Wijkteam Zuid", "Leerplicht Oud", "Jongerenwerk Elders")
        if name in text
    }
    assert named == {"Politie Rotterdam", "Wijkteam Zuid"}
    assert "Politie Rotterdam (contactpersoon: Petra Jansen)" in text
    assert case_a.youth.first_name in text and case_a.number in text
    assert "Sanne de Vries" in text  # signed by the coordinator


def test_the_letter_says_what_is_recorded_and_how_to_use_ones_rights(
    client, coordinator, case_a, settings
):
    settings.CASE_RETENTION_YEARS = 7
    settings.PRIVACY_CONTACT = {
        "name": "Team Privacy",
        "address": "Postbus 1, 3000 AA Rotterdam",
        "email": "privacy@gemeente.example",
    }
    client.force_login(coordinator)
    text = letter_text(client.get(f"/casussen/{case_a.pk}/informatiebrief.pdf"))
    for words in (
        "Wat is de persoonsgerichte aanpak?",
        "Welke gegevens leggen we vast?",
        "nog 7 jaar",
        "Inzien.",
        "Verbeteren.",
        "Verwijderen.",
        "Bezwaar maken.",
        "privacy@gemeente.example",
        "Postbus 1, 3000 AA Rotterdam",
    ):
        assert words in text, words


def test_the_letter_holds_nothing_of_the_file_itself(client, coordinator, case_a):
    case_a.referral_reason = "Verdacht van een woninginbraak in de Tarwewijk"
    case_a.plan = "Gebiedsverbod aanvragen"
    case_a.save()
    client.force_login(coordinator)
    text = letter_text(client.get(f"/casussen/{case_a.pk}/informatiebrief.pdf"))
    assert "woninginbraak" not in text and "Gebiedsverbod" not in text
    assert case_a.youth.bsn not in text


def test_partners_get_404_for_the_letter_even_of_their_own_case(client, petra, wim, case_a):
    for user in (petra, wim):
        client.force_login(user)
        assert client.get(f"/casussen/{case_a.pk}/informatiebrief.pdf").status_code == 404


def test_every_letter_download_is_in_the_access_log(client, coordinator, petra, case_a):
    client.force_login(coordinator)
    client.get(f"/casussen/{case_a.pk}/informatiebrief.pdf")
    client.force_login(petra)
    client.get(f"/casussen/{case_a.pk}/informatiebrief.pdf")
    rows = AccessLog.objects.order_by("pk").values_list("user", "action", "result", "case_id")
    assert list(rows) == [
        (coordinator.pk, "download", "allowed", case_a.pk),
        (petra.pk, "download", "refused", case_a.pk),
    ]


def test_a_coordinator_without_a_name_or_email_still_signs(client, case_a):
    nameless = UserFactory(username="coord2", first_name="", last_name="", email="")
    from django.conf import settings as django_settings
    from django.contrib.auth.models import Group

    nameless.groups.add(Group.objects.get(name=django_settings.COORDINATORS_GROUP))
    case_a.coordinator = nameless
    case_a.save()
    client.force_login(nameless)
    text = letter_text(client.get(f"/casussen/{case_a.pk}/informatiebrief.pdf"))
    assert "coord2" in text and "contact op met mij." in text
