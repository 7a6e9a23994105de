"""Forms at the boundary of publicity: publishing, the public objection form, the ruling."""

from django import forms
from django.utils import timezone

from shifan.publicity.models import PublicityEntry


class PublishForm(forms.Form):
    published_on = forms.DateField(label="发布日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    from_next_day = forms.BooleanField(label="公示期自发布次日起计算", required=False, initial=True,
                                       help_text="不勾选则发布当日计入公示期（当日为工作日时）。")
    contact = forms.CharField(label="异议受理联系方式", max_length=300,
                              initial="南昌市中小企业服务局创新创业服务科，电话 0791-83869992",
                              help_text="将在公示页面公开：受理部门、电话、地址。")
    title = forms.CharField(label="公示标题", max_length=200, required=False, help_text="不填则使用默认标题。")
    body = forms.CharField(label="公示说明", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="不填则使用默认说明（含异议方式）。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_on"].initial = timezone.localdate()


class ObjectionForm(forms.Form):
    entry = forms.ModelChoiceField(label="对哪个平台提出异议", queryset=PublicityEntry.objects.none(),
                                   empty_label="请选择", error_messages={"required": "请选择公示名单中的平台。"})
    name = forms.CharField(label="真实姓名", max_length=50)
    mobile = forms.CharField(label="联系电话（手机）", max_length=20)
    email = forms.EmailField(label="电子邮箱", required=False, help_text="填写后，处理结果将发送到该邮箱。")
    organization = forms.CharField(label="工作单位", max_length=200, required=False)
    content = forms.CharField(label="异议内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                              help_text="请写明异议的事实和理由。")
    # Evidence files are read from request.FILES.getlist("evidence") and checked by the domain.


    def __init__(self, *args, publicity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = publicity.entries.filter(removed_at__isnull=True).select_related(
            "application")
        self.fields["entry"].label_from_instance = lambda e: e.application.platform_name


class RulingForm(forms.Form):
    upheld = forms.TypedChoiceField(label="处理结论", choices=[("0", "异议不成立"), ("1", "异议成立（移出名单）")],
                                    coerce=lambda v: v == "1", widget=forms.RadioSelect)
    investigation = forms.CharField(label="调查核实情况和处理意见", widget=forms.Textarea(attrs={"rows": 4}))
