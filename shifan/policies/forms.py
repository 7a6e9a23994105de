"""The form of a policy version: descriptive fields, thresholds, and one field per function."""

from django import forms

from shifan.policies.codes import ServiceFunction
from shifan.policies.models import DESCRIPTIVE_FIELDS, PARAMETER_FIELDS, Policy

ACTIVITY_PREFIX = "activity_"


class PolicyForm(forms.ModelForm):
    """Edits everything that ``update_policy``/``supersede_policy`` accept.

    The per-function activity table is shown as one number per service function instead of
    raw JSON; a blank number means the function has no activity requirement.
    """

    class Meta:
        model = Policy
        fields = [*DESCRIPTIVE_FIELDS, *(f for f in PARAMETER_FIELDS if f != "activity_minimums")]
        widgets = {
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        minimums = self.instance.activity_minimums or {}
        for code, label in ServiceFunction.choices:
            self.fields[ACTIVITY_PREFIX + code] = forms.IntegerField(
                label=f"{label}类平台年大型服务活动下限（次）",
                min_value=1,
                required=False,
                initial=minimums.get(code),
                help_text="留空表示该服务功能不设活动次数要求。",
            )

    def activity_fields(self):
        return [self[ACTIVITY_PREFIX + code] for code in ServiceFunction.values]

    def main_fields(self):
        return [self[name] for name in self.Meta.fields]

    def parameter_fields(self):
        return [self[name] for name in self.Meta.fields if name in PARAMETER_FIELDS]

    def changes(self) -> dict:
        """The cleaned values keyed as the domain functions expect them."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["activity_minimums"] = {
            code: self.cleaned_data[ACTIVITY_PREFIX + code]
            for code in ServiceFunction.values
            if self.cleaned_data.get(ACTIVITY_PREFIX + code)
        }
        return data


class SuccessorForm(PolicyForm):
    code = forms.SlugField(
        label="新版本代码",
        max_length=40,
        help_text="英文小写、数字和连字符，如 nanchang-2027；创建后不再改变。",
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if Policy.objects.filter(code=code).exists():
            raise forms.ValidationError("该版本代码已被使用。")
        return code
