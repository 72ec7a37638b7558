"""The proportionaliteitstoets and the afschalen facts (issue 18, points 3 and 4): every active
involvement is decided on with a reason, lowering and ending happen in the same step or not
at all, overdue toetsen show for coordinators only, and the facts are facts, never a score."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from cases.casefile.services import change_status, record_assessment
from cases.models import (
    AgreementStatus,
    Case,
    CaseStatus,
    ClosureReason,
    InterventionStatus,
    InvolvementDecision,
    ProportionalityReview,
)
from cases.privacy.retention import purge_case
from cases.proportionality.facts import scale_down_facts
from cases.proportionality.toetsing import record_toets
from partners.models import PartnerKind
from tests.base import involve, job_result
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    ContactFactory,
    InterventionFactory,
    PartnerFactory,
    assessment_domains,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def wijkteam(personas, case_a):
    """A second partner in case A, at the 'dat' level."""
    partner = PartnerFactory(name="Wijkteam Zuid", kind=PartnerKind.WIJKTEAM)
    involve(case_a, partner, by=personas.coordinator, information_level="dat", level_reason="")
    return partner


def involvement_of(case, partner):
    return case.involvements.get(partner=partner, ended_on__isnull=True)


def toets(case, by, decisions, **answers):
    return record_toets(
        case,
        by=by,
        **{
            "reviewed_on": TODAY,
            "meets_criteria": True,
            "adds_value": True,
            "scale_down_possible": False,
            "reason": "Nog steeds overlast en schoolverzuim.",
            "decisions": decisions,
            **answers,
        },
    )


# The service ---------------------------------------------------------------------------


def test_a_toets_records_the_answers_a_decision_per_involvement_and_the_next_due_date(
    personas, case_a, wijkteam
):
    politie = involvement_of(case_a, personas.politie)
    dat = involvement_of(case_a, wijkteam)
    review = toets(
        case_a,
        personas.coordinator,
        {politie: ("behouden", "Wijkagent kent de groep"), dat: ("behouden", "Gezin in beeld")},
    )
    assert review.next_due_on == TODAY + timedelta(days=91) == Case.objects.get().next_toets_on
    assert sorted(review.decisions.values_list("choice", "reason")) == [
        ("behouden", "Gezin in beeld"),
        ("behouden", "Wijkagent kent de groep"),
    ]
    assert review.history.get().history_change_reason == "Proportionaliteitstoets vastgelegd"
    assert InvolvementDecision.history.count() == 2


def test_lowering_and_ending_happen_in_the_same_step_with_the_toets_in_the_history(
    client, personas, case_a, wijkteam
):
    politie = involvement_of(case_a, personas.politie)
    dat = involvement_of(case_a, wijkteam)
    toets(
        case_a,
        personas.coordinator,
        {politie: ("verlagen", "Alleen nog signalen"), dat: ("beeindigen", "Gezin heeft hulp")},
    )
    politie.refresh_from_db()
    dat.refresh_from_db()
    assert politie.information_level == "dat" and politie.ended_on is None
    assert dat.ended_on == TODAY
    day = f"{TODAY:%d-%m-%Y}"
    assert politie.history.first().history_change_reason == (
        f"Informatieniveau gewijzigd naar Dat-informatie: dat de casus er is en wie betrokken "
        f"is: Proportionaliteitstoets van {day}: Alleen nog signalen"
    )
    assert dat.end_reason == f"Proportionaliteitstoets van {day}: Gezin heeft hulp"


def test_every_active_involvement_needs_a_decision_with_a_reason(personas, case_a, wijkteam):
    politie = involvement_of(case_a, personas.politie)
    dat = involvement_of(case_a, wijkteam)
    with pytest.raises(ValidationError) as refused:
        toets(case_a, personas.coordinator, {politie: ("behouden", "  ")})
    assert refused.value.message_dict == {
        f"reason_{politie.pk}": ["Leg uit waarom Politie Rotterdam betrokken blijft."],
        f"choice_{dat.pk}": ["Kies wat er met de betrokkenheid van Wijkteam Zuid gebeurt."],
        f"reason_{dat.pk}": ["Geef een reden voor het besluit over Wijkteam Zuid."],
    }
    assert not ProportionalityReview.objects.exists()


def test_only_a_wat_involvement_can_be_lowered(personas, case_a, wijkteam):
    politie = involvement_of(case_a, personas.politie)
    dat = involvement_of(case_a, wijkteam)
    with pytest.raises(ValidationError) as refused:
        toets(case_a, personas.coordinator, {politie: ("behouden", "Ja"), dat: ("verlagen", "X")})
    assert refused.value.message_dict == {
        f"choice_{dat.pk}": [
            "Wijkteam Zuid krijgt al alleen dat-informatie: kies behouden of beëindigen."
        ]
    }


def test_one_wrong_decision_saves_nothing_not_even_the_ending_of_another(
    personas, case_a, wijkteam
):
    politie = involvement_of(case_a, personas.politie)
    dat = involvement_of(case_a, wijkteam)
    before = case_a.next_toets_on
    with pytest.raises(ValidationError):
        toets(
            case_a,
            personas.coordinator,
            {politie: ("beeindigen", "Klaar"), dat: ("verlagen", "Kan niet")},
        )
    politie.refresh_from_db()
    assert politie.is_active and politie.history.count() == 1
    assert not ProportionalityReview.objects.exists() and not InvolvementDecision.objects.exists()
    assert Case.objects.get().next_toets_on == before


def test_the_next_toets_falls_at_the_review_when_that_comes_first(personas, case_a):
    case_a.next_review_on = TODAY + timedelta(days=30)
    case_a.save()
    politie = involvement_of(case_a, personas.politie)
    review = toets(case_a, personas.coordinator, {politie: ("behouden", "Nodig")})
    assert review.next_due_on == case_a.next_toets_on == TODAY + timedelta(days=30)
    # A review on the toets's own day (or before) is past: the interval counts.
    case_a.next_review_on = TODAY
    case_a.save()
    review = toets(case_a, personas.coordinator, {politie: ("behouden", "Nodig")})
    assert review.next_due_on == TODAY + timedelta(days=91)


def test_a_case_that_becomes_active_gets_its_first_toets_due(personas):
    case = CaseFactory(status=CaseStatus.SCREENING, started_on=None, informed_on=TODAY)
    change_status(case, CaseStatus.ACTIEF, by=personas.coordinator, reason="Opgenomen")
    assert case.next_toets_on == TODAY + timedelta(days=91) == case.next_review_on


def test_a_toets_cannot_predate_the_previous_one_nor_concern_a_closed_case(personas, case_a):
    politie = involvement_of(case_a, personas.politie)
    toets(case_a, personas.coordinator, {politie: ("behouden", "Nodig")})
    with pytest.raises(ValidationError) as refused:
        toets(
            case_a,
            personas.coordinator,
            {politie: ("behouden", "Nodig")},
            reviewed_on=TODAY - timedelta(days=3),
        )
    assert "vorige toets" in refused.value.message_dict["reviewed_on"][0]
    closed = CaseFactory(
        status=CaseStatus.AFGESLOTEN, closed_on=TODAY, closure_reason=ClosureReason.OVERIG
    )
    with pytest.raises(ValidationError, match="actief is of in nazorg"):
        toets(closed, personas.coordinator, {})


# The form --------------------------------------------------------------------------------


def post_data(case, **fields):
    return {
        "reviewed_on": f"{TODAY:%Y-%m-%d}",
        "meets_criteria": "ja",
        "adds_value": "ja",
        "scale_down_possible": "nee",
        "reason": "Nog steeds nodig.",
        **fields,
    }


def test_the_form_puts_each_error_next_to_its_field_and_keeps_what_was_typed(
    client, personas, case_a, wijkteam
):
    politie = involvement_of(case_a, personas.politie)
    dat = involvement_of(case_a, wijkteam)
    client.force_login(personas.coordinator)
    data = post_data(case_a, adds_value="", reason="Mijn onderbouwing blijft staan")
    data.update({f"choice_{politie.pk}": "behouden", f"reason_{dat.pk}": "Getypte reden"})
    response = client.post(f"/casussen/{case_a.pk}/toets/nieuw/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "adds_value": ["Beantwoord deze vraag met ja of nee."],
        f"reason_{politie.pk}": ["Leg uit waarom Politie Rotterdam betrokken blijft."],
        f"choice_{dat.pk}": ["Kies wat er met de betrokkenheid van Wijkteam Zuid gebeurt."],
    }
    page = response.content.decode()
    assert "data-error-summary" in page and f'href="#id_choice_{dat.pk}_0"' in page
    assert "Mijn onderbouwing blijft staan" in page and "Getypte reden" in page
    assert re.search(rf'<input[^>]*name="choice_{politie.pk}" value="behouden"[^>]*checked', page)
    assert not ProportionalityReview.objects.exists()


def test_the_form_offers_lowering_only_for_a_wat_involvement(client, personas, case_a, wijkteam):
    client.force_login(personas.coordinator)
    page = client.get(f"/casussen/{case_a.pk}/toets/nieuw/").content.decode()
    politie = involvement_of(case_a, personas.politie)
    dat = involvement_of(case_a, wijkteam)
    assert f'name="choice_{politie.pk}" value="verlagen"' in page
    assert f'name="choice_{dat.pk}" value="verlagen"' not in page
    assert f'name="choice_{dat.pk}" value="beeindigen"' in page


def test_a_valid_form_records_the_toets_and_ends_what_it_ends(client, personas, case_a, wijkteam):
    politie = involvement_of(case_a, personas.politie)
    dat = involvement_of(case_a, wijkteam)
    client.force_login(personas.coordinator)
    data = post_data(case_a)
    data.update(
        {
            f"choice_{politie.pk}": "behouden",
            f"reason_{politie.pk}": "Wijkagent blijft nodig",
            f"choice_{dat.pk}": "beeindigen",
            f"reason_{dat.pk}": "Wijkteam is klaar",
        }
    )
    response = client.post(f"/casussen/{case_a.pk}/toets/nieuw/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{case_a.pk}/#toetsen"
    assert ProportionalityReview.objects.get().decisions.count() == 2
    assert not involvement_of(case_a, personas.politie).ended_on
    assert not case_a.involvements.filter(partner=wijkteam, ended_on__isnull=True).exists()


def test_partners_get_a_404_on_the_toets_route(client, personas, case_a):
    client.force_login(personas.petra)
    url = f"/casussen/{case_a.pk}/toets/nieuw/"
    assert client.get(url).status_code == 404
    assert client.post(url, post_data(case_a)).status_code == 404
    assert not ProportionalityReview.objects.exists()


# The afschalen facts ------------------------------------------------------------------------


@pytest.fixture
def quiet_case(personas):
    """A case of eight months, with everything that points to afschalen."""
    case = CaseFactory(registered_on=TODAY - timedelta(days=240))
    politie, coordinator = personas.politie, personas.coordinator
    involve(case, politie, by=coordinator)
    ContactFactory(case=case, partner=politie, occurred_at=timezone.now() - timedelta(days=220))
    AgreementFactory(case=case, partner=politie, status=AgreementStatus.GEDAAN, status_on=TODAY)
    InterventionFactory(
        case=case,
        responsible_partner=politie,
        status=InterventionStatus.AFGEROND,
        started_on=case.registered_on,
        ended_on=TODAY,
    )
    first, second, third = assessment_domains()[:3]
    record_assessment(
        case, by=coordinator, assessed_on=case.registered_on, scores={first: 2, second: 3, third: 3}
    )
    record_assessment(
        case, by=coordinator, assessed_on=TODAY, scores={first: 4, second: 3, third: 4}
    )
    return case


def texts(user, case):
    return [str(fact) for fact in scale_down_facts(user, case)]


def test_each_fact_shows_with_the_data_behind_it(personas, quiet_case):
    first, _, third = assessment_domains()[:3]
    last_contact = timezone.localdate(timezone.now() - timedelta(days=220))
    assert texts(personas.coordinator, quiet_case) == [
        f"Geen contact van politie of OM in de laatste 6 maanden (laatste: {last_contact:%d-%m-%Y})",
        "Alle afspraken zijn afgerond (1)",
        "Geen lopende of voorgestelde interventies (1 afgerond of gestopt)",
        "ZRM: 2 van 3 leefgebieden verbeterd sinds de eerste meting, geen verslechterd "
        f"({quiet_case.registered_on:%d-%m-%Y} → {TODAY:%d-%m-%Y}: "
        f"{first.name} 2 → 4, {third.name} 3 → 4)",
    ]


def test_no_fact_shows_when_the_data_contradicts_it(personas, quiet_case):
    politie = personas.politie
    ContactFactory(case=quiet_case, partner=politie, occurred_at=timezone.now())
    AgreementFactory(case=quiet_case, partner=politie)
    InterventionFactory(case=quiet_case, responsible_partner=politie)  # voorgesteld
    domain = assessment_domains()[1]
    record_assessment(quiet_case, by=personas.coordinator, assessed_on=TODAY, scores={domain: 1})
    assert texts(personas.coordinator, quiet_case) == []


def test_a_young_file_without_a_plan_suggests_nothing_and_partners_get_no_facts(
    personas, quiet_case, case_a
):
    """Case A is two months old, without agreements or interventions: no police contact in
    six months and nothing running say nothing yet."""
    assert texts(personas.coordinator, case_a) == []
    assert texts(personas.petra, quiet_case) == []  # Petra's organisation is involved


# The case's Overzicht and Historie --------------------------------------------------------


def test_the_overview_lists_the_toetsen_for_the_coordinator(client, personas, case_a):
    politie = involvement_of(case_a, personas.politie)
    toets(case_a, personas.coordinator, {politie: ("behouden", "Wijkagent blijft nodig")})
    client.force_login(personas.coordinator)
    page = client.get(f"/casussen/{case_a.pk}/").content.decode()
    assert 'id="toetsen"' in page and f'Toets van <span class="nowrap">{TODAY:%d-%m-%Y}' in page
    assert "Nog steeds overlast en schoolverzuim." in page
    assert "Politie Rotterdam</strong>: blijft betrokken. Wijkagent blijft nodig" in page


def overview_queries(client, case):
    client.get(f"/casussen/{case.pk}/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/casussen/{case.pk}/")
    return len(queries), len(response.context["toets"]["history"])


def test_the_toets_history_costs_the_same_queries_for_1_and_30_toetsen(client, personas, case_a):
    politie = involvement_of(case_a, personas.politie)
    client.force_login(personas.coordinator)
    toets(case_a, personas.coordinator, {politie: ("behouden", "Nodig")})
    one = overview_queries(client, case_a)
    for _ in range(29):
        toets(case_a, personas.coordinator, {politie: ("behouden", "Nodig")})
    thirty = overview_queries(client, case_a)
    assert (one[1], thirty[1]) == (1, 30)
    assert thirty[0] == one[0]


def test_toetsen_are_in_the_coordinators_historie_in_dutch_and_not_in_a_partners(
    client, personas, case_a
):
    politie = involvement_of(case_a, personas.politie)
    toets(case_a, personas.coordinator, {politie: ("behouden", "Wijkagent blijft nodig")})
    client.force_login(personas.coordinator)
    entries = client.get(f"/casussen/{case_a.pk}/historie/").context["entries"]
    subjects = {entry.subject: entry for entry in entries}
    review = subjects[f"Proportionaliteitstoets van {TODAY:%d-%m-%Y}"]
    labels = {change.label: change.new for change in review.changes}
    assert labels["voldoet nog aan de inclusiecriteria"] == "Ja"
    assert labels["afschalen is mogelijk"] == "Nee"
    decision = next(
        e for e in entries if e.subject.startswith("Besluit in de proportionaliteitstoets")
    )
    assert {c.label: c.new for c in decision.changes}["besluit"] == "Blijft nodig"
    client.force_login(personas.petra)
    entries = client.get(f"/casussen/{case_a.pk}/historie/").context["entries"]
    assert not [e for e in entries if "toets" in (e.subject + e.reason).lower()]
    assert not [c for e in entries for c in e.changes if "toets" in c.label]


def test_the_facts_are_on_the_toets_form_and_the_overview_for_the_coordinator_only(
    client, personas, quiet_case
):
    client.force_login(personas.coordinator)
    for url in (f"/casussen/{quiet_case.pk}/toets/nieuw/", f"/casussen/{quiet_case.pk}/"):
        page = client.get(url).content.decode()
        assert "Feiten die op afschalen kunnen wijzen" in page, url
        assert "Alle afspraken zijn afgerond (1)" in page, url
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{quiet_case.pk}/").content.decode()
    assert "afschalen" not in page.lower()


# Overdue: the filter, the tile and the flag ------------------------------------------------


def overdue_case(days, **fields):
    case = CaseFactory(**fields)
    Case.objects.filter(pk=case.pk).update(next_toets_on=TODAY - timedelta(days=days))
    return case


def test_the_filter_and_the_tile_count_only_open_cases_whose_toets_is_overdue(
    client, coordinator, case_a
):
    overdue = overdue_case(1)
    overdue_case(-10)  # due in ten days
    overdue_case(
        50, status=CaseStatus.AFGESLOTEN, closed_on=TODAY, closure_reason=ClosureReason.OVERIG
    )
    client.force_login(coordinator)
    tiles = {tile["label"].replace("\u00ad", ""): tile for tile in client.get("/").context["tiles"]}
    tile = tiles["Proportionaliteitstoets verlopen"]
    assert tile["count"] == 1 and tile["url"] == "/casussen/?toets_overdue=1&coordinator=alle"
    rows = client.get(tile["url"]).context["page"].object_list
    assert [case.pk for case in rows] == [overdue.pk]


def test_a_partner_filtering_on_overdue_toetsen_finds_nothing(client, personas, case_a):
    Case.objects.filter(pk=case_a.pk).update(next_toets_on=TODAY - timedelta(days=40))
    client.force_login(personas.petra)
    assert len(client.get("/casussen/").context["page"].object_list) == 1
    response = client.get("/casussen/?toets_overdue=1")
    assert len(response.context["page"].object_list) == 0
    assert "Proportionaliteitstoets" not in response.content.decode()


def case_pages(case):
    return [
        f"/casussen/{case.pk}/",
        f"/casussen/{case.pk}/?tab=partners",
        f"/casussen/{case.pk}/historie/",
        f"/casussen/{case.pk}/interventies/nieuw/",
        f"/casussen/{case.pk}/contacten/nieuw/",
    ]


FLAG = "De proportionaliteitstoets is lang verlopen."


def test_a_long_overdue_toets_is_flagged_on_every_page_of_the_case_for_the_coordinator(
    client, personas, case_a
):
    Case.objects.filter(pk=case_a.pk).update(next_toets_on=TODAY - timedelta(days=31))
    client.force_login(personas.coordinator)
    for url in case_pages(case_a):
        page = client.get(url).content.decode()
        assert page.count(FLAG) == 1, url
        assert f'href="/casussen/{case_a.pk}/toets/nieuw/"' in page, url
    Case.objects.filter(pk=case_a.pk).update(next_toets_on=TODAY - timedelta(days=30))
    assert FLAG not in client.get(f"/casussen/{case_a.pk}/").content.decode()


def test_partners_never_see_the_flag_nor_anything_of_a_toets(client, personas, case_a):
    politie = involvement_of(case_a, personas.politie)
    toets(case_a, personas.coordinator, {politie: ("behouden", "Wijkagent blijft nodig")})
    Case.objects.filter(pk=case_a.pk).update(next_toets_on=TODAY - timedelta(days=60))
    client.force_login(personas.petra)
    for url in case_pages(case_a)[:3] + [f"/casussen/{case_a.pk}/contacten/nieuw/"]:
        page = client.get(url).content.decode()
        assert FLAG not in page, url
        assert "proportionaliteitstoets" not in page.lower(), url
        assert "Wijkagent blijft nodig" not in page, url


# The monthly PDF and the AVG export ----------------------------------------------------------


def pdf_text(content) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_monthly_pdf_holds_the_toetsen_for_the_coordinator_only(client, personas, case_a):
    politie = involvement_of(case_a, personas.politie)
    toets(case_a, personas.coordinator, {politie: ("behouden", "Wijkagent blijft nodig")})
    url = f"/casussen/{case_a.pk}/maandoverzicht/{TODAY:%Y-%m}.pdf"
    client.force_login(personas.coordinator)
    text = pdf_text(client.get(url).content)
    assert "Proportionaliteitstoetsen" in text and "Nog steeds overlast en schoolverzuim." in text
    assert "Wijkagent blijft nodig" in text
    client.force_login(personas.petra)
    text = pdf_text(client.get(url).content)
    assert "toets" not in text.lower() and "Wijkagent blijft nodig" not in text


def test_the_avg_export_holds_each_toets_and_its_decisions(client, personas, case_a):
    politie = involvement_of(case_a, personas.politie)
    toets(case_a, personas.coordinator, {politie: ("verlagen", "Alleen nog signalen")})
    client.force_login(personas.coordinator)
    response = job_result(client, f"/jongeren/{case_a.youth.pk}/inzage-export/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    [case] = json.loads(archive.read("gegevens.json"))["casussen"]
    [review] = case["proportionaliteitstoetsen"]
    assert review["reason"] == "Nog steeds overlast en schoolverzuim."
    assert "Sanne" not in review["reviewed_by"] and "sanne" not in review["reviewed_by"]
    assert [(d["organisatie"], d["choice_label"], d["reason"]) for d in review["besluiten"]] == [
        ("Politie Rotterdam", "Alleen nog dat-informatie", "Alleen nog signalen")
    ]
    text = pdf_text(archive.read("overzicht.pdf"))
    assert "Proportionaliteitstoetsen" in text and "Alleen nog signalen" in text


def test_retention_takes_the_toetsen_and_their_history_with_the_case(personas, case_a):
    politie = involvement_of(case_a, personas.politie)
    toets(case_a, personas.coordinator, {politie: ("behouden", "Wijkagent kent Testpersoon")})
    change_status(
        case_a,
        CaseStatus.AFGESLOTEN,
        by=personas.coordinator,
        reason="Doelen bereikt",
        closure_reason=ClosureReason.DOELEN_BEREIKT,
    )
    purge_case(case_a)
    assert not ProportionalityReview.history.exists()
    assert not InvolvementDecision.history.exists()


# The demo --------------------------------------------------------------------------------------


def test_the_demo_shows_toetsen_a_scaled_down_case_and_one_long_overdue_toets(settings):
    from django.core.management import call_command

    settings.DEBUG = True  # as in `make run`
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert ProportionalityReview.objects.count() >= 20
    long_overdue = [case for case in Case.objects.open() if case.toets_is_long_overdue]
    assert len(long_overdue) == 1 and long_overdue[0].status == CaseStatus.ACTIEF
    choices = set(InvolvementDecision.objects.values_list("choice", flat=True))
    assert choices == {"behouden", "verlagen", "beeindigen"}
    for review in ProportionalityReview.objects.all():
        assert review.history.get().history_date.date() == review.reviewed_on
