"""Forms of the bureau's expert pool pages. Values are checked and normalised by shifan.experts."""

from django import forms
from django.db.models import Q

from shifan.accounts.models import Jurisdiction
from shifan.experts.contact import mask_email, mask_mobile
from shifan.experts.models import Expert, TitleLevel
from shifan.policies.codes import ServiceFunction

AVAILABILITY = [("", "全部"), ("yes", "可参加评审"), ("no", "不可参加评审")]


class ExpertFilterForm(forms.Form):
    q = forms.CharField(label="姓名或工作单位", required=False, max_length=100)
    specialty = forms.ChoiceField(label="擅长服务功能", required=False,
                                  choices=[("", "全部"), *ServiceFunction.choices])
    available = forms.ChoiceField(label="评审状态", required=False, choices=AVAILABILITY)

    def filter(self, experts):
        if not self.is_valid():
            return experts.none()
        data = self.cleaned_data
        if data["q"]:
            experts = experts.filter(Q(name__icontains=data["q"]) | Q(employer_name__icontains=data["q"]))
        if data["available"]:
            experts = experts.filter(available=data["available"] == "yes")
        if data["specialty"]:
            # JSON containment is not portable to SQLite; the pool is small, so filter the ids in Python.
            ids = [pk for pk, codes in experts.values_list("pk", "specialties") if data["specialty"] in codes]
            experts = experts.filter(pk__in=ids)
        return experts

    def described(self) -> dict:
        return {key: value for key, value in (self.cleaned_data if self.is_valid() else {}).items() if value}


class ExpertForm(forms.Form):
    """Creating an expert, or editing one: then contact fields left blank keep their values.

    The edit form never shows the mobile or e-mail in clear (a clear read is audited and happens
    only on the expert's page); it shows them masked in the help text.
    """

    name = forms.CharField(label="姓名", max_length=50, error_messages={"required": "请填写姓名。"})
    employer_name = forms.CharField(label="工作单位", max_length=200, error_messages={"required": "请填写工作单位。"})
    employer_uscc = forms.CharField(label="工作单位统一社会信用代码", max_length=40, required=False,
                                    help_text="18 位；可不填。全角字符和空格会自动转换、去除。")
    jurisdiction = forms.ModelChoiceField(
        label="工作单位所在辖区", queryset=Jurisdiction.objects.filter(is_active=True), required=False,
        empty_label="（不在本市或不填）", help_text="随机抽取时可按辖区回避。",
    )
    title = forms.CharField(label="专业技术职称", max_length=100, help_text="如：高级工程师、研究员。",
                            error_messages={"required": "请填写专业技术职称。"})
    title_level = forms.ChoiceField(label="职称级别", choices=[("", "请选择"), *TitleLevel.choices],
                                    error_messages={"required": "请选择职称级别。"})
    specialties = forms.MultipleChoiceField(
        label="擅长服务功能", choices=ServiceFunction.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一项擅长的服务功能。"},
    )
    mobile = forms.CharField(label="手机", max_length=30, help_text="11 位手机号码，可带 +86。",
                             error_messages={"required": "请填写手机号码。"})
    email = forms.CharField(label="电子邮箱", max_length=254, required=False, help_text="用于发送账号激活链接。")
    available = forms.BooleanField(label="可参加评审", required=False, initial=True)
    availability_note = forms.CharField(label="不可参加评审的原因", max_length=200, required=False,
                                        help_text="不勾选“可参加评审”时必填。")

    def __init__(self, *args, expert: Expert | None = None, **kwargs):
        if expert is not None:
            kwargs.setdefault("initial", {
                "name": expert.name, "employer_name": expert.employer_name, "employer_uscc": expert.employer_uscc,
                "jurisdiction": expert.jurisdiction_id, "title": expert.title, "title_level": expert.title_level,
                "specialties": expert.specialties, "available": expert.available,
                "availability_note": expert.availability_note,
            })
        super().__init__(*args, **kwargs)
        self.expert = expert
        if expert is not None:
            mobile, email = self.fields["mobile"], self.fields["email"]
            mobile.required = False
            mobile.help_text = f"当前为 {mask_mobile(expert.mobile)}；留空表示不修改。"
            email.help_text = (f"当前为 {mask_email(expert.email)}；留空表示不修改。" if expert.email
                               else "尚未登记；用于发送账号激活链接。")

    def values(self) -> dict:
        """The fields to hand to the domain; on an edit, blank contact fields are left out (unchanged)."""
        values = dict(self.cleaned_data)
        if self.expert is not None:
            for name in ("mobile", "email"):
                if not values[name].strip():
                    del values[name]
        return values


class AvailabilityForm(forms.Form):
    available = forms.TypedChoiceField(label="评审状态", choices=[("1", "可参加评审"), ("0", "不可参加评审")],
                                       coerce=lambda value: value == "1", widget=forms.RadioSelect)
    availability_note = forms.CharField(label="不可参加评审的原因", max_length=200, required=False,
                                        help_text="如：出国、身体原因、本年度回避。")
