"""Notifications: each event tells the right people, once, by e-mail as they chose and in
the Meldingen list; no e-mail names a person, a case, a group or a BSN; a mail server that
refuses is tried again without sending twice."""

import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cases.meetings.services import cancel_meeting, invite_partner, update_meeting
from cases.notifications import kinds
from cases.notifications.tasks import send_reminders
from cases.plan.services import make_agreement
from pga.models import DeliveryStatus, EmailDelivery, Notification, NotificationChoice
from pga.notifications import (
    KINDS,
    queue_waiting_emails,
    send_digests,
    send_email,
    set_choices,
)
from tests.base import involve, page_queries
from tests.factories import (
    AgendaItemFactory,
    AgreementFactory,
    CaseFactory,
    MeetingFactory,
    MembershipFactory,
)
from tests.notifications.checks import assert_says_nothing_personal

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailed(django_capture_on_commit_callbacks):
    """Run the e-mails queued by what the test does (they go out after the commit)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def assert_no_personal_data(message):
    assert_says_nothing_personal(
        "\n".join(
            [message.subject, message.body]
            + [str(content) for _name, content, _type in message.attachments]
        )
    )


def test_every_kind_says_that_not_what():
    for kind in KINDS.values():
        assert "PGA casusregie" in kind.sentence
        assert not re.search(r"\d", kind.sentence.replace("3 dagen", "").replace("14 dagen", ""))


def test_an_organisation_involved_in_a_case_hears_of_it(personas, mailed):
    colleague = MembershipFactory(partner=personas.woningcorporatie, user__email="w@e.nl").user
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    case = CaseFactory(coordinator=personas.coordinator)
    mailed(involve, case, personas.woningcorporatie, by=personas.coordinator)

    notified = Notification.objects.filter(
        kind=kinds.INVOLVED.name, url=reverse("cases:case_detail", args=[case.pk])
    )
    assert set(notified.values_list("user", flat=True)) == {personas.wim.pk, colleague.pk}
    assert sorted(m.to[0] for m in mail.outbox) == ["w@e.nl", "wim@woningstichting.nl"]
    message = mail.outbox[0]
    assert message.subject == "Uw organisatie is betrokken bij een casus in PGA casusregie"
    assert "/meldingen/" in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert_no_personal_data(message)
    # The coordinator who did it, and other organisations, hear nothing.
    assert not notified.filter(user__in=[personas.coordinator, personas.petra])


def test_a_new_agreement_tells_its_assignee_or_else_its_organisation(personas, mailed):
    personas.petra.email = "petra@politie.nl"
    personas.petra.save()
    colleague = MembershipFactory(partner=personas.politie, user__email="p2@politie.nl").user
    due = timezone.localdate() + timedelta(days=10)
    mailed(
        make_agreement,
        personas.case_a,
        by=personas.coordinator,
        description="Huisbezoek bij Ayoub thuis",
        partner=personas.politie,
        due_on=due,
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["p2@politie.nl", "petra@politie.nl"]
    assert mail.outbox[0].subject == (
        "Er is een nieuwe afspraak voor uw organisatie in PGA casusregie"
    )
    for message in mail.outbox:
        assert "Huisbezoek" not in message.body
        assert_no_personal_data(message)
    mail.outbox.clear()
    mailed(
        make_agreement,
        personas.case_a,
        by=personas.coordinator,
        description="Gesprek",
        partner=personas.politie,
        assignee=colleague,
        due_on=due,
    )
    assert [m.to[0] for m in mail.outbox] == ["p2@politie.nl"]


def test_reminders_for_agreements_and_ending_access_come_once(personas, mailed):
    personas.petra.email = "petra@politie.nl"
    personas.petra.save()
    today = timezone.localdate()
    AgreementFactory(case=personas.case_a, partner=personas.politie, due_on=today + timedelta(3))
    late = AgreementFactory(case=personas.case_a, partner=personas.politie, due_on=today)
    involvement = personas.case_a.involvements.get(partner=personas.politie)
    involvement.expires_on = today + timedelta(days=14)
    involvement.save()

    Notification.objects.all().delete()  # of the personas' involvement
    assert mailed(send_reminders, today) >= 3
    by_kind = set(Notification.objects.filter(user=personas.petra).values_list("kind", flat=True))
    assert by_kind == {kinds.AGREEMENT_DUE.name, kinds.ACCESS_ENDING.name}
    sent = len(mail.outbox)
    assert mailed(send_reminders, today) == 0  # a second run the same day
    # The day after its deadline, the agreement is overdue: one more, then no more.
    tomorrow = today + timedelta(days=1)
    assert mailed(send_reminders, tomorrow) >= 1
    assert Notification.objects.filter(
        user=personas.petra, kind=kinds.AGREEMENT_OVERDUE.name, key__contains=str(late.pk)
    ).exists()
    assert mailed(send_reminders, tomorrow) == 0
    assert len(mail.outbox) == sent + 1
    for message in mail.outbox:
        assert_no_personal_data(message)


def test_an_agreement_of_an_organisation_no_longer_involved_is_not_reminded(personas, mailed):
    today = timezone.localdate()
    AgreementFactory(case=personas.case_a, partner=personas.woningcorporatie, due_on=today)
    mailed(send_reminders, today)
    assert not Notification.objects.filter(user=personas.wim).exists()


def test_an_invitation_and_a_move_come_with_a_calendar_entry_of_time_and_place(personas, mailed):
    personas.petra.email = "petra@politie.nl"
    personas.petra.save()
    meeting = MeetingFactory(location="Stadhuis, zaal 3")
    item = AgendaItemFactory(meeting=meeting, case=personas.case_a)
    mailed(invite_partner, item, personas.politie, by=personas.coordinator)
    (message,) = mail.outbox
    assert message.subject == (
        "Uw organisatie is uitgenodigd voor een casusoverleg in PGA casusregie"
    )
    ((name, calendar, content_type),) = message.attachments
    assert content_type == "text/calendar" and name.endswith(".ics")
    assert "LOCATION:Stadhuis\\, zaal 3" in calendar
    assert "SUMMARY:Casusoverleg PGA" in calendar
    assert "DTSTART" in calendar and "ATTENDEE" not in calendar and "DESCRIPTION" not in calendar
    assert_no_personal_data(message)

    # Moving it tells the invited again, with the calendar entry's next sequence.
    mailed(
        update_meeting,
        meeting,
        by=personas.coordinator,
        starts_at=meeting.starts_at + timedelta(hours=2),
    )
    assert len(mail.outbox) == 2
    assert "gewijzigd" in mail.outbox[1].subject
    assert "SEQUENCE:2" in mail.outbox[1].attachments[0][1]
    # A change of anything else (the chair) is no news to the invited.
    mailed(update_meeting, meeting, by=personas.coordinator, chair=personas.coordinator)
    assert len(mail.outbox) == 2
    # Cancelled: the calendar entry says so, under the same UID, and the reason stays home.
    mailed(cancel_meeting, meeting, by=personas.coordinator, reason="Voorzitter ziek, Ayoub")
    assert len(mail.outbox) == 3
    cancelled = mail.outbox[2]
    assert cancelled.subject == (
        "Een casusoverleg in PGA casusregie waarvoor uw organisatie was uitgenodigd is afgelast"
    )
    entry = cancelled.attachments[0][1]
    assert "METHOD:CANCEL" in entry and "STATUS:CANCELLED" in entry
    uid = re.search(r"UID:(\S+)", entry).group(1)
    assert uid == re.search(r"UID:(\S+)", calendar).group(1)
    assert "ziek" not in cancelled.body + entry
    assert_no_personal_data(cancelled)


def test_a_user_chooses_daily_or_none_but_cannot_switch_off_ending_access(personas, mailed):
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    set_choices(
        personas.wim,
        {
            kinds.INVOLVED.name: NotificationChoice.DIGEST,
            kinds.AGREEMENT_NEW.name: NotificationChoice.OFF,
            kinds.ACCESS_ENDING.name: NotificationChoice.OFF,  # not allowed: kept
        },
        reason="test",
    )
    case = CaseFactory(coordinator=personas.coordinator)
    mailed(involve, case, personas.woningcorporatie, by=personas.coordinator)
    mailed(
        make_agreement,
        case,
        by=personas.coordinator,
        description="x",
        partner=personas.woningcorporatie,
        due_on=timezone.localdate() + timedelta(days=20),
    )
    assert mail.outbox == []
    # Both are in the Meldingen list all the same.
    assert Notification.objects.filter(user=personas.wim).count() == 2
    assert mailed(send_digests) == 1
    (digest,) = mail.outbox
    assert digest.subject == "Uw meldingen van vandaag in PGA casusregie"
    assert kinds.INVOLVED.sentence in digest.body
    assert kinds.AGREEMENT_NEW.sentence not in digest.body
    assert mailed(send_digests) == 0
    assert len(mail.outbox) == 1


def test_a_user_without_an_e_mail_address_is_recorded_as_not_sent(personas, mailed):
    case = CaseFactory(coordinator=personas.coordinator)
    mailed(involve, case, personas.woningcorporatie, by=personas.coordinator)
    delivery = EmailDelivery.objects.get(user=personas.wim)
    assert delivery.status == DeliveryStatus.NO_ADDRESS
    assert mail.outbox == []


class RefusingTwice:
    """A mail backend whose server refuses the first two e-mails, then takes them."""

    refused = 0

    def __init__(self, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.inner = EmailBackend(**kwargs)

    def send_messages(self, messages):
        if RefusingTwice.refused < 2:
            RefusingTwice.refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return self.inner.send_messages(messages)


@override_settings(EMAIL_BACKEND="tests.notifications.test_notifications.RefusingTwice")
def test_a_refusing_mail_server_is_tried_again_and_the_mail_sent_once(personas, mailed):
    RefusingTwice.refused = 0
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    case = CaseFactory(coordinator=personas.coordinator)
    mailed(involve, case, personas.woningcorporatie, by=personas.coordinator)
    delivery = EmailDelivery.objects.get(user=personas.wim)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 3
    assert len(mail.outbox) == 1
    # Sending it again (a redelivered task, the sweep) sends nothing.
    assert send_email.apply(args=[delivery.pk]).get() is False
    assert len(mail.outbox) == 1


def test_the_meldingen_list_shows_counts_and_opens_the_page(client, personas, mailed):
    case = CaseFactory(coordinator=personas.coordinator)
    mailed(involve, case, personas.woningcorporatie, by=personas.coordinator)
    client.force_login(personas.wim)
    page = client.get(reverse("notification_list")).content.decode()
    assert "1 ongelezen" in page
    assert kinds.INVOLVED.sentence in page
    notification = Notification.objects.get(user=personas.wim)
    response = client.get(notification.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "U heeft alles gelezen" in client.get(reverse("notification_list")).content.decode()


def test_someone_else_s_notification_is_not_found(client, personas, mailed):
    case = CaseFactory(coordinator=personas.coordinator)
    mailed(involve, case, personas.woningcorporatie, by=personas.coordinator)
    notification = Notification.objects.get(user=personas.wim)
    client.force_login(personas.petra)
    assert client.get(notification.get_absolute_url()).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(client, personas, mailed):
    for _ in range(3):
        mailed(involve, CaseFactory(), personas.woningcorporatie, by=personas.coordinator)
    client.force_login(personas.wim)
    client.post(reverse("notification_read_all"))
    assert not Notification.objects.filter(user=personas.wim, read_at__isnull=True).exists()


def test_the_settings_page_stores_a_choice_with_history(client, personas):
    client.force_login(personas.wim)
    page = client.get(reverse("notification_settings")).content.decode()
    assert "kunt u niet uitzetten" in page
    assert kinds.COORDINATOR_OVERVIEW.label not in page  # coordinators only
    data = {name: "direct" for name in KINDS if name != kinds.COORDINATOR_OVERVIEW.name}
    data[kinds.AGREEMENT_NEW.name] = "dagelijks"
    response = client.post(reverse("notification_settings"), data)
    assert response.status_code == 302
    preference = personas.wim.notification_preferences.get(kind=kinds.AGREEMENT_NEW.name)
    assert preference.choice == "dagelijks"
    assert preference.history.first().history_user == personas.wim
    # A choice that is not offered is refused at the field, nothing stored.
    data[kinds.ACCESS_ENDING.name] = "uit"
    response = client.post(reverse("notification_settings"), data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_the_coordinator_gets_a_daily_overview_when_something_needs_attention(personas, mailed):
    personas.coordinator.email = "sanne@rotterdam.nl"
    personas.coordinator.save()
    today = timezone.localdate()
    AgreementFactory(
        case=personas.case_a, partner=personas.politie, due_on=today - timedelta(days=40)
    )
    mailed(send_reminders, today)
    overview = Notification.objects.get(user=personas.coordinator)
    assert overview.kind == kinds.COORDINATOR_OVERVIEW.name
    assert overview.url == reverse("home")
    assert_no_personal_data(mail.outbox[-1])


def test_the_meldingen_list_costs_the_same_queries_for_1_and_30(client, personas, mailed):
    mailed(involve, CaseFactory(), personas.woningcorporatie, by=personas.coordinator)
    client.force_login(personas.wim)
    one = page_queries(client, reverse("notification_list"))
    for _ in range(29):
        mailed(involve, CaseFactory(), personas.woningcorporatie, by=personas.coordinator)
    many = page_queries(client, reverse("notification_list"))
    assert one[1] == 1 and many[1] == 25  # a page holds 25
    assert one[0] == many[0]


def test_an_e_mail_whose_task_was_lost_is_queued_again_by_the_sweep(personas, mailed):
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    delivery = EmailDelivery.objects.create(user=personas.wim, address=personas.wim.email)
    Notification.objects.create(
        user=personas.wim, kind=kinds.INVOLVED.name, key="x", url="/", email="direct",
        delivery=delivery,
    )  # fmt: skip
    assert queue_waiting_emails() == 0  # just recorded: its task may well be on its way
    later = timezone.now() + timedelta(minutes=16)
    assert mailed(queue_waiting_emails, later) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and len(mail.outbox) == 1
    assert mailed(queue_waiting_emails, later + timedelta(minutes=16)) == 0


def test_the_beheer_list_of_e_mails_shows_kind_and_status(client, personas, mailed):
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    mailed(involve, CaseFactory(), personas.woningcorporatie, by=personas.coordinator)
    client.force_login(personas.beheer)
    page = client.get(reverse("admin:pga_emaildelivery_changelist")).content.decode()
    assert 'field-user nowrap">wim<' in page and kinds.INVOLVED.label in page
    assert "Verzonden" in page


def test_someone_who_receives_no_notifications_has_nothing_to_set(client, personas):
    client.force_login(personas.beheer)  # no organisation, no coordinator
    response = client.get(reverse("notification_settings"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("notification_list")
    assert "geen meldingen" in response.content.decode()
