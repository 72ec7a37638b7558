"""Who is told what needs their attention, and when: the events of the casework (an
organisation involved in a case, an agreement made, a meeting planned, changed or
cancelled) and the daily reminders (agreements due or overdue, access about to end, the
coordinators' overview). The notifications themselves, the e-mail and the Meldingen list
are the foundation's (pga/notifications.py)."""
