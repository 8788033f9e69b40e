"""GET /api/search/: the same search as the pages. Anonymous callers get published content; a logged-in
staff member also gets the drafts of the units in their scope (each result says `is_public`)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .selectors import search
from .serializers import SearchParamsSerializer, SearchResultsSerializer


class SearchView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="全文检索",
        description="中文分词全文检索。多个关键词须同时出现；没有这样的结果时返回包含部分关键词的结果并置 relaxed。"
        "支持繁体字输入。",
        parameters=[SearchParamsSerializer, OpenApiParameter("kind", str, many=True, explode=True)],
        responses=SearchResultsSerializer,
    )
    def get(self, request):
        data = {k: v for k, v in request.query_params.items() if k != "kind"}
        if "kind" in request.query_params:
            data["kind"] = request.query_params.getlist("kind")
        params = SearchParamsSerializer(data=data)
        params.is_valid(raise_exception=True)
        p = params.validated_data
        user = request.user if request.user and request.user.is_authenticated else None
        results = search(
            query=p.get("q", ""), user=user, kinds=p.get("kind") or None, unit=p.get("unit"), year=p.get("year"),
            topic=p.get("topic") or None, validity=p.get("validity") or None, order=p["order"], page=p["page"],
            page_size=p["page_size"],
        )
        if not results.facets:
            results.facets = None
        return Response(SearchResultsSerializer(results).data)
