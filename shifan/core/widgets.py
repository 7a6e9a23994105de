"""Form widgets rendered in Python where Django's template rendering is the cost of a page.

Django renders every widget, and every ``<option>`` of a select, through its own template: a list
page's filter (a few selects of statuses, districts and batches) cost more than the page's table, and
a score sheet's thirty inputs a third of its page. The HTML is the same as Django's own widgets give.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PlainSelect(forms.Select):
    """``forms.Select`` with the same markup, built without a template per option (no optgroups)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((option["value"] if option["value"] is not None else "", flatatt(option["attrs"]), option["label"])
             for _group, choices, _index in widget["optgroups"] for option in choices),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class PlainTextInput(forms.TextInput):
    """``forms.TextInput`` with the same markup, built without a template."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], shown,
                           flatatt(widget["attrs"]))
