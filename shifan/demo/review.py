"""The demo's city review to recognition: an expert pool, a draw, scores, the list, publicity, the decision."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from shifan.accounts.models import Jurisdiction, User
from shifan.applications.models import Application
from shifan.city_review.domain import proposals
from shifan.city_review.domain.draws import draw_experts
from shifan.city_review.domain.groups import assign, complete_group, create_group
from shifan.city_review.domain.panel import declare, respond
from shifan.city_review.domain.scoring import Entry, save_sheet
from shifan.city_review.domain.setup import indicators_for
from shifan.city_review.models import ProposedList
from shifan.experts.models import Expert
from shifan.publicity.domain import file_objection, publish, rule_on_objection
from shifan.recognition.domain import approve_decision, prepare_decision, submit_decision

# (username or None, name, employer, title, specialties, jurisdiction code) — None: no account yet,
# so the draw shows an exclusion ("账号未激活") as a real pool would.
POOL = [
    ("expert_1", "冯教授", "南昌大学经济管理学院", "教授", ["consulting", "training", "startup"], "360103"),
    ("expert_2", "何高工", "江西省检验检测认证总院", "正高级工程师", ["quality", "technology"], "360111"),
    ("expert_3", "秦研究员", "江西省科学院", "研究员", ["technology", "informatization"], "360104"),
    (None, "陆会计师", "江西某会计师事务所", "高级会计师", ["financing", "consulting"], "360121"),
]
# Each expert's share of every indicator's maximum: three experts who broadly agree.
SHARES = {"expert_1": Decimal("0.9"), "expert_2": Decimal("0.8"), "expert_3": Decimal("0.85")}


def _pool(users: dict[str, User]) -> list[Expert]:
    experts = []
    for n, (username, name, employer, title, specialties, code) in enumerate(POOL, start=1):
        expert = Expert.objects.filter(name=name, employer_name=employer).first() or Expert.objects.create(
            user=users.get(username) if username else None, name=name, employer_name=employer, title=title,
            title_level="senior", specialties=specialties, mobile=f"1380791{n:04d}",
            email=f"{username or f'pool{n}'}@demo.shifan.local", jurisdiction=Jurisdiction.objects.get(code=code),
        )
        experts.append(expert)
    return experts


def review_and_propose(applications: list[Application], users: dict[str, User]) -> ProposedList:
    """Take accepted applications through the whole city review to 拟认定 (approved by the head).

    Side effects: everything the review's domain functions do (audit events, notifications).
    """
    officer, head = users["bureau_officer"], users["bureau_head"]
    _pool(users)
    batch = applications[0].batch
    group = create_group(batch, actor=officer, name="第一组", mode="experts", panel_size=3, backup_count=0)
    assign(group, applications, actor=officer)
    draw = draw_experts(group, actor=officer)
    indicators = indicators_for(batch)
    for seat in draw.seats.select_related("expert__user"):
        expert = seat.expert.user
        respond(seat, actor=expert, accept=True)
        declare(seat, actor=expert, conflict=False)
        for offset, application in enumerate(applications):
            share = SHARES[expert.username] - Decimal("0.05") * offset
            entries = {i.pk: Entry(str((i.max_points * share).quantize(Decimal("0.1")))) for i in indicators}
            save_sheet(application, actor=expert, entries=entries, comment="材料完整，服务业绩突出。", submit=True)
    complete_group(group, actor=officer)
    plist = proposals.prepare(batch, actor=officer)
    proposals.submit(plist, actor=officer)
    return proposals.approve(plist, actor=head, comment="同意。")


def publish_and_recognise(plist: ProposedList, users: dict[str, User]) -> None:
    """Publish the list 40 days ago, take and dismiss one objection, approve the decision today.

    Left at 拟认定 when the holiday table has no arrangement for those days (the demo never guesses).
    Side effects: everything the publicity and recognition domain functions do.
    """
    officer, head = users["bureau_officer"], users["bureau_head"]
    published_on = timezone.localdate() - timedelta(days=40)
    try:
        publicity = publish(plist, actor=officer, published_on=published_on,
                            contact="南昌市中小企业服务局创新创业服务科，电话 0791-83869992")
    except ValidationError:
        return
    objection = file_objection(
        publicity, entry=publicity.entries.first(), name="演示异议人", mobile="13807910000",
        content="该平台年度服务企业数量与实际情况不符，请核实。", today=publicity.starts_on,
    )
    rule_on_objection(objection, actor=officer, upheld=False,
                      investigation="经电话抽查名单中 20 家企业，均确认接受过服务，异议不成立。")
    decision = submit_decision(prepare_decision(publicity, actor=officer), actor=officer)
    approve_decision(decision, actor=head, comment="同意。")
