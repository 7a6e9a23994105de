from django import forms


class StartApplicationForm(forms.Form):
    platform_name = forms.CharField(
        label="平台名称",
        max_length=200,
        help_text="申请认定的服务平台名称，如“南昌市某某中小企业服务平台”。",
        error_messages={"required": "请填写平台名称。"},
    )
