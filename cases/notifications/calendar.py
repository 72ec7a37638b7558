"""A meeting as a calendar entry (.ics, RFC 5545) for the invitation's e-mail: its time and
place only. No agenda, no names, no organiser or attendees: the entry says "Casusoverleg
PGA" and where; what is discussed is read in the app."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

SUMMARY = "Casusoverleg PGA"


def meeting_calendar(meeting, *, cancelled: bool = False) -> str:
    """One VEVENT with a stable UID per meeting and its version as SEQUENCE, so a calendar
    that has the invitation moves or removes it on a change or cancellation."""
    calendar = Calendar()
    calendar.add("prodid", "-//PGA casusregie//casusoverleg//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    host = settings.PGA_SITE_URL.split("://")[-1].split("/")[0].split(":")[0] or "pga"
    event.add("uid", f"casusoverleg-{meeting.pk}@{host}")
    event.add("sequence", meeting.version)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + timedelta(minutes=settings.MEETING_CALENDAR_MINUTES))
    event.add("summary", SUMMARY)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()
