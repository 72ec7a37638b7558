"""Pages of API lists: ``pagina`` (from 1) and ``pagina_grootte`` (API_PAGE_SIZE, at most
API_MAX_PAGE_SIZE). A page size above the maximum or a page that is no number is refused
with a Dutch message, not silently changed; a page past the end is a 404."""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


def _whole_number(value: str, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise exceptions.ValidationError({name: [_("Geef een geheel getal.")]}) from None
    if number < 1:
        raise exceptions.ValidationError({name: [_("Geef een getal van 1 of meer.")]})
    return number


class Pages(PageNumberPagination):
    page_query_param = "pagina"
    page_size_query_param = "pagina_grootte"

    @property
    def page_size(self):
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return self.page_size
        size = _whole_number(asked, self.page_size_query_param)
        if size > self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Hoogstens %(max)s per pagina.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        number = _whole_number(request.query_params.get(self.page_query_param, "1"), "pagina")
        paginator = self.django_paginator_class(queryset, size)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise exceptions.NotFound(
                _("Pagina %(n)s bestaat niet; er zijn %(pages)s pagina's.")
                % {"n": number, "pages": paginator.num_pages}
            ) from None
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "aantal": self.page.paginator.count,
                "volgende": self.get_next_link(),
                "vorige": self.get_previous_link(),
                "resultaten": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["aantal", "volgende", "vorige", "resultaten"],
            "properties": {
                "aantal": {"type": "integer", "description": "Aantal resultaten in totaal."},
                "volgende": {**link, "description": "De volgende pagina, of null."},
                "vorige": {**link, "description": "De vorige pagina, of null."},
                "resultaten": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "in": "query",
                "required": False,
                "description": "Het nummer van de pagina, vanaf 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": (
                    f"Aantal per pagina: standaard {settings.API_PAGE_SIZE}, "
                    f"hoogstens {settings.API_MAX_PAGE_SIZE}."
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": settings.API_MAX_PAGE_SIZE},
            },
        ]
