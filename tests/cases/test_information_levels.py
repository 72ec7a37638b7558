"""'Dat' before 'wat' (issue 18): a partner at the 'dat' level sees that the case exists, its
status, the youth's name and age, who is involved, and what its own organisation recorded,
nothing written by others: not on any page or PDF (found by walking the URL map), not as a
count, not through a filter or a sort. A 'wat' partner of the same case does see the texts,
so the walk can see them where they are."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.casefile.services import record_assessment, update_case
from cases.contacts.services import log_contact
from cases.meetings.services import invite_partner
from cases.models import (
    AgendaItem,
    ContactVisibility,
    Intervention,
    Involvement,
    Meeting,
)
from cases.permissions import (
    content_cases,
    visible_agreements,
    visible_cases,
    visible_contacts,
    visible_interventions,
)
from cases.plan.services import make_agreement
from cases.proportionality.services import change_information_level
from partners.models import PartnerKind
from tests.base import involve
from tests.cases.test_meeting_need_to_know import pages_of
from tests.cases.test_monthly_overview_pdfs import pdf_text
from tests.factories import (
    ContactFactory,
    InsightFactory,
    InterventionFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
    assessment_domains,
)
from tests.test_access_matrix import build_world

pytestmark = pytest.mark.django_db

SECRET = "GEHEIM"


@pytest.fixture
def leerplicht(personas):
    partner = PartnerFactory(name="Leerplicht Rotterdam", kind=PartnerKind.LEERPLICHT)
    fenna = MembershipFactory(
        user=UserFactory(username="fenna", first_name="Fenna", last_name="de Boer"),
        partner=partner,
        job_title="Leerplichtambtenaar",
    ).user
    return partner, fenna


def secret_world(personas, leerplicht):
    """Case A with texts of others in every kind of record, and Leerplicht involved at the
    'dat' level with a few records of its own."""
    objects = build_world(personas)
    case, coordinator = personas.case_a, personas.coordinator
    partner, fenna = leerplicht
    involve(
        case,
        partner,
        by=coordinator,
        legal_basis="wettelijke_taak",
        information_level="dat",
        contact_person=fenna,
    )
    update_case(
        case,
        by=coordinator,
        reason="GEHEIM-REDEN",
        plan="GEHEIM-PLAN",
        next_steps="GEHEIM-STAPPEN",
        referral_reason="GEHEIM-AANLEIDING",
        priority_rationale="GEHEIM-PRIO",
    )
    politie = case.involvements.get(partner=personas.politie)
    Involvement.objects.filter(pk=politie.pk).update(level_reason="GEHEIM-NIVEAUREDEN")
    household = case.youth.household
    household.notes = "GEHEIM-HUISHOUDEN"
    household.save()
    ContactFactory(
        case=case, partner=personas.politie, author=personas.petra, summary="GEHEIM-CONTACT"
    )
    ContactFactory(
        case=case,
        partner=personas.politie,
        author=personas.petra,
        summary="GEHEIM-BEPERKT",
        visibility=ContactVisibility.RESTRICTED,
    )
    InterventionFactory(
        case=case,
        responsible_partner=personas.politie,
        goal="GEHEIM-INTERVENTIEDOEL",
        outcome="GEHEIM-UITKOMST",
    )
    record_assessment(
        case,
        by=coordinator,
        assessed_on=timezone.localdate(),
        scores={assessment_domains()[1]: 2},
        notes="GEHEIM-ZRM",
    )
    InsightFactory(case=case, statement="GEHEIM-INZICHT")
    make_agreement(
        case,
        by=coordinator,
        description="GEHEIM-AFSPRAAK",
        partner=personas.politie,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    item = AgendaItem.objects.get(case=case)
    AgendaItem.objects.filter(pk=item.pk).update(minutes="GEHEIM-NOTULEN")
    # Leerplicht's own records: its contact (long ago), its agreement, its intervention.
    log_contact(
        case,
        by=fenna,
        partner=partner,
        occurred_at=timezone.now() - timedelta(days=60),
        kind="gesprek",
        with_whom="jongere",
        summary="EIGEN-CONTACT",
        visibility=ContactVisibility.SHARED,
    )
    make_agreement(
        case,
        by=coordinator,
        description="EIGEN-AFSPRAAK",
        partner=partner,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    InterventionFactory(case=case, responsible_partner=partner, goal="EIGEN-INTERVENTIE")
    return objects


def read_everything(client, objects, extra=()):
    """Every page and PDF the logged-in user can open: {url: text}."""
    texts = {}
    for url in sorted(set(pages_of(objects)) | set(extra)):
        response = client.get(url)
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if kind.startswith("application/pdf"):
            texts[url] = pdf_text(response)
        elif kind.startswith("text/"):
            texts[url] = response.content.decode()
    return texts


LISTS = (
    "/",
    "/casussen/",
    "/casussen/?status=alle",
    "/casussen/?sort=prioriteit",
    "/casussen/?sort=-evaluatie",
    "/afspraken/",
    "/overleggen/",
    f"/maandoverzichten/{timezone.localdate():%Y-%m}.pdf",
)


def test_a_dat_partner_reads_nothing_written_by_others_on_any_page_or_pdf(
    client, personas, leerplicht
):
    objects = secret_world(personas, leerplicht)
    case = personas.case_a
    client.force_login(leerplicht[1])
    own = Intervention.objects.get(goal="EIGEN-INTERVENTIE")
    texts = read_everything(
        client, objects, (*LISTS, f"/casussen/{case.pk}/interventies/{own.pk}/")
    )
    leaks = [
        (url, text[text.index(SECRET) - 80 :][:160])
        for url, text in texts.items()
        if SECRET in text
    ]
    assert leaks == []
    # The walk did read the case as a 'dat' partner may: the case exists, who is involved,
    # and its own records.
    page = texts[f"/casussen/{case.pk}/"]
    assert str(case.youth) in page and "dat-informatie" in page
    assert "Politie Rotterdam" in texts[f"/casussen/{case.pk}/?tab=partners"]
    assert "EIGEN-CONTACT" in texts[f"/casussen/{case.pk}/?tab=contacten"]
    assert "EIGEN-AFSPRAAK" in texts["/afspraken/"]
    assert "Leerplicht Rotterdam" in texts[f"/casussen/{case.pk}/?tab=interventies"]
    assert "EIGEN-INTERVENTIE" in texts[f"/casussen/{case.pk}/interventies/{own.pk}/"]
    other = Intervention.objects.get(goal="GEHEIM-INTERVENTIEDOEL")
    assert client.get(f"/casussen/{case.pk}/interventies/{other.pk}/").status_code == 404
    assert "EIGEN-CONTACT" in texts[f"/casussen/{case.pk}/historie/"]
    assert case.number in texts["/casussen/"]
    assert len(texts) > 15


def test_the_same_walk_finds_the_texts_for_a_wat_partner(client, personas, leerplicht):
    """The check above can fail: Petra (politie, 'wat') reads the shared texts."""
    objects = secret_world(personas, leerplicht)
    client.force_login(personas.petra)
    texts = read_everything(client, objects, LISTS)
    found = "\n".join(texts.values())
    for marker in ("GEHEIM-CONTACT", "GEHEIM-PLAN", "GEHEIM-INZICHT", "GEHEIM-NOTULEN"):
        assert marker in found, marker


def test_counts_filters_and_sorts_of_a_dat_partner_come_from_its_own_records(
    client, personas, leerplicht
):
    secret_world(personas, leerplicht)
    case = personas.case_a
    fenna = leerplicht[1]
    assert list(visible_cases(fenna)) == [case]
    assert list(content_cases(fenna)) == []
    assert [c.summary for c in visible_contacts(fenna, case)] == ["EIGEN-CONTACT"]
    assert [a.description for a in visible_agreements(fenna, case)] == ["EIGEN-AFSPRAAK"]
    assert [i.goal for i in visible_interventions(fenna, case)] == ["EIGEN-INTERVENTIE"]
    client.force_login(fenna)

    def found(query):
        return client.get(f"/casussen/?status=alle&{query}").context["page"].paginator.count

    assert found("") == 1
    # Filters on content never match a 'dat' case, whatever its priority or area.
    assert found(f"priority={case.priority}") == 0
    assert case.youth.area is not None
    assert found(f"district={case.youth.area.pk}") == 0
    # 'No contact in 30 days' counts its own contacts only: the police's of yesterday do not
    # hide that Leerplicht last saw the youth 60 days ago.
    assert found("no_contact_days=30") == 1
    # The overdue-agreement filter does not see the police's agreements.
    assert found("agreement_overdue=1") == 0
    row = client.get("/casussen/").context["page"].object_list[0]
    assert row.shows_content is False and row.access_level == "dat"
    # Petra at 'wat' does get the content filters.
    client.force_login(personas.petra)
    assert found(f"priority={case.priority}") == 1


def test_the_level_page_starts_at_the_level_the_partner_has_now(client, personas):
    """The page says "Nu: wat-informatie": the form must not have picked 'dat' already."""
    case = personas.case_a
    involvement = case.involvements.get(partner=personas.politie)
    client.force_login(personas.coordinator)
    url = f"/casussen/{case.pk}/partners/{involvement.pk}/informatieniveau/"
    for level, now in (("wat", "Nu: wat-informatie"), ("dat", "Nu: dat-informatie")):
        if involvement.information_level != level:
            change_information_level(
                involvement, by=personas.coordinator, level=level, reason="Test"
            )
        response = client.get(url)
        page = response.content.decode()
        assert now in page and response.context["form"]["level"].value() == level
        checked = re.search(r'<input[^>]*name="level"[^>]*checked[^>]*>', page)[0]
        assert f'value="{level}"' in checked


def test_lowering_the_level_takes_the_content_away_on_the_next_request(client, personas):
    case = personas.case_a
    ContactFactory(case=case, partner=PartnerFactory(), summary="GEHEIM-CONTACT")
    client.force_login(personas.petra)
    assert "GEHEIM-CONTACT" in client.get(f"/casussen/{case.pk}/?tab=contacten").content.decode()
    involvement = case.involvements.get(partner=personas.politie)
    change_information_level(
        involvement, by=personas.coordinator, level="dat", reason="Alleen nog signaleren"
    )
    page = client.get(f"/casussen/{case.pk}/?tab=contacten").content.decode()
    assert "GEHEIM-CONTACT" not in page
    assert client.get(f"/casussen/{case.pk}/?tab=huishouden").context["tab"] == "overzicht"
    assert client.get(f"/jongeren/{case.youth_id}/").status_code == 404
    month = f"{timezone.localdate():%Y-%m}"
    assert client.get(f"/casussen/{case.pk}/maandoverzicht/{month}.pdf").status_code == 404
    row = involvement.history.first()
    assert row.history_change_reason.startswith("Informatieniveau gewijzigd")
    assert row.history_user == personas.coordinator


def test_a_partner_at_the_dat_level_cannot_be_invited_to_the_table(personas, leerplicht):
    from django.core.exceptions import ValidationError

    objects = secret_world(personas, leerplicht)
    item = AgendaItem.objects.get(case=personas.case_a, meeting=objects[Meeting])
    with pytest.raises(ValidationError) as refused:
        invite_partner(item, leerplicht[0], by=personas.coordinator)
    assert "alleen dat-informatie" in str(refused.value)
