"""Partners (and coordinators) log contacts; the author may correct one for 24 hours."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.casefile.services import change_status
from cases.contacts.services import log_contact
from cases.models import CaseStatus, ClosureReason, Contact, ContactVisibility
from tests.base import involve
from tests.factories import ContactFactory, MembershipFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def contact_data(**overrides):
    data = {
        "occurred_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "kind": "huisbezoek",
        "with_whom": "moeder",
        "summary": "Moeder maakt zich zorgen over late thuiskomst.",
        "follow_up": "Volgende week terug",
        "visibility": "gedeeld",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.fixture
def petra_client(client, petra):
    client.force_login(petra)
    return client


def test_a_partner_logs_a_contact_for_its_own_organisation(petra_client, personas, case_a):
    response = petra_client.post(f"/casussen/{case_a.pk}/contacten/nieuw/", contact_data())
    assert response.status_code == 302
    assert response.url == f"/casussen/{case_a.pk}/?tab=contacten&opgeslagen=1"
    contact = case_a.contacts.get()
    assert (contact.partner, contact.author) == (personas.politie, personas.petra)
    row = contact.history.get()
    assert (row.history_user, row.history_change_reason) == (
        personas.petra,
        "Contactmoment vastgelegd",
    )


def test_the_contact_page_has_a_way_back_to_the_case_like_every_form_page(petra_client, case_a):
    page = petra_client.get(f"/casussen/{case_a.pk}/contacten/nieuw/").content.decode()
    actions = page.split('class="form__actions contact-form__actions"')[1].split("</div>")[0]
    assert f'<a href="{case_a.get_absolute_url()}"' in actions and ">Annuleren</a>" in actions
    # In the case's Contacten tab the case is already on the screen.
    tab = petra_client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"}).content.decode()
    assert 'id="contact-form"' in tab and ">Annuleren</a>" not in tab


def test_saved_in_place_with_htmx_the_new_contact_comes_with_a_fresh_form(petra_client, case_a):
    data = contact_data()
    response = petra_client.post(
        f"/casussen/{case_a.pk}/contacten/nieuw/", data, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    contact = case_a.contacts.get()
    assert f'id="contact-{contact.pk}"' in page and 'hx-swap-oob="afterbegin"' in page
    assert "data-draft-clear" in page  # the browser drops its draft
    assert data["submission_key"] not in page  # the next contact gets a new key
    assert "<html" not in page


def test_a_double_submit_saves_one_contact(petra_client, case_a):
    data = contact_data()
    for _ in range(2):
        response = petra_client.post(
            f"/casussen/{case_a.pk}/contacten/nieuw/", data, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
    assert case_a.contacts.count() == 1


def test_the_same_submission_key_in_the_service_gives_back_the_first_contact(personas, case_a):
    key = uuid.uuid4()
    fields = dict(
        occurred_at=timezone.now() - timedelta(hours=1),
        kind="gesprek",
        with_whom="jongere",
        summary="x",
    )
    first = log_contact(
        case_a, by=personas.petra, partner=personas.politie, submission_key=key, **fields
    )
    second = log_contact(
        case_a, by=personas.petra, partner=personas.politie, submission_key=key, **fields
    )
    assert first.pk == second.pk and Contact.objects.count() == 1


def test_an_empty_summary_gets_a_dutch_error_and_keeps_everything_else(petra_client, case_a):
    response = petra_client.post(
        f"/casussen/{case_a.pk}/contacten/nieuw/", contact_data(summary=""), HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.context["form"].errors["summary"] == ["Dit veld is verplicht."]
    assert "Volgende week terug" in page and 'value="huisbezoek" selected' in page
    assert "data-draft-keep" in page
    assert not case_a.contacts.exists()


def test_a_contact_in_the_future_is_refused_at_the_field(petra_client, case_a):
    later = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = petra_client.post(
        f"/casussen/{case_a.pk}/contacten/nieuw/", contact_data(occurred_at=later)
    )
    assert response.context["form"].errors["occurred_at"] == [
        "Een contactmoment kan niet in de toekomst liggen."
    ]
    assert not case_a.contacts.exists()


def test_a_contact_before_the_case_was_registered_is_refused(petra_client, case_a):
    before = (case_a.registered_on - timedelta(days=1)).strftime("%Y-%m-%dT10:00")
    response = petra_client.post(
        f"/casussen/{case_a.pk}/contacten/nieuw/", contact_data(occurred_at=before)
    )
    assert response.context["form"].errors["occurred_at"] == [
        f"Het contactmoment kan niet voor de aanmelddatum ({case_a.registered_on:%d-%m-%Y}) liggen."
    ]


def test_an_uninvolved_partner_gets_404_and_nothing_is_saved(client, wim, case_a):
    client.force_login(wim)
    response = client.post(f"/casussen/{case_a.pk}/contacten/nieuw/", contact_data())
    assert response.status_code == 404
    assert not Contact.objects.exists()


def test_no_contacts_on_a_closed_case(client, coordinator, case_a):
    change_status(
        case_a,
        CaseStatus.AFGESLOTEN,
        by=coordinator,
        reason="Klaar",
        closure_reason=ClosureReason.OVERIG,
    )
    MembershipFactory(user=coordinator, partner=PartnerFactory(kind="gemeente"))
    client.force_login(coordinator)
    response = client.post(f"/casussen/{case_a.pk}/contacten/nieuw/", contact_data())
    assert "De casus is afgesloten" in response.content.decode()
    assert not case_a.contacts.exists()


def test_a_coordinator_without_organisation_is_told_so(client, coordinator, case_a):
    client.force_login(coordinator)
    response = client.post(f"/casussen/{case_a.pk}/contacten/nieuw/", contact_data())
    assert "niet aan een organisatie gekoppeld" in response.content.decode()


def test_the_author_corrects_a_contact_within_24_hours_with_history(petra_client, personas, case_a):
    contact = ContactFactory(case=case_a, partner=personas.politie, author=personas.petra)
    url = f"/casussen/{case_a.pk}/contacten/{contact.pk}/bewerken/"
    data = contact_data(summary="Gecorrigeerd verslag", version=contact.version)
    assert petra_client.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert contact.summary == "Gecorrigeerd verslag"
    assert [row.summary for row in contact.history.order_by("history_date")][-2:] == [
        "Testgesprek",
        "Gecorrigeerd verslag",
    ]


def test_after_24_hours_a_contact_is_read_only(petra_client, personas, case_a):
    contact = ContactFactory(case=case_a, partner=personas.politie, author=personas.petra)
    Contact.objects.filter(pk=contact.pk).update(created_at=timezone.now() - timedelta(hours=25))
    response = petra_client.get(f"/casussen/{case_a.pk}/contacten/{contact.pk}/bewerken/")
    assert response.status_code == 302
    assert response.url == f"/casussen/{case_a.pk}/contacten/{contact.pk}/"
    assert "alleen-lezen" in petra_client.get(response.url).content.decode()


def test_a_colleague_cannot_correct_someone_elses_contact(client, personas, case_a):
    contact = ContactFactory(case=case_a, partner=personas.politie, author=personas.petra)
    colleague = MembershipFactory(partner=personas.politie, user=UserFactory(username="kees")).user
    client.force_login(colleague)
    client.post(
        f"/casussen/{case_a.pk}/contacten/{contact.pk}/bewerken/",
        contact_data(summary="Niet van mij"),
    )
    contact.refresh_from_db()
    assert contact.summary == "Testgesprek"


def test_coordinators_filter_contacts_on_partner_kind_and_month(client, personas, case_a):
    wijkteam = PartnerFactory(name="Wijkteam")
    involve(case_a, wijkteam, by=personas.coordinator)
    last_month = timezone.now() - timedelta(days=35)
    ContactFactory(case=case_a, partner=personas.politie, kind="straatcontact", summary="Straat")
    ContactFactory(
        case=case_a,
        partner=wijkteam,
        kind="huisbezoek",
        summary="Thuis",
        visibility=ContactVisibility.RESTRICTED,
    )
    ContactFactory(
        case=case_a,
        partner=wijkteam,
        kind="huisbezoek",
        summary="Vorige maand",
        occurred_at=last_month,
    )
    client.force_login(personas.coordinator)

    def summaries(**params):
        response = client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten", **params})
        return sorted(c.summary for c in response.context["contacts"])

    assert summaries() == ["Straat", "Thuis", "Vorige maand"]
    assert summaries(partner=wijkteam.pk) == ["Thuis", "Vorige maand"]
    assert summaries(kind="straatcontact") == ["Straat"]
    assert summaries(month=timezone.localtime(last_month).strftime("%Y-%m")) == ["Vorige maand"]


def test_the_month_filter_lists_in_words_only_months_with_contacts_the_user_may_see(
    petra_client, personas, case_a
):
    wijkteam = PartnerFactory(name="Wijkteam")
    involve(case_a, wijkteam, by=personas.coordinator)
    now = timezone.localtime()
    seen = now.replace(day=15) - timedelta(days=62)
    hidden = now.replace(day=15) - timedelta(days=31)
    ContactFactory(case=case_a, partner=personas.politie, summary="Eigen", occurred_at=seen)
    ContactFactory(
        case=case_a,
        partner=wijkteam,
        summary="Afgeschermd",
        occurred_at=hidden,
        visibility=ContactVisibility.RESTRICTED,
    )
    response = petra_client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"})
    months = dict(response.context["contact_filters"].fields["month"].choices)
    # A month holding only another organisation's restricted contact is no choice: even
    # its existence is not the partner's to know.
    assert list(months) == ["", f"{seen:%Y-%m}"]
    assert months[f"{seen:%Y-%m}"].endswith(str(seen.year))
    assert f'<option value="{seen:%Y-%m}">' in response.content.decode()
    filtered = petra_client.get(
        f"/casussen/{case_a.pk}/", {"tab": "contacten", "month": f"{hidden:%Y-%m}"}
    )
    assert filtered.context["contact_filters"].errors["month"]
    assert [c.summary for c in filtered.context["contacts"]] == ["Eigen"]


def test_the_contacts_tab_costs_the_same_queries_for_1_and_30_contacts(client, personas, case_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas.coordinator)
    ContactFactory(case=case_a, partner=personas.politie)
    client.get("/casussen/")  # the session is renewed at most once a minute: not in the count

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"})
        return len(queries)

    one = count()
    for _ in range(29):
        ContactFactory(case=case_a, partner=personas.politie)
    assert count() == one


def test_a_new_contact_form_defaults_to_now_and_a_fresh_key(petra_client, case_a):
    form = petra_client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"}).context["contact_form"]
    shown = form["occurred_at"].value()  # naive, in the user's (Amsterdam) time
    assert abs(shown - timezone.localtime().replace(tzinfo=None)) < timedelta(minutes=2)
    again = petra_client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"}).context[
        "contact_form"
    ]
    assert form["submission_key"].value() != again["submission_key"].value()
