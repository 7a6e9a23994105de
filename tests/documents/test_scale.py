"""Long lists: 附件5 allows up to 10,000 served SMEs. Timing lives in benchmarks/bench_xlsx.py."""

import pytest

from shifan.documents.xlsx import export_rows, read_rows
from tests.documents.helpers import workbook_bytes
from tests.documents.specs import SERVED_SMES, sme

SME_HEADERS = [column.header for column in SERVED_SMES.columns]


@pytest.mark.parametrize("count", [2_000, 10_000])
def test_an_exported_list_of_this_many_rows_reads_back_whole(count):
    rows = [sme(number) for number in range(count)]
    result = read_rows(SERVED_SMES, export_rows(SERVED_SMES, rows))
    assert (len(result.rows), result.errors, result.warnings) == (count, [], [])
    assert result.rows == rows
    assert (result.row_numbers[0], result.row_numbers[-1]) == (2, count + 1)


def test_a_2000_row_file_saved_like_excel_reads_with_every_error_reported():
    # Normal-mode openpyxl writes shared strings and <dimension>, as Excel and WPS do.
    rows = [[f"企业{n}", f"91360100MA35{n:06d}", "李四", "经理", f"139{n:08d}", "培训", "是"] for n in range(2_000)]
    rows[999][6] = "也许"
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", [SME_HEADERS, *rows]))
    assert [str(error) for error in result.errors] == ["第 1001 行「满意」：应填“是”或“否”。"]
    assert (len(result.rows), result.row_numbers[998:1000]) == (1_999, [1000, 1002])
