"""Forms of the district's review page."""

from django import forms

from shifan.core.validators import validate_mobile
from shifan.district_review.models import DistrictReview, SurveyResponse
from shifan.policies.hints import DISTRICT, apply_hints

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UsccCheckForm(forms.ModelForm):
    class Meta:
        model = DistrictReview
        fields = ["uscc_checked_on", "uscc_check", "uscc_check_note"]
        widgets = {"uscc_checked_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uscc_checked_on"].required = True
        self.fields["uscc_check"].required = True
        apply_hints(self, DISTRICT)


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = DistrictReview
        fields = ["impact", "exemplarity", "opinion"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_hints(self, DISTRICT)


class SurveyResponseForm(forms.ModelForm):
    class Meta:
        model = SurveyResponse
        fields = ["method", "interviewee", "position", "mobile", "service", "satisfied"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_hints(self, DISTRICT)

    def clean_mobile(self) -> str:
        value = self.cleaned_data.get("mobile", "")
        return validate_mobile(value) if value else ""


class DrawForm(forms.Form):
    sample_size = forms.IntegerField(label="抽取数量", min_value=1, max_value=1000)
    reason = forms.CharField(label="重新抽取的理由", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_hints(self, DISTRICT)


class NoteForm(forms.Form):
    text = forms.CharField(label="内部备注", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
