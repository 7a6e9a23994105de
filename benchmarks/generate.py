"""Synthetic data for the benchmarks, at three scales, deterministic (seeded random).

Run from the repository root:

    .venv/bin/python benchmarks/generate.py city        # one batch, SQLite file var/bench/shifan_bench.sqlite3
    SHIFAN_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/shifan_bench \\
        .venv/bin/python benchmarks/generate.py province # 10 years × 11 cities on PostgreSQL
    .venv/bin/python benchmarks/generate.py list10k     # var/bench/served_10000.xlsx (no database)

``city`` and ``province`` create the bench database afresh (the SQLite file is deleted; the PostgreSQL
database is dropped and created), migrate it, and fill it. Settings: benchmarks/settings_bench.py.

What is built, and how
----------------------
First the demo world of ``make run`` (shifan.demo.data.load_demo) through the domain functions: a user per
role (applicant_a, district_donghu, bureau_officer, expert_1…, password Shifan@2026), the open batch of this
year and two platforms taken through review, publicity and decision. Then the volume, written the way the
domain would leave it (as tests/factories.py, tests/review_factories.py and tests/recognition_factories.py
do) but with ``bulk_create`` in batches of 2,000 (``COPY`` for 附件5 on PostgreSQL):

- ``city`` (this year's batch): 300 organisations, one applicant account each, 300 applications with a
  complete profile, 3 operating years, 8 staff, 5 equipment rows, 3 products, 3 partners, 2 activities and
  150 served SMEs each; required attachments (one shared stored PDF); the timeline (StatusChange) of every
  move; states spread over the process: 40 draft, 50 submitted, 10 returned, 5 declined, 40 recommended,
  40 accepted, 35 in review, 20 in publicity, 60 recognised. Recommended and later ones have the
  district's review (USCC check, opinion, a survey draw of 12 with responses). 200 experts with accounts.
  The 35 in review go through the real review steps (create_group, assign, draw_experts, respond, declare,
  save_sheet): four experts submit every sheet, the first seated expert half of them. The 60 recognised
  have an approved list, a closed publicity, an approved decision and their recognitions; the 20 in
  publicity sit on a publicity open today.
- ``province`` models Jiangxi's 11 cities inside the one system: Nanchang's own jurisdictions plus one
  extra jurisdiction per other city (景德镇市 360200 … 上饶市 361100, kind 管理局), so the district inbox,
  filters and directory see 11 "cities"; the 10 years are 10 batches (the unique year of a batch is kept:
  one batch a year, this year's open, the nine before closed). 6,000 organisations apply in about half of
  the years each: 3,000 applications a year, 30,000 in all, with 167 served SMEs each (about 5 million
  rows). Past years end in terminal states (20 % recognised with list, publicity, decision and
  recognition; the rest not proposed, declined or withdrawn); this year is spread like ``city``.
  2,000 experts. Encrypted columns are encrypted per row with a fresh IV (bulk_create and COPY both go
  through EncryptedCharField.get_prep_value; the blind indexes through BlindIndexField.pre_save).
- ``list10k``: a 10,000-row 附件5 workbook made from the real template
  (shifan.applications.list_excel.list_template), as an applicant would fill it.

Nothing here is used by the product or the tests.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings_bench")

BENCH_DIR = ROOT / "var" / "bench"
SEED = 20260427
CHUNK = 2_000

SCALES = {
    # years, applications a year, served SMEs each, organisations, experts, extra cities
    "city": {"years": 1, "per_year": 300, "served": 150, "organizations": 300, "experts": 200, "cities": 0},
    "province": {"years": 10, "per_year": 3_000, "served": 167, "organizations": 6_000, "experts": 2_000,
                 "cities": 10},
}
# The current batch's states (shares of per_year, summing to 1).
CURRENT_STATES = [
    ("draft", 40), ("submitted", 50), ("returned", 10), ("district_declined", 5), ("recommended", 40),
    ("accepted", 40), ("in_review", 35), ("in_publicity", 20), ("recognised", 60),
]
PAST_STATES = [("recognised", 20), ("not_proposed", 45), ("district_declined", 20), ("withdrawn", 15)]
# The moves that lead to each state: (action, from, to, actor kind).
PATHS = {
    "draft": [],
    "submitted": [("submit", "draft", "submitted", "applicant")],
    "returned": [("submit", "draft", "submitted", "applicant"), ("return", "submitted", "returned", "district")],
    "district_declined": [("submit", "draft", "submitted", "applicant"),
                          ("decline", "submitted", "district_declined", "district")],
    "withdrawn": [("submit", "draft", "submitted", "applicant"), ("withdraw", "submitted", "withdrawn", "applicant")],
    "recommended": [("submit", "draft", "submitted", "applicant"),
                    ("recommend", "submitted", "recommended", "district")],
}
PATHS["accepted"] = [*PATHS["recommended"], ("accept", "recommended", "accepted", "bureau")]
PATHS["in_review"] = [*PATHS["accepted"], ("start_review", "accepted", "in_review", "bureau")]
PATHS["reviewed"] = [*PATHS["in_review"], ("complete_review", "in_review", "reviewed", "bureau")]
PATHS["not_proposed"] = [*PATHS["reviewed"], ("not_propose", "reviewed", "not_proposed", "bureau")]
PATHS["proposed"] = [*PATHS["reviewed"], ("propose", "reviewed", "proposed", "bureau")]
PATHS["in_publicity"] = [*PATHS["proposed"], ("publish", "proposed", "in_publicity", "bureau")]
PATHS["recognised"] = [*PATHS["in_publicity"], ("recognise", "in_publicity", "recognised", "bureau")]

OTHER_CITIES = [
    ("360200", "景德镇市"), ("360300", "萍乡市"), ("360400", "九江市"), ("360500", "新余市"), ("360600", "鹰潭市"),
    ("360700", "赣州市"), ("360800", "吉安市"), ("360900", "宜春市"), ("361000", "抚州市"), ("361100", "上饶市"),
]
WORDS = ["创新", "科技", "数字", "质量", "人才", "金融", "法律", "物流", "设计", "检测", "信息", "创业", "管理", "绿色"]
FUNCTIONS = ["information", "technology", "startup", "training", "financing", "consulting", "quality", "market"]


def log(message: str) -> None:
    print(f"[generate {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- the database --------------------------------------------------------------------------------------------

def database_label() -> str:
    """postgresql-<database name> or sqlite-<file stem>: names var/bench/generated-<label>.json."""
    url = os.environ.get("SHIFAN_BENCH_DATABASE_URL", "")
    if url:
        return "postgresql-" + url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
    return "sqlite-" + Path(os.environ.get("SHIFAN_BENCH_SQLITE", str(BENCH_DIR / "shifan_bench.sqlite3"))).stem


def generated_summary() -> dict:
    """What generate.py wrote about the current bench database ({} if it was not generated)."""
    import json

    path = BENCH_DIR / f"generated-{database_label()}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def is_postgres() -> bool:
    return os.environ.get("SHIFAN_BENCH_DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def fresh_database() -> None:
    """Drop and create the bench database (before Django connects), then migrate it."""
    url = os.environ.get("SHIFAN_BENCH_DATABASE_URL", "")
    if is_postgres():
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(url)
        name = config["NAME"]
        if not name.replace("_", "").isalnum():
            raise SystemExit(f"refusing odd database name {name!r}")
        with psycopg.connect(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
                             user=config["USER"], password=config["PASSWORD"] or None, dbname="postgres",
                             autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    else:
        path = Path(os.environ.get("SHIFAN_BENCH_SQLITE", str(BENCH_DIR / "shifan_bench.sqlite3")))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def bulk(model, objects, *, batch_size: int = CHUNK) -> list:
    """bulk_create in chunks; returns the objects (with primary keys on PostgreSQL and SQLite ≥ 3.35)."""
    created = []
    for start in range(0, len(objects), batch_size):
        created += model.objects.bulk_create(objects[start:start + batch_size], batch_size=batch_size)
    return created


# --- the world -------------------------------------------------------------------------------------------------

class World:
    """Everything the generator made, by what the benchmarks look up."""

    def __init__(self, scale: str):
        self.scale = scale
        self.params = SCALES[scale]
        self.rng = random.Random(SEED)  # noqa: S311 -- synthetic data, reproducible on purpose
        self.serial = 0

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial


def make_uscc(serial: int, area: str) -> str:
    from stdnum.cn import uscc as stdnum_uscc

    first17 = f"91{area}MA{serial:07d}"[:17]
    return first17 + stdnum_uscc.calc_check_digit(first17)


def base_world(world: World) -> None:
    """The demo world through the domain (personas, this year's batch, two recognised platforms)."""
    from shifan.accounts.models import Jurisdiction, User
    from shifan.batches.domain import current_batch
    from shifan.demo.data import load_demo

    load_demo()
    world.users = {u.username: u for u in User.objects.all()}
    world.batch = current_batch()
    world.officer, world.head = world.users["bureau_officer"], world.users["bureau_head"]
    if world.params["cities"]:
        Jurisdiction.objects.bulk_create([
            Jurisdiction(code=code, name=name, kind=Jurisdiction.Kind.ADMINISTRATION, gb_code=code,
                         authority_name=f"{name}中小企业服务主管部门", sort_order=900 + n)
            for n, (code, name) in enumerate(OTHER_CITIES[: world.params["cities"]])
        ])
    world.jurisdictions = list(Jurisdiction.objects.filter(is_active=True).order_by("code"))


def batches(world: World) -> list:
    """This year's batch (from the demo) and, at province scale, the nine closed ones before it."""
    from datetime import datetime

    from django.utils import timezone

    from shifan.batches.models import Batch

    found = [world.batch]
    for back in range(1, world.params["years"]):
        year = world.batch.year - back
        opens = timezone.make_aware(datetime(year, 4, 1, 9))
        found.append(Batch.objects.create(
            year=year, name=f"{year}年度南昌市中小企业公共服务示范平台认定", state=Batch.State.CLOSED,
            policy=world.batch.policy, opens_at=opens, applicant_deadline=opens + timedelta(days=45),
            district_deadline=opens + timedelta(days=60), review_starts_on=date(year, 6, 15),
            review_ends_on=date(year, 7, 15), notice_number=f"洪企服字〔{year}〕1号",
        ))
    return found


def organizations(world: World) -> None:
    """Organisations spread over the jurisdictions (东湖区 weighted ×4, so its inbox is the busy one),
    each with one applicant account."""
    from django.contrib.auth.hashers import make_password

    from shifan.accounts.models import Organization, User

    weights = [4 if j.code == "360102" else 1 for j in world.jurisdictions]
    count = world.params["organizations"]
    orgs = []
    for n in range(count):
        jurisdiction = world.rng.choices(world.jurisdictions, weights)[0]
        area = (jurisdiction.gb_code or jurisdiction.code)[:6].ljust(6, "0") if jurisdiction.code[:6].isdigit() \
            else "360100"
        words = world.rng.sample(WORDS, 2)
        orgs.append(Organization(name=f"南昌{words[0]}{words[1]}服务有限公司{n:05d}", uscc=make_uscc(n + 1, area),
                                 jurisdiction=jurisdiction))
    world.orgs = bulk(Organization, orgs)
    password = make_password("Shifan@2026")
    users = [User(username=f"bench_applicant_{n:05d}", display_name=f"申报人{n:05d}", role="applicant",
                  organization=org, email=f"bench{n:05d}@bench.shifan.local", password=password,
                  mobile=f"136{n:08d}")
             for n, org in enumerate(world.orgs)]
    world.applicants = {u.organization_id: u for u in bulk(User, users)}
    log(f"{len(world.orgs)} organisations and applicant accounts")


def experts(world: World) -> None:
    from django.contrib.auth.hashers import make_password

    from shifan.accounts.models import User
    from shifan.experts.models import Expert

    count = world.params["experts"]
    password = make_password("Shifan@2026")
    users = bulk(User, [User(username=f"bench_expert_{n:05d}", display_name=f"专家{n:05d}", role="expert",
                             email=f"expert{n:05d}@bench.shifan.local", password=password) for n in range(count)])
    pool = []
    for n, user in enumerate(users):
        # Most experts work for provincial institutions (no jurisdiction), so the same-jurisdiction rule leaves a pool.
        jurisdiction = world.rng.choice(world.jurisdictions) if world.rng.random() < 0.3 else None
        pool.append(Expert(
            name=f"基准专家{n:05d}", employer_name=f"江西某{world.rng.choice(WORDS)}研究院{n % 97}",
            jurisdiction=jurisdiction, title="高级工程师", title_level=world.rng.choice(["senior", "deputy_senior"]),
            specialties=world.rng.sample(FUNCTIONS, 3), mobile=f"135{n:08d}", email=f"expert{n:05d}@bench.test",
            user=user,
        ))
    bulk(Expert, pool)
    log(f"{count} experts with accounts")


def _states_for(world: World, batch, count: int) -> list[str]:
    table = CURRENT_STATES if batch.pk == world.batch.pk else PAST_STATES
    total = sum(share for _, share in table)
    states = []
    for state, share in table:
        states += [state] * round(count * share / total)
    states = (states + [table[0][0]] * count)[:count]
    world.rng.shuffle(states)
    return states


def applications(world: World, batch, count: int) -> list:
    """``count`` applications of the batch with their content, timelines and attachments."""
    from django.utils import timezone

    from shifan.applications.models import Application, StatusChange

    orgs = world.rng.sample(world.orgs, count) if count < len(world.orgs) else list(world.orgs)
    states = _states_for(world, batch, len(orgs))
    district_officers = {u.jurisdiction_id: u for u in world.users.values() if u.role == "district_officer"}
    moment = min(timezone.now(), batch.applicant_deadline) - timedelta(days=5)
    apps = [
        Application(batch=batch, organization=org, jurisdiction=org.jurisdiction, status=state,
                    platform_name=f"{org.name[2:6]}中小企业公共服务平台{n:05d}", version=3,
                    submitted_at=moment if state != "draft" else None, status_changed_at=moment)
        for n, (org, state) in enumerate(zip(orgs, states, strict=True))
    ]
    apps = bulk(Application, apps)
    changes = []
    for app in apps:
        for step, (action, source, target, who) in enumerate(PATHS[app.status]):
            actor = {"applicant": world.applicants[app.organization_id], "bureau": world.officer,
                     "district": district_officers.get(app.jurisdiction_id, world.officer)}[who]
            changes.append(StatusChange(application=app, action=action, from_status=source, to_status=target,
                                        actor=actor, at=moment + timedelta(hours=step)))
    bulk(StatusChange, changes)
    content(world, apps, batch)
    return apps


def content(world: World, apps: list, batch) -> None:
    """Profile, the short lists, 附件5 and the required attachments of each application."""
    from shifan.applications.attachments import SLOTS
    from shifan.applications.models import (
        Activity,
        ApplicationProfile,
        Attachment,
        Equipment,
        OperatingYear,
        Partner,
        ServiceProduct,
        StaffMember,
    )

    rng, year = world.rng, batch.year
    profiles, lists = [], {m: [] for m in (OperatingYear, StaffMember, Equipment, ServiceProduct, Partner, Activity)}
    for n, app in enumerate(apps):
        profiles.append(ApplicationProfile(
            application=app, nature="企业法人", registration_authority="南昌市市场监督管理局",
            registered_on=date(year - rng.randint(3, 12), 3, 1), address=f"南昌市红谷滩区丰和中大道{n}号",
            postcode="330038", legal_representative_name="张建华", legal_representative_id_number="360102198001011234",
            legal_representative_mobile=f"139{n:08d}", contact_name="李四", contact_phone="0791-83860000",
            contact_mobile=f"138{n:08d}", email=f"contact{n}@bench.test", registered_capital=Decimal(500),
            total_assets=Decimal(rng.randint(300, 5000)), equipment_count=20, equipment_value=Decimal(120),
            site_area_owned=Decimal(600), site_area_rented=Decimal(400),
            service_functions=rng.sample(FUNCTIONS, 3), qualifications="具备相关专业服务资质。",
            public_welfare_activities="每年组织公益服务活动十余场。", government_support="获市级专项资金支持。",
            impact="服务辖区中小企业数百家。", report_basics="申报单位基本情况。" * 20,
            report_services="近年来的服务情况。" * 20, report_achievements="主要服务业绩。" * 20,
            declaration_signed_by="张建华", declaration_signed_on=date(year, 4, 20),
        ))
        for back in range(3):
            lists[OperatingYear].append(OperatingYear(
                application=app, seq=back + 1, year=year - 1 - back, total_assets=Decimal(1000), revenue=Decimal(800),
                service_revenue=Decimal(600), profit=Decimal(50), smes_served=rng.randint(120, 400),
                training_person_times=rng.randint(300, 1200), service_volume=rng.randint(500, 2000),
                public_welfare_volume=rng.randint(100, 600)))
        for s in range(8):
            lists[StaffMember].append(StaffMember(
                application=app, seq=s + 1, name=f"员工{s}", age=30 + s, education="bachelor",
                title_level=rng.choice(["senior", "deputy_senior", "intermediate", ""]), position="服务专员",
                contact=f"137{n % 10_000:04d}{s:04d}", full_time=s < 6))
        for s in range(5):
            lists[Equipment].append(Equipment(application=app, seq=s + 1, name=f"检测设备{s}", quantity=2,
                                              price=Decimal(30), purchased_on=date(year - 2, 5, 1)))
        for s in range(3):
            lists[ServiceProduct].append(ServiceProduct(application=app, seq=s + 1, name=f"{rng.choice(WORDS)}服务",
                                                        smes_served=100, person_times=300, revenue=Decimal(200)))
            lists[Partner].append(Partner(application=app, seq=s + 1, name=f"合作单位{s}", kind="", agreement=True))
        for s in range(2):
            lists[Activity].append(Activity(application=app, seq=s + 1, date=date(year - 1, 6, 1 + s),
                                            title=f"{rng.choice(WORDS)}对接会", function=rng.choice(FUNCTIONS),
                                            smes=60, participants=120))
    bulk(ApplicationProfile, profiles)
    for model, rows in lists.items():
        bulk(model, rows)
    served(world, apps)
    stored = world.shared_pdf
    submitted = [app for app in apps if app.status != "draft"]
    bulk(Attachment, [
        Attachment(application=app, slot=slot.code, file=stored, name=f"{slot.title}.pdf", kind="pdf",
                   extension="pdf", content_type="application/pdf", size=world.shared_pdf_size,
                   sha256=world.shared_pdf_sha, uploaded_by=world.applicants[app.organization_id])
        for app in submitted for slot in SLOTS if slot.required
    ])


def served(world: World, apps: list) -> None:
    """附件5: bulk_create, or COPY on PostgreSQL (each mobile encrypted with its own IV either way)."""
    from django.db import connection

    from shifan.applications.models import ServedEnterprise

    per_app, rng = world.params["served"], world.rng
    if connection.vendor == "postgresql":
        field = ServedEnterprise._meta.get_field("mobile")
        table = ServedEnterprise._meta.db_table
        columns = "seq, application_id, name, uscc, contact, position, mobile, service, satisfied"
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for app in apps:
                for i in range(1, per_app + 1):
                    copy.write_row((i, app.pk, f"南昌市被服务企业{app.pk}-{i:03d}有限公司", "", f"联系人{i:03d}",
                                    "总经理", field.get_prep_value(f"139{app.pk % 100_000:05d}{i:03d}"),
                                    "政策咨询与融资对接", rng.random() > 0.05))
        return
    rows = [
        ServedEnterprise(application=app, seq=i, name=f"南昌市被服务企业{app.pk}-{i:03d}有限公司",
                         contact=f"联系人{i:03d}", position="总经理", mobile=f"139{app.pk % 100_000:05d}{i:03d}",
                         service="政策咨询与融资对接", satisfied=rng.random() > 0.05)
        for app in apps for i in range(1, per_app + 1)
    ]
    bulk(ServedEnterprise, rows, batch_size=5_000)


def shared_pdf(world: World) -> None:
    """One stored PDF that the bulk attachments share (the zip benchmark reads it)."""
    import hashlib

    from django.core.files.base import ContentFile

    from shifan.demo.content import demo_pdf
    from shifan.documents.files.storage import private_storage

    data = demo_pdf("Shifan bench attachment")
    world.shared_pdf = private_storage().save("attachments/bench-shared.pdf", ContentFile(data))
    world.shared_pdf_size, world.shared_pdf_sha = len(data), hashlib.sha256(data).hexdigest()


def district_reviews(world: World, apps: list, *, survey: bool) -> None:
    """The district's review of every application it recommended (and, this year, the survey of 12)."""
    import hashlib
    import json

    from shifan.applications.models import ServedEnterprise
    from shifan.district_review.models import DistrictReview, SurveyDraw, SurveyResponse

    later = {"recommended", "accepted", "in_review", "reviewed", "proposed", "not_proposed", "in_publicity",
             "recognised"}
    reviewed = [a for a in apps if a.status in later]
    officers = {u.jurisdiction_id: u for u in world.users.values() if u.role == "district_officer"}
    bulk(DistrictReview, [
        DistrictReview(application=a, uscc_checked_on=a.submitted_at.date(), uscc_check="matches",
                       uscc_check_note="经国家企业信用信息公示系统查询，一致。", impact="带动作用明显。",
                       exemplarity="具有示范性。", opinion="经初审，同意推荐。",
                       updated_by=officers.get(a.jurisdiction_id, world.officer))
        for a in reviewed
    ])
    if not survey:
        return
    draws, picks = [], {}
    for a in reviewed:
        rows = list(ServedEnterprise.objects.filter(application=a).order_by("seq", "id").values_list("id", "name",
                                                                                                    "uscc"))
        fingerprint = hashlib.sha256(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
        seed = f"{world.rng.getrandbits(128):032x}"
        sample = random.Random(seed).sample([r[0] for r in rows], min(12, len(rows)))  # noqa: S311 -- as sampling.draw
        picks[a.pk] = [(r[0], r[1]) for r in rows if r[0] in set(sample)]
        draws.append(SurveyDraw(application=a, seed=seed, fingerprint=fingerprint, population=len(rows),
                                sample_size=len(sample), sample_ids=sample,
                                drawn_by=officers.get(a.jurisdiction_id, world.officer)))
    draws = bulk(SurveyDraw, draws)
    bulk(SurveyResponse, [
        SurveyResponse(draw=d, enterprise_id=pk, enterprise_name=name, method=2, interviewee="被访人",
                       position="经理", mobile="13900000000", service="咨询", satisfied=True, recorded_by=d.drawn_by)
        for d in draws for pk, name in picks[d.application_id]
    ])


def review(world: World, apps: list) -> None:
    """This year's applications in review: the real steps, so the expert's pages see a real panel."""
    from decimal import ROUND_HALF_UP

    from shifan.applications.models import Application
    from shifan.city_review.domain.draws import draw_experts
    from shifan.city_review.domain.groups import assign, create_group
    from shifan.city_review.domain.panel import declare, respond
    from shifan.city_review.domain.scoring import Entry, save_sheet
    from shifan.city_review.domain.setup import indicators_for

    in_review = [a for a in apps if a.status == "in_review"]
    if not in_review:
        return
    Application.objects.filter(pk__in=[a.pk for a in in_review]).update(status="accepted")  # assign() moves them
    from shifan.applications.models import StatusChange

    StatusChange.objects.filter(application__in=in_review, action="start_review").delete()
    group = create_group(world.batch, actor=world.officer, name="基准评审组", mode="experts", panel_size=5,
                         backup_count=2)
    assign(group, Application.objects.filter(pk__in=[a.pk for a in in_review]), actor=world.officer)
    draw = draw_experts(group, actor=world.officer)
    indicators = indicators_for(world.batch)
    seats = list(draw.seats.select_related("expert__user").order_by("position"))[: group.panel_size]
    for position, seat in enumerate(seats):
        user = seat.expert.user
        respond(seat, actor=user, accept=True)
        declare(seat, actor=user, conflict=False)
        targets = in_review if position else in_review[: len(in_review) // 2]
        for app in targets:
            share = Decimal(world.rng.randint(60, 95)) / 100
            entries = {i.pk: Entry(str((i.max_points * share).quantize(Decimal("0.1"), ROUND_HALF_UP)))
                       for i in indicators}
            save_sheet(Application.objects.get(pk=app.pk), actor=user, entries=entries, comment="材料完整。",
                       submit=True)
    world.scoring_expert = seats[0].expert.user.username
    log(f"review group of {len(in_review)} applications, {len(seats)} experts seated and scoring")


def recognitions(world: World, batch, apps: list) -> None:
    """An approved list, a publicity, the decision and the recognitions of the batch's recognised
    applications; this year's 'in publicity' ones on a publicity open today."""
    from django.utils import timezone

    from shifan.city_review.models import ProposedEntry, ProposedList
    from shifan.publicity.models import Publicity, PublicityEntry
    from shifan.recognition.domain import expiry_for
    from shifan.recognition.models import Approval, Decision, Recognition

    today = timezone.localdate()
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    for state, published_on in (("recognised", None), ("in_publicity", today)):
        chosen = [a for a in apps if a.status == state]
        if not chosen:
            continue
        decided_on = date(batch.year, 9, 20) if batch.year < today.year else today - timedelta(days=1)
        published_on = published_on or decided_on - timedelta(days=20)
        number = world.next_serial()
        plist = ProposedList.objects.create(batch=batch, state=ProposedList.State.APPROVED,
                                            prepared_by=world.officer, decided_by=world.head,
                                            decided_at=timezone.now())
        bulk(ProposedEntry, [ProposedEntry(proposed_list=plist, application=a, rank=r,
                                           score=Decimal(85) - Decimal(r) / 100, selected=True)
                             for r, a in enumerate(chosen, 1)])
        publicity = Publicity.objects.create(
            batch=batch, proposed_list=plist, title=f"{batch.year}年度南昌市中小企业公共服务示范平台拟认定名单公示",
            notice_number=f"洪企服字〔{batch.year}〕{500 + number}号", body="现将拟认定名单予以公示。" * 5,
            contact="0791-83869992", published_on=published_on, working_days=5, starts_on=published_on + timedelta(1),
            ends_on=published_on + timedelta(days=8), published_by=world.officer,
        )
        bulk(PublicityEntry, [PublicityEntry(publicity=publicity, application=a, seq=s)
                              for s, a in enumerate(chosen, 1)])
        if state != "recognised":
            continue
        decision = Decision.objects.create(
            batch=batch, publicity=publicity, title=f"关于认定{batch.year}年度南昌市中小企业公共服务示范平台的决定",
            body="决定正文。", number=f"洪企服字〔{batch.year}〕{700 + number}号", state=Approval.APPROVED,
            prepared_by=world.officer, decided_by=world.head, decided_on=decided_on,
        )
        expires = expiry_for(decided_on, batch.policy.validity_years)
        bulk(Recognition, [
            Recognition(application=a, decision=decision, organization=a.organization, jurisdiction=a.jurisdiction,
                        platform_name=a.platform_name, service_functions=world.rng.sample(FUNCTIONS, 3),
                        starts_on=decided_on, expires_on=expires,
                        verification_code="".join(world.rng.choice(alphabet) for _ in range(12)))
            for a in chosen
        ])


def generate(scale: str) -> dict:
    from django.db import connection, transaction

    started = time.perf_counter()
    fresh_database()
    log(f"fresh database, migrated ({time.perf_counter() - started:.1f} s)")
    world = World(scale)
    with transaction.atomic():
        base_world(world)
    log("demo world loaded")
    shared_pdf(world)
    with transaction.atomic():
        organizations(world)
        experts(world)
        all_batches = batches(world)
    total = 0
    for batch in all_batches:
        step = time.perf_counter()
        with transaction.atomic():
            apps = applications(world, batch, world.params["per_year"])
            district_reviews(world, apps, survey=batch.pk == world.batch.pk)
            recognitions(world, batch, apps)
        if batch.pk == world.batch.pk:
            review(world, apps)
            world.current_apps = apps
        total += len(apps)
        log(f"batch {batch.year}: {len(apps)} applications ({time.perf_counter() - step:.1f} s)")
    # The planner's statistics, as autovacuum would have them on a database that grew over years: right after
    # a bulk load they still describe empty tables, and a chunk of the whole-batch evaluation read 5 million
    # 附件5 rows by a sequential scan instead of their index (1.8 s instead of 0.45 s per 500 applications).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log("statistics updated (ANALYZE)")
    seconds = time.perf_counter() - started
    summary = {"scale": scale, "database": database_label(), "applications": total,
               "served_smes_per_application": world.params["served"], "experts": world.params["experts"],
               "seconds": round(seconds, 1), "scoring_expert": getattr(world, "scoring_expert", "")}
    log(f"done: {summary}")
    return summary


def list10k(rows: int = 10_000) -> Path:
    """附件5 of ``rows`` rows in the real import template, saved as var/bench/served_<rows>.xlsx."""
    import django

    django.setup()
    from openpyxl import load_workbook

    from shifan.applications.list_excel import list_template, sheet_for

    sheet = sheet_for("served_smes")
    book = load_workbook(BytesIO(list_template("served_smes")))
    worksheet = book[sheet.title]
    rng = random.Random(SEED)  # noqa: S311 -- synthetic data, reproducible on purpose
    headers = [column.header for column in sheet.columns]
    for n in range(1, rows + 1):
        values = {"name": f"南昌市第{n}科技有限公司", "uscc": "", "contact": f"联系人{n}", "position": "总经理",
                  "mobile": f"139{n:08d}", "service": "融资对接与人才培训",
                  "satisfied": "是" if rng.random() > 0.05 else "否"}
        worksheet.append([values.get(column.key, "") for column in sheet.columns])
    assert worksheet.cell(1, 1).value == headers[0]  # noqa: S101 -- the template's header row is row 1
    out = BENCH_DIR / f"served_{rows}.xlsx"
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    book.save(buffer)
    out.write_bytes(buffer.getvalue())
    log(f"{out.relative_to(ROOT)}: {rows} rows, {len(buffer.getvalue()) // 1024} KB")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scale", choices=["city", "province", "list10k"])
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the list10k workbook")
    args = parser.parse_args()
    if args.scale == "list10k":
        list10k(args.rows)
        return
    import json

    summary = generate(args.scale)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / f"generated-{database_label()}.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
