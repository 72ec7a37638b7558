"""The API's endpoints. Each asks ``cases.permissions`` which records the system account
may read (``api_cases``, ``get_api_case``, ``visible_*``, ``report_cases``); none filters on
its own. Every request is in the access log (pga/access_log.py) like a page."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api.changes import PARAMETER, changed_since, since, with_changed_at
from cases.api.serializers import (
    CaseDetail,
    CaseSummary,
    ContactRecord,
    Figures,
    InterventionRecord,
)
from cases.api.throttling import CountRefused
from cases.permissions import (
    api_cases,
    case_history_rows,
    get_api_case,
    report_cases,
    visible_contacts,
    visible_interventions,
    visible_involvements,
)
from cases.reports.forms import ReportFilterForm
from cases.reports.jobs import figures_job, stored_tables
from cases.reports.suppression import Suppressed
from pga.models import JobStatus

# While a worker counts the figures, the API answers 202 and asks to try again after this.
FIGURES_RETRY_SECONDS = 5

CHANGED_SINCE = OpenApiParameter(
    PARAMETER,
    str,
    description=(
        "Alleen wat op of na dit moment is gewijzigd (ISO 8601: 2026-11-01T08:00:00+01:00, "
        "of een datum 2026-11-01 voor middernacht Nederlandse tijd). Voor incrementeel lezen."
    ),
)
CASE_ID = OpenApiParameter("case_id", int, OpenApiParameter.PATH, description="Id van de casus.")


def case_records(user, moment=None):
    """The organisation's cases with ``changed_at`` from the case history it may read. At
    the 'dat' level no change is dated (what changed may be content), so ``gewijzigd_sinds``
    always returns those cases."""
    rows = case_history_rows(user)
    cases = api_cases(user).select_related("youth", "coordinator")
    cases = changed_since(cases, moment, rows, always=Q(shows_content=False))
    return with_changed_at(cases, rows)


def _log_cases(request, cases):
    """The access log names every case a list answered with (as a meeting page does)."""
    request._request.access_log_cases = [case.number for case in cases]


class CaseList(generics.ListAPIView):
    serializer_class = CaseSummary

    @extend_schema(
        operation_id="casussen_lijst",
        summary="Casussen",
        description=(
            "De casussen die de organisatie van dit systeemaccount nu ziet, op id. "
            "Een account met de rol management krijgt 403: dat leest alleen /cijfers/."
        ),
        parameters=[CHANGED_SINCE],
    )
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        _log_cases(request, self.paginator.page)
        return response

    def get_queryset(self):
        return case_records(self.request.user, since(self.request)).order_by("pk")


class CaseRead(generics.RetrieveAPIView):
    serializer_class = CaseDetail

    @extend_schema(
        operation_id="casus",
        summary="Eén casus",
        description="Met de betrokken organisaties. 404 als de organisatie de casus niet ziet.",
        parameters=[CASE_ID],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        user = request.user
        case = get_api_case(user, self.kwargs["case_id"])  # 404 unless the organisation sees it
        case = case_records(user).filter(pk=case.pk).get()
        involvements = visible_involvements(user, case).select_related("partner")
        context = {
            "involvements": involvements.order_by("started_on", "pk"),
            "shows_content": case.shows_content,
        }
        return Response(CaseDetail(case, context=context).data)


class _OfCase(generics.ListAPIView):
    """Records of one visible case, changed since ``gewijzigd_sinds``."""

    def records(self, case):
        raise NotImplementedError

    def get_queryset(self):
        case = get_api_case(self.request.user, self.kwargs["case_id"])
        moment = since(self.request)
        return with_changed_at(changed_since(self.records(case), moment)).order_by("pk")


class ContactList(_OfCase):
    serializer_class = ContactRecord

    @extend_schema(
        operation_id="casus_contactmomenten",
        summary="Contactmomenten van een casus",
        description=(
            "De contactmomenten die de organisatie ziet: gedeelde (bij wat-informatie) en de "
            "eigen. Afgeschermde contactmomenten van andere organisaties nooit."
        ),
        parameters=[CASE_ID, CHANGED_SINCE],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, case):
        return visible_contacts(self.request.user, case).select_related("partner")


class InterventionList(_OfCase):
    serializer_class = InterventionRecord

    @extend_schema(
        operation_id="casus_interventies",
        summary="Interventies van een casus",
        description="Bij wat-informatie alle; bij dat-informatie alleen de eigen.",
        parameters=[CASE_ID, CHANGED_SINCE],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, case):
        return visible_interventions(self.request.user, case).select_related(
            "intervention_type", "responsible_partner"
        )


def _cell(value):
    if isinstance(value, Suppressed):
        return {"waarde": None, "onderdrukt": True, "tekst": str(value)}
    if value is None:
        return {"waarde": None, "onderdrukt": False, "tekst": ""}
    return {"waarde": value, "onderdrukt": False, "tekst": str(value)}


class FigureList(APIView):
    """The Sturingsinformatie's tables, suppressed exactly as on the page."""

    @extend_schema(
        operation_id="cijfers",
        summary="Sturingsinformatie",
        description=(
            "Alle tabellen van de sturingsinformatie voor een periode en een gebied, met "
            "kleine aantallen onderdrukt zoals op de pagina. Voor accounts met de rol "
            "management; een ketenpartner krijgt 403. De cijfers worden op de achtergrond "
            "geteld: zolang dat duurt is het antwoord 202 met een Retry-After-kop (seconden); "
            "vraag het daarna opnieuw."
        ),
        parameters=[
            OpenApiParameter(
                "van", str, description="Eerste maand, jjjj-mm (standaard: 11 maanden terug)."
            ),
            OpenApiParameter(
                "tot", str, description="Laatste maand, jjjj-mm (standaard: deze maand)."
            ),
            OpenApiParameter("gebied", int, description="Id van een gebied; leeg: hele stad."),
        ],
        responses=Figures,
    )
    def get(self, request):
        report_cases(request.user)  # refuses anyone but management (and coordinators)
        query = request.query_params
        form = ReportFilterForm(
            {
                "van": query.get("van", ""),
                "tot": query.get("tot", ""),
                "district": query.get("gebied", ""),
            }
        )
        period = form.period()
        if period is None:
            names = {"district": "gebied"}
            raise exceptions.ValidationError(
                {names.get(field, field): list(errors) for field, errors in form.errors.items()}
            )
        # Counted by a worker, as for the page (cases/reports/jobs.py): figures counted less
        # than REPORT_FIGURES_MINUTES ago, else 202 until a worker has counted them.
        job = figures_job(request.user, period)
        if job.status != JobStatus.DONE:
            response = Response(
                {"detail": "De cijfers worden geteld. Vraag ze over enkele seconden opnieuw."},
                status=status.HTTP_202_ACCEPTED,
            )
            response["Retry-After"] = str(FIGURES_RETRY_SECONDS)
            return response
        tables = stored_tables(job)
        body = {
            "van": str(period.first),
            "tot": str(period.last),
            "gebied": period.district.name if period.district else None,
            "minimum_aantal": settings.REPORT_MIN_CELL,
            "tabellen": [
                {
                    "tabel": table.slug,
                    "titel": str(table.title),
                    "rijkop": str(table.row_header),
                    "kolommen": [{"naam": str(c.label), "soort": c.kind} for c in table.columns],
                    "rijen": [
                        {
                            "label": label,
                            "waarden": [_cell(value) for value in values],
                        }
                        for label, values in table.rows
                    ],
                    "toelichting": str(table.note),
                }
                for table in tables
            ],
        }
        return Response(Figures(body).data)


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([CountRefused])  # a token is read (and logged) but not required
def not_found(request, rest):
    raise exceptions.NotFound(_("Dit adres bestaat niet in de API; zie /api/ voor wat er is."))
