import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture
def marloes(db):
    """Management: aggregated figures only (Marloes, beleidsadviseur Veiligheid)."""
    user = UserFactory(username="marloes", first_name="Marloes", last_name="van Dam")
    user.groups.add(Group.objects.get(name=settings.MANAGEMENT_GROUP))
    return user
