"""workspace.errors.apply_form: a valid form runs the action; a domain refusal lands on the form."""

from django import forms
from django.core.exceptions import ValidationError

from shifan.workspace.errors import apply_form


class NameForm(forms.Form):
    name = forms.CharField(label="名称", max_length=10)


def test_a_valid_form_runs_the_action_and_gives_its_value():
    done = apply_form(NameForm({"name": "甲平台"}), lambda data: f"已保存{data['name']}")
    assert (bool(done), done.value) == (True, "已保存甲平台")


def test_an_invalid_form_does_not_run_the_action():
    ran = []
    form = NameForm({"name": ""})
    done = apply_form(form, ran.append)
    assert (bool(done), done.value, ran) == (False, None, [])
    assert form.errors == {"name": ["这个字段是必填项。"]}


def test_a_domain_refusal_lands_beside_its_field_or_at_the_top():
    def refuse_name(data):
        raise ValidationError({"name": "名称已被使用。", "other": "不属于本表的字段。"})

    form = NameForm({"name": "甲平台"})
    assert not apply_form(form, refuse_name)
    assert form.errors == {"name": ["名称已被使用。"], "__all__": ["不属于本表的字段。"]}

    def refuse(data):
        raise ValidationError("批次已关闭。")

    form = NameForm({"name": "甲平台"})
    assert not apply_form(form, refuse)
    assert form.non_field_errors() == ["批次已关闭。"]
