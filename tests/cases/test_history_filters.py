"""The Historie filters on kind of record and on the organisation that made the change; its
options come from the user's own timeline only, and a page takes a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.casefile.history import KIND_LABELS, sources
from cases.casefile.services import update_case
from cases.contacts.services import log_contact, update_contact
from tests.base import involve
from tests.factories import MembershipFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def history(client, case, **params):
    response = client.get(f"/casussen/{case.pk}/historie/", params)
    assert response.status_code == 200
    return response


def contact_by(user, partner, case, summary="Gesprek op straat"):
    return log_contact(
        case, by=user, partner=partner, occurred_at=timezone.now(), kind="gesprek",
        with_whom="jongere", summary=summary,
    )  # fmt: skip


def options(response, name):
    return [label for value, label in response.context["history_filters"].fields[name].choices]


def test_every_kind_the_timeline_merges_has_a_label(personas, case_a):
    for key, *_rest in sources(personas.coordinator, case_a):
        assert key in KIND_LABELS, key


def test_the_kind_filter_shows_only_that_kind(client, personas, case_a):
    contact_by(personas.petra, personas.politie, case_a)
    update_case(case_a, by=personas.coordinator, reason="Plan bijgesteld", plan="Nieuw plan")
    client.force_login(personas.coordinator)
    everything = history(client, case_a).context["entries"]
    contacts = history(client, case_a, soort="contact").context["entries"]
    assert {e.kind for e in everything} > {"contact"}
    assert contacts and {e.kind for e in contacts} == {"contact"}


def test_the_organisation_filter_shows_only_changes_made_by_that_organisation(
    client, personas, case_a
):
    contact_by(personas.petra, personas.politie, case_a)
    update_case(case_a, by=personas.coordinator, reason="Plan bijgesteld", plan="Nieuw plan")
    client.force_login(personas.coordinator)
    found = history(client, case_a, organisatie=personas.politie.pk).context["entries"]
    assert found and {e.who for e in found} == {"Petra Jansen"}
    municipal = history(client, case_a, organisatie="gemeente").context["entries"]
    assert municipal and "Petra Jansen" not in {e.who for e in municipal}


def test_a_change_filtered_by_organisation_still_shows_what_it_was_before(client, personas, case_a):
    contact = contact_by(personas.petra, personas.politie, case_a, summary="Eerste versie")
    client.force_login(personas.petra)
    update_contact(contact, by=personas.petra, summary="Tweede versie")
    client.force_login(personas.coordinator)
    found = history(client, case_a, soort="contact", organisatie=personas.politie.pk)
    changed = next(e for e in found.context["entries"] if e.action == "gewijzigd")
    summary = next(c for c in changed.changes if c.label == "samenvatting")
    assert (summary.old, summary.new) == ("Eerste versie", "Tweede versie")


def test_a_dat_partner_is_offered_only_what_its_own_timeline_holds(client, personas, case_a):
    leerplicht = PartnerFactory(name="Leerplicht Test")
    fenna = MembershipFactory(user=UserFactory(username="fenna"), partner=leerplicht).user
    involve(case_a, leerplicht, by=personas.coordinator, information_level="dat")
    contact_by(personas.petra, personas.politie, case_a)
    update_case(case_a, by=personas.coordinator, reason="Plan bijgesteld", plan="Nieuw plan")
    contact_by(fenna, leerplicht, case_a)
    client.force_login(fenna)
    response = history(client, case_a)
    assert "Politie Rotterdam" not in options(response, "organisatie")
    assert "Leerplicht Test" in options(response, "organisatie")
    assert set(options(response, "soort")) <= {"Alle", "Betrokkenheden", "Contactmomenten"}
    refused = history(client, case_a, organisatie=personas.politie.pk)
    assert "organisatie" in refused.context["history_filters"].errors


def test_empty_filters_are_left_out_of_the_address(client, personas, case_a):
    client.force_login(personas.coordinator)
    response = client.get(f"/casussen/{case_a.pk}/historie/", {"soort": "case", "organisatie": ""})
    assert response.status_code == 302
    assert response.url == f"/casussen/{case_a.pk}/historie/?soort=case"


def test_the_next_page_keeps_the_filter(client, personas, case_a):
    for n in range(30):
        update_case(case_a, by=personas.coordinator, reason=f"Wijziging {n}", plan=f"Plan {n}")
    client.force_login(personas.coordinator)
    response = history(client, case_a, soort="case")
    assert len(response.context["entries"]) == 25
    assert "?soort=case&amp;pagina=2" in response.content.decode()
    second = history(client, case_a, soort="case", pagina=2).context["entries"]
    assert second and {e.kind for e in second} == {"case"}


def test_a_filtered_page_takes_as_many_queries_for_30_entries_as_for_1(client, personas, case_a):
    def queries():
        url = f"/casussen/{case_a.pk}/historie/?soort=contact&organisatie={personas.politie.pk}"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return len(captured), len(response.context["entries"])

    contact_by(personas.petra, personas.politie, case_a)
    client.force_login(personas.coordinator)
    few = queries()
    for _ in range(29):
        contact_by(personas.petra, personas.politie, case_a)
    many = queries()
    assert (few[1], many[1]) == (1, 25)
    assert few[0] == many[0]


def test_odd_page_numbers_and_filter_values_get_a_sensible_page(client, personas, case_a):
    """The page, its count and the filter's options come from one query; a page past the
    end gives the last page, one that is not a number the first, and a filter value not
    among the options (hand-made) shows every entry with the form's error."""
    for n in range(30):
        update_case(case_a, by=personas.coordinator, reason=f"Wijziging {n}", plan=f"Plan {n}")
    client.force_login(personas.coordinator)
    first = history(client, case_a)
    total = first.context["page"].paginator.count
    assert total > 30 and first.context["page"].paginator.num_pages == 2
    last = history(client, case_a, pagina=99999999999999999999)
    assert last.context["page"].number == 2
    assert [e.reason for e in last.context["entries"]] == [
        e.reason for e in history(client, case_a, pagina=2).context["entries"]
    ]
    assert len(last.context["entries"]) == total - 25
    for odd in ("twee", "-1", "0", "%"):
        page = history(client, case_a, pagina=odd).context["page"]
        assert page.number == 1 and len(page.object_list) == 25
    other = PartnerFactory(name="Niet betrokken")
    unknown = history(client, case_a, organisatie=other.pk, soort="bestaat-niet")
    assert unknown.context["history_filters"].errors
    assert unknown.context["page"].paginator.count == total
    assert "Niet betrokken" not in options(unknown, "organisatie")


def test_a_filter_with_no_entries_on_a_later_page_says_so(client, personas, case_a):
    contact_by(personas.petra, personas.politie, case_a)
    update_case(case_a, by=personas.coordinator, reason="Plan bijgesteld", plan="Nieuw plan")
    client.force_login(personas.coordinator)
    # Both are options, but the police changed nothing of the case itself.
    response = history(client, case_a, soort="case", organisatie=personas.politie.pk, pagina=3)
    assert not response.context["history_filters"].errors
    assert response.context["page"].paginator.count == 0
    assert list(response.context["entries"]) == []
    assert "Geen wijzigingen met deze filters." in response.content.decode()
    assert "Casus" in options(response, "soort")
