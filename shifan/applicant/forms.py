from django import forms

from shifan.applications.dossier_io import MAX_DOSSIER_BYTES, DossierRejected, read_dossier_json

MAX_MB = MAX_DOSSIER_BYTES // (1024 * 1024)


class StartApplicationForm(forms.Form):
    platform_name = forms.CharField(
        label="平台名称",
        max_length=200,
        help_text="申请认定的服务平台名称，如“南昌市某某中小企业服务平台”。",
        error_messages={"required": "请填写平台名称。"},
    )


class DossierUploadForm(forms.Form):
    """The dossier file to import: at most 10 MB of UTF-8 JSON. ``cleaned_data["dossier"]`` is the parsed JSON."""

    dossier = forms.FileField(
        label="申报材料 JSON 文件",
        error_messages={
            "required": "请选择要导入的申报材料 JSON 文件。",
            "empty": "所选文件是空的，请检查后重新选择。",
            "invalid": "未收到文件，请重新选择后再导入。",
        },
    )

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean(self):
        if self.too_large:
            # The upload cap dropped the file while it was read: say why rather than "no file".
            self.errors.pop("dossier", None)
            raise forms.ValidationError(f"文件超过 {MAX_MB} MB，不能导入。")
        return super().clean()

    def clean_dossier(self):
        upload = self.cleaned_data["dossier"]
        if upload.size > MAX_DOSSIER_BYTES:
            raise forms.ValidationError(f"文件超过 {MAX_MB} MB，不能导入。")
        try:
            return read_dossier_json(upload.read())
        except DossierRejected as error:
            raise forms.ValidationError(error.problems) from None

    def problems(self) -> list[str]:
        return [message for messages in self.errors.values() for message in messages]
