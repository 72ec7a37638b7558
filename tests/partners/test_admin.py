"""Functioneel beheer at /beheer/: the beheer role only, every model registered with its
history, and no right changed by ticking a box (tests/partners/test_rights.py)."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from cases.models import Case, District
from tests.base import PASSWORD
from tests.factories import (
    ContactFactory,
    GroupMembershipFactory,
    HouseholdMemberFactory,
    InterventionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response.url.startswith("/beheer/login/")


def test_a_partner_employee_does_not_reach_the_admin(client, petra):
    client.force_login(petra)
    response = client.get("/beheer/cases/district/")
    assert response.status_code == 302
    assert "login" in response.url
    assert not petra.is_staff


def test_beheer_reaches_reference_data_but_no_case_data(client, beheer, case_a):
    client.force_login(beheer)
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/partners/partner/").status_code == 200
    assert client.get("/beheer/cases/district/").status_code == 200
    assert client.get("/beheer/cases/case/").status_code == 403
    assert client.get(f"/beheer/cases/case/{case_a.pk}/change/").status_code == 403


def test_every_model_is_registered_with_its_history_view(client, case_a):
    InterventionFactory(case=case_a)
    ContactFactory(case=case_a)
    HouseholdMemberFactory(household=case_a.youth.household)
    GroupMembershipFactory(youth=case_a.youth)
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    superuser.groups.add(Group.objects.get(name=settings.COORDINATORS_GROUP))
    superuser.groups.add(Group.objects.get(name=settings.ADMINISTRATORS_GROUP))
    client.force_login(superuser)
    from django.apps import apps

    checked = 0
    for label in ("cases", "partners"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            assert model in admin.site._registry, model
            opts = model._meta
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            assert client.get(changelist).status_code == 200, changelist
            obj = model.objects.first()
            if obj is not None:
                history = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]
                )
                assert client.get(history).status_code == 200, history
                checked += 1
    assert checked >= 12


def test_a_superuser_is_no_coordinator_and_sees_no_case_data(client, case_a):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    # Without the beheer role, superuser opens nothing, not even beheer.
    assert client.get("/beheer/partners/partner/").status_code == 302
    superuser.groups.add(Group.objects.get(name=settings.ADMINISTRATORS_GROUP))
    assert client.get("/beheer/partners/partner/").status_code == 200
    assert client.get("/beheer/cases/case/").status_code == 403
    assert (
        client.get(f"/beheer/cases/contact/{ContactFactory(case=case_a).pk}/history/").status_code
        == 403
    )


def test_case_data_is_read_only_even_for_a_superuser_coordinator(client, case_a):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    superuser.groups.add(Group.objects.get(name=settings.COORDINATORS_GROUP))
    superuser.groups.add(Group.objects.get(name=settings.ADMINISTRATORS_GROUP))
    client.force_login(superuser)
    assert client.get(f"/beheer/cases/case/{case_a.pk}/change/").status_code == 200
    response = client.post(
        f"/beheer/cases/case/{case_a.pk}/change/", {"priority_rationale": "gewijzigd"}
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case_a.pk).priority_rationale == "Testcasus"


def test_a_partner_employee_marked_staff_still_does_not_reach_the_admin(client, petra):
    petra.is_staff = True
    petra.save()
    client.force_login(petra)
    response = client.get("/beheer/partners/partner/")
    assert response.status_code == 302 and "login" in response.url


def test_the_organisation_cannot_be_changed_by_editing_the_membership(
    client, beheer, wim, personas
):
    client.force_login(beheer)
    membership = wim.membership
    response = client.post(
        f"/beheer/partners/membership/{membership.pk}/change/",
        {
            "user": wim.pk,
            "partner": personas.politie.pk,
            "role": "medewerker",
            "job_title": "Huismeester",
            "phone": "",
        },
    )
    assert response.status_code == 302, response.content[:300]
    membership.refresh_from_db()
    assert membership.partner == personas.woningcorporatie  # a right: via the rechtenlog
    assert membership.job_title == "Huismeester"  # the rest is ordinary maintenance
    assert membership.history.first().history_user == beheer
    assert set(wim.groups.values_list("name", flat=True)) == {"Ketenpartner: Woningstichting Test"}


def test_beheer_cannot_tick_a_right_on_an_account(client, beheer, wim):
    client.force_login(beheer)
    page = client.get(f"/beheer/auth/user/{wim.pk}/change/").content.decode()
    for field in ("is_superuser", "is_staff", "is_active", "groups", "user_permissions"):
        assert f'name="{field}"' not in page, field
    assert "Rechtenwijziging voorstellen" in page


def test_the_admin_speaks_dutch(client, beheer):
    client.force_login(beheer)
    page = client.get("/beheer/").content.decode()
    assert "functioneel beheer" in page
    assert "Gebieden" in page
    assert District.objects.exists()


def test_beheer_logs_in_to_the_admin_with_a_password(client, beheer):
    response = client.post(
        "/beheer/login/?next=/beheer/", {"username": "bert", "password": PASSWORD}
    )
    assert response.status_code == 302 and response.url == "/beheer/"
