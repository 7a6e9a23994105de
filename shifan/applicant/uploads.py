"""A per-view cap on uploaded file size, applied while the body is read (DESIGN.md §9).

Django streams uploads above 2.5 MB to a temporary file before any view code runs; this
handler, installed first, stops keeping a file as soon as it passes the cap, so an oversized
upload never fills memory or disk. The form then reports the cap in Chinese.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


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
