"""The API's documentation page (/api/): the OpenAPI schema read out in Dutch, for the
developers of a connected system and for functioneel beheer. It holds no case data."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator


def _resolve(schema, components):
    ref = schema.get("$ref")
    if ref:
        return components[ref.rsplit("/", 1)[-1]]
    return schema


def _fields(schema, components, prefix=""):
    """(name, type, description) of every property, nested objects and lists flattened as
    'jongere.naam' and 'betrokkenen[].organisatie'."""
    schema = _resolve(schema, components)
    rows = []
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        prop = _resolve(prop, components)
        kind = prop.get("type", "object")
        full = f"{prefix}{name}"
        if kind == "array":
            item = _resolve(prop.get("items", {}), components)
            if item.get("properties"):
                rows.append((full, "lijst", prop.get("description", ""), name in required))
                rows.extend(_fields(item, components, f"{full}[]."))
                continue
            kind = f"lijst van {item.get('type', 'object')}"
        elif prop.get("properties"):
            rows.append((full, "object", prop.get("description", ""), name in required))
            rows.extend(_fields(prop, components, f"{full}."))
            continue
        if prop.get("format"):
            kind = f"{kind} ({prop['format']})"
        if prop.get("nullable"):
            kind += ", kan null zijn"
        rows.append((full, kind, prop.get("description", ""), name in required))
    return rows


def operations(schema):
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for route, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            answer = operation["responses"].get("200", {})
            body = answer.get("content", {}).get("application/json", {}).get("schema", {})
            found.append(
                {
                    "method": method.upper(),
                    "path": route,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "fields": _fields(body, components),
                }
            )
    return found


UNITS = {"s": "seconde", "m": "minuut", "h": "uur", "d": "dag"}


def _per(rate: str) -> str:
    """'600/minute' as '600 per minuut'."""
    number, _slash, unit = rate.partition("/")
    return f"{number} per {UNITS.get(unit[:1], unit)}"


@login_required
def api_docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return render(
        request,
        "api/docs.html",
        {
            "operations": operations(schema),
            "page_size": settings.API_PAGE_SIZE,
            "max_page_size": settings.API_MAX_PAGE_SIZE,
            "rate_limit": _per(settings.API_RATE_LIMIT),
            "token_days": settings.API_TOKEN_MAX_DAYS,
        },
    )
