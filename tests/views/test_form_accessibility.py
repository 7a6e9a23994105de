"""Field hints and errors are tied to their input (aria-describedby), so a screen reader reads them with it."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def dangling_descriptions(html: str) -> list[str]:
    """Ids named by an aria-describedby that no element of the page carries."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    named = [i for value in re.findall(r'aria-describedby="([^"]*)"', html) for i in value.split()]
    return [i for i in named if i not in ids]


class _Form(forms.Form):
    postcode = forms.CharField(label="邮政编码", help_text="6 位数字。", max_length=6)


def test_the_field_component_ties_hint_and_error_to_the_input():
    form = _Form(data={"postcode": "1234567"})
    assert not form.is_valid()
    html = render_to_string("components/field.html", {"field": form["postcode"]})
    assert 'aria-describedby="id_postcode_helptext id_postcode_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<p class="hint" id="id_postcode_helptext">6 位数字。</p>' in html
    assert re.search(r'<div id="id_postcode_error"><p class="field-error">[^<]+</p></div>', html)
    assert dangling_descriptions(html) == []


def test_login_errors_are_tied_to_their_fields(client):
    response = client.post("/login/", {"username": "", "password": ""})
    html = response.content.decode()
    assert 'aria-describedby="id_username_error"' in html
    assert '<div id="id_username_error"><p class="field-error">' in html
    assert dangling_descriptions(html) == []


def test_the_applicant_start_form_ties_its_error_to_the_input(client_for, batch):
    response = client_for("applicant_a").post("/applicant/applications/start/", {"platform_name": ""})
    html = response.content.decode()
    assert 'aria-describedby="platform-hint platform-error"' in html
    assert '<div id="platform-error"><p class="field-error">' in html
    assert dangling_descriptions(html) == []


def test_the_score_sheet_ties_each_row_s_error_to_its_input(client_for, batch, personas):
    from shifan.applications.enums import Status
    from shifan.city_review.domain.setup import indicators_for
    from tests.factories import ApplicationFactory
    from tests.review_factories import make_expert, make_group, put_in_group, seat_expert

    officer = personas["bureau_officer"]
    application = ApplicationFactory(batch=batch, status=Status.IN_REVIEW)
    group = make_group(batch, actor=officer)
    put_in_group(application, group, officer)
    seat_expert(group, make_expert(user=personas["expert_1"]), actor=officer)
    first, second = indicators_for(batch)[:2]
    response = client_for("expert_1").post(f"/expert/applications/{application.pk}/score/", {
        f"points_{first.pk}": "abc", f"points_{second.pk}": "4", "submit": "0"})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('class="has-error"') == 1
    assert f'aria-describedby="id_points_{first.pk}_error"' in html
    assert f'<div id="id_points_{first.pk}_error"><p class="field-error">' in html
    assert f'name="points_{second.pk}" value="4"' in html  # nothing typed is lost
    assert dangling_descriptions(html) == []
