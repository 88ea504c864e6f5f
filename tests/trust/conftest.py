from tests.counselling.conftest import (  # noqa: F401
    centre_a,
    centre_b,
    client_of_a,
    client_of_b,
    coordinator_a,
    counsellor_a,
    counsellor_b,
    fast_password_hashing,
    network_a,
    network_b,
    programme_user,
)
