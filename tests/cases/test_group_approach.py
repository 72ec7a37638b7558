"""The group approach: a group's phases and dated groepsduiding, relations and the
sociogram, insights with themes and their summary, the group plan, and need-to-know for all
of it: a partner sees only members, relations and insights of youths whose cases it may see,
and group-level texts only while it is involved in a current member's case."""

from datetime import timedelta

import pytest
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.groups.services import (
    add_group_goal,
    add_group_member,
    add_group_reading,
    add_relation,
    change_group_phase,
    record_insight,
)
from cases.models import GroupPhase, Insight, PersonRelation
from tests.base import involve, job_result
from tests.cases.test_monthly_overview_pdfs import pdf_text
from tests.factories import (
    CaseFactory,
    GroupMembershipFactory,
    HouseholdMemberFactory,
    PartnerFactory,
    ThemeFactory,
    YouthFactory,
    YouthGroupFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def group_world(personas):
    """Group 'Plein' with Kevin (case_a, politie involved) and Bilal, whose case only the
    woningcorporatie is involved in. Bilal's mother is Fatima."""
    coordinator = personas.coordinator
    group = YouthGroupFactory(name="Groep Plein")
    kevin = personas.case_a.youth
    bilal = YouthFactory(first_name="Bilal", last_name="Verborgen")
    bilal.household = HouseholdMemberFactory(first_name="Fatima", last_name="Verborgen").household
    bilal.save()
    case_b = CaseFactory(youth=bilal, coordinator=coordinator)
    involve(case_b, personas.woningcorporatie, by=coordinator)
    for youth in (kevin, bilal):
        add_group_member(
            group, youth, by=coordinator, role="meeloper", since_on=None, reason="Scan"
        )
    return group, kevin, bilal, case_b


def test_a_phase_step_has_a_date_and_a_reason_and_the_group_shows_it(client, personas, group_world):
    group, *_ = group_world
    client.force_login(personas.coordinator)
    response = client.post(
        f"/groepen/{group.pk}/fase/",
        {"phase": GroupPhase.DUIDING, "entered_on": TODAY().isoformat(), "reason": "Genoeg info"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.phase == GroupPhase.DUIDING
    step = group.phases.get()
    assert (step.reason, step.recorded_by) == ("Genoeg info", personas.coordinator)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Groepsduiding</strong> sinds" in page and "Genoeg info" in page


def test_a_phase_step_without_a_reason_or_before_the_previous_is_refused(personas, group_world):
    group, *_ = group_world
    change_group_phase(
        group, by=personas.coordinator, phase="duiding", entered_on=TODAY(), reason="Eerst"
    )
    with pytest.raises(Exception, match="Geef een reden op"):
        change_group_phase(
            group, by=personas.coordinator, phase="analyse", entered_on=TODAY(), reason=""
        )
    with pytest.raises(Exception, match="kies die dag of later"):
        change_group_phase(
            group,
            by=personas.coordinator,
            phase="analyse",
            entered_on=TODAY() - timedelta(days=3),
            reason="Te vroeg",
        )
    with pytest.raises(Exception, match="al in deze fase"):
        change_group_phase(
            group, by=personas.coordinator, phase="duiding", entered_on=TODAY(), reason="x"
        )


def test_the_groepsduiding_is_dated_entries_not_one_overwritten_text(client, personas, group_world):
    group, *_ = group_world
    add_group_reading(
        group,
        by=personas.coordinator,
        text="Eerste duiding",
        written_on=TODAY() - timedelta(days=40),
    )
    add_group_reading(group, by=personas.coordinator, text="Tweede duiding")
    client.force_login(personas.coordinator)
    page = client.get(group.get_absolute_url()).content.decode()
    assert page.index("Tweede duiding") < page.index("Eerste duiding")
    assert group.readings.count() == 2


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"other_youth": "self"}, "other_youth", "geen relatie met zichzelf"),
        ({"other_youth": "bilal", "kind": "moeder"}, "kind", "relatie met een volwassene"),
        ({}, "other_youth", "Kies één andere persoon"),
    ],
)
def test_bad_relations_get_a_dutch_message_at_the_field_and_keep_the_input(
    client, personas, group_world, data, field, message
):
    group, kevin, bilal, _ = group_world
    client.force_login(personas.coordinator)
    ids = {"self": kevin.pk, "bilal": bilal.pk}
    post = {"youth": kevin.pk, "kind": "vriend", "note": "Mijn toelichting", **data}
    if "other_youth" in post:
        post["other_youth"] = ids[post["other_youth"]]
    response = client.post(f"/groepen/{group.pk}/relaties/nieuw/", post)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "Mijn toelichting" in response.content.decode()
    assert not PersonRelation.objects.exists()


