"""Private storage of uploaded files: under MEDIA_ROOT/private, never at a URL (DESIGN §9, T38).

Files are written with server-made names (the caller's random name) and owner/group-only
permissions. Nothing maps a URL onto this directory: a file leaves only through a view that
checks who may see it, and ``url()`` refuses, so no template can link to a file directly.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property

PRIVATE_DIRECTORY = "private"


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(file_permissions_mode=0o640, directory_permissions_mode=0o750)

    @cached_property
    def base_location(self):
        # Follows MEDIA_ROOT (tests move it), which the parent's setting_changed hook clears.
        return os.path.join(settings.MEDIA_ROOT, PRIVATE_DIRECTORY)

    def url(self, name):
        raise ValueError("private files have no URL: serve them through a permission-checking view")


_PRIVATE = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of a FileField; a callable, so migrations name it instead of freezing a path."""
    return _PRIVATE
