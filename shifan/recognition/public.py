"""The public card of a recognition: what the portal's pages and its JSON API show of a platform.

What "public contact" means here (one rule, used by every public page and the API):

* shown: the organisation's declared office phone (``contact_phone``), its registered address and
  its website — facts of an organisation, published so that enterprises can reach the platform;
* never shown: a person. No name (contact person, legal representative, signatory), no mobile
  number, no ID number, no e-mail address (``email`` is often a person's own mailbox). When the
  declared office phone looks like a mobile number (11 digits starting with 1, also written with
  spaces, hyphens or a +86 prefix, or anywhere inside the field) the phone is not shown at all.

The short services description comes from the applicant's own text (申请报告 五、近年来的服务情况),
so the same rule is applied to it: mobiles, ID numbers and e-mail addresses are masked, and the
names the applicant declared for its people are taken out, before it is trimmed.

A list of cards costs two queries whatever its length: the recognitions (with organisation,
district and decision joined) and one query for the matching profiles.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from shifan.applications.models import ApplicationProfile
from shifan.policies.codes import FUNCTION_LABELS
from shifan.recognition.models import STATUS_LABELS, Approval, Recognition, Revocation

SERVICES_LENGTH = 300
MASK = "＊＊＊"

# Fields of the profile the public card reads. Encrypted fields are never loaded.
_PROFILE_FIELDS = ("address", "website", "contact_phone", "report_services",
                   "contact_name", "legal_representative_name", "declaration_signed_by")
# A run of digits written as a phone number: digits with spaces, hyphens, dots, brackets or a plus.
_NUMBER_RUN = re.compile(r"\+?\d[\d\s().\-]*\d")
# A mobile written 3-4-4 or in one piece, with no other digit right before or after it.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_WEBSITE = re.compile(r"^(?:https?://)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:/[^\s\"'<>]*)?$")


def looks_like_mobile(text: str) -> bool:
    """True when any number in ``text`` is (or contains, as a separate run) a mainland mobile number."""
    if _MOBILE.search(text):
        return True
    for run in _NUMBER_RUN.findall(text):
        digits = re.sub(r"\D", "", run)
        for prefix in ("0086", "86"):
            if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
                digits = digits[len(prefix):]
        if len(digits) == 11 and digits.startswith("1"):
            return True
    return False


@dataclass(frozen=True)
class PublicContact:
    """How the public reaches a platform: the organisation's office phone, address and website only."""

    phone: str = ""
    address: str = ""
    website: str = ""
    website_url: str = ""  # a safe http(s) link for the website, or "" when it is not a plain web address

    def __bool__(self) -> bool:
        return bool(self.phone or self.address or self.website)

    def as_json(self) -> dict:
        return {"phone": self.phone, "address": self.address, "website": self.website}


def public_contact(profile: dict | None) -> PublicContact:
    """THE rule for what of an application's contact data may be public (see the module docstring).

    ``profile`` maps ApplicationProfile field names to values (only ``contact_phone``, ``address``
    and ``website`` are read). Anything else the profile holds — names, mobiles, ID numbers,
    e-mail — never reaches the result.
    """
    if not profile:
        return PublicContact()
    phone = (profile.get("contact_phone") or "").strip()
    if looks_like_mobile(phone):
        phone = ""
    website = (profile.get("website") or "").strip()
    website_url = ""
    if _WEBSITE.match(website):
        website_url = website if website.lower().startswith(("http://", "https://")) else f"http://{website}"
    return PublicContact(phone=phone, address=(profile.get("address") or "").strip(), website=website,
                         website_url=website_url)


def public_text(text: str, *, names: tuple[str, ...] = (), limit: int = SERVICES_LENGTH) -> str:
    """The applicant's free text made fit for the public: no mobile, ID number, e-mail or declared
    name of a person, whitespace collapsed, trimmed to ``limit`` characters (with an ellipsis)."""
    cleaned = _EMAIL.sub(MASK, text or "")
    cleaned = _ID_NUMBER.sub(MASK, cleaned)
    cleaned = _MOBILE.sub(MASK, cleaned)
    cleaned = _NUMBER_RUN.sub(lambda m: MASK if looks_like_mobile(m.group()) else m.group(), cleaned)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        cleaned = cleaned.replace(name, MASK)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    if len(cleaned) > limit:
        cleaned = cleaned[:limit].rstrip() + "…"
    return cleaned


