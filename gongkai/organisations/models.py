"""The organisation directory: units in a hierarchy, groups that name many units, and staff."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from . import credit_codes

CREDIT_CODE_VALIDATOR = RegexValidator(
    r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
    "统一社会信用代码应为18位（数字或大写字母，不含I、O、Z、S、V）",
)


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"  # 市 / 区县 / 镇街
    DEPARTMENT = "department", "部门"  # 政府工作部门及直属机构
    OFFICE = "office", "内设机构"  # 股室 / 科室
    OTHER = "other", "其他单位"  # 垂直管理、事业单位等


class GovernmentLevel(models.TextChoices):
    CITY = "city", "市级"
    COUNTY = "county", "区县级"
    TOWNSHIP = "township", "镇街级"


class Unit(models.Model):
    """A government, department or internal office (单位 / 科室)."""

    name = models.CharField("正式名称", max_length=120)
    short_name = models.CharField("简称", max_length=60, blank=True)
    aliases = models.JSONField("别名", default=list, blank=True)
    kind = models.CharField("类型", max_length=20, choices=UnitKind.choices)
    level = models.CharField(
        "政府层级", max_length=20, choices=GovernmentLevel.choices, blank=True, help_text="仅人民政府填写"
    )
    region_name = models.CharField(
        "地区名", max_length=40, blank=True, help_text="人民政府所辖地区名称，如“江门市”“蓬江区”，用于识别带或不带地区前缀的单位名"
    )
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[CREDIT_CODE_VALIDATOR]
    )
    order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("在用", default=True)
    # Materialised path of ancestor ids ("/1/5/23/") so that subtree scoping is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="/")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_name_unique_under_parent"),
            models.CheckConstraint(
                condition=models.Q(kind="government") | models.Q(level=""), name="unit_level_only_for_governments"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self):
        if self.credit_code and not credit_codes.is_valid(self.credit_code):
            raise ValidationError({"credit_code": "统一社会信用代码校验位不正确，请核对"})

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p][:-1]

    @property
    def government(self) -> Unit | None:
        """The nearest government at or above this unit."""
        unit: Unit | None = self
        while unit is not None and unit.kind != UnitKind.GOVERNMENT:
            unit = unit.parent
        return unit

    def all_names(self) -> list[str]:
        names = [self.name, self.short_name, *self.aliases]
        return [n for n in dict.fromkeys(names) if n]


class GroupRule(models.TextChoices):
    STATIC = "static", "固定成员"
    DEPARTMENTS = "departments", "本级政府各部门"  # 市直各部门 / 区政府各部门
    SUBGOVERNMENTS = "subgovernments", "下级人民政府"  # 各市（区）政府 / 各镇人民政府
    OFFICES = "offices", "本单位各内设机构"  # 各股室 / 各科室
    ALL_UNITS = "all_units", "本级全部单位"  # 市有关单位 (departments and other units)


class UnitGroup(models.Model):
    """A name that stands for many units at once, as plans use it (市直各部门, 各镇人民政府 …)."""

    name = models.CharField("名称", max_length=60)
    aliases = models.JSONField("别名", default=list, blank=True)
    owner = models.ForeignKey(
        Unit, verbose_name="所属单位", on_delete=models.CASCADE, related_name="groups",
        help_text="规则据此计算成员：如“市直各部门”属于市人民政府",
    )
    rule = models.CharField("成员规则", max_length=20, choices=GroupRule.choices, default=GroupRule.STATIC)
    members = models.ManyToManyField(Unit, verbose_name="固定成员", blank=True, related_name="static_groups")
    order = models.PositiveIntegerField("排序", default=100)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = "单位组"
        verbose_name_plural = "单位组"
        ordering = ["owner__path", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="group_name_unique_per_owner")]

    def __str__(self) -> str:
        return self.name

    def all_names(self) -> list[str]:
        return [n for n in dict.fromkeys([self.name, *self.aliases]) if n]


class Role(models.TextChoices):
    """Staff roles. Each is a Django auth Group of the same code, so roles also carry permissions."""

    COORDINATOR = "coordinator", "公开办管理员"
    LIAISON = "liaison", "单位联络员"
    HANDLER = "handler", "经办人"
    REVIEWER = "reviewer", "审核人"
    LEADER = "leader", "领导"


class User(AbstractUser):
    """A staff account. The public never logs in; applicants are identified by tracking codes."""

    unit = models.ForeignKey(
        Unit, verbose_name="所属单位", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    full_name = models.CharField("姓名", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    title = models.CharField("职务", max_length=40, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def roles(self) -> frozenset[str]:
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            names = set(self.groups.values_list("name", flat=True)) if self.pk else set()
            cached = frozenset(r for r in Role.values if r in names)
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or any(r in self.roles for r in roles)

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.roles]
