"""Checks on uploaded attachments (PDF, JPG/PNG, DOCX, XLSX) before anything stores them.

    checked = check_upload(data, "营业执照.pdf", frozenset({"pdf", "jpg", "png"}), 20 * MB)
    checked.data, checked.safe_name, checked.sha256   # what to store, and its metadata
    # FileRefused(message) for a file refused as a whole, with the reason in Chinese

Private storage of the accepted files is in ``storage.py``.
"""

from shifan.documents.files.check import CheckedFile, check_upload
from shifan.documents.files.errors import FileRefused
from shifan.documents.files.kinds import KINDS, accept_attribute, allowed_labels

__all__ = ["KINDS", "CheckedFile", "FileRefused", "accept_attribute", "allowed_labels", "check_upload"]
