"""Record keys for the cell-key method: each record its own, kept when the record changes."""

import datetime

from counselling.models import Client, Consultation

from .factory import make_client, make_consultation


def test_each_client_and_consultation_gets_its_own_record_key_in_range(network_a, centre_a):
    clients = [make_client(network_a) for _ in range(40)]
    for client in clients:
        make_consultation(client, datetime.date(2026, 3, 2), centre=centre_a)
    client_keys = set(Client.objects.values_list("record_key", flat=True))
    consultation_keys = set(Consultation.objects.values_list("record_key", flat=True))
    # 40 draws from 256 values: all equal would mean one default shared by every row.
    assert len(client_keys) > 10
    assert len(consultation_keys) > 10
    assert all(0 <= key <= 255 for key in client_keys | consultation_keys)


def test_a_record_keeps_its_key_when_it_is_changed(network_a):
    client = make_client(network_a)
    key = client.record_key
    client.birth_year = 1990
    client.save()
    client.refresh_from_db()
    assert client.record_key == key
