"""Plain helpers that build counselling records for tests (``make_*``)."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from counselling.models import (
    Centre,
    Client,
    Consultation,
    ConsultationFormat,
    Network,
    Occupation,
    RecognitionOutcomeChange,
    Role,
    StaffRole,
    Topic,
)
from counselling.services import derive_first_consultation, record_outcome_change

_numbers = itertools.count(1)


def make_network(slug=None, **fields) -> Network:
    n = next(_numbers)
    slug = slug or f"network-{n}"
    defaults = {
        "name": f"Netzwerk {slug}",
        "short_name": f"Netzwerk {slug}",
        "kind": "regional",
        "states": "Hessen",
        "valid_from": datetime.date(2023, 1, 1),
        "valid_until": datetime.date(2028, 12, 31),
    }
    return Network.objects.create(slug=slug, **{**defaults, **fields})


def make_centre(network, name=None) -> Centre:
    return Centre.objects.create(network=network, name=name or f"Beratungsstelle {next(_numbers)}")


def make_user(role=None, *, centre=None, network=None, username=None):
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_numbers)}", password="correct horse battery staple"
    )
    if role:
        StaffRole.objects.create(user=user, role=role, centre=centre, network=network)
    return user


def make_counsellor(centre, **kwargs):
    return make_user(Role.COUNSELLOR, centre=centre, **kwargs)


def make_coordinator(network, **kwargs):
    return make_user(Role.COORDINATOR, network=network, **kwargs)


def make_programme(**kwargs):
    return make_user(Role.PROGRAMME, **kwargs)


def make_topic(code, service_line="recognition", **fields) -> Topic:
    topic, _ = Topic.objects.get_or_create(
        code=code,
        defaults={"name_de": code, "name_en": code, "service_line": service_line, **fields},
    )
    return topic


def make_occupation(code, name_de=None, regulated=False, isco="") -> Occupation:
    occupation, _ = Occupation.objects.get_or_create(
        code=code,
        defaults={
            "name_de": name_de or code,
            "name_en": code,
            "regulated": regulated,
            "isco": isco,
        },
    )
    return occupation


def make_client(network, **fields) -> Client:
    return Client.objects.create(network=network, **fields)


def _recorded_outcome(client) -> str | None:
    """The outcome last recorded for ``client`` (in the order of recording), as a service
    would find it stored before a form changed it."""
    latest = client.outcome_changes.order_by("-created_at", "-pk")
    return latest.values_list("outcome", flat=True).first()


def make_consultation(client, date, *, centre=None, topics=(), **fields) -> Consultation:
    """A consultation of ``client``; like the services, it dates the client's recognition
    outcome at it when that differs from the one recorded last (or none was recorded)."""
    centre = centre or client.network.centres.first() or make_centre(client.network)
    consultation = Consultation.objects.create(
        client=client, network=client.network, centre=centre, date=date, **fields
    )
    consultation.topics.set(topics)
    derive_first_consultation(client)
    record_outcome_change(client, _recorded_outcome(client), consultation)
    consultation.refresh_from_db()
    return consultation


def make_outcome_change(client, outcome, date, *, consultation=None, **fields):
    """Changes ``client``'s recognition outcome to ``outcome`` as of ``date``."""
    client.recognition_outcome = outcome
    client.save()
    return RecognitionOutcomeChange.objects.create(
        client=client,
        network=client.network,
        outcome=outcome,
        date=date,
        consultation=consultation,
        **fields,
    )


def make_group_session(centre, date, participants, *, topics=(), **fields) -> Consultation:
    session = Consultation.objects.create(
        network=centre.network,
        centre=centre,
        date=date,
        format=ConsultationFormat.GROUP,
        participants=participants,
        **fields,
    )
    session.topics.set(topics)
    return session


def make_employer_consultation(centre, date, *, topics=(), **fields) -> Consultation:
    consultation = Consultation.objects.create(
        network=centre.network,
        centre=centre,
        date=date,
        format=ConsultationFormat.EMPLOYER,
        service_line="employers",
        **fields,
    )
    consultation.topics.set(topics)
    return consultation
