"""Request facts (IP, request id) for audit records, without passing ``request`` into domain code."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str = ""
    request_id: str = ""


_current: ContextVar[RequestContext] = ContextVar(
    "audit_request_context", default=RequestContext()  # noqa: B039 -- frozen dataclass, immutable
)


def current() -> RequestContext:
    return _current.get()


def bind(context: RequestContext):
    return _current.set(context)


def reset(token) -> None:
    _current.reset(token)
