from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import CaseFactory, UserFactory, district


@pytest.fixture
def marloes(db):
    """Management: aggregated figures only (Marloes, beleidsadviseur Veiligheid)."""
    user = UserFactory(username="marloes", first_name="Marloes", last_name="van Dam")
    user.groups.add(Group.objects.get(name=settings.MANAGEMENT_GROUP))
    return user


@pytest.fixture
def three_in_ijsselmonde(personas):
    """Three cases in one district: every count of them is below REPORT_MIN_CELL."""
    place = district("IJsselmonde")
    for _ in range(3):
        case = CaseFactory(registered_on=timezone.localdate() - timedelta(days=3))
        case.youth.district = place
        case.youth.save()
    return place
