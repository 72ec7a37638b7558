import pytest

from tests.base import make_personas


@pytest.fixture
def personas(db):
    return make_personas()


@pytest.fixture
def coordinator(personas):
    return personas.coordinator


@pytest.fixture
def petra(personas):
    return personas.petra


@pytest.fixture
def wim(personas):
    return personas.wim


@pytest.fixture
def beheer(personas):
    return personas.beheer


@pytest.fixture
def case_a(personas):
    return personas.case_a
