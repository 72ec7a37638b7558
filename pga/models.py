"""The access log (inzagelog): who read, searched, exported or was refused what, and when.

Append-only: the model refuses updates and deletes, and on PostgreSQL the database refuses
them too (pga/access_log_guard.py): no UPDATE ever, and a DELETE only of rows older than the
retention period, through the owner's purge function.
"""

from django.conf import settings
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AccessAction(models.TextChoices):
    VIEW = "view", _("Bekeken")
    LIST = "list", _("Lijst of zoekopdracht")
    CHANGE = "change", _("Gewijzigd of vastgelegd")
    DOWNLOAD = "download", _("Export of PDF")
    LOGIN = "login", _("Ingelogd")
    LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
    LOGOUT = "logout", _("Uitgelogd")
    ADMIN = "admin", _("Functioneel beheer")
    LOG_READ = "log_read", _("Inzagelog geraadpleegd")
    PURGE = "purge", _("Inzagelog opgeschoond")


class AccessResult(models.TextChoices):
    ALLOWED = "allowed", _("Toegestaan")
    REFUSED = "refused", _("Geweigerd")
    ERROR = "error", _("Fout")


class AppendOnly(Exception):
    pass


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Het inzagelog kan niet worden gewijzigd.")

    def delete(self):
        raise AppendOnly("Het inzagelog kan niet worden verwijderd; gebruik purge_access_log.")

    def purge_before(self, cutoff) -> int:
        """Remove rows older than ``cutoff`` (retention). The only way rows ever go; on
        PostgreSQL the database itself also holds them until the retention period is over."""
        if connection.vendor == "postgresql":
            from pga.access_log_guard import purge

            return purge(connection, cutoff)
        with transaction.atomic():
            old = self.filter(at__lt=cutoff)
            count = old.count()
            old._raw_delete(old.db)
        return count


