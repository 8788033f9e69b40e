"""REST API shapes for /api/search/."""

from rest_framework import serializers

from .forms import VALIDITY_CHOICES
from .kinds import DocumentKind
from .selectors import ORDER_LABELS


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="关键词；引号内为完整短语")
    kind = serializers.ListField(child=serializers.ChoiceField(choices=DocumentKind.choices), required=False,
                                 help_text="类型，可重复")
    unit = serializers.IntegerField(required=False, min_value=1, help_text="发布单位 id（含下级单位）")
    year = serializers.IntegerField(required=False, min_value=1949, max_value=2100)
    topic = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="主题分类（大类或 大类\\小类）")
    validity = serializers.ChoiceField(required=False, allow_blank=True, choices=[c for c, _ in VALIDITY_CHOICES])
    order = serializers.ChoiceField(required=False, choices=list(ORDER_LABELS.items()), default="relevance")
    page = serializers.IntegerField(required=False, min_value=1, max_value=10000, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class HitSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="已转义的标题，命中词以 <mark> 标出")
    snippet_html = serializers.CharField(help_text="已转义的正文摘要，命中词以 <mark> 标出")
    url = serializers.CharField()
    unit = serializers.SerializerMethodField()
    published_on = serializers.DateField(allow_null=True)
    topic = serializers.CharField()
    validity = serializers.CharField()
    doc_number = serializers.CharField()
    is_public = serializers.BooleanField()
    relevance = serializers.FloatField(allow_null=True)

    def get_unit(self, hit) -> dict | None:
        return {"id": hit.unit_id, "name": hit.unit_name} if hit.unit_id else None


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    kind = FacetValueSerializer(many=True)
    unit = FacetValueSerializer(many=True)
    year = FacetValueSerializer(many=True)
    topic = FacetValueSerializer(many=True)
    validity = FacetValueSerializer(many=True)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    total_is_lower_bound = serializers.BooleanField(help_text="为真时匹配数超过计数上限，total 为上限值")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    order = serializers.CharField()
    relaxed = serializers.BooleanField(help_text="为真时，没有结果同时包含全部关键词，返回的是包含部分关键词的结果")
    includes_drafts = serializers.BooleanField()
    results = HitSerializer(many=True, source="hits")
    facets = FacetsSerializer(allow_null=True)
