"""The reference lists a fresh installation starts with. Another city replaces the districts
in functioneel beheer; the other lists can be extended there too."""

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
