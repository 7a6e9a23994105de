from django import forms

from shifan.accounts.models import Jurisdiction
from shifan.batches.models import Batch
from shifan.policies.domain import default_policy
from shifan.policies.models import Policy

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BatchForm(forms.ModelForm):
    policy = forms.ModelChoiceField(
        label="适用认定办法版本",
        queryset=Policy.objects.filter(status=Policy.Status.ACTIVE),
        empty_label=None,
        help_text="批次开启后所适用的版本不能再修改，以保证认定结果可复核。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("policy", default_policy())
    class Meta:
        model = Batch
        fields = [
            "year", "name", "policy", "notice_title", "notice_number", "notice_text",
            "opens_at", "applicant_deadline", "district_deadline",
            "review_starts_on", "review_ends_on", "publicity_starts_on", "decision_due_on",
        ]
        widgets = {
            "opens_at": DATETIME, "applicant_deadline": DATETIME, "district_deadline": DATETIME,
            "review_starts_on": DATE, "review_ends_on": DATE, "publicity_starts_on": DATE, "decision_due_on": DATE,
            "notice_text": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "notice_number": "如：洪企服字〔2026〕1号",
            "district_deadline": "县区完成初审推荐的截止时间，不早于申报截止时间。",
        }


class ExtensionForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(label="辖区", queryset=None, empty_label="请选择辖区")
    extended_until = forms.DateTimeField(label="推荐截止时间延长至", widget=DATETIME)
    reason = forms.CharField(label="延期理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.filter(is_active=True)
