"""Counselling records of the IQ networks: who counsels where, pseudonymous clients, their
consultations, and who looked at which client when.

Roles (decided here): a user's role in the counselling app is one ``StaffRole`` row.
- counsellor: works at one centre; sees and records the clients of the centre's network and
  sees that network's figures.
- coordinator: coordinates one network; sees that network's figures, no client records.
- programme: programme-wide (e.g. the Vernetzungsprojekt); sees all networks' figures in
  aggregate, every count perturbed by the cell-key method (``counselling.disclosure``) for whole
  calendar months, and no client records.
A user without a role (even a superuser) sees nothing in the app; the Django admin is apart.

Scoping lives in the QuerySets (``Client.objects.visible_to(user)``,
``Network.objects.reportable_by(user)``): views start from them, never from ``.all()``.

Erstberatung/Folgeberatung: a client belongs to one network, so a client's first individual
consultation (by date, then entry order) is its Erstberatung in that network and later ones are
Folgeberatungen. ``Consultation.is_first`` is derived by ``services`` after every write, never
typed by hand.

Recognition outcomes are dated (decided here): ``Client.recognition_outcome`` is the outcome
now, and ``RecognitionOutcomeChange`` holds one row for the outcome first recorded (dated at the
consultation that recorded it) and one for every later change (dated at the consultation at
which it was recorded). Figures of a period count from these rows, so they do not move when an
outcome changes later.

Consultations without a client record (decided here), told apart by ``format``:
- group: an information session for several people (``participants``), in any service line;
  nobody is recorded, so a group session is neither an Erst- nor a Folgeberatung.
- employer: Fachkräfteeinwanderung, a firm counselled about hiring from abroad. The client is
  a firm, not a person, so there is no ``Client`` row (that model holds people and feeds the
  people figures); always one "participant" and always the employers' service line.
Both have ``client`` and ``is_first`` None; the constraints hold the database to this.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Crockford's base32 without I, L, O, U, as for the questionnaire codes.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CLIENT_CODE_PREFIX = "K"
# Counts under this are never shown as they are to the programme-wide role (the p-table of
# counselling.disclosure).
SMALL_CELL = 5


def new_record_key() -> int:
    """A random key from 0 to 255, fixed for the record's life. Disclosure control by the cell-key
    method (ONS) adds up the keys of the records counted in a cell and perturbs the count by that
    sum: the same people always give the same noise, so two periods cannot be differenced."""
    return secrets.randbelow(256)


def new_client_code() -> str:
    return CLIENT_CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(7))


def normalise_code(raw: str) -> str:
    """What a person typed (spaces, hyphens, lower case, O for 0, I/L for 1) as a stored code."""
    cleaned = "".join(raw.split()).replace("-", "").upper()
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


class BilingualName(models.Model):
    """Reference data that the programme edits in the admin, named in German and English."""

    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_de


class NetworkKind(models.TextChoices):
    STATE = "state", _("State network (Landesnetzwerk, 2015-2022)")
    REGIONAL = "regional", _("Regional integration network (2023-2028)")
    FACHSTELLE = "fachstelle", _("Fachstelle (2023-2028)")


class NetworkQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_until__gte=day) | Q(valid_until__isnull=True)
        )

    def current(self):
        return self.valid_on(timezone.localdate())

    def counselling(self):
        """Networks with counselling centres: Fachstellen advise the networks, not people."""
        return self.exclude(kind=NetworkKind.FACHSTELLE)

    def reportable_by(self, user):
        """Networks whose figures ``user`` may see: their own, or all for the programme role."""
        role = role_of(user)
        if role is None:
            return self.none()
        if role.role == Role.PROGRAMME:
            return self.all()
        return self.filter(pk=role.network_id)


class Network(models.Model):
    """An IQ network with its period of validity; the programme adds and renames them."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=NetworkKind.choices)
    states = models.CharField(_("federal states"), max_length=200, blank=True)
    coordinator = models.CharField(_("coordinating organisation"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    confirmed_until = models.DateField(
        _("confirmed until"),
        null=True,
        blank=True,
        help_text=_("The last day the sources confirm; a later end of validity is assumed."),
    )
    assumption = models.TextField(
        _("assumption"), blank=True, help_text=_("Why the validity is assumed, and from where.")
    )
    confidence = models.CharField(_("confidence of the source"), max_length=16, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    sources = models.TextField(_("sources"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["-valid_from", "short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="network_validity_in_order",
            )
        ]

    def __str__(self):
        return self.short_name

    @property
    def validity_assumed(self) -> bool:
        return bool(
            self.valid_until and self.confirmed_until and self.valid_until > self.confirmed_until
        )


class Centre(models.Model):
    """A counselling centre (Beratungsstelle) of a network."""

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="centres", verbose_name=_("network")
    )
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("counselling centre")
        verbose_name_plural = _("counselling centres")
        ordering = ["network", "name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="centre_name_per_network")
        ]

    def __str__(self):
        return f"{self.name} ({self.network})"


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    COORDINATOR = "coordinator", _("Network coordinator")
    PROGRAMME = "programme", _("Programme-wide")


class StaffRole(models.Model):
    """A user's one role in the counselling app (see the module docstring).

    A counsellor has a centre (and its network), a coordinator a network, the programme role
    neither.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="counselling_role",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("network")
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("centre")
    )

    class Meta:
        verbose_name = _("counselling role")
        verbose_name_plural = _("counselling roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="counsellor", centre__isnull=False, network__isnull=False)
                    | Q(role="coordinator", centre__isnull=True, network__isnull=False)
                    | Q(role="programme", centre__isnull=True, network__isnull=True)
                ),
                name="staff_role_has_its_place",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"

    def save(self, *args, **kwargs):
        if self.centre_id:
            self.network_id = self.centre.network_id
        super().save(*args, **kwargs)

    @property
    def is_counsellor(self) -> bool:
        return self.role == Role.COUNSELLOR

    @property
    def suppresses_small_cells(self) -> bool:
        return self.role == Role.PROGRAMME


def role_of(user) -> StaffRole | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cached = user._state.fields_cache
    if "counselling_role" not in cached:
        # One query for the role with its centre and network (pages name both), cached on the
        # user as the reverse accessor would (None: no role). A user has at most one role, so
        # a slice, not first(): its ORDER BY and the centre's network (the role's own, see
        # save()) made the query twice as dear, on every staff request.
        roles = StaffRole.objects.select_related("centre", "network").filter(user=user)[:1]
        cached["counselling_role"] = next(iter(roles), None)
    try:
        return user.counselling_role
    except StaffRole.DoesNotExist:
        return None


class ServiceLine(models.TextChoices):
    RECOGNITION = "recognition", _("Recognition and qualification counselling")
    FAIR_INTEGRATION = "fair_integration", _("Fair Integration (labour and social law)")
    EMPLOYERS = "employers", _("Skilled immigration (employers)")


class Topic(BilingualName):
    """A consultation topic; for Faire Integration these are the Beratungsanlässe."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    service_line = models.CharField(_("service line"), max_length=20, choices=ServiceLine.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("offered in forms"), default=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["service_line", "position", "code"]


class OccupationQuerySet(models.QuerySet):
    def matching(self, text: str):
        text = text.strip()
        return (
            self.filter(Q(name_de__icontains=text) | Q(name_en__icontains=text)) if text else self
        )


class Occupation(BilingualName):
    """A reference occupation (Referenzberuf) and whether it is regulated in Germany."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    isco = models.CharField(_("ISCO-08 code"), max_length=4, blank=True)
    regulated = models.BooleanField(_("regulated in Germany"), default=False)

    objects = OccupationQuerySet.as_manager()

    class Meta:
        verbose_name = _("reference occupation")
        verbose_name_plural = _("reference occupations")
        ordering = ["name_de"]


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    NOT_STATED = "not_stated", _("not stated")


class ResidenceStatus(models.TextChoices):
    ABROAD = "abroad", _("Lives abroad")
    EU = "eu", _("EU freedom of movement")
    GERMAN = "german", _("German citizen")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    SETTLEMENT_PERMIT = "settlement_permit", _("Settlement permit")
    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection (§ 24 AufenthG)")
    ASYLUM_PENDING = "asylum_pending", _("Permission to stay during asylum procedure")
    TOLERATED = "tolerated", _("Tolerated stay (Duldung)")
    VISA = "visa", _("Visa or visa-free stay")
    UNKNOWN = "unknown", _("Not known")


class RecognitionOutcome(models.TextChoices):
    NOT_APPLIED = "not_applied", _("Not applied for")
    OPEN = "open", _("Applied, open")
    FULL = "full", _("Full equivalence")
    PARTIAL = "partial", _("Partial equivalence")
    REJECTED = "rejected", _("Rejected")


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The clients whose records ``user`` may open: a counsellor's own network only."""
        role = role_of(user)
        if role is None or not role.is_counsellor:
            return self.none()
        return self.filter(network_id=role.network_id)

    def with_code(self, raw: str):
        return self.filter(code=normalise_code(raw))

    def code_starts_with(self, raw: str):
        code = normalise_code(raw)
        return self.filter(code__startswith=code) if code else self.none()


class Client(models.Model):
    """A person counselled, pseudonymous: a generated code, no name."""

    code = models.CharField(_("client code"), max_length=12, unique=True, default=new_client_code)
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="clients", verbose_name=_("network")
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, default=Gender.NOT_STATED
    )
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    qualification_country = models.CharField(
        _("country where the qualification was acquired"), max_length=2, blank=True
    )
    residence_status = models.CharField(
        _("residence status"),
        max_length=24,
        choices=ResidenceStatus.choices,
        default=ResidenceStatus.UNKNOWN,
    )
    entry_year = models.PositiveSmallIntegerField(_("year of entry"), null=True, blank=True)
    flight_background = models.BooleanField(_("flight background"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    reference_occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("reference occupation"),
    )
    occupation_regulated = models.BooleanField(_("regulated occupation"), null=True, blank=True)
    recognition_outcome = models.CharField(
        _("recognition"),
        max_length=16,
        choices=RecognitionOutcome.choices,
        default=RecognitionOutcome.NOT_APPLIED,
    )
    record_key = models.PositiveSmallIntegerField(
        _("record key"), default=new_record_key, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        indexes = [
            models.Index(fields=["network", "code"]),
            # The people of a period that is not whole years (reports.people_rows) read what
            # they are counted by from this index alone, not from a network's clients spread
            # over thousands of heap pages (PostgreSQL only, elsewhere a plain index).
            models.Index(
                fields=["network", "id"],
                include=[
                    "flight_background",
                    "nationality",
                    "qualification_country",
                    "reference_occupation",
                    "residence_status",
                    "record_key",
                ],
                name="client_people",
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self) -> str:
        # reverse() itself: the {% url %} tag costs about four times as much per row, and the
        # client list has twenty rows.
        return reverse("counselling:client", args=[self.code])


class ConsultationFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")
    EMPLOYER = "employer", _("Employer")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By telephone")
    EMAIL = "email", _("By e-mail")
    VIDEO = "video", _("By video")
    SOCIAL_MEDIA = "social_media", _("Social media")


class Referral(models.TextChoices):
    RECOGNITION_AUTHORITY = "recognition_authority", _("Recognition authority")
    EMPLOYMENT_AGENCY = "employment_agency", _("Federal Employment Agency (BA)")
    JOBCENTER = "jobcenter", _("Jobcenter")
    FOREIGNERS_OFFICE = "foreigners_office", _("Foreigners office (ABH)")
    QUALIFICATION = "qualification", _("Qualification provider")
    LANGUAGE_COURSE = "language_course", _("Language course")
    FAIR_INTEGRATION = "fair_integration", _("Fair Integration counselling")
    OTHER = "other", _("Other")


class ConsultationQuerySet(models.QuerySet):
    def visible_to(self, user):
        role = role_of(user)
        if role is None or not role.is_counsellor:
            return self.none()
        return self.filter(network_id=role.network_id)

    def for_network(self, network):
        return self.filter(network=network)

    def for_networks(self, networks):
        return self.filter(network__in=networks)

    def in_period(self, start: datetime.date, end: datetime.date):
        return self.filter(date__gte=start, date__lte=end)

    def individual(self):
        return self.filter(format=ConsultationFormat.INDIVIDUAL)

    def group_sessions(self):
        return self.filter(format=ConsultationFormat.GROUP)

    def employer_consultations(self):
        return self.filter(format=ConsultationFormat.EMPLOYER)

    def without_client(self):
        return self.exclude(format=ConsultationFormat.INDIVIDUAL)

    def latest_without_client_by(self, user, limit: int = 5):
        """The group sessions and employer consultations ``user`` logged last, for a check."""
        mine = self.visible_to(user).without_client().filter(counsellor=user)
        return mine.prefetch_related("topics").order_by("-date", "-created_at")[:limit]

    def first_consultations(self):
        return self.filter(is_first=True)

    def follow_ups(self):
        return self.filter(is_first=False)

    def history(self):
        return (
            self.select_related("counsellor", "centre")
            .prefetch_related("topics")
            .order_by("-date", "-created_at")
        )

    def recent_by(self, user, limit: int = 10):
        """``user``'s latest individual consultations, newest first (for the form defaults)."""
        return self.visible_to(user).individual().filter(counsellor=user).order_by(
            "-date", "-created_at"
        )[:limit]


class Consultation(models.Model):
    """One consultation at a centre; individual ones belong to a client, group sessions and
    employers' consultations to nobody (see the module docstring)."""

    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("client"),
    )
    # The centre's network, copied so that scoping and figures need no join.
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="+", verbose_name=_("network")
    )
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, verbose_name=_("centre"))
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    date = models.DateField(_("date"))
    is_first = models.BooleanField(_("first consultation"), null=True, editable=False)
    service_line = models.CharField(
        _("service line"),
        max_length=20,
        choices=ServiceLine.choices,
        default=ServiceLine.RECOGNITION,
    )
    format = models.CharField(
        _("format"),
        max_length=12,
        choices=ConsultationFormat.choices,
        default=ConsultationFormat.INDIVIDUAL,
    )
    participants = models.PositiveIntegerField(_("participants"), default=1)
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.IN_PERSON
    )
    language = models.CharField(_("language of the consultation"), max_length=3, default="de")
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=45)
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    referrals = models.JSONField(_("referred to"), default=list, blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    note = models.TextField(_("note"), blank=True)
    questionnaire_code = models.CharField(_("questionnaire code"), max_length=12, blank=True)
    questionnaire_answers = models.JSONField(_("questionnaire answers"), null=True, blank=True)
    questionnaire_result = models.JSONField(_("questionnaire result"), null=True, blank=True)
    questionnaire_rules_version = models.CharField(
        _("rules version of the result"), max_length=32, blank=True
    )
    # One per rendered form: a second POST of the same form finds the first consultation.
    # NULL, not "", for rows written without a form (demo data), so that uniqueness holds.
    submission_token = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    record_key = models.PositiveSmallIntegerField(
        _("record key"), default=new_record_key, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # Every saved state with who saved it and when: a correction keeps the earlier version.
    versions = HistoricalRecords(
        m2m_fields=[topics],
        excluded_fields=["submission_token", "questionnaire_answers", "questionnaire_result"],
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [
            models.Index(fields=["network", "date"]),
            models.Index(fields=["client", "date"]),
            # The people of a period that is not whole years (reports.people_rows) from the
            # index alone: a network's rows lie on thousands of heap pages (PostgreSQL only,
            # elsewhere a plain index).
            models.Index(
                fields=["network", "date"],
                include=["client"],
                condition=Q(format="individual"),
                name="consultation_people",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(format="individual", client__isnull=False)
                | Q(format__in=["group", "employer"], client__isnull=True),
                name="only_individual_consultations_have_a_client",
            ),
            models.CheckConstraint(
                condition=~Q(format="employer") | Q(service_line="employers"),
                name="employer_consultation_in_employers_line",
            ),
            models.CheckConstraint(
                condition=Q(participants=1) | Q(format="group", participants__gt=1),
                name="participants_one_unless_group",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.client or self.get_format_display()}"

    @property
    def kind_label(self) -> str:
        if self.format == ConsultationFormat.GROUP:
            return _("Group session")
        if self.format == ConsultationFormat.EMPLOYER:
            return _("Employer consultation")
        return _("First consultation") if self.is_first else _("Follow-up consultation")


class OutcomeChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        role = role_of(user)
        if role is None or not role.is_counsellor:
            return self.none()
        return self.filter(network_id=role.network_id)

    def for_networks(self, networks):
        return self.filter(network__in=networks)

    def in_period(self, start: datetime.date, end: datetime.date):
        return self.filter(date__gte=start, date__lte=end)

    def in_order(self):
        """Oldest first: by date, then in the order they were recorded."""
        return self.order_by("date", "created_at", "pk")

    def latest_first(self):
        return self.order_by("-date", "-created_at", "-pk")

    def as_of(self, day: datetime.date):
        """The changes dated on or before ``day``; the first of ``latest_first()`` of them is
        the outcome as it stood that day."""
        return self.filter(date__lte=day)


class RecognitionOutcomeChange(models.Model):
    """A client's recognition outcome as recorded from a date on: one row for the outcome first
    recorded and one for every change after it (see ``services``), so that figures can count
    the outcomes reached in a period and the outcome as it stood on a day."""

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="outcome_changes", verbose_name=_("client")
    )
    # The client's network, copied so that scoping and figures need no join.
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="+", verbose_name=_("network")
    )
    outcome = models.CharField(_("recognition"), max_length=16, choices=RecognitionOutcome.choices)
    date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    consultation = models.ForeignKey(
        "Consultation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcome_changes",
        verbose_name=_("consultation"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = OutcomeChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change of recognition outcome")
        verbose_name_plural = _("changes of recognition outcome")
        indexes = [
            # The outcomes reached in a period (reports.outcomes_reached), from the index alone.
            models.Index(
                fields=["network", "date"], include=["client", "outcome"], name="outcome_period"
            ),
            models.Index(fields=["client", "date"]),
            # A person's outcome as it stood on a day (``latest_first``), from the index alone.
            models.Index(
                fields=["client", "-date", "-created_at", "-id"], include=["outcome"],
                name="outcome_latest_first",
            ),
            # The same for every person of some networks at once (reports.people_rows), read
            # in the order of the people.
            models.Index(
                fields=["network", "client", "-date", "-created_at", "-id"], include=["outcome"],
                name="outcome_network_latest_first",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.client_id} {self.outcome}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    UPDATE = "update", _("added a consultation")
    SEARCH = "search", _("searched")
    IMPORT = "import", _("read questionnaire answers")
    REOPEN = "reopen", _("reopened saved answers")
    EXPORT = "export", _("exported")
    REFUSED = "refused", _("refused")
    ADMIN = "admin", _("changed in the admin")
    ACCOUNT = "account", _("account")
    ANONYMISE = "anonymise", _("anonymised")
    ERASURE = "erasure", _("erasure")


class AccessLogQuerySet(models.QuerySet):
    def record(
        self,
        user,
        action: str,
        client: Client | None = None,
        detail: str = "",
        network: Network | int | None = None,
    ):
        """One entry. The network is the client's, else the one given, else the user's own, so
        that a coordinator sees what happened in their network."""
        user = user if getattr(user, "is_authenticated", False) else None
        if network is None and client is not None:
            network = client.network_id
        if network is None and user is not None:
            role = role_of(user)
            network = role.network_id if role else None
        return self.create(
            user_id=user.pk if user else None,
            username=user.get_username()[:150] if user else "",
            action=action,
            client_id=client.pk if client else None,
            client_code=client.code if client else "",
            network_id=network.pk if isinstance(network, Network) else network,
            detail=detail[:300],
        )

    def of_network(self, network_id: int):
        return self.filter(network_id=network_id)


class AccessLog(models.Model):
    """The audit log: who opened or changed which data, when and how; append-only.

    PostgreSQL refuses UPDATE of any entry, and DELETE of entries younger than
    ``settings.AUDIT_LOG_MINIMUM_DAYS`` (trigger of migration 0005), for every database role.
    The foreign keys have no database constraint and are never cascaded, so that deleting a
    client or a user leaves their entries as they were (the code and user name are copied).
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AccessAction.choices)
    client = models.ForeignKey(
        Client,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("client"),
    )
    client_code = models.CharField(_("client code"), max_length=12, blank=True)
    network = models.ForeignKey(
        Network,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network"),
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["network", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.client_code}"


class ErasureDecision(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved, data erased")
    REJECTED = "rejected", _("rejected")


class ErasureRequest(models.Model):
    """A request to erase one client's personal data (Art. 17 GDPR), decided by a second person.

    A counsellor or the coordinator of the client's network asks (``requested_by``, ``reason``);
    a coordinator of the same network who is not the requester approves or rejects. Approval
    anonymises the client as retention does (``counselling.retention.anonymise``), so every
    aggregate figure stays as it was. Logic in ``counselling.erasure``.
    """

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="erasure_requests", verbose_name=_("client")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created = models.DateTimeField(_("requested"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision = models.CharField(
        _("decision"),
        max_length=16,
        choices=ErasureDecision.choices,
        default=ErasureDecision.PENDING,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="erasure_second_person",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(decision="pending"),
                name="erasure_one_pending_per_client",
            ),
        ]

    def __str__(self):
        return f"{self.created:%Y-%m-%d} {self.client_id} {self.decision}"


# Roll-ups of the figures (counselling.rollups, issue 16). Plain integer ids where a row must
# outlive what it counted (a deleted client's contribution is subtracted after the delete).

class _Rollup(models.Model):
    class Meta:
        abstract = True

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class _MonthlyRollup(_Rollup):
    """A row of one month (``months`` 1, ``month`` its first day) or, added up from those, of
    a whole calendar year (``months`` 12, ``month`` 1 January): a period of years then reads a
    twelfth of the rows."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    months = models.PositiveSmallIntegerField(default=1)
    n = models.IntegerField(default=0)
    key = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class ConsultationMonth(_MonthlyRollup):
    channel = models.CharField(max_length=16)
    format = models.CharField(max_length=12)
    is_first = models.BooleanField(null=True)
    participants = models.BigIntegerField(default=0)

    class Meta(_MonthlyRollup.Meta):
        indexes = [
            models.Index(fields=["network", "months", "month"], name="consultationmonth_span")
        ]


class OriginMonth(_MonthlyRollup):
    """First consultations by the client's nationality (``occupation_id`` None) or by their
    reference occupation (``nationality`` blank); unknown ones are not counted here."""

    nationality = models.CharField(max_length=2, blank=True)
    occupation_id = models.IntegerField(null=True)

    class Meta(_MonthlyRollup.Meta):
        indexes = [models.Index(fields=["network", "months", "month"], name="originmonth_span")]


class TopicMonth(_MonthlyRollup):
    topic_id = models.IntegerField()
    format = models.CharField(max_length=12)
    is_first = models.BooleanField(null=True)

    class Meta(_MonthlyRollup.Meta):
        indexes = [models.Index(fields=["network", "months", "month"], name="topicmonth_span")]


class PeopleYears(_Rollup):
    """People counselled in the years first_year..last_year by their outcome at its end,
    flight background and the bit mask of their data-quality gaps (rollups.MISSING)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=20)
    refugee = models.BooleanField()
    missing = models.PositiveSmallIntegerField()
    n = models.IntegerField(default=0)
    key = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["first_year", "last_year", "network"])]


class ReachedYears(_Rollup):
    """People whose recognition outcome was recorded in the years first_year..last_year."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=20)
    n = models.IntegerField(default=0)
    key = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["first_year", "last_year", "network"])]


class ClientContribution(_Rollup):
    """What a client adds to PeopleYears and ReachedYears, as last counted."""

    client_id = models.IntegerField(primary_key=True)
    inputs = models.JSONField(default=dict)


class FiguresVersion(_Rollup):
    """The version of a network's figures: raised in the same transaction as every change of
    its roll-ups (``counselling.rollups``) and of the names its figures show, so that a
    rendered figures page is kept under the versions it was computed at and is never shown
    after its data changed (``counselling.figures_cache``)."""

    network = models.OneToOneField(
        Network, on_delete=models.CASCADE, primary_key=True, related_name="figures_version"
    )
    number = models.BigIntegerField(default=0)


class RollupState(_Rollup):
    """The years the year-range roll-ups cover (set by rebuild_rollups)."""

    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
