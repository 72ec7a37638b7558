"""The kinds of notification, each with the one sentence every e-mail of that kind says.
None of them names a person, a case, a group or a place: a test checks every kind."""

from pga.models import NotificationChoice
from pga.notifications import Kind, register

DIRECT, DIGEST, OFF = NotificationChoice.DIRECT, NotificationChoice.DIGEST, NotificationChoice.OFF
CALENDAR = "Met een agendabestand (.ics) met alleen de tijd en de plaats."

INVOLVED = register(
    Kind(
        "betrokken",
        "Uw organisatie wordt betrokken bij een casus",
        "",
        "Uw organisatie is betrokken bij een casus in PGA casusregie.",
    )
)
AGREEMENT_NEW = register(
    Kind(
        "afspraak_nieuw",
        "Er is een nieuwe afspraak voor uw organisatie",
        "",
        "Er is een nieuwe afspraak voor uw organisatie in PGA casusregie.",
    )
)
AGREEMENT_DUE = register(
    Kind(
        "afspraak_bijna",
        "De deadline van een afspraak voor uw organisatie is binnen 3 dagen",
        "",
        "De deadline van een afspraak voor uw organisatie in PGA casusregie is binnen 3 dagen.",
    )
)
AGREEMENT_OVERDUE = register(
    Kind(
        "afspraak_verlopen",
        "Een afspraak voor uw organisatie is over de deadline",
        "",
        "Een afspraak voor uw organisatie in PGA casusregie is over de deadline.",
    )
)
MEETING_NEW = register(
    Kind(
        "overleg_nieuw",
        "Uw organisatie is uitgenodigd voor een casusoverleg",
        CALENDAR,
        "Uw organisatie is uitgenodigd voor een casusoverleg in PGA casusregie.",
    )
)
MEETING_CHANGED = register(
    Kind(
        "overleg_gewijzigd",
        "De tijd of plaats van een casusoverleg verandert",
        CALENDAR,
        "De tijd of plaats van een casusoverleg in PGA casusregie is gewijzigd.",
    )
)
MEETING_CANCELLED = register(
    Kind(
        "overleg_afgelast",
        "Een casusoverleg gaat niet door",
        CALENDAR,
        "Een casusoverleg in PGA casusregie waarvoor uw organisatie was uitgenodigd is afgelast.",
    )
)
# The end of access cannot be missed: an e-mail at once or in the daily one, never none.
ACCESS_ENDING = register(
    Kind(
        "toegang_verloopt",
        "De toegang van uw organisatie tot een casus eindigt binnen 14 dagen",
        "",
        "De toegang van uw organisatie tot een casus in PGA casusregie eindigt binnen 14 dagen.",
        choices=(DIRECT, DIGEST),
    )
)
# Itself once a day: at once (in the morning) or not at all.
COORDINATOR_OVERVIEW = register(
    Kind(
        "dagoverzicht",
        "Dagelijks overzicht: in uw casussen vraagt iets aandacht",
        "Elke ochtend om 6.30 uur, alleen als er iets is (een verlopen evaluatie, toets of "
        "afspraak, een casus zonder contact, een interventie die eindigt).",
        "In uw casussen in PGA casusregie vraagt iets uw aandacht.",
        choices=(DIRECT, OFF),
        for_coordinators_only=True,
        choice_labels=((DIRECT, "Elke ochtend een e-mail (als er iets is)"),),
    )
)
