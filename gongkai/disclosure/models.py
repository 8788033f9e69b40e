"""The 政府信息公开 platform: columns (栏目), information items (公开信息) with their originals, the
review workflow (先审后发), the 索引号 sequence, the catalogues (主动公开基本目录 / 基层政务公开标准目录)
and the word lists used at review.

Rules: shared/domain/portal-and-oversight.md §1 (61号 platform structure), §2.5 (freshness), §4.2
(catalogue columns), §5.1 (metadata block).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from gongkai.organisations.models import Unit


class PlatformSection(models.TextChoices):
    """The four fixed parts of every 政府信息公开 platform (国办公开办函〔2019〕61号), plus the
    dynamic columns that live outside the 专栏 but are still monitored for freshness."""

    GUIDE = "guide", "政府信息公开指南"
    SYSTEM = "system", "政府信息公开制度"
    STATUTORY = "statutory", "法定主动公开内容"
    ANNUAL_REPORT = "annual_report", "政府信息公开年报"
    NEWS = "news", "政务动态（专栏外）"


class Article20(models.IntegerChoices):
    """The items of 《政府信息公开条例》（2019）第二十条, which organise 法定主动公开内容."""

    RULES = 1, "（一）法规文件"  # 行政法规、规章和规范性文件
    FUNCTIONS = 2, "（二）机构职能"  # 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名
    PLANNING = 3, "（三）规划信息"  # 国民经济和社会发展规划、专项规划、区域规划及相关政策
    STATISTICS = 4, "（四）统计信息"
    LICENSING = 5, "（五）行政许可和对外管理服务"
    PENALTY = 6, "（六）行政处罚和行政强制"
    BUDGET = 7, "（七）财政预决算"
    FEES = 8, "（八）行政事业性收费"
    PROCUREMENT = 9, "（九）政府集中采购"
    PROJECTS = 10, "（十）重大建设项目"
    LIVELIHOOD = 11, "（十一）扶贫、教育、医疗、社会保障、促进就业"
    EMERGENCY = 12, "（十二）突发公共事件应急"
    INSPECTION = 13, "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量监督检查"
    CIVIL_SERVANTS = 14, "（十四）公务员招考"
    OTHER = 15, "（十五）其他应当主动公开的信息"


class FreshnessClass(models.TextChoices):
    """How often a column must be updated (§2.5; thresholds in conf.py)."""

    DYNAMIC = "dynamic", "动态要闻类（2周）"
    NOTICE_POLICY = "notice_policy", "通知公告、政策文件类（6个月）"
    PERSONNEL_PLAN = "personnel_plan", "人事、规划计划类（1年）"
    CUSTOM = "custom", "自定义规则"
    STATIC = "static", "静态信息（无更新周期）"


class CustomPeriod(models.TextChoices):
    WEEK = "week", "每周"
    MONTH = "month", "每月"
    QUARTER = "quarter", "每季度"
    YEAR = "year", "每年"


class Column(models.Model):
    """A column (栏目) of one unit's platform."""

    unit = models.ForeignKey(Unit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="disclosure_columns")
    parent = models.ForeignKey(
        "self", verbose_name="上级栏目", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField("栏目名称", max_length=60)
    slug = models.SlugField("栏目代码", max_length=40, help_text="用于网址，如 zcwj、tzgg；同一单位内唯一，设定后请勿修改")
    section = models.CharField("所属部分", max_length=20, choices=PlatformSection.choices,
                               default=PlatformSection.STATUTORY)
    article20 = models.PositiveSmallIntegerField("条例第二十条事项", choices=Article20.choices, null=True, blank=True)
    description = models.TextField("栏目说明", blank=True)
    freshness_class = models.CharField("更新要求", max_length=20, choices=FreshnessClass.choices,
                                       default=FreshnessClass.NOTICE_POLICY)
    custom_period = models.CharField("自定义周期", max_length=10, choices=CustomPeriod.choices, blank=True)
    custom_min_count = models.PositiveSmallIntegerField("每周期至少更新条数", null=True, blank=True)
    opened_on = models.DateField("开设日期", help_text="空白栏目自开设之日起计算")
    order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("在用", default=True)
    public_count = models.PositiveIntegerField("公开信息数", default=0, editable=False)
    last_published_on = models.DateField("最近发布日期", null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["unit__path", "section", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "slug"], name="column_slug_unique_per_unit"),
            # 专栏姓专 (61号): no news or dynamic columns inside 法定主动公开内容.
            models.CheckConstraint(
                condition=~(Q(section="statutory") & Q(freshness_class="dynamic")),
                name="column_statutory_not_dynamic",
            ),
            models.CheckConstraint(
                condition=~Q(freshness_class="custom") | (Q(custom_min_count__gte=1) & ~Q(custom_period="")),
                name="column_custom_rule_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_first_level(self) -> bool:
        return self.parent_id is None


class ItemKind(models.TextChoices):
    """What a publication is. Policy documents and interpretations are owned by the policies app."""

    POLICY = "policy", "政策文件"
    INTERPRETATION = "interpretation", "政策解读"
    NEWS = "news", "工作动态"
    NOTICE = "notice", "通知公告"
    PERSONNEL = "personnel", "人事信息"
    PLAN = "plan", "规划计划"
    FINANCE = "finance", "财政信息"
    STATISTICS = "statistics", "统计信息"
    GUIDE = "guide", "公开指南"
    SYSTEM = "system", "公开制度"
    ORGANISATION = "organisation", "机构职能"
    ENFORCEMENT = "enforcement", "执法信息"
    PROCUREMENT = "procurement", "采购项目"
    OTHER = "other", "其他信息"


class Validity(models.TextChoices):
    """有效性 shown in the metadata block; 47号 requires marking 修改/废止/失效 on the original."""

    NOT_APPLICABLE = "", "—"
    VALID = "valid", "有效"
    AMENDED = "amended", "修改"
    REPEALED = "repealed", "废止"
    EXPIRED = "expired", "失效"


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    RETURNED = "returned", "退回修改"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class ReviewStep(models.TextChoices):
    """The review chain (先审后发, 三审三校); which steps apply is configured per unit."""

    SECRECY = "secrecy", "保密审查"
    FIRST = "first", "初审"
    SECOND = "second", "复审"
    FINAL = "final", "终审"


DEFAULT_REVIEW_STEPS = [ReviewStep.SECRECY, ReviewStep.FIRST, ReviewStep.SECOND, ReviewStep.FINAL]


class InformationItem(models.Model):
    """One publication (公开信息) with the gov.cn metadata block (§5.1) and its review state."""

    unit = models.ForeignKey(Unit, verbose_name="发布机构", on_delete=models.PROTECT, related_name="disclosure_items")
    column = models.ForeignKey(Column, verbose_name="栏目", on_delete=models.PROTECT, related_name="items")
    kind = models.CharField("信息类别", max_length=20, choices=ItemKind.choices, default=ItemKind.NOTICE)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    # The metadata block (索引号 · 主题分类 · 发文机关 · 成文日期 · 发文字号 · 发布日期 · 有效性).
    index_number = models.CharField("索引号", max_length=40, blank=True, default="")
    topic = models.CharField("主题分类", max_length=60, blank=True, help_text="大类\\小类，如 综合政务\\政务公开")
    issuing_organ = models.CharField("发文机关", max_length=200, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True, help_text="信息形成日期，公开时限由此起算")
    doc_number = models.CharField("发文字号", max_length=80, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, blank=True, default="")
    keywords = models.CharField("主题词", max_length=200, blank=True)
    related_url = models.CharField("关联页面", max_length=300, blank=True,
                                   help_text="由其他模块发布时指向其页面，如政策文件库中的文件页")
    catalogue_entry = models.ForeignKey(
        "CatalogueEntry", verbose_name="对应目录事项", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="items",
    )
    # Workflow
    status = models.CharField("状态", max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT)
    review_steps = models.JSONField("审核环节", default=list, blank=True, help_text="提交时按单位设置固定")
    current_step = models.CharField("当前环节", max_length=20, choices=ReviewStep.choices, blank=True)
    content_hash = models.CharField("内容摘要（防伪）", max_length=64, blank=True, editable=False)
    withdrawn_reason = models.TextField("撤回理由", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["index_number"], condition=~Q(index_number=""),
                                    name="item_index_number_unique"),
            models.CheckConstraint(condition=~Q(status="published") | ~Q(index_number=""),
                                   name="item_published_has_index_number"),
        ]
        indexes = [
            # Public column list: keyset pagination over (published_on, id) of public items only.
            models.Index(fields=["column", "-published_on", "-id"], condition=Q(status="published"),
                         name="item_public_by_column"),
            models.Index(fields=["unit", "-published_on", "-id"], condition=Q(status="published"),
                         name="item_public_by_unit"),
            models.Index(fields=["unit", "status"], name="item_unit_status"),
            # The public item URL looks items up by 索引号. SQLite cannot use the partial unique index above for a
            # bound parameter (it cannot prove the parameter is not ''), so a plain index serves the lookup.
            models.Index(fields=["index_number"], name="item_index_number_lookup"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == ItemStatus.PUBLISHED

    @property
    def public_key(self) -> str:
        """The stable public URL key: the 索引号 once assigned, else the id."""
        return self.index_number or str(self.pk)


def attachment_path(instance: ItemAttachment, filename: str) -> str:
    return f"disclosure/{instance.item.unit_id}/{instance.item_id}/{instance.sha256[:16]}-{filename[-80:]}"


class ItemAttachment(models.Model):
    """An original file (原件) or annex of an item. Stored under MEDIA_ROOT (outside the web root) and
    served only by a view that checks the item is public or the staff member may see it."""

    item = models.ForeignKey(InformationItem, verbose_name="公开信息", on_delete=models.CASCADE,
                             related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, max_length=300)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("类型", max_length=100, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64)
    is_original = models.BooleanField("原件", default=True, help_text="原件（正式文本）或附件")
    order = models.PositiveIntegerField("排序", default=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "原件/附件"
        verbose_name_plural = "原件/附件"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.original_name


class ItemEventKind(models.TextChoices):
    CREATED = "created", "创建"
    EDITED = "edited", "修改"
    SUBMITTED = "submitted", "提交审核"
    APPROVED = "approved", "审核通过"
    RETURNED = "returned", "退回修改"
    PUBLISHED = "published", "发布"
    WITHDRAWN = "withdrawn", "撤回"
    VALIDITY = "validity", "有效性变更"
    IMPORTED = "imported", "历史信息导入"


class ItemEvent(models.Model):
    """The full trail of one item: every edit, review decision, publication and withdrawal."""

    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事件", max_length=20, choices=ItemEventKind.choices)
    step = models.CharField("环节", max_length=20, choices=ReviewStep.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    note = models.TextField("意见/说明", blank=True)
    findings = models.JSONField("错敏词检查结果", default=list, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "公开信息记录"
        verbose_name_plural = "公开信息记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class ReviewConfig(models.Model):
    """Which review steps a unit's publications pass through (configurable per unit)."""

    unit = models.OneToOneField(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="review_config")
    steps = models.JSONField("审核环节", default=list, help_text="按顺序，取值 secrecy/first/second/final")
    allow_self_review = models.BooleanField("允许本人审核本人提交的信息", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "审核流程设置"
        verbose_name_plural = "审核流程设置"

    def __str__(self) -> str:
        return f"{self.unit}：" + "→".join(ReviewStep(s).label for s in self.steps)


class IndexSequence(models.Model):
    """The 流水号 counter behind 索引号 (统一社会信用代码/年份-流水号), one row per unit and year."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="index_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last_value}"


class WordListKind(models.TextChoices):
    SENSITIVE = "sensitive", "敏感词"
    ERRONEOUS = "erroneous", "易错词（错误写法=正确写法）"
    LEADER = "leader", "领导姓名与职务（姓名=职务）"


class WordList(models.Model):
    """A configurable list used by the 错敏词 check at review. unit empty = applies everywhere."""

    name = models.CharField("名称", max_length=60)
    kind = models.CharField("类型", max_length=20, choices=WordListKind.choices)
    unit = models.ForeignKey(Unit, verbose_name="适用单位", null=True, blank=True, on_delete=models.CASCADE,
                             help_text="留空则适用于全部单位；单位设置对其下级单位同样适用")
    entries = models.TextField("词条", help_text="每行一条；易错词写作“错误写法=正确写法”，领导写作“姓名=职务”")
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "错敏词表"
        verbose_name_plural = "错敏词表"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class CatalogueKind(models.TextChoices):
    BASIC = "basic", "主动公开基本目录"
    STANDARD = "standard", "基层政务公开标准目录"


class Catalogue(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="disclosure_catalogues")
    kind = models.CharField("目录类型", max_length=20, choices=CatalogueKind.choices)
    title = models.CharField("目录名称", max_length=120)
    domain = models.CharField("试点领域", max_length=40, blank=True, help_text="标准目录所属的26个领域之一或本地领域")
    is_public = models.BooleanField("对外公开", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公开目录"
        verbose_name_plural = "公开目录"
        ordering = ["unit__path", "kind", "domain", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "kind", "domain"], name="catalogue_unique")]

    def __str__(self) -> str:
        return self.title


class DeadlineRule(models.TextChoices):
    """公开时限 parsed from its text (timelimits.parse_time_limit); the text stays authoritative."""

    WORKING_DAYS = "working_days", "形成或变更之日起N个工作日内"
    CALENDAR_DAYS = "calendar_days", "N日内（自然日）"
    REALTIME = "realtime", "实时公开"
    TIMELY = "timely", "及时公开"
    PERMANENT = "permanent", "永久公开"
    UNKNOWN = "unknown", "未能识别（人工核对）"


class Recurrence(models.TextChoices):
    NONE = "", "不定期"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    YEARLY = "yearly", "每年"


class CatalogueEntry(models.Model):
    """One row of a 标准目录 / 基本目录, with exactly the §4.2 columns, bound to the column where it is
    published and (through InformationItem.catalogue_entry) to the items that fulfil it."""

    catalogue = models.ForeignKey(Catalogue, verbose_name="目录", on_delete=models.CASCADE, related_name="entries")
    seq = models.PositiveIntegerField("序号")
    level1 = models.CharField("公开事项（一级事项）", max_length=120)
    level2 = models.CharField("公开事项（二级事项）", max_length=200, blank=True)
    content = models.TextField("公开内容（要素）", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit = models.CharField("公开时限", max_length=200, blank=True)
    subject = models.CharField("公开主体", max_length=200, blank=True)
    channels = models.JSONField("公开渠道和载体", default=list, blank=True)
    audience_all = models.BooleanField("公开对象：全社会", default=True)
    audience_specific = models.BooleanField("公开对象：特定群众", default=False)
    mode_active = models.BooleanField("公开方式：主动", default=True)
    mode_on_request = models.BooleanField("公开方式：依申请公开", default=False)
    level_county = models.BooleanField("公开层级：县级", default=True)
    level_township = models.BooleanField("公开层级：乡级", default=False)
    level_village = models.BooleanField("公开层级：村级", default=False)
    process = models.CharField("五公开", max_length=20, blank=True, help_text="决策/执行/管理/服务/结果")
    deadline_rule = models.CharField("时限规则", max_length=20, choices=DeadlineRule.choices,
                                     default=DeadlineRule.UNKNOWN, editable=False)
    deadline_days = models.PositiveSmallIntegerField("时限工作日", null=True, blank=True, editable=False)
    recurrence = models.CharField("应发布频次", max_length=20, choices=Recurrence.choices, blank=True,
                                  help_text="如财政预决算每年一次；用于发现缺失的公开")
    column = models.ForeignKey(Column, verbose_name="发布栏目", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="catalogue_entries")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "目录事项"
        verbose_name_plural = "目录事项"
        ordering = ["catalogue", "seq", "id"]
        constraints = [models.UniqueConstraint(fields=["catalogue", "seq"], name="catalogue_entry_seq_unique")]

    def __str__(self) -> str:
        return f"{self.level1} · {self.level2}" if self.level2 else self.level1
