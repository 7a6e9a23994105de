"""Private storage of uploaded files: under MEDIA_ROOT/private, never at a URL (DESIGN §9, T38).

Files are written with server-made names (the caller's random name) and owner/group-only
permissions. Nothing maps a URL onto this directory: a file leaves only through a view that
checks who may see it, and ``url()`` refuses, so no template can link to a file directly.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty

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


_FILESYSTEM = PrivateStorage()
_FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"


class _PrivateFiles(LazyObject):
    """MEDIA_ROOT/private on one machine; STORAGES["default"] when that is an object store shared by several
    app servers (SHIFAN_S3_BUCKET, docs/deploy.md). Either way ``url()`` refuses: no direct link, ever."""

    def _setup(self):
        backend = settings.STORAGES["default"]["BACKEND"]
        self._wrapped = _FILESYSTEM if backend == _FILESYSTEM_BACKEND else storages["default"]

    def url(self, name):
        raise ValueError("private files have no URL: serve them through a permission-checking view")


_PRIVATE = _PrivateFiles()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _PRIVATE._wrapped = empty


def private_storage():
    """The storage of a FileField; a callable, so migrations name it instead of freezing a path."""
    return _PRIVATE
