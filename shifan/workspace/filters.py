"""The filter of application lists, shared by the district inbox and the bureau's list."""

from django import forms
from django.db.models import Q

from shifan.accounts.models import Jurisdiction
from shifan.applications.enums import Status
from shifan.batches.models import Batch
from shifan.core.reference import names_of
from shifan.core.widgets import PlainSelect


def _options(model, empty_label: str) -> list[tuple]:
    """(id, name) pairs for a select, from the cached names (core/reference.py): a model field's own
    choices would read whole rows (a batch carries its notice text) through a server-side cursor on
    PostgreSQL on every request, and cleaning the chosen one would read it again."""
    return [("", empty_label), *names_of(model)]


class ApplicationFilterForm(forms.Form):
    # Ids, not objects: the list is filtered by id, so the chosen batch or jurisdiction is never read.
    batch = forms.TypedChoiceField(label="批次", coerce=int, required=False, empty_value=None, widget=PlainSelect)
    status = forms.ChoiceField(label="状态", choices=[("", "全部状态"), *Status.choices], required=False,
                               widget=PlainSelect)
    jurisdiction = forms.TypedChoiceField(label="辖区", coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    q = forms.CharField(label="单位或平台名称", required=False, max_length=100)

    def __init__(self, *args, with_jurisdiction: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].choices = _options(Batch, "全部批次")
        if with_jurisdiction:
            self.fields["jurisdiction"].choices = _options(Jurisdiction, "全部辖区")
        else:  # a district officer sees one jurisdiction only
            del self.fields["jurisdiction"]

    def filter(self, applications):
        if not self.is_valid():
            return applications.none()
        data = self.cleaned_data
        if data["batch"]:
            applications = applications.filter(batch_id=data["batch"])
        if data["status"]:
            applications = applications.filter(status=data["status"])
        if data.get("jurisdiction"):
            applications = applications.filter(jurisdiction_id=data["jurisdiction"])
        if data["q"]:
            text = data["q"]
            applications = applications.filter(Q(organization__name__icontains=text) | Q(platform_name__icontains=text))
        return applications
