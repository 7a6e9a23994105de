"""Boundary forms of the holiday table and the working-day calculator (checks of shape only;
the domain functions check the rules)."""

from django import forms

from shifan.workdays.models import CalendarDay

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式不正确，应如 2027-01-01。"}


class DayForm(forms.Form):
    date = forms.DateField(label="日期", widget=DATE, error_messages=DATE_ERRORS)
    kind = forms.ChoiceField(
        label="类型", choices=CalendarDay.Kind.choices,
        error_messages={"required": "请选择类型：法定节假日或调休上班。",
                        "invalid_choice": "请选择类型：法定节假日或调休上班。"},
        help_text="调休上班日应为周六或周日；落在周末的法定节假日可录可不录，不影响计算。",
    )
    name = forms.CharField(label="节日名称", max_length=50, help_text="如：国庆节",
                           error_messages={"required": "请填写节日名称，如：国庆节。"})
    source = forms.CharField(label="来源通知", max_length=200, help_text="如：国办发明电〔2025〕7号",
                             error_messages={"required": "请填写来源通知，如：国办发明电〔2025〕7号。"})


class YearForm(forms.Form):
    """Shown on the same page as DayForm: its ids start with ``mark_`` so that no id is used twice."""

    source = forms.CharField(
        label="通知名称及文号", max_length=200, required=False,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "mark_%s")
        super().__init__(*args, **kwargs)


class CalculatorForm(forms.Form):
    start = forms.DateField(label="起算日期", widget=DATE, error_messages=DATE_ERRORS,
                            help_text="如公示发布日期")
    days = forms.IntegerField(
        label="工作日天数", min_value=1, max_value=365, initial=5,
        error_messages={"required": "请填写工作日天数。", "invalid": "工作日天数应为整数。",
                        "min_value": "工作日天数至少为 1 天。", "max_value": "工作日天数不能超过 365 天。"},
    )
    from_next_day = forms.BooleanField(label="从次日起算（起算日期当天不计）", required=False, initial=True)