def test_a_symmetric_relation_is_recorded_once_whichever_way_round(personas, group_world):
    group, kevin, bilal, _ = group_world
    add_relation(kevin, by=personas.coordinator, kind="vriend", other_youth=bilal)
    with pytest.raises(Exception, match="al vastgelegd"):
        add_relation(bilal, by=personas.coordinator, kind="vriend", other_youth=kevin)
    # A direction matters for 'volgt': both ways are two facts.
    add_relation(kevin, by=personas.coordinator, kind="volgt", other_youth=bilal)
    add_relation(bilal, by=personas.coordinator, kind="volgt", other_youth=kevin)
    assert PersonRelation.objects.count() == 3


def test_an_insight_without_kind_or_source_and_a_retired_theme_are_refused_in_dutch(
    client, personas, group_world
):
    group, kevin, *_ = group_world
    retired = ThemeFactory(name="Oud thema", is_active=False)
    client.force_login(personas.coordinator)
    url = f"/groepen/{group.pk}/inzichten/nieuw/"
    response = client.post(url, {"about": f"y{kevin.pk}", "statement": "Wil erbij horen"})
    errors = response.context["form"].errors
    assert errors["kind"] == ["Kies wat voor inzicht het is."]
    assert errors["source"] == ["Kies de bron van het inzicht."]
    assert "Wil erbij horen" in response.content.decode()
    response = client.post(
        url,
        {
            "about": f"y{kevin.pk}",
            "kind": "drijfveer",
            "source": "gesprek",
            "statement": "Wil erbij horen",
            "noted_on": TODAY().isoformat(),
            "themes": [retired.pk],
        },
    )
    assert "door functioneel beheer ingetrokken" in " ".join(
        response.context["form"].errors["themes"]
    )
    assert not Insight.objects.exists()


def test_the_case_page_shows_insights_grouped_by_kind_and_the_household_what_mother_needs(
    client, personas, group_world
):
    group, kevin, *_ = group_world
    mother = HouseholdMemberFactory(household=kevin.household, first_name="Samira")
    coordinator = personas.coordinator
    record_insight(
        by=coordinator,
        kind="barriere",
        source="gesprek",
        statement="Schulden bij oudere jongens",
        youth=kevin,
    )
    record_insight(
        by=coordinator, kind="drijfveer", source="onderzoek", statement="Status telt", youth=kevin
    )
    record_insight(
        by=coordinator, kind="gemis", source="onderzoek", statement="Mist steun bij opvoeding",
        youth=kevin, household_member=mother,
    )  # fmt: skip
    client.force_login(personas.petra)
    page = client.get(personas.case_a.get_absolute_url()).content.decode()
    assert (
        page.index("<h4>Drijfveer</h4>")
        < page.index("<h4>Barrière</h4>")
        < page.index("<h4>Gemis</h4>")
    )
    household = client.get(f"/huishoudens/{kevin.household_id}/").content.decode()
    assert "Mist steun bij opvoeding" in household and "Status telt" not in household


