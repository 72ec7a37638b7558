"""The reference lists a fresh installation starts with. Another city replaces the districts
in functioneel beheer; the other lists can be extended there too."""

from django.utils import timezone

# Rotterdam's areas (gebieden).
DISTRICTS = [
    "Centrum",
    "Charlois",
    "Delfshaven",
    "Feijenoord",
    "Hillegersberg-Schiebroek",
    "Hoek van Holland",
    "Hoogvliet",
    "IJsselmonde",
    "Kralingen-Crooswijk",
    "Noord",
    "Overschie",
    "Pernis",
    "Prins Alexander",
    "Rozenburg",
]

INTERVENTION_TYPES = {
    "zorg": [
        "Ambulante jeugdhulp",
        "Gezinscoaching",
        "Multisysteemtherapie (MST)",
        "GGZ-behandeling",
        "Verslavingszorg",
        "Schuldhulpverlening",
        "Mentor of maatje",
    ],
    "drang": [
        "Jongerencoach (jongerenwerk)",
        "Drangtraject jeugdbescherming",
        "Gezamenlijk huisbezoek (achter de voordeur)",
        "Stopgesprek",
    ],
    "straf": [
        "Halt-traject",
        "Werkstraf",
        "Jeugdreclassering",
        "Bijzondere voorwaarden (toezicht)",
        "Gedragsaanwijzing OvJ",
        "Elektronische monitoring",
    ],
    "bestuurlijk": [
        "Gebiedsverbod",
        "Groepsverbod",
        "Meldplicht (burgemeester)",
        "Begeleidingsplicht",
        "Wijkverbod",
    ],
    "civiel": [
        "Ondertoezichtstelling (OTS)",
        "Uithuisplaatsing",
        "Gezagsbeëindigende maatregel",
        "Gedragsaanwijzing huurder",
    ],
    "onderwijs": [
        "Leerplichttraject",
        "RMC-traject",
        "Herplaatsing op andere school",
        "Begeleiding zorgteam school",
        "Leer-werktraject",
    ],
}

# The 13 life domains of ZRM 2017: names only (the matrix texts are licensed).
ZRM_2017_DOMAINS = [
    "Financiën",
    "Werk & opleiding",
    "Tijdsbesteding",
    "Huisvesting",
    "Huiselijke relaties",
    "Geestelijke gezondheid",
    "Lichamelijke gezondheid",
    "Middelengebruik",
    "Basale ADL",
    "Instrumentele ADL",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
]


REASON = "Referentielijst geladen bij installatie"


def _create_with_history(apps, model_name, lookup, **defaults):
    model = apps.get_model("cases", model_name)
    if model.objects.filter(**lookup).exists():
        return
    obj = model(**lookup, **defaults)
    if hasattr(model, "history"):
        obj._change_reason = REASON  # a real model: simple-history writes the row on save
        obj.save()
        return
    # A migration's frozen model has no simple-history signals: write the row here.
    obj.save()
    values = {field.attname: getattr(obj, field.attname) for field in model._meta.fields}
    apps.get_model("cases", f"Historical{model_name}").objects.create(
        **values, history_date=timezone.now(), history_type="+", history_change_reason=REASON
    )


def load_reference_data(apps):
    """Create what is missing (idempotent). Called by the data migration with its frozen
    models, and by the browser tests after a flush with the real ones."""
    for name in DISTRICTS:
        _create_with_history(apps, "District", {"name": name})
    for track, names in INTERVENTION_TYPES.items():
        for name in names:
            _create_with_history(apps, "InterventionType", {"track": track, "name": name})
    for position, name in enumerate(ZRM_2017_DOMAINS, start=1):
        _create_with_history(apps, "AssessmentDomain", {"name": name}, position=position)
