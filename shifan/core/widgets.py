"""Form widgets rendered in Python where Django's template rendering is the cost of a page.

Django renders every widget, and every ``<option>`` of a select, through its own template: a list
page's filter (a few selects of statuses, districts and batches) cost more than the page's table, and
a score sheet's thirty inputs a third of its page. The HTML is the same as Django's own widgets give
(attributes in ``flatatt``'s sorted order), escaped without Django's lazy-string wrapper.
"""

from html import escape

from django import forms
from django.utils.safestring import SafeString, mark_safe


def escaped(value) -> str:
    """Django's ``conditional_escape`` (safe strings as they are, anything else through ``html.escape``,
    as Django's own ``escape`` does) without its lazy-string wrapper: a score sheet or a list filter
    escapes several hundred values, and that wrapper cost more than the escaping."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _attributes(attrs: dict) -> str:
    """``flatatt``'s markup: sorted ``name="value"`` pairs (None left out), then the names whose value is
    True (False left out)."""
    pairs = sorted((name, value) for name, value in attrs.items() if value is not None and not isinstance(value, bool))
    flags = sorted(name for name, value in attrs.items() if value is True)
    return "".join(f' {escaped(name)}="{escaped(value)}"' for name, value in pairs) + \
        "".join(f" {escaped(name)}" for name in flags)


class PlainSelect(forms.Select):
    """``forms.Select`` with the same markup, built without a template per option (no optgroups): the
    first option whose value matches is selected, as Django marks it."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        wanted, found = set(self.format_value(value)), False
        options = []
        for option_value, label in self.choices:
            shown = "" if option_value is None else str(option_value)
            selected = not found and shown in wanted
            found = found or selected
            options.append(f'<option value="{escaped(shown)}"{" selected" if selected else ""}>{escaped(label)}'
                           f"</option>")
        return mark_safe(  # noqa: S308 -- every value goes through escaped()
            f'<select name="{escaped(name)}"{_attributes(self.build_attrs(self.attrs, attrs))}>{"".join(options)}'
            f"</select>")


class PlainTextInput(forms.TextInput):
    """``forms.TextInput`` with the same markup, built without a template."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = f' value="{escaped(widget["value"])}"' if widget["value"] is not None else ""
        return mark_safe(  # noqa: S308 -- every value goes through escaped()
            f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"{shown}'
            f"{_attributes(widget['attrs'])}>")
