"""Form widgets rendered in Python where Django's template rendering is the cost of a page.

Django renders every widget, and every ``<option>`` of a select, through its own template: a list
page's filter (a few selects of statuses, districts and batches) cost more than the page's table, and
a score sheet's thirty inputs a third of its page. The HTML is the same as Django's own widgets give.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """``forms.Select`` with the same markup, built without a template per option (no optgroups): the
    first option whose value matches is selected, as Django marks it."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted, found = set(self.format_value(value)), False
        options = []
        for option_value, label in self.choices:
            shown = "" if option_value is None else str(option_value)
            selected = not found and shown in wanted
            found = found or selected
            options.append(format_html('<option value="{}"{}>{}</option>', shown, " selected" if selected else "",
                                       label))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)),
                           mark_safe("".join(options)))  # noqa: S308 -- each option is built by format_html


class PlainTextInput(forms.TextInput):
    """``forms.TextInput`` with the same markup, built without a template."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], shown,
                           flatatt(widget["attrs"]))
