"""The casusoverleg: meetings, their agenda items (one case each) and the partners invited
per item. Who sees which meeting and item is decided in ``cases.permissions``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case, Priority
from cases.models.constraints import CheckedInPython
from cases.models.dates import DateRulesMixin, date_constraints
from cases.models.limits import limit, text_constraints
from cases.models.people import YouthGroup
from partners.models import Partner


class MeetingKind(models.TextChoices):
    REGULIER = "regulier", _("Regulier casusoverleg")
    TRIAGE = "triage", _("Inclusie-/triageoverleg")
    EVALUATIE = "evaluatie", _("Evaluatie")
    GROEP = "groep", _("Groepsoverleg")


class Meeting(DateRulesMixin, models.Model):
    """A casusoverleg: the coordinator brings the involved partners to the table, case by
    case. A groepsoverleg is about one youth group (``youth_group``)."""

    kind = models.CharField(
        _("soort overleg"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.REGULIER
    )
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(
        _("plaats of videolink"),
        max_length=250,
        blank=True,
        help_text=_("Bijv. ‘Stadhuis, zaal 3’."),
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_meetings",
    )
    minute_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("notulist"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minuted_meetings",
    )
    youth_group = models.ForeignKey(
        YouthGroup,
        verbose_name=_("jeugdgroep"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Alleen bij een groepsoverleg."),
    )
    # A groepsoverleg discusses the group as one item of its own, before its members' cases.
    group_question = models.TextField(
        _("vraag aan de tafel over de groep"),
        blank=True,
        max_length=limit("meeting", "group_question"),
    )
    group_minutes = models.TextField(
        _("verslag over de groep"), blank=True, max_length=limit("meeting", "group_minutes")
    )
    finalised_at = models.DateTimeField(_("verslag definitief op"), null=True, blank=True)
    # Afgelast: the meeting does not take place. It stays in the list, with why, for whoever
    # was invited; nothing on it changes any more (cases.meetings.services.cancel_meeting).
    cancelled_at = models.DateTimeField(_("afgelast op"), null=True, blank=True)
    cancel_reason = models.TextField(
        _("reden van afgelasten"), blank=True, max_length=limit("meeting", "cancel_reason")
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["-starts_at"]
        constraints = [
            *date_constraints("meeting"),
            *text_constraints("meeting"),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="meeting_cancel_reason_given_when_cancelled",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at > timezone.now()

    def clean(self):
        errors = self.date_errors()
        if self.youth_group_id and self.kind != MeetingKind.GROEP:
            errors["youth_group"] = _("Een jeugdgroep hoort alleen bij een groepsoverleg.")
        if self.group_question.strip() and not self.youth_group_id:
            errors.setdefault(
                "youth_group",
                _("Een vraag over de groep hoort bij een groepsoverleg met een jeugdgroep."),
            )
        if errors:
            raise ValidationError(errors)


class AgendaItem(CheckedInPython, models.Model):
    """One case on a meeting's agenda, with the question for the table and, afterwards, the
    verslag of what was discussed."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("casusoverleg"), on_delete=models.CASCADE, related_name="items"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    question = models.TextField(_("vraag aan de tafel"), max_length=limit("agendaitem", "question"))
    minutes = models.TextField(_("verslag"), blank=True, max_length=limit("agendaitem", "minutes"))
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            *text_constraints("agendaitem", "agenda_item"),
            models.UniqueConstraint(
                fields=["meeting", "case"], name="a_case_is_on_a_meeting_agenda_once"
            ),
        ]

    def __str__(self):
        return f"{self.case.number} in {self.meeting}"


class Attendance(models.TextChoices):
    ONBEKEND = "", _("Nog niet vastgelegd")
    AANWEZIG = "aanwezig", _("Aanwezig")
    AFGEMELD = "afgemeld", _("Afwezig met bericht")
    AFWEZIG = "afwezig", _("Afwezig zonder bericht")


class Invitation(models.Model):
    """A partner organisation invited for one agenda item; only a partner actively involved
    in the item's case can be (``cases.meetings.services.invite_partner``)."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("ketenpartner"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    attendance = models.CharField(
        _("aanwezigheid"), max_length=20, choices=Attendance.choices, blank=True, default=""
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["item", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "partner"], name="a_partner_is_invited_for_an_item_once"
            ),
        ]

    def __str__(self):
        return f"{self.partner} voor {self.item}"


class DecisionKind(models.TextChoices):
    INCLUSIE = "inclusie", _("Opnemen in de PGA")
    NIET_OPNEMEN = "niet_opnemen", _("Niet opnemen")
    PRIORITEIT = "prioriteit", _("Prioriteit wijzigen")
    OPSCHALEN = "opschalen", _("Opschalen naar het Zorg- en Veiligheidshuis")
    AFSCHALEN = "afschalen", _("Afschalen naar nazorg")
    AFSLUITVOORSTEL = "afsluitvoorstel", _("Voorstel tot afsluiten")


class Decision(CheckedInPython, models.Model):
    """A decision of the table about one item's case, with its reason. What it changes in
    the case (status, priority) is done by the case's own services in the same step
    (``cases.meetings.services.record_decision``)."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("besluit"), max_length=20, choices=DecisionKind.choices)
    new_priority = models.PositiveSmallIntegerField(
        _("nieuwe prioriteit"), choices=Priority.choices, null=True, blank=True
    )
    reason = models.TextField(_("onderbouwing"), max_length=limit("decision", "reason"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["item", "pk"]
        constraints = [
            *text_constraints("decision"),
            models.CheckConstraint(
                condition=Q(kind="prioriteit", new_priority__isnull=False)
                | (~Q(kind="prioriteit") & Q(new_priority__isnull=True)),
                name="decision_priority_change_names_the_new_priority",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.item.case.number})"
