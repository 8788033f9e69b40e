from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Unit, UnitGroup
from .resolver import resolve_name
from .selectors import group_members, visible_units


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "short_name", "aliases", "kind", "level", "region_name", "parent", "credit_code", "order"]


class UnitGroupSerializer(serializers.ModelSerializer):
    member_ids = serializers.SerializerMethodField()

    class Meta:
        model = UnitGroup
        fields = ["id", "name", "aliases", "owner", "rule", "member_ids"]

    def get_member_ids(self, group) -> list[int]:
        return [u.pk for u in group_members(group)]


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units visible to the requesting user (own unit and sub-units; a coordinator's government)."""

    serializer_class = UnitSerializer
    filterset_fields = ["kind", "parent"]

    def get_queryset(self):
        return visible_units(self.request.user).order_by("path")

    @extend_schema(parameters=[OpenApiParameter("name", str, required=True, description="按文件原文的单位名称")])
    @action(detail=False)
    def resolve(self, request):
        name = request.query_params.get("name", "")
        if not name.strip():
            return Response({"detail": "缺少参数 name"}, status=400)
        return Response(resolve_name(name).as_dict())


class UnitGroupViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitGroupSerializer

    def get_queryset(self):
        owners = visible_units(self.request.user)
        return UnitGroup.objects.filter(owner__in=owners).prefetch_related(Prefetch("members"))
