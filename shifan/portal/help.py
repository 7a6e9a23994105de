"""帮助: a public page per role — what the role does in the year, where in the system, the deadlines
of the regulation and the frequent questions. Public (``@login_not_required``); the header's 帮助
link leads a signed-in user to the page of their role (``help_tags.help_url``).

The figures in the answers (lockout, timeouts, file types and sizes) are read from the code that
enforces them, so the help never contradicts the system.

The figures of the regulation (公示 5 个工作日, 有效期三年, 抽样 12 家) are those of the Nanchang
2022 text that the citations link to (/regulation/); a batch may pin another policy version, so a
page that states them says so (``FIGURES_NOTE``) and names the version of the batch open now.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shifan.accounts.expiry import PASSWORD_MAX_AGE
from shifan.accounts.roles import Role
from shifan.accounts.session_policy import ABSOLUTE, APPLICANT_IDLE, STAFF_IDLE
from shifan.applications.attachments import SLOTS
from shifan.batches.domain import current_batch


@dataclass(frozen=True)
class Step:
    title: str
    text: str  # citations such as 第七条（三） become links to the regulation
    where: str = ""  # where in the system: a menu path
    url: str = ""  # a link to that place


@dataclass(frozen=True)
class Faq:
    question: str
    answer: str


@dataclass(frozen=True)
class RoleHelp:
    slug: str
    title: str
    roles: tuple[str, ...]
    intro: str
    steps: tuple[Step, ...]
    deadlines: tuple[str, ...]
    faqs: tuple[Faq, ...] = field(default=())
    shows_files: bool = False  # the table of upload slots (types and sizes)
    states_figures: bool = True  # states figures of the regulation (FIGURES_NOTE is shown)


FIGURES_NOTE = ("本页所述的期限和数量按《南昌市中小企业公共服务示范平台认定管理办法》（洪企服规〔2022〕3号）说明，"
                "以所属申报批次适用的认定管理办法为准。")


def _minutes(seconds: int) -> str:
    return f"{seconds // 3600} 小时" if seconds % 3600 == 0 else f"{seconds // 60} 分钟"


def account_faqs(staff: bool) -> tuple[Faq, ...]:
    """The questions every signed-in role asks, with the limits the system enforces."""
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    idle = STAFF_IDLE if staff else APPLICANT_IDLE
    faqs = [
        Faq("密码输错被锁定了怎么办？",
            f"同一账号在同一网络连续输错密码 {settings.AXES_FAILURE_LIMIT} 次后，登录会被锁定 {cooloff} 分钟，"
            f"期满后自动解锁，请等待后用正确的密码再试。忘记密码或仍无法登录的，"
            "请联系系统管理员（市中小企业服务局）核实身份后处理。"),
        Faq("多久不操作会自动退出？填写的内容会丢吗？",
            f"连续 {_minutes(idle)}没有操作会自动退出登录；无论是否操作，登录满 {_minutes(ABSOLUTE)}也须重新登录。"
            "到期前页面顶部会提示，点“继续使用”即可延长。申报材料的填写页每 30 秒自动保存一次，"
            "点“保存本部分”会立即保存；重新登录后从上次保存处继续。"),
    ]
    if staff:
        faqs += [
            Faq("手机丢了或换了，身份验证器（动态验证码）用不了怎么办？",
                "先用启用验证器时保存的一次性恢复码登录（每个恢复码只能用一次），登录后在“账号安全”中重新绑定验证器。"
                "恢复码也找不到的，请联系系统管理员重置身份验证器；重置后下次登录时重新绑定。"),
            Faq("为什么要求我修改密码？",
                f"按照信息安全等级保护要求，工作人员、专家和评审机构的密码每 {PASSWORD_MAX_AGE.days} 天须修改一次，"
                "到期后登录时会先进入修改密码页面。"),
        ]
    else:
        faqs.append(Faq("单位换了经办人，怎样把账号交给新同事？",
                        "请新同事注册时选择本单位并提交加入申请，由本单位已有用户在“本单位用户”中同意；"
                        "不要共用账号。离职人员的账号请联系系统管理员停用。"))
    return tuple(faqs)


APPLICANT = RoleHelp(
    "applicant", "申报单位", (Role.APPLICANT,),
    "运营中小企业公共服务平台的法人单位，按当年的申报通知在线填写申报材料，经所在县区初审推荐、市中小企业服务局评审和"
    "公示后获得认定。",
    (
        Step("看申报通知，对照条件自查",
             "市级示范平台的认定工作每年开展一次，具体时间以当年申报工作通知为准（第九条）。申报条件见第五条、第六条，"
             "服务功能见第四条。", "门户网站 → 申报通知、认定管理办法", "/notices/"),
        Step("注册账号，加入或创建本单位",
             "用统一社会信用代码注册单位；同一单位的多名经办人各用自己的账号，由已有成员同意加入。", "登录页 → 注册"),
        Step("新建申报，逐部分填写",
             "按附件2 申请表、申请报告和附件3–5 的清单逐部分填写，每个字段下方的提示写明了依据的条款和要求；"
             "清单可下载 Excel 模板填好后导入。申报详情页的“基本条件检查”随填写即时显示第五条各项是否满足。",
             "申报单位工作台 → 我的申报 → 各部分", "/applicant/"),
        Step("上传规定材料",
             "按第八条上传营业执照或法人证书、场所产权证或租赁合同、上年度审计报告、服务活动材料、资质材料和签字盖章"
             "的声明函（附件6）。",
             "申报 → 证照、场所与审计报告；服务活动与资质材料；附件6"),
        Step("提交申报",
             "全部必填内容和必传材料齐全后提交；提交后内容只读，由所在县区、开发区、湾里管理局中小企业服务主管部门初"
             "审（第七条（二））。",
             "申报详情 → 提交"),
        Step("被退回时修改后重新提交",
             "县区或市局退回修改的，申报页顶部显示退回理由和需要修改的部分，修改后再次提交。", "申报详情"),
        Step("关注评审、公示和认定结果",
             "市中小企业服务局组织专家或第三方机构评审，拟认定名单公示 5 个工作日（第七条（四））；公示无异议的发文认"
             "定（第七条（五））。"
             "结果通过站内消息通知。", "消息"),
        Step("认定后：证书、年度跟踪和到期重新申报",
             "认定有效期三年（第十条），可下载证书；每年按要求报送年度运营数据（第十三条），被要求整改的按期整改；"
             "到期前 90 天和 30 天系统提醒，可在下一批次重新申报。", "申报单位工作台 → 年度跟踪、证书"),
    ),
    ("申报时间：以当年申报通知规定的开始和截止日期为准（第九条），截止后不能再提交。",
     "公示期：拟认定名单公示 5 个工作日，期间可在门户网站提出异议（第七条（四））。",
     "有效期：自认定之日起三年（第十条）；有违法违规行为经查证属实的，撤销称号。",
     "年度跟踪：按市局通知的报送截止日期提交年度报告（第十三条）。"),
    (
        Faq("提示里的条款链接是什么？", "每个由办法规定的字段都注明依据的条款，点击即打开《认定管理办法》原文的对应条"
                            "款。"),
        Faq("Excel 导入失败怎么办？",
            "请使用本系统下载的模板。任何一行不合格时整份清单不导入，页面会逐行列出错误（行号和字段），改正后重新导入"
            "；原有数据不受影响。"),
        Faq("上传的文件有什么要求？", "见下表：每项材料可上传的格式、单个文件大小和个数。系统按文件内容检查类型，改扩"
                           "展名无效；"
            "PDF 中不能含脚本等活动内容，图片会被重新编码。"),
    ),
    shows_files=True,
)

DISTRICT = RoleHelp(
    "district", "县区主管部门", (Role.DISTRICT_OFFICER,),
    "各县区、开发区、湾里管理局中小企业服务主管部门负责本辖区申报的组织推荐和初审（第三条、第七条（二））。",
    (
        Step("组织辖区单位申报", "转发当年申报通知，指导辖区内符合条件的服务机构在线申报（第七条（一））。"),
        Step("初审申报材料",
             "依据第五条、第六条的条件和要求初审，并对申报材料的真实性进行核实（第七条（二））；材料有误的退回申报单"
             "位修改。",
             "县区工作台 → 待初审", "/district/"),
        Step("查验统一社会信用代码证", "对申报机构的统一社会信用代码证进行查验，记录查验日期和结果（第七条（三））。",
             "申报 → 初审与推荐表 → 一、信用代码查验"),
        Step("抽样测评服务企业满意度",
             "系统从申报单位的附件5 名单中随机抽取服务企业（附件1：12 家以上），抽取过程可复核；逐家上门、电话、网络"
             "或书面测评并记录结果。",
             "初审与推荐表 → 二、服务企业满意度测评"),
        Step("填写推荐表并推荐上报",
             "填写附件1 推荐表中的“对区域中小企业发展的影响和作用”“示范性”和推荐意见，推荐报市中小企业服务局（第七条"
             "（三））。",
             "初审与推荐表 → 三、推荐意见；申报详情 → 推荐"),
        Step("认定后：典型经验", "及时总结辖区内示范平台的典型经验，推广成功做法（第十二条）。",
             "县区工作台 → 典型经验"),
    ),
    ("初审和推荐：在当年申报通知规定的县区推荐截止日期前完成（第九条）。",
     "市局退回县区的申报，请按退回理由补正后再次推荐。"),
)

BUREAU = RoleHelp(
    "bureau", "市中小企业服务局经办人员/负责人",
    (Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.BUREAU_ADMIN, Role.AUDITOR),
    "市中小企业服务局负责认定管理工作（第三条）：经办人员办理批次、受理、评审组织、公示和认定文件，负责人审批拟认定名"
    "单和认定、撤销决定。",
    (
        Step("设置办法版本和申报批次",
             "每年开展一次认定（第九条）：新建批次，选定适用的办法版本（各项门槛），设定申报和推荐的起止日期，发布申"
             "报通知。",
             "市局后台 → 申报批次", "/bureau/"),
        Step("形式审查和受理",
             "对县区推荐的申报逐项核对：申请材料齐全（第八条）、推荐表完整（附件1）、符合基本条件（第五条）；符合的受"
             "理进入评审，否则退回县区。",
             "市局后台 → 全部申报 → 申报详情 → 形式审查"),
        Step("组织评审",
             "组织第三方评审机构或从专家库中随机抽取专家评审（第七条（四））：建评审组、确认评分表、抽取专家（含回避"
             "规则和备选），跟踪评分进度。",
             "市局后台 → 市级评审"),
        Step("拟认定名单（经办人员拟定，负责人审批）", "按评审结果拟定拟认定名单，由负责人审批。",
             "市级评审 → 拟认定名单"),
        Step("公示和处理异议",
             "在网站上公示 5 个工作日（第七条（四））；受理并处理公示期内的异议，异议成立的不予认定。",
             "市局后台 → 公示"),
        Step("认定发文和证书",
             "对公示无异议的平台发文认定并在网站公布（第七条（五）），认定决定须由另一名负责人审批；生成证书。",
             "市局后台 → 认定"),
        Step("认定后管理",
             "登记扶持政策（第十一条），审核县区报送的典型经验（第十二条），开展年度动态跟踪和整改（第十三条），"
             "对违法违规的平台撤销称号（第十条）。", "市局后台 → 扶持、典型经验、年度跟踪"),
    ),
    ("申报批次：每年一次（第九条），批次日期即申报和推荐的截止日期。",
     "公示：5 个工作日（第七条（四）），系统按法定节假日和调休计算工作日；下一年的节假日安排须及时录入。",
     "有效期：三年（第十条），系统在到期前 90 天和 30 天提醒平台。"),
)

EXPERT = RoleHelp(
    "expert", "评审专家", (Role.EXPERT,),
    "市中小企业服务局从专家库中随机抽取专家评审申报（第七条（四））。",
    (
        Step("激活账号，维护个人信息", "按邀请邮件激活账号，绑定身份验证器；在“个人信息”中维护工作单位、职称和擅长的"
                            "服务功能。",
             "专家工作台 → 个人信息", "/expert/"),
        Step("接受或谢绝评审任务，声明回避",
             "被抽中后在期限内接受或谢绝；与申报单位有任职、投资、合作等利害关系的，必须声明并回避。",
             "专家工作台 → 评审任务"),
        Step("审阅申报材料", "在线查看申报材料、附件和县区推荐表；个人信息按规定脱敏显示，材料不得外传。",
             "评审任务 → 申报详情"),
        Step("逐项打分并提交", "按评分表逐项打分并写评分意见，可先暂存，提交后不能修改；评分要点注明了依据的条款。",
             "评审任务 → 评分"),
    ),
    ("接受或谢绝：收到抽取通知后尽快答复；谢绝或回避的，由备选专家按抽中顺序递补。",
     "评分：在评审组规定的截止时间前提交。"),
    states_figures=False,
)

AGENCY = RoleHelp(
    "agency", "第三方评审机构", (Role.AGENCY,),
    "市中小企业服务局可组织第三方评审机构对申请机构进行评审（第七条（四））。",
    (
        Step("查看委托的评审任务", "市局把评审组委托给本机构后，在工作台看到需要评审的申报。",
             "评审机构工作台", "/agency/"),
        Step("审阅材料并打分", "按评分表逐项打分并写评分意见，提交后不能修改。", "评审任务 → 评分"),
        Step("提交评审报告", "全部申报评分后提交评审报告。", "评审任务 → 评审报告"),
    ),
    ("评审：在市局规定的截止时间前完成评分和评审报告。",),
    states_figures=False,
)

PUBLIC = RoleHelp(
    "public", "公众", (),
    "任何人都可以查阅认定管理办法、申报通知、示范平台名录和公示，验证证书，并在公示期内提出异议。",
    (
        Step("查阅办法和申报通知", "《认定管理办法》原文（洪企服规〔2022〕3号）和每年的申报通知（第九条）。",
             "门户网站 → 认定管理办法、申报通知", "/regulation/"),
        Step("查看拟认定名单公示，提出异议",
             "拟认定名单在网站上公示 5 个工作日（第七条（四））。对公示的平台有异议的，在公示期内实名提出并附证据材料；"
             "联系方式仅用于核实，不公开。", "门户网站 → 公示公告", "/publicity/"),
        Step("查询示范平台名录", "查询有效期内的示范平台（第十条：有效期三年）和它们的服务内容、联系方式。",
             "门户网站 → 示范平台名录", "/platforms/"),
        Step("验证证书", "输入证书上的验证码或扫描证书二维码，核对证书的真伪和有效期。",
             "门户网站 → 证书验证", "/verify/"),
    ),
    ("异议：只在公示期（5 个工作日）内受理（第七条（四））。",),
    (Faq("提出异议需要注册账号吗？", "不需要。请如实填写姓名和联系方式以便核实，并说明异议的事实和理由。"),),
)

PAGES = {page.slug: page for page in (APPLICANT, DISTRICT, BUREAU, EXPERT, AGENCY, PUBLIC)}
STAFF_PAGES = {"district", "bureau", "expert", "agency"}


def help_slug_for(user) -> str:
    """The help page of a user's role ("public" for visitors)."""
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    for page in PAGES.values():
        if role in page.roles:
            return page.slug
    return "public"


@login_not_required
@require_GET
def index(request):
    return render(request, "portal/help/index.html", {
        "pages": list(PAGES.values()), "mine": help_slug_for(request.user), "portal_section": "help",
    })


@login_not_required
@require_GET
def role(request, slug):
    page = PAGES.get(slug)
    if page is None:
        raise Http404("没有这个帮助页面。")
    faqs = page.faqs
    if slug != "public":
        faqs = faqs + account_faqs(staff=slug in STAFF_PAGES)
    batch = current_batch() if page.states_figures else None
    return render(request, "portal/help/role.html", {
        "page": page, "faqs": faqs, "pages": list(PAGES.values()), "portal_section": "help",
        "slots": SLOTS if page.shows_files else (),
        "figures_note": FIGURES_NOTE if page.states_figures else "",
        "open_batch": batch,
    })