@dataclass(frozen=True)
class PublicCard:
    """One recognised platform as the public sees it. Codes are ASCII; labels are Chinese."""

    code: str  # the certificate verification code: the platform's public key in URLs
    platform_name: str
    organization: str
    district: str
    district_code: str
    functions: tuple[str, ...]
    decision_number: str
    decision_date: date  # the decision's date, which is also the first day of the recognition
    valid_until: date
    status: str  # valid, expired or revoked
    revoked_on: date | None
    contact: PublicContact = field(default_factory=PublicContact)
    services: str = ""

    @property
    def function_labels(self) -> list[str]:
        return [FUNCTION_LABELS.get(code, code) for code in self.functions]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def as_json(self) -> dict:
        """The card for the JSON API: ASCII keys, ISO dates."""
        return {
            "code": self.code,
            "platform_name": self.platform_name,
            "organization": self.organization,
            "district": self.district,
            "district_code": self.district_code,
            "service_functions": [{"code": c, "label": FUNCTION_LABELS.get(c, c)} for c in self.functions],
            "decision_number": self.decision_number,
            "decision_date": self.decision_date.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "status": self.status,
            "status_label": self.status_label,
            "revoked_on": self.revoked_on.isoformat() if self.revoked_on else None,
            "contact": self.contact.as_json(),
            "services": self.services,
        }


def _profiles_by_recognition(recognitions: list[Recognition]) -> dict[int, dict]:
    """One query: the public-facing profile fields of each recognition's application, by recognition id.

    Joins through the recognition (not ``recognition.application_id``, which the public queryset
    defers and would cost a query per row).
    """
    ids = [r.pk for r in recognitions]
    if not ids:
        return {}
    rows = ApplicationProfile.objects.filter(application__recognition__in=ids).values(
        "application__recognition", *_PROFILE_FIELDS)
    return {row["application__recognition"]: row for row in rows}


def _card(recognition: Recognition, profile: dict | None, today: date) -> PublicCard:
    profile = profile or {}
    names = tuple(profile.get(n) or "" for n in ("contact_name", "legal_representative_name", "declaration_signed_by"))
    revoked_at = recognition.revoked_at
    return PublicCard(
        code=recognition.verification_code,
        platform_name=recognition.platform_name,
        organization=recognition.organization.name,
        district=recognition.jurisdiction.name,
        district_code=recognition.jurisdiction.code,
        functions=tuple(recognition.service_functions or ()),
        decision_number=recognition.decision.number,
        decision_date=recognition.starts_on,
        valid_until=recognition.expires_on,
        status=recognition.status_on(today),
        revoked_on=timezone.localtime(revoked_at).date() if revoked_at else None,
        contact=public_contact(profile),
        services=public_text(profile.get("report_services") or "", names=names),
    )


def public_cards(recognitions, *, today: date | None = None) -> list[PublicCard]:
    """The public cards of recognitions from ``queries.public_recognitions()`` or ``queries.directory()``,
    in the same order; two queries in all (the recognitions', if not yet fetched, and the profiles')."""
    recognitions = list(recognitions)
    today = today or timezone.localdate()
    profiles = _profiles_by_recognition(recognitions)
    return [_card(r, profiles.get(r.pk), today) for r in recognitions]


def public_card(recognition: Recognition, *, today: date | None = None) -> PublicCard:
    return public_cards([recognition], today=today)[0]


def public_revocation(recognition: Recognition) -> Revocation | None:
    """The approved revocation of a revoked recognition (its number and public reason are public, 第十条)."""
    if recognition.revoked_at is None:
        return None
    return (Revocation.objects.filter(recognition=recognition, state=Approval.APPROVED)
            .only("number", "public_reason", "decided_at").order_by("-decided_at").first())
