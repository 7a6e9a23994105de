"""PlainSelect gives the markup of Django's own Select, option for option."""

from django import forms
from django.test.html import parse_html

from shifan.core.widgets import PlainSelect, PlainTextInput

CHOICES = [("", "全部状态"), ("submitted", "待县区初审"), ("a&b", "名称含<特殊>字符"), (3, "2026年度")]


def normalised(html: str):
    """The HTML as a browser reads it: whitespace between tags and the order of attributes do not matter."""
    return parse_html(html)


def rendered(widget, value) -> str:
    return widget.render("status", value, attrs={"id": "id_status", "aria-describedby": "status-hint"})


def test_the_markup_is_django_s_for_each_selected_value():
    for value in ("", "submitted", "a&b", 3, None, "unknown"):
        plain = rendered(PlainSelect(choices=CHOICES), value)
        assert normalised(plain) == normalised(rendered(forms.Select(choices=CHOICES), value))
    selected = rendered(PlainSelect(choices=CHOICES), "submitted")
    assert '<option value="submitted" selected>待县区初审</option>' in selected
    assert "名称含&lt;特殊&gt;字符" in selected  # labels are escaped


def test_a_form_field_renders_through_it_with_its_id_and_required():
    class Form(forms.Form):
        status = forms.ChoiceField(label="状态", choices=CHOICES, widget=PlainSelect)

    html = str(Form({"status": "submitted"})["status"])
    # required, as Django gives it when the first option is the empty one
    assert html.startswith('<select name="status" id="id_status" required>')
    assert '<option value="submitted" selected>' in html


def test_a_text_input_is_django_s_with_and_without_a_value():
    attrs = {"id": "id_points", "inputmode": "decimal", "size": 5, "maxlength": "10", "disabled": True}
    for value in (None, "", "8.5", '"><script>'):
        plain = PlainTextInput(attrs=attrs).render("points", value)
        assert normalised(plain) == normalised(forms.TextInput(attrs=attrs).render("points", value))
    assert PlainTextInput().render("points", '"><b>') == '<input type="text" name="points" value="&quot;&gt;&lt;b&gt;">'
