"""The whole dossier as one zip: the Word documents, the lists as Excel, the dossier JSON and the
uploaded materials of 第八条 under 附件材料/<材料项>/. Built in memory (files are capped at 20 MB
each by their slots; a streamed or background build is the way out if dossiers grow)."""

import io
import json
import re
import zipfile

from django.utils import timezone

from shifan.applications.attachments import SLOTS_BY_CODE
from shifan.applications.documents.catalogue import DOCUMENTS
from shifan.applications.domain.attachments import attachments_for
from shifan.applications.dossier_io import export_dossier
from shifan.applications.list_excel import list_workbook
from shifan.applications.models import Application
from shifan.applications.sections import LISTS
from shifan.documents.docx import render_docx

LIST_FOLDER = "名单（Excel）"
UPLOADS_FOLDER = "附件材料"
DOSSIER_NAME = "申报材料.json"
# The lists that are attachments of their own carry the regulation's number; the others are
# tables of the 申请表.
LIST_PREFIXES = {"equipment": "附件3", "staff": "附件4", "served_smes": "附件5"}
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]+')


def list_file_name(kind: str) -> str:
    return f"{LIST_FOLDER}/{LIST_PREFIXES.get(kind, '申请表')} {LISTS[kind].label}.xlsx"


def archive_members(application: Application) -> dict[str, bytes]:
    """Every file of the archive by its name inside the zip. Pure read (no audit: see archive_for)."""
    members = {
        document.file_name: render_docx(document.template, document.context(application))
        for document in DOCUMENTS.values()
    }
    members |= {list_file_name(kind): list_workbook(application, kind) for kind in LISTS}
    dossier = json.dumps(export_dossier(application), ensure_ascii=False, indent=2) + "\n"
    members[DOSSIER_NAME] = dossier.encode("utf-8")
    members |= uploaded_members(application)
    return members


def _safe(name: str) -> str:
    """A name that cannot leave its folder when unzipped (no separators, no leading dots)."""
    return _UNSAFE_IN_NAME.sub("_", name).strip(" .") or "文件"


def _unique(name: str, taken: set[str]) -> str:
    """name, or “name（2）.pdf” … when two uploads of a slot share a name."""
    stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}（{number}）{dot}{extension}"
    taken.add(candidate)
    return candidate


def uploaded_members(application: Application) -> dict[str, bytes]:
    """附件材料/<article title>/<file name> → the stored file's bytes, slots in the regulation's order."""
    members: dict[str, bytes] = {}
    for code, attachments in attachments_for(application).items():
        slot = SLOTS_BY_CODE.get(code)
        folder = _safe(f"{slot.article}{slot.title}" if slot else code)
        taken: set[str] = set()
        for attachment in attachments:
            with attachment.file.storage.open(attachment.file.name, "rb") as handle:
                data = handle.read()
            members[f"{UPLOADS_FOLDER}/{folder}/{_unique(_safe(attachment.name), taken)}"] = data
    return members


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip of ``members``; names are stored as UTF-8 (flagged, so Windows shows them in Chinese)."""
    stamp = timezone.localtime().timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()
