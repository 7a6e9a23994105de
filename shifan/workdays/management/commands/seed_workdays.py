from django.core.management.base import BaseCommand, CommandError

from shifan.workdays.models import CalendarDay, CalendarYear
from shifan.workdays.seeds import LIBRARY, known_years, seed_calendar


class Command(BaseCommand):
    help = (f"用 {LIBRARY} 的数据补录节假日安排：只补录尚未登记的年度，已登记的年度和市局录入的日期保持不变。"
            "升级 chinese-calendar 后运行，可补入新公布的年度。")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="只补录这一年；默认补录 chinese-calendar 已知的全部年度")

    def handle(self, *args, year: int | None = None, **options) -> None:
        years = known_years()
        if year is not None and year not in years:
            raise CommandError(f"{LIBRARY} 没有 {year} 年的节假日安排（已知 {years[0]}–{years[-1]} 年），"
                               "请在“节假日管理”中按国务院办公厅的通知录入。")
        wanted = years if year is None else [year]
        seeded = seed_calendar(CalendarYear, CalendarDay, wanted)
        skipped = sorted(set(wanted) - set(seeded))
        if seeded:
            self.stdout.write(f"已补录：{'、'.join(map(str, seeded))} 年。")
        if skipped:
            self.stdout.write(f"已登记，未改动：{'、'.join(map(str, skipped))} 年。")
