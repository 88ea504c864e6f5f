import pytest

from tests.counselling.factory import (
    make_centre,
    make_client,
    make_coordinator,
    make_counsellor,
    make_network,
    make_programme,
    make_user,
)


@pytest.fixture
def network_a(db):
    return make_network("netz-a", short_name="Netzwerk A")


@pytest.fixture
def network_b(db):
    return make_network("netz-b", short_name="Netzwerk B", states="Sachsen")


@pytest.fixture
def centre_a(network_a):
    return make_centre(network_a, "Beratungsstelle A")


@pytest.fixture
def centre_b(network_b):
    return make_centre(network_b, "Beratungsstelle B")


@pytest.fixture
def counsellor_a(centre_a):
    return make_counsellor(centre_a, username="counsellor_a")


@pytest.fixture
def counsellor_b(centre_b):
    return make_counsellor(centre_b, username="counsellor_b")


@pytest.fixture
def coordinator_a(network_a):
    return make_coordinator(network_a, username="coordinator_a")


@pytest.fixture
def programme_user(db):
    return make_programme(username="programme")


@pytest.fixture
def roleless_user(db):
    return make_user(username="nobody")


@pytest.fixture
def client_of_a(network_a, centre_a):
    return make_client(network_a, nationality="SY", birth_year=1990)


@pytest.fixture
def client_of_b(network_b, centre_b):
    return make_client(network_b, nationality="UA", birth_year=1985)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
