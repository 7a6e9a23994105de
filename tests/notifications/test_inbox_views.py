import pytest

from shifan.notifications.domain import notify
from shifan.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(personas):
    mine = notify([personas["applicant_a"]], event="x", subject="给甲的消息", body="甲的内容", link="/applicant/")[0]
    other = notify([personas["applicant_b"]], event="x", subject="给乙的消息", body="乙的内容")[0]
    return mine, other


def test_the_inbox_shows_only_my_messages(client_for, notes):
    page = client_for("applicant_a").get("/home/inbox/").content.decode()
    assert "给甲的消息" in page
    assert "给乙的消息" not in page


def test_opening_a_message_marks_it_read_and_follows_its_link(client_for, notes):
    mine, _ = notes
    response = client_for("applicant_a").get(f"/home/inbox/{mine.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/applicant/")
    assert Notification.objects.get(pk=mine.pk).read_at is not None


def test_someone_elses_message_is_not_found_and_stays_unread(client_for, notes):
    _, other = notes
    assert client_for("applicant_a").get(f"/home/inbox/{other.pk}/").status_code == 404
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_the_unread_count_is_shown_in_the_header(client_for, notes):
    page = client_for("applicant_a").get("/home/inbox/").content.decode()
    assert 'aria-label="1 条未读"' in page
