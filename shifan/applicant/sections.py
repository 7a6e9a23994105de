"""The applicant fills the application section by section, and the long lists row by row."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.content_forms import row_form_class, section_form_class
from shifan.applications.domain.content import delete_row, profile_of, save_profile_section, save_row
from shifan.applications.domain.returns import latest_section_returns
from shifan.applications.enums import Status
from shifan.applications.section_hints import application_section_hint
from shifan.applications.sections import LISTS, SECTIONS, SECTIONS_BY_CODE, derived_figures
from shifan.core.validators import id_number_warnings
from shifan.workspace.application_pages import eligibility_panel, visible_application
from shifan.workspace.attachments import slot_listing

applicant_only = role_required(Role.APPLICANT)


def _section(code: str):
    section = SECTIONS_BY_CODE.get(code)
    if section is None:
        raise Http404("没有这一部分。")
    return section


def _list_pages(request, application, section, row_forms: dict):
    pages = []
    for kind in section.lists:
        row_list = LISTS[kind]
        rows = row_list.model.objects.filter(application=application)
        page = Paginator(rows, row_list.per_page).get_page(request.GET.get(f"{kind}_page"))
        pages.append({"list": row_list, "page": page, "form": row_forms.get(kind) or row_form_class(kind)()})
    return pages


def _section_checks(application, section) -> list[dict]:
    """The 第五条 results this section decides, recomputed on every load (so after each save)."""
    if not section.conditions:
        return []
    rows = eligibility_panel(application)["rows"]
    return [row for row in rows if row["code"] in section.conditions]


def _upload_slots(application, section, editable: bool) -> list[dict]:
    """This section's slots of 第八条 with their files, and whether one more may be uploaded."""
    return [
        {**item, "can_upload": editable and len(item["files"]) < item["slot"].max_files}
        for item in slot_listing(application, section.uploads)
    ]


def render_section(request, application, section, *, form=None, row_forms=None, status=200):
    editable = application.status in Status.applicant_editable
    if form is None and section.fields:
        form = section_form_class(section)(instance=profile_of(application), initial={"version": application.version})
    return render(
        request,
        "applicant/section.html",
        {
            "application": application,
            "section": section,
            "section_hint": application_section_hint(section, application),  # the pinned version's numbers
            "sections": SECTIONS,
            "form": form,
            "lists": _list_pages(request, application, section, row_forms or {}),
            "uploads": _upload_slots(application, section, editable),
            "editable": editable,
            "checks": _section_checks(application, section),
            "returned": latest_section_returns(application).get(section.code)
            if application.status == Status.RETURNED else None,
            "figures": derived_figures(profile_of(application)) if section.code == "scale" else [],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@applicant_only
def section(request, pk: int, code: str):
    application = visible_application(request, pk)
    section = _section(code)
    if request.method == "GET" or not section.fields:
        return render_section(request, application, section)
    form = section_form_class(section)(request.POST, instance=profile_of(application))
    autosave = request.headers.get("X-Autosave") == "1"
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in section.fields}
        try:
            save_profile_section(application, actor=request.user, changes=changes,
                                 version=form.cleaned_data["version"])
        except ValidationError as error:  # StaleDraft included: the typed input stays on the page
            if autosave:
                return JsonResponse({"saved": False, "message": "；".join(error.messages)}, status=409)
            form.add_error(None, error.messages)
        else:
            if autosave:
                return _autosaved(application)
            messages.success(request, f"已保存「{section.title}」。")
            for warning in id_number_warnings(changes.get("legal_representative_id_number", "")):
                messages.warning(request, warning)
            return redirect("applicant:section", pk=pk, code=code)
    if autosave:
        count = sum(len(errors) for errors in form.errors.values())
        return JsonResponse({"saved": False, "message": f"有 {count} 处内容需要修改，暂未自动保存。"}, status=400)
    return render_section(request, application, section, form=form, status=400)


def _autosaved(application) -> JsonResponse:
    application.refresh_from_db(fields=["version", "updated_at"])
    saved_at = timezone.localtime(application.updated_at).strftime("%H:%M")
    return JsonResponse({"saved": True, "version": application.version, "message": f"已于 {saved_at} 自动保存。"})


def _section_of_list(kind: str):
    for section in SECTIONS:
        if kind in section.lists:
            return section
    raise Http404("没有这个列表。")


def _row(application, kind: str, row_id: int):
    return get_object_or_404(LISTS[kind].model.objects.filter(application=application), pk=row_id)


@require_POST
@applicant_only
def row_add(request, pk: int, kind: str):
    application = visible_application(request, pk)
    section = _section_of_list(kind)
    form = row_form_class(kind)(request.POST)
    if form.is_valid():
        try:
            save_row(application, form.instance, actor=request.user, kind=kind)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"已添加一行到「{LISTS[kind].label}」。")
            return redirect(reverse("applicant:section", args=[pk, section.code]) + f"#list-{kind}")
    return render_section(request, application, section, row_forms={kind: form}, status=400)


@require_http_methods(["GET", "POST"])
@applicant_only
def row_edit(request, pk: int, kind: str, row_id: int):
    application = visible_application(request, pk)
    section = _section_of_list(kind)
    row = _row(application, kind, row_id)
    form = row_form_class(kind)(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            save_row(application, form.instance, actor=request.user, kind=kind)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"已保存「{LISTS[kind].label}」的第 {row.seq} 行。")
            return redirect(reverse("applicant:section", args=[pk, section.code]) + f"#list-{kind}")
    return render(
        request, "applicant/row_edit.html",
        {"application": application, "section": section, "list": LISTS[kind], "row": row, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@applicant_only
def row_delete(request, pk: int, kind: str, row_id: int):
    application = visible_application(request, pk)
    section = _section_of_list(kind)
    try:
        delete_row(application, _row(application, kind, row_id), actor=request.user, kind=kind)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已删除「{LISTS[kind].label}」中的一行。")
    return redirect(reverse("applicant:section", args=[pk, section.code]) + f"#list-{kind}")
