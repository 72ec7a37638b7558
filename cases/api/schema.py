"""The OpenAPI schema (drf-spectacular): every operation documents, besides its answer, the
problem-details answers it may give, so a client (and schemathesis) knows every shape."""

from drf_spectacular.openapi import AutoSchema

from cases.api.errors import PROBLEM, TITLES, Problem

# Every operation: bad input, no or a refused token, not this account's, rate limit.
ERRORS = ("400", "401", "403", "404", "406", "429")


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in ERRORS:
            if code not in responses:
                response = self._get_response_for_code(Problem, code, [PROBLEM], direction)
                response["description"] = str(TITLES[int(code)])
                responses[code] = response
        return responses
