"""Notifications: a user is told *that* something needs their attention, never what.

A kind of notification (registered by the code that knows the event, ``cases/notifications``)
has one fixed sentence for everyone ("Er is een nieuwe afspraak voor uw organisatie in PGA
casusregie."): no name, no case number, no BSN, no free text ever reaches a mail server. The
link leads to the notification in the app, behind the login, which then opens the page the
user may or may not still see (that page decides, as always).

Each user chooses per kind: an e-mail at once, one e-mail a day with everything together,
or none; some kinds cannot be switched off. The Meldingen list in the app shows every
notification, whatever the choice. Every e-mail is recorded (``EmailDelivery``): to whom,
when, sent or failed, and how many tries; a retry or a redelivered task never sends it twice.
"""

import logging
import smtplib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pga.history import save_with_history
from pga.models import (
    DeliveryStatus,
    EmailDelivery,
    Notification,
    NotificationChoice,
    NotificationPreference,
)
from pga.tasks import publish

logger = logging.getLogger(__name__)

ALL_CHOICES = tuple(NotificationChoice)
# A mail server that refuses or cannot be reached: try again with back-off (1 s, 2 s, 4 s,
# … up to 10 minutes), eight times, about half an hour in all.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
MAIL_RETRIES = 8
# A waiting e-mail nobody tried for this long lost its task (the broker was down when it
# was queued, a worker died): the sweep queues it again. Longer than the longest back-off.
SWEEP_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Kind:
    """One kind of notification. ``sentence`` is the whole message: it must not name
    anyone or anything (a test checks every kind's mail for names, numbers and BSNs)."""

    name: str
    label: str  # for the settings page: what the user is told about
    note: str  # for the settings page, under the label ("" for none)
    sentence: str
    choices: tuple = ALL_CHOICES
    default: str = NotificationChoice.DIRECT
    for_coordinators_only: bool = False
    # Other words for a choice where the usual ones do not fit (a daily overview is not
    # "direct").
    choice_labels: tuple = ()

    @property
    def switchable(self) -> bool:
        return NotificationChoice.OFF in self.choices

    @property
    def choices_labelled(self) -> list:
        own = dict(self.choice_labels)
        return [(c, own.get(c, NotificationChoice(c).label)) for c in self.choices]


KINDS: dict[str, Kind] = {}

# Loading the demo replays a year and a half of events: nobody is told of those (PAUSED),
# and the demo's own reminders fill the Meldingen lists without mailing anyone (NO_EMAIL).
ALL, NO_EMAIL, PAUSED = "all", "no_email", "paused"
_mode = ContextVar("notifications", default=ALL)


@contextmanager
def notifications(mode: str):
    token = _mode.set(mode)
    try:
        yield
    finally:
        _mode.reset(token)


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def kinds_for(*, coordinator: bool, member: bool) -> list[Kind]:
    """The kinds a user can receive, in the order they were registered: every event is
    about an organisation's or a coordinator's work, so someone of neither (management,
    beheer, toezicht) receives none."""
    if not (coordinator or member):
        return []
    return [k for k in KINDS.values() if coordinator or not k.for_coordinators_only]


def choices_of(user) -> dict[str, str]:
    """The user's choice per kind: their own where they made one, else the kind's default."""
    own = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "choice"))
    return {
        name: own[name] if own.get(name) in kind.choices else kind.default
        for name, kind in KINDS.items()
    }


@transaction.atomic
def set_choices(user, chosen: dict[str, str], *, reason: str) -> int:
    """Store the user's choices (the settings page). A kind that cannot be switched off
    keeps an allowed choice whatever is asked. Returns how many changed."""
    current = {p.kind: p for p in NotificationPreference.objects.filter(user=user)}
    changed = 0
    for name, choice in chosen.items():
        kind = KINDS.get(name)
        if kind is None or choice not in kind.choices:
            continue
        preference = current.get(name) or NotificationPreference(user=user, kind=name)
        if preference.pk and preference.choice == choice:
            continue
        preference.choice = choice
        save_with_history(preference, by=user, reason=reason)
        changed += 1
    return changed


def absolute(path: str) -> str:
    return settings.PGA_SITE_URL.rstrip("/") + path


def notify(users, kind_name: str, *, key: str, url: str, calendar: str = "") -> list:
    """Tell each of ``users`` that something of ``kind_name`` needs their attention, once
    per ``key`` (an event's identity: asking again, as a retry or a second scheduler run
    does, tells nobody twice). The e-mails go out once the caller's transaction has
    committed. Returns the notifications made now."""
    kind = KINDS[kind_name]
    if _mode.get() == PAUSED:
        return []
    users = {user.pk: user for user in users if user.is_active}
    told = set(
        Notification.objects.filter(user__in=users, key=key).values_list("user_id", flat=True)
    )
    chosen = dict(
        NotificationPreference.objects.filter(user__in=users, kind=kind.name).values_list(
            "user_id", "choice"
        )
    )
    made = []
    for user in users.values():
        if user.pk in told:
            continue
        choice = chosen.get(user.pk)
        choice = choice if choice in kind.choices else kind.default
        try:
            with transaction.atomic():  # a twin made at the same moment: one wins
                notification = Notification.objects.create(
                    user=user, kind=kind.name, key=key, url=url, calendar=calendar, email=choice
                )
        except IntegrityError:
            continue
        made.append(notification)
        if choice == NotificationChoice.DIRECT and _mode.get() == ALL:
            deliver(user, [notification], digest=False)
    return made


