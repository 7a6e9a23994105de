from django import forms

from shifan.batches.models import Batch

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BatchForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = [
            "year", "name", "notice_title", "notice_number", "notice_text",
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
