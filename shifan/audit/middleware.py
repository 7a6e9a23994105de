import uuid

from shifan.audit import context


class AuditContextMiddleware:
    """Binds the client IP and a request id for the audit records written during a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = uuid.uuid4().hex
        token = context.bind(context.RequestContext(ip=request.META.get("REMOTE_ADDR", ""), request_id=request_id))
        try:
            return self.get_response(request)
        finally:
            context.reset(token)