def deliver(user, notifications, *, digest: bool) -> EmailDelivery:
    """Record one e-mail for ``notifications`` and send it after the commit."""
    address = (user.email or "").strip()
    delivery = EmailDelivery.objects.create(
        user=user,
        address=address,
        digest=digest,
        status=DeliveryStatus.QUEUED if address else DeliveryStatus.NO_ADDRESS,
    )
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(delivery=delivery)
    if address:
        transaction.on_commit(lambda: publish(send_email, delivery.pk))
    return delivery


def message(delivery: EmailDelivery) -> EmailMessage:
    """The e-mail: the kinds' fixed sentences and links into the app, nothing else; the
    calendar entries of invitations as attachments."""
    notifications = list(delivery.notifications.order_by("created_at", "pk"))
    lines = [
        {"sentence": KINDS[n.kind].sentence, "url": absolute(n.get_absolute_url())}
        for n in notifications
        if n.kind in KINDS
    ]
    if delivery.digest:
        subject = "Uw meldingen van vandaag in PGA casusregie"
    else:
        subject = lines[0]["sentence"].rstrip(".") if lines else "Melding uit PGA casusregie"
    body = render_to_string(
        "notifications/email.txt",
        {
            "lines": lines,
            "digest": delivery.digest,
            "list_url": absolute(reverse("notification_list")),
            "settings_url": absolute(reverse("notification_settings")),
        },
    )
    # Sent by the product, not a person: out-of-office replies stay away (RFC 3834).
    email = EmailMessage(
        subject, body, to=[delivery.address], headers={"Auto-Submitted": "auto-generated"}
    )
    for number, notification in enumerate(notifications, start=1):
        if notification.calendar:
            email.attach(f"overleg-{number}.ics", notification.calendar, "text/calendar")
    return email


@shared_task(
    name="pga.send_email",
    bind=True,
    autoretry_for=MAIL_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=MAIL_RETRIES,
)
def send_email(self, delivery_id):
    """Send one recorded e-mail. Idempotent: the row is locked while sending and an e-mail
    already sent is not sent again (a retry, a redelivery after a worker died, the sweep).
    A mail server that refuses: the error's kind is noted and the task retried; after the
    last try the e-mail is marked failed (and listed for beheer as a failed task)."""
    failure = None
    with transaction.atomic():
        delivery = EmailDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status != DeliveryStatus.QUEUED:
            return False
        delivery.attempts += 1
        delivery.touched_at = timezone.now()
        try:
            message(delivery).send()
        except MAIL_ERRORS as error:
            failure = error
            delivery.error = type(error).__name__[:100]
            if self.request.retries >= self.max_retries:
                delivery.status = DeliveryStatus.FAILED
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = timezone.now()
            delivery.error = ""
        delivery.save()
    if failure is not None:
        logger.warning("E-mail %s niet verzonden (%s)", delivery_id, type(failure).__name__)
        raise failure
    return True


def send_digests(now=None) -> int:
    """Every user's notifications chosen 'once a day' that are not in an e-mail yet, one
    e-mail per user. Idempotent: a notification joins one e-mail only."""
    now = now or timezone.now()
    waiting = Notification.objects.filter(
        email=NotificationChoice.DIGEST, delivery__isnull=True, created_at__lte=now
    ).select_related("user")
    per_user = {}
    for notification in waiting.order_by("user_id", "created_at", "pk"):
        per_user.setdefault(notification.user_id, (notification.user, []))[1].append(notification)
    for user, notifications in per_user.values():
        with transaction.atomic():
            deliver(user, notifications, digest=True)
    return len(per_user)


@shared_task(name="pga.send_digests", bind=True, autoretry_for=(Exception,), max_retries=3)
def send_daily_digests(self):
    """Daily, in the morning (the schedule in settings)."""
    return send_digests()


def queue_waiting_emails(now=None) -> int:
    """E-mails recorded but not tried for a while (their task was lost) are queued again."""
    now = now or timezone.now()
    stale = EmailDelivery.objects.filter(
        status=DeliveryStatus.QUEUED, touched_at__lt=now - SWEEP_AFTER
    ).values_list("pk", flat=True)
    count = 0
    for delivery_id in stale[:500]:
        EmailDelivery.objects.filter(pk=delivery_id).update(touched_at=now)
        publish(send_email, delivery_id)
        count += 1
    return count


@shared_task(name="pga.queue_waiting_emails")
def queue_waiting_emails_task():
    return queue_waiting_emails()


def mark_read(notifications) -> int:
    return notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
