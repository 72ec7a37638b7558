"""A youth's address lives on the household; the one-off drops the copies registration made
and keeps the address of a youth who lives elsewhere (cases/migrations/0012)."""

import pytest
from django.utils import timezone

from tests.base import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    migrate_to_latest()


BEFORE = ("cases", "0011_archive_versions")
AFTER = ("cases", "0012_youth_address_from_household")


def test_copied_addresses_go_and_own_addresses_stay():
    apps = migrate(BEFORE)
    District = apps.get_model("cases", "District")
    Household = apps.get_model("cases", "Household")
    Youth = apps.get_model("cases", "Youth")
    charlois = District.objects.get_or_create(name="Charlois")[0]
    home = Household.objects.create(
        name="Huishouden Bakker",
        street="Pleinweg",
        house_number="12",
        postcode="3083 AB",
        city="Rotterdam",
        district=charlois,
    )
    born = timezone.localdate().replace(year=timezone.localdate().year - 16)
    copied = Youth.objects.create(
        first_name="Kevin", last_name="Bakker", date_of_birth=born, household=home,
        street="Pleinweg", house_number="12", postcode="3083 AB", city="Rotterdam",
        district=charlois,
    )  # fmt: skip
    partly = Youth.objects.create(
        first_name="Sem", last_name="Bakker", date_of_birth=born, household=home,
        city="Rotterdam", district=charlois,
    )  # fmt: skip
    elsewhere = Youth.objects.create(
        first_name="Dylan", last_name="Bakker", date_of_birth=born, household=home,
        street="Instellingslaan", house_number="1", postcode="3000 AA", city="Rotterdam",
    )  # fmt: skip
    alone = Youth.objects.create(
        first_name="Noah", last_name="Vos", date_of_birth=born, street="Kade", city="Rotterdam"
    )

    apps = migrate(AFTER)
    Youth = apps.get_model("cases", "Youth")
    fields = ("street", "house_number", "postcode", "city", "district_id")
    after = {y.pk: tuple(getattr(y, f) for f in fields) for y in Youth.objects.all()}
    assert after[copied.pk] == ("", "", "", "", None)
    assert after[partly.pk] == ("", "", "", "", None)
    assert after[elsewhere.pk] == ("Instellingslaan", "1", "3000 AA", "Rotterdam", None)
    assert after[alone.pk] == ("Kade", "", "", "Rotterdam", None)
