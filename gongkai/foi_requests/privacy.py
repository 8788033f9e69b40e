"""Who may see an applicant's personal data, and how it is masked for everyone else.

Rule (issue 4 §8): the receiving agency's and the handling unit's staff, and coordinators whose scope
covers the agency, see it; every view is logged (core.audit.log_access). Everyone else sees masks.
"""

from __future__ import annotations

from gongkai.core.audit import log_access
from gongkai.organisations.models import Role
from gongkai.organisations.selectors import can_see_unit

PERSONAL_FIELDS = ("applicant_name", "id_number", "legal_representative", "contact_person", "phone", "email",
                   "address", "postcode")


def can_see_personal_data(user, request) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if user.has_role(Role.COORDINATOR) and can_see_unit(user, request.unit):
        return True
    return user.unit_id is not None and user.unit_id in (request.unit_id, request.handling_unit_id)


def mask_name(value: str) -> str:
    if not value:
        return ""
    return value[0] + "*" * min(len(value) - 1, 4) if len(value) > 1 else "*"


def mask_digits(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_email(value: str) -> str:
    if "@" not in value:
        return mask_digits(value)
    local, domain = value.split("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_text(value: str, keep: int = 6) -> str:
    return value[:keep] + "***" if len(value) > keep else ("***" if value else "")


def applicant_view(user, request, *, purpose: str = "查看申请人信息") -> dict:
    """The applicant's data as this user may see it; logs the view when unmasked."""
    data = {f: getattr(request, f) for f in PERSONAL_FIELDS}
    if can_see_personal_data(user, request):
        log_access(user=user, obj=request, purpose=purpose)
        data["masked"] = False
        return data
    is_person = not request.is_organisation
    return {
        "applicant_name": mask_name(data["applicant_name"]) if is_person else data["applicant_name"],
        "id_number": mask_digits(data["id_number"], 4, 4),
        "legal_representative": mask_name(data["legal_representative"]),
        "contact_person": mask_name(data["contact_person"]),
        "phone": mask_digits(data["phone"]),
        "email": mask_email(data["email"]),
        "address": mask_text(data["address"]),
        "postcode": "",
        "masked": True,
    }
