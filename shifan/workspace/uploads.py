"""A per-view cap on uploaded file size, applied while the body is read (DESIGN.md §9).

Django streams uploads above 2.5 MB to a temporary file before any view code runs; this
handler, installed first, stops keeping a file as soon as it passes the cap, so an oversized
upload never fills memory or disk. The form then reports the cap in Chinese.
"""

from functools import wraps

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from shifan.documents.sizes import format_size


class CappedUploadHandler(FileUploadHandler):
    def __init__(self, request, cap: int):
        super().__init__(request)
        self.cap = cap
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.cap:
            self.exceeded = True
            raise SkipFile()  # the parser drops this file and reads the rest of the body
        return raw_data  # handed on to Django's memory or temporary-file handler

    def file_complete(self, file_size):
        return None  # the next handler builds the UploadedFile


def install_upload_cap(request, cap: int) -> CappedUploadHandler:
    """Put the cap in front of the request's handlers; call before request.POST or FILES is read."""
    handler = CappedUploadHandler(request, cap)
    request.upload_handlers.insert(0, handler)
    return handler


def with_upload_cap(max_bytes: int):
    """Decorate an upload view: cap its file sizes while the body is read, CSRF still checked.

    CsrfViewMiddleware reads the body before the view runs, which would be too late to install
    the cap, so the view is exempted there and protected here after the cap is in place. The
    view finds the handler as ``request.upload_cap`` (``.exceeded`` tells whether a file was cut).
    """

    def decorator(view):
        protected = csrf_protect(view)

        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.upload_cap = install_upload_cap(request, max_bytes)
            return protected(request, *args, **kwargs)

        return wrapper

    return decorator


def too_large_message(max_bytes: int) -> str:
    """The Chinese message for a file cut by the cap."""
    return f"文件超过上限 {format_size(max_bytes)}，请压缩或拆分后上传。"
