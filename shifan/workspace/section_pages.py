"""Officials read an application's content section by section (read-only, personal data masked).

District officers see served enterprises' mobiles in clear, since they call them for the
satisfaction survey (第七条(三)); that read is audited. Everything else personal is masked.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from shifan.accounts.roles import Role
from shifan.applications.domain.content import profile_of
from shifan.applications.section_hints import application_section_hint
from shifan.applications.sections import LISTS, SECTIONS, SECTIONS_BY_CODE, derived_figures
from shifan.audit.recorder import record
from shifan.core.fields import EncryptedCharField, mask_id_number, mask_mobile
from shifan.policies.codes import FUNCTION_LABELS
from shifan.workspace.application_pages import eligibility_panel, visible_application
from shifan.workspace.attachments import slot_listing

# (model label, field) pairs a role may read in clear.
CLEAR_FOR_ROLE = {Role.DISTRICT_OFFICER: {("applications.servedenterprise", "mobile")}}


def _masked(model, name: str, value, role: str) -> str:
    if not value:
        return value
    if (model._meta.label_lower, name) in CLEAR_FOR_ROLE.get(role, set()):
        return value
    return mask_id_number(value) if "id_number" in name else mask_mobile(value)


def _encrypted(model, name: str) -> bool:
    return isinstance(model._meta.get_field(name), EncryptedCharField)


def _profile_rows(application, section, role: str) -> list[tuple[str, object]]:
    profile = profile_of(application)
    rows = []
    for name in section.fields:
        field = profile._meta.get_field(name)
        value = getattr(profile, name)
        if _encrypted(type(profile), name):
            value = _masked(type(profile), name, value, role)
        elif name == "service_functions":
            value = "、".join(FUNCTION_LABELS.get(code, code) for code in value)
        rows.append((str(field.verbose_name), value))
    return rows


def _list_tables(request, application, section, role: str):
    tables = []
    for kind in section.lists:
        row_list = LISTS[kind]
        page = Paginator(row_list.model.objects.filter(application=application), row_list.per_page).get_page(
            request.GET.get(f"{kind}_page")
        )
        masked = [name for name in row_list.fields if _encrypted(row_list.model, name)]
        for row in page.object_list:
            for name in masked:
                setattr(row, name, _masked(row_list.model, name, getattr(row, name), role))
        tables.append({"list": row_list, "page": page})
        clear = [name for name in masked if (row_list.model._meta.label_lower, name) in CLEAR_FOR_ROLE.get(role, set())]
        if clear and page.object_list:
            record("application.personal_data_viewed", actor=request.user, target=application,
                   data={"list": kind, "fields": clear, "page": page.number})
    return tables


def render_section_readonly(request, pk: int, code: str, *, namespace: str):
    """GET handler for officials: one section of an application, read-only."""
    application = visible_application(request, pk)
    section = SECTIONS_BY_CODE.get(code)
    if section is None:
        raise Http404("没有这一部分。")
    checks = [row for row in eligibility_panel(application)["rows"] if row["code"] in section.conditions]
    return render(request, "components/section_readonly.html", {
        "application": application,
        "section": section,
        # The thresholds of the pinned version; the applicant-facing upload instructions are not repeated.
        "section_hint": application_section_hint(section, application) if section.rule else "",
        "sections": SECTIONS,
        "namespace": namespace,
        "fields": _profile_rows(application, section, request.user.role),
        "tables": _list_tables(request, application, section, request.user.role),
        "checks": checks,
        "figures": derived_figures(profile_of(application)) if code == "scale" else [],
        "uploads": slot_listing(application, section.uploads),
        "download_url_name": f"{namespace}:attachment",
    })
