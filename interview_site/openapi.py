"""The OpenAPI document tells the truth: one error component with the contract's envelope, every status an
operation can answer with its error codes, and links between operations that chain.

Views declare the errors of their own logic with `errors({409: {"interview_not_ended": "..."}})`; the
schema class adds what every operation can answer (authentication, a route that matches nothing, a body
the parsers refuse), so a new endpoint is documented the same way without repeating them.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import permissions, serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable and machine-readable; each response lists the codes it can carry.")
    message = serializers.CharField(help_text="What went wrong, for people.")
    fields = serializers.DictField(
        required=False, help_text="With `invalid`: the input's messages, by field name."
    )


class ErrorSerializer(serializers.Serializer):
    """Every error the API answers: `{"error": {"code", "message"}}` (PROTOCOL.md)."""

    error = ErrorDetailSerializer()


class ErrorResponse(OpenApiResponse):
    """An error response whose `codes` ({code: meaning}) are listed in its description and as examples."""

    def __init__(self, codes: dict[str, str]):
        self.codes = dict(codes)
        super().__init__(
            ErrorSerializer,
            description="; ".join(f"`{code}`: {meaning}" for code, meaning in self.codes.items()),
            examples=[
                OpenApiExample(code, value={"error": {"code": code, "message": meaning}}, response_only=True)
                for code, meaning in self.codes.items()
            ],
        )


def errors(by_status: dict[int, dict[str, str]]) -> dict[int, ErrorResponse]:
    """The `responses` entries for an operation's own errors: {status: {code: meaning}}."""
    return {status: ErrorResponse(codes) for status, codes in by_status.items()}


AUTH_ERRORS = {
    401: {
        "not_authenticated": "No credentials: send `Authorization: Token <key>` or log in.",
        "authentication_failed": "The token is unknown or the account is inactive.",
    },
    403: {"permission_denied": "Signed in, but not a member of an organisation.",
          "role_forbidden": "A member whose role may not do this (a reviewer changing anything)."},
}
# A path parameter that names nothing, or that the route does not match at all (e.g. a negative id).
NOT_FOUND = {404: {"not_found": "No such resource (or not yours to see)."}}
NOT_ACCEPTABLE = {406: {"not_acceptable": "The Accept header asks for something other than JSON."}}
# Before the view runs: the parsers refuse the body.
BODY_ERRORS = {
    400: {
        "invalid": "A field is missing or malformed; `fields` says which.",
        "malformed_request": "The body does not parse (malformed JSON or multipart).",
        "too_many_fields": "The form has more fields or files than the server reads.",
    },
    413: {"too_large": "The request body is over the size limit."},
    415: {"unsupported_media_type": "The Content-Type is not one this operation reads."},
}
THROTTLED = {429: {"rate_limited": "Too many requests; retry after the Retry-After header's seconds (also in "
                                    "`retry_after_s`)."}}
# Too many bad `Authorization: Token` values from one address (interview_site.authentication).
LOCKED = {429: {"login_locked": "Too many failed sign-ins from this address; try again later."}}


def _merged(*tables: dict[int, dict[str, str]]) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    for table in tables:
        for status, codes in table.items():
            out.setdefault(status, {}).update({c: m for c, m in codes.items() if c not in out[status]})
    return out


class ContractAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the errors every operation can answer and JSON-only request bodies."""

    def _get_response_bodies(self, direction="response"):
        # Not get_response_serializers(): @extend_schema overrides that one in a subclass of this class.
        bodies = super()._get_response_bodies(direction)
        if direction != "response":
            return bodies
        declared = self.get_response_serializers()
        declared = declared if isinstance(declared, dict) else {}
        own = {int(status): r.codes for status, r in declared.items() if isinstance(r, ErrorResponse)}
        for status, codes in _merged(own, *self._common_errors()).items():
            bodies[str(status)] = self._get_response_for_code(ErrorResponse(codes), str(status), direction=direction)
        return dict(sorted(bodies.items()))

    def _common_errors(self) -> list[dict[int, dict[str, str]]]:
        tables = []
        if not any(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions()):
            tables.append(AUTH_ERRORS)
            tables.append(LOCKED)
        if "{" in self.path:
            tables.append(NOT_FOUND)
        if self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None:
            tables.append(BODY_ERRORS)
        tables.append(NOT_ACCEPTABLE)
        if self.view.get_throttles():
            tables.append(THROTTLED)
        return tables

    def map_parsers(self):
        # The API is JSON (PROTOCOL.md). Views on the default parsers also read forms, but a form cannot
        # carry null or nested lists, so the document offers JSON only; uploads declare their own parsers.
        media_types = super().map_parsers()
        if "parser_classes" not in vars(type(self.view)) and "application/json" in media_types:
            return ["application/json"]
        return media_types


# A string with a character that str.strip() keeps: what a non-blank, trimmed CharField accepts.
NOT_ONLY_WHITESPACE = (
    "[^\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
)


class StrictCharFieldExtension(OpenApiSerializerFieldExtension):
    """A required text input says it may not be blank: at least one character that is not whitespace."""

    target_class = "interview_site.api.StrictCharField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "request" and not self.target.allow_blank:
            schema.setdefault("minLength", 1)
            if self.target.trim_whitespace:
                schema["pattern"] = NOT_ONLY_WHITESPACE
        return schema


# Operations that chain: (operationId, status) -> {link name: (target operationId, parameters)}. Fuzzers
# (schemathesis' stateful phase) and client generators follow them from a created resource to its reads.
_INTERVIEW = {"interview_id": "$response.body#/id"}
LINKS: dict[tuple[str, str], dict[str, tuple[str, dict]]] = {
    ("documents_upload_jd_create", "202"): {
        "GetDocument": ("documents_retrieve", {"document_id": "$response.body#/id"}),
        "RankCandidates": ("jd_candidates_ranked", {"jd_id": "$response.body#/id"}),
    },
    ("documents_upload_resume_create", "202"): {
        "GetDocument": ("documents_retrieve", {"document_id": "$response.body#/id"}),
    },
    ("interview_start", "201"): {
        "GetInterview": ("interview_detail", _INTERVIEW),
        "GetReport": ("interview_report", _INTERVIEW),
        "GetPlan": ("interview_plan", _INTERVIEW),
        "UpdatePlan": ("interview_plan_update", _INTERVIEW),
        "GetDecision": ("interview_decision", _INTERVIEW),
        "RecordDecision": ("interview_decision_create", _INTERVIEW),
        "RegenerateReport": ("interview_report_regenerate", _INTERVIEW),
    },
    ("transcript_import", "202"): {
        "GetInterview": ("interview_detail", _INTERVIEW),
        "GetReport": ("interview_report", _INTERVIEW),
        "RegenerateReport": ("interview_report_regenerate", _INTERVIEW),
        "GetOverrides": ("interview_report_overrides", _INTERVIEW),
        "OverrideScore": ("interview_report_override_create", _INTERVIEW),
        "GetDecision": ("interview_decision", _INTERVIEW),
        "RecordDecision": ("interview_decision_create", _INTERVIEW),
    },
}


def add_links(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: the OpenAPI links of LINKS, for operations present in the document."""
    operations = {
        op.get("operationId"): op for item in result.get("paths", {}).values() for op in item.values()
        if isinstance(op, dict)
    }
    for (source, status), links in LINKS.items():
        response = operations.get(source, {}).get("responses", {}).get(status)
        if response is None:
            continue
        response["links"] = {
            name: {"operationId": target, "parameters": parameters}
            for name, (target, parameters) in links.items() if target in operations
        }
    return result
