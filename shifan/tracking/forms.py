"""Boundary forms of tracking: the yearly figures, opening a round, rectification, returns, replies."""

from django import forms

from shifan.documents.files import accept_attribute, allowed_labels
from shifan.documents.sizes import format_size
from shifan.policies.codes import FUNCTION_LABELS
from shifan.policies.hints import TRACKING, apply_hints
from shifan.tracking.domain import FIGURES, LIST_FIGURES, REPLY_KINDS, REPLY_MAX_BYTES, REPLY_MAX_FILES
from shifan.tracking.models import TrackingReport

ACTIVITY_PREFIX = "activity_"


class ReportForm(forms.ModelForm):
    """The figures of 第五条 for the tracking year, one count of large activities per declared function."""

    class Meta:
        model = TrackingReport
        fields = [*FIGURES, "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, functions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIGURES:
            self.fields[name].widget.attrs.setdefault("min", 0)
        # Hints cite 第五条 with the thresholds of the policy the recognition was granted under.
        policy = self.instance.recognition.application.batch.policy if self.instance.recognition_id else None
        apply_hints(self, TRACKING, policy)
        if self.instance.has_served_list:
            # The imported 附件5 list is authoritative: these two are counted from its rows.
            for name in LIST_FIGURES:
                self.fields[name].disabled = True
                self.fields[name].help_text = "由导入的服务企业名单（附件5）自动计算，重新导入名单即可更新。"
        existing = self.instance.activities or {}
        for code in functions:
            self.fields[ACTIVITY_PREFIX + code] = forms.IntegerField(
                label=f"大型服务活动（{FUNCTION_LABELS.get(code, code)}，次）", min_value=0, required=False,
                initial=existing.get(code, 0))
        self.functions = tuple(functions)

    def figures(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in FIGURES}

    def activities(self) -> dict:
        return {code: self.cleaned_data.get(ACTIVITY_PREFIX + code) or 0 for code in self.functions}

    def activity_fields(self):
        return [self[ACTIVITY_PREFIX + code] for code in self.functions]

    def figure_fields(self):
        return [self[name] for name in FIGURES]


class RoundForm(forms.Form):
    year = forms.IntegerField(label="跟踪年度", min_value=2000, max_value=2100,
                              help_text="报送哪一年度的数据，通常为上一年度。")
    title = forms.CharField(label="标题", max_length=200)
    opens_on = forms.DateField(label="开始日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    due_on = forms.DateField(label="报送截止日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label="报送要求", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RectificationForm(forms.Form):
    requirements = forms.CharField(label="整改要求", widget=forms.Textarea(attrs={"rows": 4}))
    due_on = forms.DateField(label="整改期限", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class CloseRectificationForm(forms.Form):
    note = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 3}))


class RevocationForm(forms.Form):
    reason = forms.CharField(label="撤销理由（事实和依据）", widget=forms.Textarea(attrs={"rows": 4}))
    public_reason = forms.CharField(label="公开的撤销原因", max_length=300,
                                    help_text="将在门户网站和证书验证页公开，不要写入个人信息。")


class ServedListForm(forms.Form):
    file = forms.FileField(label="服务企业名单（附件5，.xlsx）",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
                           help_text="请使用下载的附件5模板填写。有任何一行不合格时整份名单不导入，原有名单和已保存的年度数据不变。")


class ReturnForm(forms.Form):
    reason = forms.CharField(label="退回修改理由", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="平台将在年度报告页面看到该理由。")


class ReplyForm(forms.Form):
    text = forms.CharField(label="整改情况说明", widget=forms.Textarea(attrs={"rows": 5}))

    files_help = (f"可上传 {REPLY_MAX_FILES} 个以内的证明材料，格式 {allowed_labels(REPLY_KINDS)}，"
                  f"每个不超过 {format_size(REPLY_MAX_BYTES)}。")
    files_accept = accept_attribute(REPLY_KINDS)
