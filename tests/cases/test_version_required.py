"""No lost update by leaving a field out: a post without a (valid) version is refused like a
stale one, keeps what was typed, and moves the form onto the current version."""

import pytest

from cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def case_form_data(client, case, **changes):
    form = client.get(f"/casussen/{case.pk}/bewerken/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return data


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "1.5", "99999999999999999999"])
def test_a_missing_or_malformed_version_is_refused_and_keeps_the_input(sanne, case_a, version):
    data = case_form_data(sanne, case_a, plan="Mijn nieuwe plan")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    response = sanne.post(f"/casussen/{case_a.pk}/bewerken/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "niet mee welke versie" in " ".join(form.non_field_errors())
    assert "Mijn nieuwe plan" in response.content.decode()
    assert Case.objects.get(pk=case_a.pk).plan != "Mijn nieuwe plan"
    # The form now carries the current version: saving again is a deliberate choice.
    assert form["version"].value() == case_a.version
    data["version"] = str(case_a.version)
    assert sanne.post(f"/casussen/{case_a.pk}/bewerken/", data).status_code == 302
    assert Case.objects.get(pk=case_a.pk).plan == "Mijn nieuwe plan"


def test_a_contact_correction_without_a_version_is_refused_too(client, personas, case_a):
    from tests.factories import ContactFactory

    contact = ContactFactory(case=case_a, partner=personas.politie, author=personas.petra)
    client.force_login(personas.petra)
    url = f"/casussen/{case_a.pk}/contacten/{contact.pk}/bewerken/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "version"}
    data["occurred_at"] = contact.occurred_at.astimezone().strftime("%Y-%m-%dT%H:%M")
    data["summary"] = "Gecorrigeerd"
    response = client.post(url, data)
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.summary == "Testgesprek"
