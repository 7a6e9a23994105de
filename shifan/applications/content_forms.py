"""Forms of the application's sections and rows, with the checks each field needs."""

from django import forms
from django.forms import modelform_factory

from shifan.accounts.uscc import validate_uscc
from shifan.applications.models import ApplicationProfile
from shifan.applications.sections import LISTS, Section
from shifan.core.validators import validate_id_number, validate_mobile
from shifan.policies.codes import ServiceFunction
from shifan.policies.hints import PROFILE, ROWS, apply_hints

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 6})
MOBILE_FIELDS = {"legal_representative_mobile", "contact_mobile", "mobile"}
TEXT_FIELDS = {
    "qualifications", "public_welfare_activities", "government_support", "impact", "report_basics", "report_region",
    "report_management", "report_services", "report_achievements", "report_support", "report_plans",
}


class ContentChecks:
    """Field checks shared by section and row forms: mobiles, ID numbers, USCCs."""

    def clean(self):
        data = super().clean()
        for name in MOBILE_FIELDS & set(self.fields):
            if data.get(name):
                try:
                    data[name] = validate_mobile(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if data.get("legal_representative_id_number"):
            try:
                data["legal_representative_id_number"] = validate_id_number(data["legal_representative_id_number"])
            except forms.ValidationError as error:
                self.add_error("legal_representative_id_number", error)
        if "uscc" in self.fields and data.get("uscc"):
            try:
                data["uscc"] = validate_uscc(data["uscc"])
            except forms.ValidationError as error:
                self.add_error("uscc", error)
        return data


class SectionFormBase(ContentChecks, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Hints cite the regulation; thresholds come from the batch's pinned policy (policies.hints).
        if set(self.fields) & set(PROFILE):
            application = self.instance.application if self.instance.application_id else None
            apply_hints(self, PROFILE, application.batch.policy if application is not None else None)


def section_form_class(section: Section):
    widgets = {name: TEXT for name in section.fields if name in TEXT_FIELDS}
    widgets.update({"registered_on": DATE, "declaration_signed_on": DATE})
    form_class = modelform_factory(
        ApplicationProfile, form=SectionFormBase, fields=section.fields, widgets=widgets
    )
    if "service_functions" in section.fields:
        form_class.base_fields["service_functions"] = forms.MultipleChoiceField(
            label="申报服务功能", choices=ServiceFunction.choices, required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    return form_class


class RowFormBase(ContentChecks, forms.ModelForm):
    hints: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_hints(self, self.hints)  # no policy at hand: the hints cite articles, no numbers


def row_form_class(kind: str):
    row_list = LISTS[kind]
    widgets = {name: DATE for name in ("date", "purchased_on") if name in row_list.fields}
    form_class = modelform_factory(row_list.model, form=RowFormBase, fields=row_list.fields, widgets=widgets)
    form_class.hints = ROWS.get(kind, {})
    return form_class
