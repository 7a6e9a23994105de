"""Recognised platforms and cases for the support tests."""

from datetime import timedelta

from django.utils import timezone

from shifan.support.domain import save_case, submit_case
from tests.factories import ApplicationFactory, OrganizationFactory
from tests.recognition_factories import make_recognition

BODY = "该平台围绕区域产业集群，建立了“线上平台+线下服务站”的服务网络，年服务中小企业三百余家，" \
       "组织技术对接活动二十余场，推动多家企业完成数字化改造，形成了可复制推广的服务模式。"


def recognised(jurisdiction, personas, *, name: str = "示范平台", days_ago: int = 30, **fields):
    """A platform of a new organisation in ``jurisdiction``, recognised ``days_ago`` days ago."""
    application = ApplicationFactory(organization=OrganizationFactory(jurisdiction=jurisdiction), platform_name=name)
    return make_recognition(application, officer=personas["bureau_officer"], head=personas["bureau_head"],
                            starts_on=timezone.localdate() - timedelta(days=days_ago), **fields)


def submitted_case(recognition, officer, *, title: str = "打造服务品牌的做法"):
    case = save_case(recognition, actor=officer, title=title, summary="以服务站为抓手，推广成功做法。", body=BODY)
    return submit_case(case, actor=officer)
