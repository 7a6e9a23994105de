"""The district's review page: USCC check, survey sample and responses, 附件1 texts, notes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.models import ServedEnterprise
from shifan.audit.recorder import record
from shifan.district_review.domain import (
    add_note,
    current_draw,
    draw_survey_sample,
    recommendation_problems,
    record_response,
    replay,
    review_of,
    save_review,
    survey_summary,
)
from shifan.district_review.forms import AssessmentForm, DrawForm, NoteForm, SurveyResponseForm, UsccCheckForm
from shifan.workspace.application_pages import visible_application

district_only = role_required(Role.DISTRICT_OFFICER)


def _survey_rows(survey_draw, response_form=None, failed_id=None):
    if survey_draw is None:
        return []
    enterprises = ServedEnterprise.objects.in_bulk(survey_draw.sample_ids)
    responses = {r.enterprise_id: r for r in survey_draw.responses.all()}
    rows = []
    for enterprise_id in survey_draw.sample_ids:
        enterprise = enterprises.get(enterprise_id)
        response = responses.get(enterprise_id)
        if enterprise_id == failed_id:
            form = response_form
        else:
            initial = {} if response else {"interviewee": enterprise.contact if enterprise else "",
                                           "position": enterprise.position if enterprise else "",
                                           "mobile": enterprise.mobile if enterprise else "",
                                           "service": enterprise.service if enterprise else ""}
            form = SurveyResponseForm(instance=response, initial=initial, prefix=f"e{enterprise_id}")
        rows.append({"enterprise": enterprise, "response": response, "form": form})
    return rows


def render_review(request, application, *, forms=None, failed_id=None, status=200):
    forms = forms or {}
    review = review_of(application)
    survey_draw = current_draw(application)
    survey_size = application.batch.policy.survey_sample_size
    return render(request, "district/review.html", {
        "application": application,
        "review": review,
        "uscc_form": forms.get("uscc") or UsccCheckForm(instance=review),
        "assessment_form": forms.get("assessment") or AssessmentForm(instance=review),
        "draw_form": forms.get("draw") or DrawForm(initial={"sample_size": survey_size}),
        "note_form": forms.get("note") or NoteForm(),
        "draw": survey_draw,
        "replay": replay(survey_draw) if survey_draw else None,
        "rows": _survey_rows(survey_draw, forms.get("response"), failed_id),
        "summary": survey_summary(application),
        "notes": application.district_notes.select_related("author"),
        "problems": recommendation_problems(application),
        "earlier_draws": application.survey_draws.exclude(pk=getattr(survey_draw, "pk", None)),
    }, status=status)


@require_GET
@district_only
def review(request, pk: int):
    application = visible_application(request, pk)
    survey_draw = current_draw(application)
    if survey_draw is not None:
        # The page shows the drawn enterprises' mobiles in clear, for the survey calls.
        record("application.personal_data_viewed", actor=request.user, target=application,
               data={"list": "served_smes", "fields": ["mobile"], "draw": survey_draw.pk})
    return render_review(request, application)


def _save(request, application, form, key, success: str, **extra):
    if form.is_valid():
        try:
            save_review(application, actor=request.user, **form.cleaned_data, **extra)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, success)
            return redirect("district:review", pk=application.pk)
    return render_review(request, application, forms={key: form}, status=400)


@require_POST
@district_only
def uscc_check(request, pk: int):
    application = visible_application(request, pk)
    return _save(request, application, UsccCheckForm(request.POST), "uscc", "已记录统一社会信用代码证查验结果。")


@require_POST
@district_only
def assessment(request, pk: int):
    application = visible_application(request, pk)
    return _save(request, application, AssessmentForm(request.POST), "assessment", "已保存推荐表内容。")


@require_POST
@district_only
def draw(request, pk: int):
    application = visible_application(request, pk)
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            survey_draw = draw_survey_sample(application, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            drawn = f"已从 {survey_draw.population} 家服务企业中随机抽取 {survey_draw.sample_size} 家。"
            messages.success(request, drawn)
            return redirect("district:review", pk=pk)
    return render_review(request, application, forms={"draw": form}, status=400)


@require_POST
@district_only
def respond(request, pk: int, enterprise_id: int):
    application = visible_application(request, pk)
    survey_draw = current_draw(application)
    enterprise = get_object_or_404(ServedEnterprise.objects.filter(application=application), pk=enterprise_id)
    form = SurveyResponseForm(request.POST, prefix=f"e{enterprise_id}")
    if survey_draw is not None and form.is_valid():
        try:
            record_response(survey_draw, enterprise, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"已记录「{enterprise.name}」的测评。")
            return redirect(reverse("district:review", args=[pk]) + "#survey")
    return render_review(request, application, forms={"response": form}, failed_id=enterprise_id, status=400)


@require_POST
@district_only
def note(request, pk: int):
    application = visible_application(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            add_note(application, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "已添加内部备注。")
            return redirect("district:review", pk=pk)
    return render_review(request, application, forms={"note": form}, status=400)
