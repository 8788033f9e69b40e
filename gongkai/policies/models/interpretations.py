"""政策解读: interpretations linked to their policy document, in several forms."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class InterpretationForm(models.TextChoices):
    """Forms named in the 标准目录 rows and plans: 图表图解、音频视频、动漫、专家/领导解读 … (§5.1)."""

    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "音视频解读"
    QA = "qa", "问答"
    PRESS = "press", "新闻发布会"
    EXPERT = "expert", "专家解读"
    LEADER = "leader", "领导解读"
    MEDIA = "media", "媒体解读"
    ANIMATION = "animation", "动漫"
    INTERVIEW = "interview", "在线访谈"


# Forms whose content is not text: the page must carry a text alternative (GB/T 37668).
MEDIA_FORMS = (InterpretationForm.GRAPHIC, InterpretationForm.VIDEO, InterpretationForm.ANIMATION)


class InterpretationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class Interpretation(models.Model):
    document = models.ForeignKey(
        "policies.PolicyDocument", verbose_name="所解读文件", on_delete=models.PROTECT, related_name="interpretations"
    )
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name="解读单位", on_delete=models.PROTECT, related_name="policy_interpretations"
    )
    title = models.CharField("标题", max_length=300)
    form = models.CharField("解读形式", max_length=20, choices=InterpretationForm.choices)
    body = models.TextField(
        "解读内容", blank=True,
        help_text="着重解读背景依据、目标任务、主要内容、涉及范围、执行标准，以及注意事项、关键词诠释、新旧政策差异等；"
                  "图解、音视频请在此提供文字说明或文字稿",
    )
    media = models.FileField("图解/音视频文件", upload_to="policies/interpretations/%Y/", blank=True)
    media_name = models.CharField("文件名", max_length=200, blank=True)
    external_url = models.URLField("外部链接", blank=True, help_text="如新闻发布会回放、媒体报道的地址")
    speaker = models.CharField("解读人", max_length=120, blank=True, help_text="专家、领导或发布人姓名及职务")
    source = models.CharField("来源", max_length=120, blank=True, help_text="媒体解读填写媒体名称")
    contact_name = models.CharField("咨询联系人", max_length=60, blank=True)
    contact_phone = models.CharField("咨询电话", max_length=40, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=InterpretationStatus.choices, default=InterpretationStatus.DRAFT
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    withdrawn_reason = models.CharField("撤回原因", max_length=300, blank=True)
    item = models.OneToOneField(
        "disclosure.InformationItem", verbose_name="公开信息", null=True, blank=True, on_delete=models.PROTECT,
        related_name="policy_interpretation",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["unit", "published_on"]), models.Index(fields=["document", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == InterpretationStatus.PUBLISHED
