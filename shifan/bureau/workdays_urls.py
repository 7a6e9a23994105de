"""The holiday table (节假日管理) and the working-day calculator, under /bureau/workdays/."""

from django.urls import path

from shifan.bureau import workdays

urlpatterns = [
    path("", workdays.overview, name="workdays"),
    path("calculator/", workdays.calculator, name="workdays-calculator"),
    path("<int:year>/", workdays.year_page, name="workdays-year"),
    path("<int:year>/days/add/", workdays.day_add, name="workdays-day-add"),
    path("<int:year>/mark/", workdays.year_mark, name="workdays-year-mark"),
    path("days/<int:pk>/remove/", workdays.day_remove, name="workdays-day-remove"),
]
