"""The filter of application lists, shared by the district inbox and the bureau's list."""

from django import forms
from django.db.models import Q

from shifan.accounts.models import Jurisdiction
from shifan.applications.enums import Status
from shifan.batches.models import Batch
from shifan.core.widgets import PlainSelect


class ApplicationFilterForm(forms.Form):
    batch = forms.ModelChoiceField(label="批次", queryset=Batch.objects.all(), required=False, empty_label="全部批次",
                                   widget=PlainSelect)
    status = forms.ChoiceField(label="状态", choices=[("", "全部状态"), *Status.choices], required=False,
                               widget=PlainSelect)
    jurisdiction = forms.ModelChoiceField(
        label="辖区", queryset=Jurisdiction.objects.all(), required=False, empty_label="全部辖区", widget=PlainSelect
    )
    q = forms.CharField(label="单位或平台名称", required=False, max_length=100)

    def __init__(self, *args, with_jurisdiction: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_jurisdiction:  # a district officer sees one jurisdiction only
            del self.fields["jurisdiction"]
        # The options as one plain query each: a model field's own choices iterate its queryset, which
        # on PostgreSQL opens a server-side cursor (three more round trips) per select.
        for name in ("batch", "jurisdiction"):
            if field := self.fields.get(name):
                field.widget.choices = [("", field.empty_label), *((obj.pk, str(obj)) for obj in field.queryset)]

    def filter(self, applications):
        if not self.is_valid():
            return applications.none()
        data = self.cleaned_data
        if data["batch"]:
            applications = applications.filter(batch=data["batch"])
        if data["status"]:
            applications = applications.filter(status=data["status"])
        if data.get("jurisdiction"):
            applications = applications.filter(jurisdiction=data["jurisdiction"])
        if data["q"]:
            text = data["q"]
            applications = applications.filter(Q(organization__name__icontains=text) | Q(platform_name__icontains=text))
        return applications