def test_a_partner_sees_only_members_relations_and_insights_of_cases_it_may_see(
    client, personas, group_world
):
    group, kevin, bilal, _ = group_world
    coordinator = personas.coordinator
    school = ThemeFactory(name="School")
    add_relation(kevin, by=coordinator, kind="invloed", other_youth=bilal, note="GEHEIM-RELATIE")
    add_relation(kevin, by=coordinator, kind="buurtfiguur", other_person="Rachid, kapper")
    fatima = bilal.household.members.get()
    add_relation(bilal, by=coordinator, kind="moeder", adult=fatima)
    record_insight(
        by=coordinator,
        kind="barriere",
        source="gesprek",
        statement="Kevin-inzicht",
        youth=kevin,
        themes=[school],
    )
    hidden = record_insight(
        by=coordinator, kind="barriere", source="gesprek", statement="GEHEIM-INZICHT",
        youth=bilal, themes=[school],
    )  # fmt: skip
    record_insight(
        by=coordinator, kind="gemis", source="onderzoek", statement="GEHEIM-MOEDER",
        youth=bilal, household_member=fatima, themes=[school],
    )  # fmt: skip
    add_group_goal(group, by=coordinator, target="Doel van de groep", insights=[hidden])

    client.force_login(personas.coordinator)
    page = client.get(group.get_absolute_url())
    assert "Bilal" in page.content.decode() and "GEHEIM-RELATIE" in page.content.decode()
    coordinator_row = next(r for r in page.context["theme_rows"] if r.theme == "School")
    assert coordinator_row.youths["barriere"] == 2 and coordinator_row.key_figures == 1

    client.force_login(personas.petra)
    response = client.get(group.get_absolute_url())
    text = response.content.decode()
    for secret in ("Bilal", "Verborgen", "Fatima", "GEHEIM"):
        assert secret not in text, secret
    assert "Rachid, kapper" in text  # Kevin's own relation to an adult follows his case
    assert [r.other_label for r in response.context["sociogram"].relations] == ["Rachid, kapper"]
    row = next(r for r in response.context["theme_rows"] if r.theme == "School")
    assert row.youths["barriere"] == 1 and row.key_figures == 0
    assert "Doel van de groep" in text  # group-level plan, without the hidden insight
    for url in (
        f"/groepen/{group.pk}/historie/",
        f"/groepen/{group.pk}/maandoverzicht/{TODAY():%Y-%m}.pdf",
        f"/casussen/{personas.case_a.pk}/historie/",
    ):
        # The group's PDF is a background job (cases/groups/jobs.py): its result is read.
        response = job_result(client, url) if url.endswith(".pdf") else client.get(url)
        assert response.status_code == 200, url
        body = pdf_text(response) if url.endswith(".pdf") else response.content.decode()
        for secret in ("Bilal", "Verborgen", "Fatima", "GEHEIM"):
            assert secret not in body, (url, secret)


def test_group_texts_are_for_partners_of_current_members_only(client, personas, group_world):
    group, kevin, *_ = group_world
    add_group_reading(group, by=personas.coordinator, text="DUIDING-VAN-NU")
    client.force_login(personas.petra)
    assert "DUIDING-VAN-NU" in client.get(group.get_absolute_url()).content.decode()
    membership = group.memberships.get(youth=kevin)
    membership.until_on = TODAY()
    membership.save()
    page = client.get(group.get_absolute_url())
    assert page.status_code == 200  # Kevin's own membership history stays in view
    assert "DUIDING-VAN-NU" not in page.content.decode()
    assert "partners van de huidige leden" in page.content.decode()


def test_a_coordinator_is_warned_when_a_group_text_names_a_hidden_member(
    client, personas, group_world
):
    group, *_ = group_world
    client.force_login(personas.coordinator)
    url = f"/groepen/{group.pk}/groepsduiding/nieuw/"
    data = {
        "written_on": TODAY().isoformat(),
        "text": "Bilal is de aanstichter; moeder Fatima weet ervan",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["names_checked"])
    assert "‘Bilal’" in error and "‘Fatima’" in error
    assert "Bilal is de aanstichter" in response.content.decode()  # nothing lost
    assert not group.readings.exists()
    # Ticking the box in advance lets nothing through: it counts for the names it warned of.
    response = client.post(url, {**data, "names_checked": "on"})
    assert response.status_code == 200 and not group.readings.exists()
    seen = response.context["form"].data["names_seen"]
    kevin = group_world[1]
    text = f"Bilal en {kevin.first_name}"
    other = {**data, "text": text, "names_seen": seen, "names_checked": "on"}
    assert client.post(url, other).status_code == 200  # Kevin was not in the warning
    response = client.post(url, {**data, "names_seen": seen, "names_checked": "on"})
    assert response.status_code == 302 and group.readings.count() == 1
    # A text without names is saved at once.
    response = client.post(url, {"written_on": data["written_on"], "text": "Een rustige week"})
    assert response.status_code == 302


def test_history_of_the_group_and_of_the_members_case_in_dutch(client, personas, group_world):
    group, kevin, bilal, _ = group_world
    coordinator = personas.coordinator
    add_relation(kevin, by=coordinator, kind="broer", other_youth=bilal, reason="Uit de scan")
    record_insight(
        by=coordinator, kind="drijfveer", source="gesprek", statement="Status", youth=kevin
    )
    change_group_phase(group, by=coordinator, phase="duiding", entered_on=TODAY(), reason="Door")
    client.force_login(coordinator)
    group_page = client.get(f"/groepen/{group.pk}/historie/")
    subjects = {e.subject for e in group_page.context["entries"]}
    assert {"Fase", "Relatie", "Inzicht"} <= subjects
    case_page = client.get(f"/casussen/{personas.case_a.pk}/historie/")
    subjects = [e.subject for e in case_page.context["entries"]]
    assert "Inzicht (drijfveer)" in subjects
    assert any(s.startswith("Relatie ") and "Bilal" in s for s in subjects)


