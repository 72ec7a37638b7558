import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission

from partners.models import Partner, PartnerKind
from partners.roles import CASE_DATA_MODELS, ensure_role_groups
from partners.services import save_partner
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_a_new_partner_gets_its_own_group(beheer):
    partner = save_partner(
        Partner(name="GGD Rotterdam", kind=PartnerKind.GGD), by=beheer, reason="Nieuw"
    )
    assert partner.group.name == "Ketenpartner: GGD Rotterdam"
    assert partner.history.get().history_user == beheer


def test_renaming_a_partner_renames_its_group_and_keeps_it(beheer):
    partner = PartnerFactory(name="Wijkteam Zuid")
    group_pk = partner.group_id
    partner.name = "Wijkteam Charlois-Zuid"
    save_partner(partner, by=beheer, reason="Naamswijziging")
    partner.group.refresh_from_db()
    assert (partner.group.pk, partner.group.name) == (
        group_pk,
        "Ketenpartner: Wijkteam Charlois-Zuid",
    )
    assert Group.objects.filter(name__startswith="Ketenpartner: Wijkteam").count() == 1


def test_only_the_coordinators_hold_model_level_case_permissions():
    ensure_role_groups()
    codenames = [f"{a}_{m}" for m in CASE_DATA_MODELS for a in ("view", "change", "add")]
    holders = set(
        Group.objects.filter(
            permissions__content_type__app_label="cases", permissions__codename__in=codenames
        ).values_list("name", flat=True)
    )
    assert holders == {settings.COORDINATORS_GROUP}


def test_role_groups_are_set_exactly_on_every_migrate():
    beheer = Group.objects.get(name=settings.ADMINISTRATORS_GROUP)
    stray = Permission.objects.get(codename="view_contact")
    beheer.permissions.add(stray)
    ensure_role_groups()
    assert not beheer.permissions.filter(pk=stray.pk).exists()
    assert beheer.permissions.filter(codename="change_partner").exists()
