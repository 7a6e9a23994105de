"""Forms at the boundary of the city review: what the bureau, experts and agencies fill in."""

from decimal import Decimal

from django import forms
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from shifan.accounts.models import Organization
from shifan.city_review.domain.groups import agencies
from shifan.city_review.domain.scoring import Entry
from shifan.city_review.models import Indicator, ReviewGroup, ReviewSettings
from shifan.core.widgets import PlainTextInput, escaped
from shifan.policies.codes import ServiceFunction
from shifan.policies.hints import CITY_REVIEW, apply_hints
from shifan.policies.templatetags.regulation_tags import regulation_links


class GroupForm(forms.Form):
    name = forms.CharField(label="评审组名称", max_length=100, initial="第一组")
    mode = forms.ChoiceField(label="评审方式", choices=ReviewGroup.Mode.choices, initial=ReviewGroup.Mode.EXPERTS,
                             widget=forms.RadioSelect)
    panel_size = forms.IntegerField(label="专家人数", min_value=1, max_value=25, initial=5,
                                    help_text="专家评审时每份申报的评审专家人数，一般为 5 人以上单数。")
    backup_count = forms.IntegerField(label="备选专家人数", min_value=0, max_value=20, initial=3,
                                      help_text="专家谢绝或申报回避时，按抽中顺序依次递补。")
    specialties = forms.MultipleChoiceField(label="所需专业（服务功能）", choices=ServiceFunction.choices,
                                            required=False, widget=forms.CheckboxSelectMultiple,
                                            help_text="不选则不限专业；选择多项时，专家擅长其中任一项即可。")
    agency = forms.ModelChoiceField(label="第三方评审机构", queryset=Organization.objects.none(), required=False,
                                    help_text="评审方式为第三方机构评审时必选。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies()
        apply_hints(self, CITY_REVIEW)

    def clean(self):
        data = super().clean()
        if data.get("mode") == ReviewGroup.Mode.AGENCY and not data.get("agency"):
            self.add_error("agency", "第三方机构评审须选择评审机构。")
        return data


class AssignForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(label="待评审的申报", queryset=None,
                                                  widget=forms.CheckboxSelectMultiple,
                                                  error_messages={"required": "请至少选择一份申报。"})

    def __init__(self, *args, assignable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = assignable
        self.fields["applications"].label_from_instance = lambda a: f"{a.platform_name}（{a.organization.name}）"


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ReviewSettings
        fields = ["aggregation", "outlier_points", "pass_mark", "avoid_same_jurisdiction", "avoid_previous_reviewers"]
        widgets = {"aggregation": forms.RadioSelect}


class IndicatorForm(forms.Form):
    category = forms.CharField(label="一级指标", max_length=50)
    name = forms.CharField(label="评分指标", max_length=100)
    max_points = forms.DecimalField(label="分值", min_value=Decimal("0.5"), max_value=Decimal(100), decimal_places=1)
    guidance = forms.CharField(label="评分要点与依据", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_hints(self, CITY_REVIEW)


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=2, can_delete=True)


# One indicator's row of the sheet (templates/components/score_page.html places the rows). Built here
# because the template's loop over a score sheet's rows cost more than the rest of the sheet's content,
# and with ``escaped`` rather than ``format_html``, whose lazy-aware escaping of each of a sheet's
# hundred-odd values cost more than the rest of the row. A row's errors sit under the id its input's
# aria-describedby names, as components/field.html does.
def _score_row(indicator: Indicator, points: forms.BoundField, note: forms.BoundField) -> str:
    guidance = regulation_links(indicator.guidance)
    hint = f'<br><small class="hint">{guidance}</small>' if guidance else ""
    errors = points.errors
    error_list = "".join(f'<p class="field-error">{escaped(error)}</p>' for error in errors)
    error_block = f'<div id="{escaped(points.auto_id)}_error">{error_list}</div>' if errors else ""
    row_class = ' class="has-error"' if errors else ""
    return (
        f"\n      <tr{row_class}>\n        <td>{escaped(indicator.category)}</td>\n"
        f'        <td><label for="{escaped(points.id_for_label)}">{escaped(indicator.name)}</label>{hint}</td>\n'
        f"        <td>{escaped(localize(indicator.max_points))}</td>\n"
        f"        <td>{points.as_widget()}{error_block}</td>\n"
        f'        <td><label class="visually-hidden" for="{escaped(note.id_for_label)}">'
        f"{escaped(indicator.name)}评分意见</label>{note.as_widget()}</td>\n      </tr>"
    )


class ScoreSheetForm(forms.Form):
    """One row per indicator (points and comment) and the overall comment; values kept as typed."""

    comment = forms.CharField(label="综合评价意见", required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, indicators, sheet=None, readonly=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        items = {item.indicator_id: item for item in sheet.items.all()} if sheet and sheet.pk else {}
        for indicator in self.indicators:
            item = items.get(indicator.pk)
            self.fields[f"points_{indicator.pk}"] = forms.CharField(
                label=f"{indicator.name}得分", required=False, max_length=10,
                initial=item.points if item else "",
                widget=PlainTextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
            self.fields[f"note_{indicator.pk}"] = forms.CharField(
                label=f"{indicator.name}评分意见", required=False, max_length=500, initial=item.comment if item else "",
                widget=PlainTextInput,
            )
        if sheet is not None and sheet.pk:
            self.fields["comment"].initial = sheet.comment
        if readonly:
            for field in self.fields.values():
                field.disabled = True

    def rows(self) -> SafeString:
        """The sheet's table rows, in indicator order, as HTML. Pure (renders the widgets; validates a bound
        form)."""
        return mark_safe("".join(  # noqa: S308 -- every value in a row goes through escaped()
            _score_row(indicator, self[f"points_{indicator.pk}"], self[f"note_{indicator.pk}"])
            for indicator in self.indicators))

    def entries(self) -> dict[int, Entry]:
        return {
            i.pk: Entry(str(self.data.get(f"points_{i.pk}", "")), str(self.data.get(f"note_{i.pk}", "")))
            for i in self.indicators
        }