def test_the_group_page_costs_the_same_queries_for_a_small_and_a_big_group(client, personas):
    coordinator = personas.coordinator
    theme = ThemeFactory(name="Geld")

    def build(size):
        group = YouthGroupFactory()
        youths = [GroupMembershipFactory(youth_group=group).youth for _ in range(size)]
        for youth in youths:
            CaseFactory(youth=youth, coordinator=coordinator)
            record_insight(
                by=coordinator,
                kind="drijfveer",
                source="gesprek",
                statement="x",
                youth=youth,
                themes=[theme],
            )
        for a, b in zip(youths, youths[1:], strict=False):
            add_relation(a, by=coordinator, kind="vriend", other_youth=b)
        record_insight(
            by=coordinator,
            kind="behoefte",
            source="onderzoek",
            statement="g",
            youth_group=group,
            themes=[theme],
        )
        add_group_goal(group, by=coordinator, target="Doel", themes=[theme])
        return group

    from django.db import connection

    client.force_login(coordinator)
    counts = []
    for group in (build(1), build(12)):
        url = group.get_absolute_url()
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_group_agreement_is_made_with_an_involved_partner_and_done_from_mijn_afspraken(
    client, personas, group_world
):
    group, *_ = group_world
    client.force_login(personas.coordinator)
    url = f"/groepen/{group.pk}/afspraken/nieuw/"
    due = (TODAY() + timedelta(days=14)).isoformat()
    data = {"description": "Moederbijeenkomst plannen", "due_on": due}
    other = PartnerFactory(name="Niet betrokken")
    response = client.post(url, {**data, "partner": other.pk})
    assert response.status_code == 200 and "partner" in response.context["form"].errors
    response = client.post(url, {**data, "partner": personas.politie.pk})
    assert response.status_code == 302
    agreement = group.agreements.get()
    assert agreement.case is None and agreement.history.get().history_user == personas.coordinator

    client.force_login(personas.petra)
    mine = client.get("/afspraken/").content.decode()
    assert "Moederbijeenkomst plannen" in mine and f"Groep: {group}" in mine
    response = client.post(
        f"/groepen/{group.pk}/afspraken/{agreement.pk}/afronden/",
        {"status": "gedaan", "version": agreement.version, "note": "Gepland"},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "gedaan"
    subjects = [e.subject for e in client.get(f"/groepen/{group.pk}/historie/").context["entries"]]
    assert "Afspraak met Politie Rotterdam" in subjects


def test_a_groepsoverleg_discusses_the_group_as_one_item(client, personas, group_world):
    from cases.meetings.services import add_agenda_item, invite_partner, plan_meeting

    group, kevin, bilal, case_b = group_world
    coordinator = personas.coordinator
    meeting = plan_meeting(
        by=coordinator,
        kind="groep",
        youth_group=group,
        starts_at=timezone.now() + timedelta(days=2),
        group_question="Werkt de moederbijeenkomst?",
    )
    item = add_agenda_item(meeting, personas.case_a, by=coordinator, question="Hoe gaat het?")
    invite_partner(item, personas.politie, by=coordinator, reason="Wijkagent")
    client.force_login(coordinator)
    response = client.post(
        f"/overleggen/{meeting.pk}/groep/verslag/",
        {"group_minutes": "De tafel is positief.", "version": meeting.version},
    )
    assert response.status_code == 302
    client.force_login(personas.petra)
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert page.index("De groep als geheel") < page.index("Hoe gaat het?")
    assert "Werkt de moederbijeenkomst?" in page and "De tafel is positief." in page
    assert "Werkt de moederbijeenkomst?" in pdf_text(
        client.get(f"/overleggen/{meeting.pk}/agenda.pdf")
    )
    # Once Kevin has left the group, politie no longer reads the group's own item.
    membership = group.memberships.get(youth=kevin)
    membership.until_on = TODAY()
    membership.save()
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert "Werkt de moederbijeenkomst?" not in page and "Hoe gaat het?" in page


def test_the_monthly_batch_archives_each_groups_overview_for_coordinators_only(
    client, personas, group_world
):
    from cases.months import Month
    from cases.overviews.batch import jobs_for, run

    group, *_ = group_world
    month = Month.current()
    jobs = [job for job in jobs_for(month) if job.kind == "groep"]
    assert [job.pk for job in jobs] == [group.pk]
    stored, failures = run(jobs, by=personas.coordinator)
    assert failures == [] and stored[0].youth_group == group
    assert {c.pk for c in stored[0].listed_cases.all()} == {c.pk for c in group_world[3:4]} | {
        personas.case_a.pk
    }
    assert [job for job in jobs_for(month) if job.kind == "groep"] == []  # done: not again
    url = f"/groepen/{group.pk}/maandoverzichten/{stored[0].pk}/"
    client.force_login(personas.coordinator)
    assert client.get(group.get_absolute_url()).content.decode().count(url) == 1
    assert client.get(url)["Content-Type"] == "application/pdf"
    client.force_login(personas.petra)
    assert client.get(url).status_code == 404


def test_a_relation_to_a_hidden_members_mother_is_not_shown_to_the_partner(
    client, personas, group_world
):
    group, kevin, bilal, _ = group_world
    fatima = bilal.household.members.get()
    add_relation(kevin, by=personas.coordinator, kind="buurtfiguur", adult=fatima)
    client.force_login(personas.petra)
    for url in (group.get_absolute_url(), f"/groepen/{group.pk}/historie/",
                f"/casussen/{personas.case_a.pk}/historie/"):  # fmt: skip
        text = client.get(url).content.decode()
        assert "Fatima" not in text and "Verborgen" not in text, url
    client.force_login(personas.coordinator)
    assert "Fatima" in client.get(group.get_absolute_url()).content.decode()


def test_a_former_members_partner_reads_no_phase_or_its_reason(client, personas, group_world):
    group, kevin, *_ = group_world
    change_group_phase(group, by=personas.coordinator, phase="duiding", entered_on=TODAY(),
                       reason="FASE-REDEN")  # fmt: skip
    membership = group.memberships.get(youth=kevin)
    membership.until_on = TODAY()
    membership.save()
    client.force_login(personas.petra)
    for url in (
        f"/groepen/{group.pk}/historie/",
        f"/groepen/{group.pk}/maandoverzicht/{TODAY():%Y-%m}.pdf",
    ):
        response = job_result(client, url) if url.endswith(".pdf") else client.get(url)
        text = pdf_text(response) if url.endswith(".pdf") else response.content.decode()
        assert "FASE-REDEN" not in text and "Groepsduiding" not in text, url


def test_an_insight_stays_with_the_case_it_was_recorded_in(client, personas, group_world):
    _, kevin, *_ = group_world
    old_case = CaseFactory(youth=kevin, coordinator=personas.coordinator,
                           registered_on=personas.case_a.registered_on - timedelta(days=400))  # fmt: skip
    record_insight(by=personas.coordinator, kind="barriere", source="gesprek",
                   statement="OUDE-CASUS-INZICHT", case=old_case)  # fmt: skip
    client.force_login(personas.petra)
    assert client.get(f"/casussen/{old_case.pk}/").status_code == 404
    for url in (personas.case_a.get_absolute_url(), f"/casussen/{personas.case_a.pk}/historie/"):
        assert "OUDE-CASUS-INZICHT" not in client.get(url).content.decode(), url
    client.force_login(personas.coordinator)
    assert "OUDE-CASUS-INZICHT" in client.get(old_case.get_absolute_url()).content.decode()
    assert (
        "OUDE-CASUS-INZICHT" not in client.get(personas.case_a.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    "text, found",
    [
        ("Bilals broer is de aanstichter", ["Bilal"]),
        ("BILAL niet, bilal ook niet", []),  # shouting and lower case are not names
        ("Moeder Fatimá belde", ["Fatima"]),  # accents ignored
        ("Hij hangt bij de verborgen hoek", []),
        ("Omar komt nog steeds langs", ["Omar"]),  # a former member is hidden too
    ],
)
def test_the_names_check_reads_names_as_people_write_them(personas, group_world, text, found):
    from cases.groups.names import hidden_names_in

    group, *_ = group_world
    omar = YouthFactory(first_name="Omar", last_name="Oudlid")
    CaseFactory(youth=omar, coordinator=personas.coordinator)
    GroupMembershipFactory(youth_group=group, youth=omar, until_on=TODAY())
    assert hidden_names_in(group, text) == found


def test_phase_reasons_relation_notes_and_insights_about_a_youth_are_checked_too(
    client, personas, group_world
):
    group, kevin, *_ = group_world
    client.force_login(personas.coordinator)
    response = client.post(
        f"/groepen/{group.pk}/fase/",
        {"phase": "duiding", "entered_on": TODAY().isoformat(), "reason": "Bilal stuurt de groep"},
    )
    assert "‘Bilal’" in " ".join(response.context["form"].errors["names_checked"])
    response = client.post(
        f"/groepen/{group.pk}/inzichten/nieuw/",
        {"about": f"y{kevin.pk}", "kind": "drijfveer", "source": "gesprek",
         "statement": "Wil indruk maken op Bilal", "noted_on": TODAY().isoformat()},
    )  # fmt: skip
    assert "‘Bilal’" in " ".join(response.context["form"].errors["names_checked"])
    response = client.post(
        f"/groepen/{group.pk}/relaties/nieuw/",
        {
            "youth": kevin.pk,
            "kind": "buurtfiguur",
            "other_person": "Rachid",
            "note": "Oom van Bilal",
        },
    )
    assert "‘Bilal’" in " ".join(response.context["form"].errors["names_checked"])
    assert not PersonRelation.objects.exists() and not Insight.objects.exists()


def test_editing_a_group_intervention_keeps_links_the_form_does_not_offer(
    client, personas, group_world
):
    from cases.groups.services import add_group_intervention

    group, kevin, bilal, _ = group_world
    insight = record_insight(by=personas.coordinator, kind="barriere", source="gesprek",
                             statement="Schulden", youth=bilal)  # fmt: skip
    intervention = add_group_intervention(
        group, by=personas.coordinator, kind="jongerenwerk", description="Voetbal",
        responsible_partner=personas.politie, insights=[insight],
    )  # fmt: skip
    group.memberships.filter(youth=bilal).update(until_on=TODAY())  # Bilal has left
    client.force_login(personas.coordinator)
    response = client.post(
        f"/groepen/{group.pk}/interventies/{intervention.pk}/bewerken/",
        {"kind": "jongerenwerk", "description": "Voetbal op woensdag", "responsible_partner":
         personas.politie.pk, "status": "lopend", "version": intervention.version},
    )  # fmt: skip
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.description == "Voetbal op woensdag"
    assert list(intervention.insights.all()) == [insight]


def test_the_groups_historie_names_whose_membership_it_is(client, personas, group_world):
    group, *_ = group_world
    client.force_login(personas.coordinator)
    subjects = {e.subject for e in client.get(f"/groepen/{group.pk}/historie/").context["entries"]}
    assert "Lidmaatschap van Bilal Verborgen" in subjects


def test_a_wrong_insight_is_withdrawn_with_a_reason_and_stays_in_the_historie(
    client, personas, group_world
):
    coordinator = personas.coordinator
    case = personas.case_a
    insight = record_insight(by=coordinator, kind="barriere", source="gesprek",
                             statement="Klopt niet", case=case)  # fmt: skip
    url = f"/casussen/{case.pk}/inzichten/{insight.pk}/intrekken/"
    client.force_login(personas.petra)
    assert client.post(url, {"reason": "Weg ermee"}).status_code in (403, 404)
    client.force_login(coordinator)
    response = client.post(url, {"reason": ""})
    assert response.context["form"].errors["reason"] == ["Dit veld is verplicht."]
    assert client.post(url, {"reason": "Bleek onjuist"}).status_code == 302
    assert not Insight.objects.filter(pk=insight.pk).exists()
    entries = client.get(f"/casussen/{case.pk}/historie/").context["entries"]
    withdrawn = next(
        e for e in entries if e.subject == "Inzicht (barrière)" and e.action == "verwijderd"
    )
    assert withdrawn.reason == "Bleek onjuist"


def test_the_historie_shows_an_insights_themes(client, personas, group_world):
    geld, school = ThemeFactory(name="Geld"), ThemeFactory(name="School")
    record_insight(by=personas.coordinator, kind="barriere", source="gesprek",
                   statement="Schulden", case=personas.case_a, themes=[school, geld])  # fmt: skip
    client.force_login(personas.petra)
    entries = client.get(f"/casussen/{personas.case_a.pk}/historie/").context["entries"]
    entry = next(e for e in entries if e.subject == "Inzicht (barrière)")
    assert ("thema's", "Geld, School") in [(c.label, c.new) for c in entry.changes]
