"""Forms at the boundary of accounts: registration, joining, invitations."""

from django import forms
from django.core.exceptions import ValidationError

from shifan.accounts.models import Jurisdiction
from shifan.accounts.onboarding import NewAccount
from shifan.accounts.uscc import is_legal_person, registrant_kind, validate_uscc


class AccountForm(forms.Form):
    display_name = forms.CharField(label="姓名", max_length=50)
    username = forms.RegexField(
        label="用户名", max_length=40, regex=r"^[A-Za-z0-9_.@+-]{4,40}$",
        help_text="4–40 位字母、数字或 _ . @ + -，登录时使用。",
        error_messages={"invalid": "用户名只能包含字母、数字和 _ . @ + -，长度 4–40 位。"},
    )
    email = forms.EmailField(label="电子邮箱", help_text="用于接收审核结果和办理提醒。")
    password1 = forms.CharField(
        label="密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少 10 位，须包含小写字母、大写字母、数字、符号中的三类。",
    )
    password2 = forms.CharField(
        label="再次输入密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", "两次输入的密码不一致。")
        return data

    def account(self) -> NewAccount:
        data = self.cleaned_data
        return NewAccount(data["username"], data["display_name"].strip(), data["email"], data["password1"])

    def add_domain_errors(self, error: ValidationError) -> None:
        """Put a domain ValidationError on the fields it names (password errors on password1)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, messages in error.message_dict.items():
            target = "password1" if field == "password" else field
            self.add_error(target if target in self.fields else None, messages)


class RegistrationForm(AccountForm):
    field_order = ["name", "uscc", "jurisdiction", "display_name", "username", "email", "password1", "password2"]

    name = forms.CharField(label="单位名称", max_length=200, help_text="与营业执照或法人证书上的名称一致。")
    uscc = forms.CharField(
        label="统一社会信用代码", max_length=40,
        help_text="18 位，见营业执照或法人证书；全角字符和空格会自动转换、去除。",
    )
    jurisdiction = forms.ModelChoiceField(
        label="所在辖区",
        queryset=Jurisdiction.objects.filter(is_active=True),
        empty_label="请选择县区、开发区或管理局",
        help_text="申报材料将提交该辖区的中小企业服务主管部门初审。",
    )

    def clean_uscc(self) -> str:
        return validate_uscc(self.cleaned_data["uscc"])

    def registrant_note(self) -> str:
        code = self.cleaned_data.get("uscc", "")
        if not code:
            return ""
        kind = registrant_kind(code)
        if is_legal_person(code):
            return f"登记类型：{kind}"
        return f"登记类型：{kind}；认定要求申报单位具有独立法人资格（第五条(一)），该类型一般不符合"


class JoinForm(AccountForm):
    message = forms.CharField(label="申请说明", max_length=300, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}), help_text="如：所在部门、职务，便于同事核实。")


class InviteForm(forms.Form):
    email = forms.EmailField(label="同事的电子邮箱")
