"""The score sheet's rows as ScoreSheetForm.rows() builds them: the bureau's text escaped, citations linked,
a row's error under the id its input names, and what the scorer typed kept."""

from decimal import Decimal

from shifan.city_review.forms import ScoreSheetForm
from shifan.city_review.models import Indicator

INDICATOR = Indicator(pk=7, seq=1, category="<b>基础</b>", name='年限"与"资产', max_points=Decimal("5.0"),
                      guidance="见第五条（一）<i>")
PLAIN = Indicator(pk=8, seq=2, category="特色", name="示范带动", max_points=Decimal("10.0"), guidance="")


def test_an_unbound_sheet_escapes_the_bureau_text_and_links_its_citations():
    rows = ScoreSheetForm(indicators=[INDICATOR, PLAIN]).rows()
    assert rows == (
        '\n      <tr>\n        <td>&lt;b&gt;基础&lt;/b&gt;</td>\n'
        '        <td><label for="id_points_7">年限&quot;与&quot;资产</label><br><small class="hint">见'
        '<a class="article-link" href="/regulation/#article-5-1">第五条（一）</a>&lt;i&gt;</small></td>\n'
        "        <td>5.0</td>\n"
        '        <td><input type="text" name="points_7" id="id_points_7" inputmode="decimal" maxlength="10" size="5">'
        "</td>\n"
        '        <td><label class="visually-hidden" for="id_note_7">年限&quot;与&quot;资产评分意见</label>'
        '<input type="text" name="note_7" id="id_note_7" maxlength="500"></td>\n      </tr>'
        '\n      <tr>\n        <td>特色</td>\n'
        '        <td><label for="id_points_8">示范带动</label></td>\n'
        "        <td>10.0</td>\n"
        '        <td><input type="text" name="points_8" id="id_points_8" inputmode="decimal" maxlength="10" size="5">'
        "</td>\n"
        '        <td><label class="visually-hidden" for="id_note_8">示范带动评分意见</label>'
        '<input type="text" name="note_8" id="id_note_8" maxlength="500"></td>\n      </tr>'
    )


def test_a_row_with_an_error_is_marked_and_keeps_what_was_typed():
    form = ScoreSheetForm({"points_7": '<x>"', "note_7": "场地<充足>", "points_8": "", "note_8": ""},
                          indicators=[INDICATOR, PLAIN])
    assert form.is_valid()
    form.add_error("points_7", "「基础·年限」的得分须是<数字>。")
    first, second = form.rows().split("</tr>")[:2]
    assert first.startswith('\n      <tr class="has-error">')
    assert 'value="&lt;x&gt;&quot;"' in first and 'value="场地&lt;充足&gt;"' in first
    assert 'aria-invalid="true"' in first and 'aria-describedby="id_points_7_error"' in first
    assert '<div id="id_points_7_error"><p class="field-error">「基础·年限」的得分须是&lt;数字&gt;。</p></div>' in first
    assert "has-error" not in second and "field-error" not in second
