"""Running batches (申报批次) from the bureau back office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.batches.domain import close_batch, create_batch, extend_district_deadline, open_batch, update_batch
from shifan.batches.forms import BatchForm, ExtensionForm
from shifan.batches.models import Batch
from shifan.workspace.errors import apply_form

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


def _require_manage(request) -> None:
    if not request.user.has_perm("batches.manage_batch"):
        raise PermissionDenied("只有市局经办人员可以管理申报批次。")


@require_GET
@bureau_staff
def batch_list(request):
    return render(
        request,
        "bureau/batches.html",
        {"batches": Batch.objects.all(), "can_manage": request.user.has_perm("batches.manage_batch")},
    )


@require_http_methods(["GET", "POST"])
@bureau_staff
def batch_create(request):
    _require_manage(request)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and apply_form(form, lambda data: create_batch(actor=request.user, **data)):
        messages.success(request, "已创建申报批次（筹备中）。核对无误后请开启申报。")
        return redirect("bureau:batches")
    status = 400 if form.errors else 200
    return render(request, "bureau/batch_form.html", {"form": form, "title": "新建申报批次"}, status=status)


@require_http_methods(["GET", "POST"])
@bureau_staff
def batch_edit(request, pk: int):
    _require_manage(request)
    batch = get_object_or_404(Batch, pk=pk)
    form = BatchForm(request.POST or None, instance=batch)

    def update(data) -> None:
        changes = {name: data[name] for name in form.changed_data}
        update_batch(Batch.objects.get(pk=pk), actor=request.user, changes=changes)

    if request.method == "POST" and apply_form(form, update):
        messages.success(request, "已保存批次修改。")
        return redirect("bureau:batches")
    status = 400 if form.errors else 200
    return render(request, "bureau/batch_form.html", {"form": form, "title": f"修改：{batch.name}"}, status=status)


@require_POST
@bureau_staff
def batch_open(request, pk: int):
    _require_manage(request)
    try:
        open_batch(get_object_or_404(Batch, pk=pk), actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已开启申报。")
    return redirect("bureau:batches")


@require_POST
@bureau_staff
def batch_close(request, pk: int):
    _require_manage(request)
    close_batch(get_object_or_404(Batch, pk=pk), actor=request.user)
    messages.success(request, "已结束该批次。")
    return redirect("bureau:batches")


@require_http_methods(["GET", "POST"])
@bureau_staff
def batch_extensions(request, pk: int):
    batch = get_object_or_404(Batch, pk=pk)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST":
        _require_manage(request)
        if apply_form(form, lambda data: extend_district_deadline(
            batch, actor=request.user, until=data["extended_until"], jurisdiction=data["jurisdiction"],
            reason=data["reason"],
        )):
            name = form.cleaned_data["jurisdiction"].name
            messages.success(request, f"已延长{name}的推荐截止时间，并通知该辖区。")
            return redirect("bureau:batch-extensions", pk=pk)
    return render(request, "bureau/batch_extensions.html", {
        "batch": batch, "form": form, "extensions": batch.extensions.select_related("jurisdiction", "granted_by"),
        "can_manage": request.user.has_perm("batches.manage_batch"),
    }, status=400 if form.errors else 200)
