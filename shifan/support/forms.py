"""Boundary forms: typing what officers enter before the domain functions check the rules."""

from django import forms

from shifan.support.domain import GrantInput
from shifan.support.models import GrantKind


class GrantForm(forms.Form):
    kind = forms.ChoiceField(label="扶持方式", choices=[("", "请选择"), *GrantKind.choices], required=False)
    amount = forms.DecimalField(label="扶持金额（万元）", required=False, help_text="非资金类扶持可不填。",
                                error_messages={"invalid": "扶持金额请填写数字（万元）。"})
    public = forms.BooleanField(label="在门户网站公开扶持金额", required=False)
    granted_on = forms.DateField(label="扶持日期", required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                 error_messages={"invalid": "扶持日期格式不正确，请按 2026-05-01 填写。"})
    document_number = forms.CharField(label="文号", required=False, max_length=60,
                                      error_messages={"max_length": "文号不能超过60个字。"})
    document = forms.FileField(label="文件（PDF）", required=False,
                               widget=forms.FileInput(attrs={"accept": ".pdf"}))
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def grant_input(self) -> GrantInput:
        """The cleaned values for the domain (call after is_valid())."""
        data, upload = self.cleaned_data, self.cleaned_data.get("document")
        return GrantInput(
            kind=data.get("kind") or "", granted_on=data.get("granted_on"), amount=data.get("amount"),
            public=bool(data.get("public")), document_number=data.get("document_number") or "",
            note=data.get("note") or "", document=(upload.read(), upload.name) if upload else None,
        )


class CaseForm(forms.Form):
    title = forms.CharField(label="标题", required=False, max_length=200)
    summary = forms.CharField(label="摘要", required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}), help_text="门户网站列表中显示，500字以内。")
    body = forms.CharField(label="正文", required=False, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text="平台的主要做法、服务成效和可推广的经验。不要写入个人手机号码等个人信息。")