class AccessLog(models.Model):
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        # The log outlives accounts: no cascade, no constraint, the username is kept too.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    action = models.CharField(_("actie"), max_length=20, choices=AccessAction.choices)
    result = models.CharField(_("resultaat"), max_length=10, choices=AccessResult.choices)
    route = models.CharField(_("pagina"), max_length=100, blank=True)
    method = models.CharField(_("methode"), max_length=8, blank=True)
    object_type = models.CharField(_("soort object"), max_length=60, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    detail = models.CharField(_("details"), max_length=1000, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzagelogregel")
        verbose_name_plural = _("inzagelog")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["case", "-at"], name="accesslog_case_at_idx"),
            models.Index(
                fields=["object_type", "object_id", "-at"], name="accesslog_object_at_idx"
            ),
            models.Index(fields=["user", "-at"], name="accesslog_user_at_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '—'} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Een regel in het inzagelog kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Een regel in het inzagelog kan niet worden verwijderd.")


class FailedTask(models.Model):
    """A background task that failed after its last retry, for functioneel beheer to follow
    up (/beheer/). Holds no personal data: the task's name, the kind of error and the place
    in the code, never the error's message or the task's arguments (either may quote a
    record); the worker's own log has the full traceback, under the same task id."""

    failed_at = models.DateTimeField(_("mislukt op"), default=timezone.now, db_index=True)
    task_name = models.CharField(_("taak"), max_length=200)
    task_id = models.CharField(_("taak-id"), max_length=64, blank=True)
    error = models.CharField(_("soort fout"), max_length=100)
    location = models.CharField(_("plaats in de code"), max_length=300, blank=True)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mislukte taak")
        verbose_name_plural = _("mislukte taken")
        ordering = ["-failed_at", "-pk"]

    def __str__(self):
        return (
            f"{self.task_name} ({self.error}, {timezone.localtime(self.failed_at):%d-%m-%Y %H:%M})"
        )


class JobStatus(models.TextChoices):
    QUEUED = "wachtrij", _("In de wachtrij")
    RUNNING = "bezig", _("Bezig")
    DONE = "klaar", _("Klaar")
    FAILED = "mislukt", _("Mislukt")


class Job(models.Model):
    """Long work a user asked for (a team PDF, a group overview, an AVG export), done by a
    worker while the user waits, leaves or comes back (pga/jobs.py). The result is for that
    user alone, stored with its SHA-256, and removed when it expires. ``params`` holds ids
    and plain values only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("soort"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    key = models.CharField(_("sleutel"), max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("gedaan"), default=0)
    total = models.PositiveIntegerField(_("totaal"), default=0)
    file = models.FileField(_("bestand"), upload_to="taken/", blank=True)
    filename = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(_("soort bestand"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    queued_at = models.DateTimeField(_("in de wachtrij gezet op"), null=True, blank=True)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A second request for the same work joins the one already waiting or running.
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(status__in=["wachtrij", "bezig"]),
                name="job_one_open_per_key",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("job_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, 100 * self.done // self.total) if self.total else 0

    @property
    def open(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    def get_download_url(self):
        return reverse("job_download", args=[self.pk])


class NotificationChoice(models.TextChoices):
    """How a user hears of one kind of notification by e-mail (the Meldingen list in the
    app always shows it)."""

    DIRECT = "direct", _("Direct een e-mail")
    DIGEST = "dagelijks", _("Eén e-mail per dag, met alles samen")
    OFF = "uit", _("Geen e-mail")


class NotificationPreference(models.Model):
    """A user's choice for one kind of notification (pga/notifications.py); without a row the
    kind's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE,
        related_name="notification_preferences",
    )  # fmt: skip
    kind = models.CharField(_("soort melding"), max_length=40)
    choice = models.CharField(_("e-mail"), max_length=10, choices=NotificationChoice.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voorkeur voor meldingen")
        verbose_name_plural = _("voorkeuren voor meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="a_user_chooses_once_per_notification_kind"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.kind}: {self.choice}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "wachtrij", _("Wordt verzonden")
    SENT = "verzonden", _("Verzonden")
    FAILED = "mislukt", _("Mislukt")
    NO_ADDRESS = "geen_adres", _("Niet verzonden: geen e-mailadres")


class EmailDelivery(models.Model):
    """One e-mail to one user: a notification at once, or a day's notifications together.
    The record of what was sent, to whom, when, and whether it arrived at the mail server.
    Holds no content: the mail says only *that* something needs attention."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    address = models.EmailField(_("e-mailadres"), blank=True)
    digest = models.BooleanField(_("dagelijks overzicht"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    error = models.CharField(_("soort fout"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # Last change (made, tried): the sweep queues again what nobody touched for a while.
    touched_at = models.DateTimeField(_("laatst bijgewerkt"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails (verzonden, mislukt of niet verzonden)")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["touched_at"],
                condition=models.Q(status="wachtrij"),
                name="emaildelivery_waiting_idx",
            )
        ]

    def __str__(self):
        return f"{self.user} {timezone.localtime(self.created_at):%d-%m-%Y %H:%M} ({self.get_status_display()})"


class Notification(models.Model):
    """That something needs a user's attention: the kind (its text is the same for everyone
    and names nobody), where to look, and whether they have seen it. ``key`` makes each event
    one notification per user, however often the scheduler or a retry asks."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE,
        related_name="notifications",
    )  # fmt: skip
    kind = models.CharField(_("soort"), max_length=40)
    key = models.CharField(_("sleutel"), max_length=120)
    url = models.CharField(_("pagina"), max_length=300)
    # An invitation's calendar entry (.ics): time and place only.
    calendar = models.TextField(_("agenda-item"), blank=True)
    email = models.CharField(_("e-mail"), max_length=10, choices=NotificationChoice.choices)
    delivery = models.ForeignKey(
        EmailDelivery, verbose_name=_("e-mail"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="notifications",
    )  # fmt: skip
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="an_event_notifies_a_user_once")
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_idx"),
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["user", "created_at"],
                condition=models.Q(email="dagelijks", delivery__isnull=True),
                name="notification_digest_idx",
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {timezone.localtime(self.created_at):%d-%m-%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("notification_open", args=[self.pk])
