"""The API's records with stable Dutch field names; each field's help text is its
documentation in the schema. Read only: nothing here writes."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import ContactVisibility

CHANGED = "Laatste wijziging van dit record (uit de historie), in ISO 8601."


class YouthSummary(serializers.Serializer):
    naam = serializers.CharField(
        source="full_name", help_text="Voornaam, tussenvoegsel, achternaam."
    )
    leeftijd = serializers.IntegerField(source="age", help_text="Leeftijd in jaren, vandaag.")


class CaseSummary(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="Vast nummer van de casus in de API.")
    casusnummer = serializers.CharField(source="number", help_text="Bijv. PGA-2026-0042.")
    status = serializers.CharField(help_text="Code van de status, bijv. 'actief'.")
    status_omschrijving = serializers.CharField(source="get_status_display")
    prioriteit = serializers.SerializerMethodField(
        help_text="1 (hoog) t/m 3 (laag); null bij dat-informatie."
    )
    jongere = YouthSummary(source="youth")
    aangemeld_op = serializers.DateField(source="registered_on")
    gestart_op = serializers.DateField(source="started_on", allow_null=True)
    afgesloten_op = serializers.DateField(source="closed_on", allow_null=True)
    informatieniveau = serializers.CharField(
        source="access_level",
        help_text="'wat' (gedeelde inhoud) of 'dat' (alleen dat de casus bestaat en wie "
        "betrokken is) voor de organisatie van dit systeemaccount.",
    )
    toegang_tot = serializers.DateField(
        source="access_until", help_text="Tot en met deze dag ziet de organisatie de casus."
    )
    gewijzigd_op = serializers.SerializerMethodField(
        help_text=CHANGED + " Null bij dat-informatie: wat er veranderde kan inhoud zijn; "
        "gewijzigd_sinds geeft die casussen daarom altijd mee."
    )

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_prioriteit(self, case):
        return case.priority if case.shows_content else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_gewijzigd_op(self, case):
        if not case.shows_content or case.changed_at is None:
            return None
        return serializers.DateTimeField().to_representation(case.changed_at)


class InvolvementSummary(serializers.Serializer):
    organisatie = serializers.CharField(source="partner.name")
    soort_organisatie = serializers.CharField(source="partner.kind")
    rol = serializers.CharField(source="get_role_display")
    informatieniveau = serializers.SerializerMethodField(
        help_text="'wat' of 'dat'; null bij dat-informatie (hoeveel een ander ziet is inhoud)."
    )
    betrokken_sinds = serializers.DateField(source="started_on")
    toegang_tot = serializers.DateField(source="expires_on")
    beeindigd_op = serializers.DateField(source="ended_on", allow_null=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_informatieniveau(self, involvement):
        return involvement.information_level if self.context.get("shows_content") else None


class CaseDetail(CaseSummary):
    betrokkenen = serializers.SerializerMethodField(
        help_text="Alle organisaties die betrokken zijn of waren."
    )

    @extend_schema_field(InvolvementSummary(many=True))
    def get_betrokkenen(self, case):
        return InvolvementSummary(
            self.context["involvements"], many=True, context=self.context
        ).data


class ContactRecord(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    casus = serializers.IntegerField(source="case_id", help_text="Id van de casus.")
    moment = serializers.DateTimeField(source="occurred_at", help_text="Wanneer het contact was.")
    soort = serializers.CharField(source="kind")
    soort_omschrijving = serializers.CharField(source="get_kind_display")
    met_wie = serializers.CharField(source="get_with_whom_display")
    organisatie = serializers.CharField(source="partner.name", help_text="Wie het vastlegde.")
    gedeeld = serializers.SerializerMethodField(
        help_text="true: gedeeld met alle betrokkenen; false: alleen voor de eigen organisatie."
    )
    samenvatting = serializers.CharField(source="summary")
    vervolg = serializers.CharField(source="follow_up")
    vastgelegd_op = serializers.DateTimeField(source="created_at")
    gewijzigd_op = serializers.DateTimeField(
        source="changed_at", allow_null=True, help_text=CHANGED
    )

    @extend_schema_field(serializers.BooleanField())
    def get_gedeeld(self, contact):
        return contact.visibility == ContactVisibility.SHARED


class InterventionRecord(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    casus = serializers.IntegerField(source="case_id", help_text="Id van de casus.")
    soort = serializers.CharField(source="intervention_type.name")
    spoor = serializers.CharField(source="intervention_type.track")
    status = serializers.CharField()
    status_omschrijving = serializers.CharField(source="get_status_display")
    organisatie = serializers.CharField(
        source="responsible_partner.name", allow_null=True, help_text="Wie de interventie uitvoert."
    )
    doel = serializers.CharField(source="goal")
    gestart_op = serializers.DateField(source="started_on", allow_null=True)
    geplande_einddatum = serializers.DateField(source="planned_end_on", allow_null=True)
    beeindigd_op = serializers.DateField(source="ended_on", allow_null=True)
    resultaat = serializers.CharField(source="outcome")
    gewijzigd_op = serializers.DateTimeField(
        source="changed_at", allow_null=True, help_text=CHANGED
    )


class FigureCell(serializers.Serializer):
    waarde = serializers.FloatField(
        allow_null=True, help_text="Het getal; null als het is onderdrukt of er niets te tellen is."
    )
    onderdrukt = serializers.BooleanField(
        help_text="true: telt minder dan het minimum aantal personen (of is daaruit af te leiden)."
    )
    tekst = serializers.CharField(help_text="Zoals op de pagina: '< 5' bij onderdrukt.")


class FigureRow(serializers.Serializer):
    label = serializers.CharField()
    waarden = FigureCell(many=True)


class FigureColumn(serializers.Serializer):
    naam = serializers.CharField()
    soort = serializers.ChoiceField(
        choices=["n", "days", "pct"],
        help_text="'n': aantal personen; 'days': mediaan of kwartiel in dagen; 'pct': percentage.",
    )


class FigureTable(serializers.Serializer):
    tabel = serializers.CharField(help_text="Vaste sleutel van de tabel, bijv. 'instroom'.")
    titel = serializers.CharField()
    rijkop = serializers.CharField()
    kolommen = FigureColumn(many=True)
    rijen = FigureRow(many=True)
    toelichting = serializers.CharField()


class Figures(serializers.Serializer):
    van = serializers.CharField(help_text="Eerste maand, jjjj-mm.")
    tot = serializers.CharField(help_text="Laatste maand, jjjj-mm (tot en met).")
    gebied = serializers.CharField(
        allow_null=True, help_text="Naam van het gebied; null: hele stad."
    )
    minimum_aantal = serializers.IntegerField(
        help_text="Een cel die minder personen telt dan dit, is onderdrukt."
    )
    tabellen = FigureTable(many=True)
