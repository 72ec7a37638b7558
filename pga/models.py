"""The access log (inzagelog): who read, searched, exported or was refused what, and when.

Append-only: the model refuses updates and deletes, and on PostgreSQL the database refuses
them too (pga/access_log_guard.py): no UPDATE ever, and a DELETE only of rows older than the
retention period, through the owner's purge function.
"""

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
