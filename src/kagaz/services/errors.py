"""What a service refuses a request with, and the HTTP status the API answers it with.

The services raise these; :mod:`kagaz.api.errors` turns each into the Atlas error envelope. The
hierarchy::

    KagazError
    └── ApiError                 API_ERROR             (500)
        ├── BadRequest           BAD_REQUEST           400
        ├── AuthenticationError  AUTHENTICATION_ERROR  401
        ├── NotFound             NOT_FOUND             404
        ├── Conflict             CONFLICT              409
        ├── FlowNotFound         FLOW_NOT_FOUND        409
        ├── ResourceGone         RESOURCE_GONE         410
        ├── PayloadTooLarge      PAYLOAD_TOO_LARGE     413
        ├── Unprocessable        UNPROCESSABLE_ENTITY  422
        └── ServiceUnavailable   SERVICE_UNAVAILABLE   503
"""

from __future__ import annotations

from kagaz.errors import KagazError

__all__ = [
    "ApiError",
    "AuthenticationError",
    "BadRequest",
    "Conflict",
    "FlowNotFound",
    "NotFound",
    "PayloadTooLarge",
    "ResourceGone",
    "ServiceUnavailable",
    "Unprocessable",
]


class ApiError(KagazError):
    """An error answered over HTTP with ``status_code``."""

    code = "API_ERROR"
    message = "Internal error"
    status_code = 500


class BadRequest(ApiError):
    """Required parameters missing or malformed."""

    code = "BAD_REQUEST"
    message = "Missing or malformed parameters"
    status_code = 400


class AuthenticationError(ApiError):
    """Bad credentials, or a token that is missing, forged, expired or revoked."""

    code = "AUTHENTICATION_ERROR"
    message = "Invalid token"
    status_code = 401


class NotFound(ApiError):
    """No such resource."""

    code = "NOT_FOUND"
    message = "Not found"
    status_code = 404


class Conflict(ApiError):
    """The resource is not in a state that allows the request (a document still being read, a
    flow with nothing to replay)."""

    code = "CONFLICT"
    message = "The request conflicts with the resource's state"
    status_code = 409


class ResourceGone(ApiError):
    """The resource existed but has expired (e.g. a redact link)."""

    code = "RESOURCE_GONE"
    message = "The link has expired"
    status_code = 410


class PayloadTooLarge(ApiError):
    """Too many URLs in one request, or a request body over the size limit."""

    code = "PAYLOAD_TOO_LARGE"
    message = "The request is too large"
    status_code = 413


class Unprocessable(ApiError):
    """The body is not JSON."""

    code = "UNPROCESSABLE_ENTITY"
    message = "The request body is not valid JSON"
    status_code = 422


class ServiceUnavailable(ApiError):
    """A dependency (database, file store) is unavailable, or the server is overloaded."""

    code = "SERVICE_UNAVAILABLE"
    message = "The service is temporarily unavailable"
    status_code = 503


class FlowNotFound(ApiError):
    """No flow with that ``flow_uuid`` for this client (Atlas answers 409, not 404): an unknown
    flow and another client's flow answer the same, so a flow's existence does not leak."""

    code = "FLOW_NOT_FOUND"
    message = "Flow not found"
    status_code = 409
