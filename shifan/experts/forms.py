"""Boundary forms of the expert pool shared by the bureau's pages and the expert's own page."""

from django import forms

from shifan.experts.models import Relationship


class RelationshipForm(forms.Form):
    """Declaring a relationship with an organisation; the domain checks and normalises the values."""

    organization_name = forms.CharField(
        label="单位名称", max_length=200, error_messages={"required": "请填写单位名称。"},
        help_text="与营业执照或法人证书上的名称一致。",
    )
    organization_uscc = forms.CharField(
        label="统一社会信用代码", max_length=40, required=False, help_text="18 位；知道时请填写，便于准确回避。",
    )
    kind = forms.ChoiceField(
        label="关系类型", choices=[("", "请选择"), *Relationship.Kind.choices],
        error_messages={"required": "请选择关系类型。"},
    )
    note = forms.CharField(
        label="说明", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如：担任该单位技术顾问（2024 年至今）。",
    )
