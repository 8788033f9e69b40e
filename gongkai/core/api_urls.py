import datetime as dt

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .calendar import work_calendar

app_name = "core_api"


@extend_schema(
    parameters=[OpenApiParameter("date", str, required=True), OpenApiParameter("n", int, required=True)],
    responses=inline_serializer("WorkdaysAdd", {
        "date": serializers.DateField(), "provisional": serializers.BooleanField(),
        "provisional_years": serializers.ListField(child=serializers.IntegerField()),
    }),
)
@api_view(["GET"])
def workdays_add(request):
    """Add N working days to a date: ?date=2025-01-20&n=20."""
    try:
        start = dt.date.fromisoformat(request.query_params["date"])
        n = int(request.query_params["n"])
    except (KeyError, ValueError):
        return Response({"detail": "需要参数 date（YYYY-MM-DD）和 n（整数）"}, status=400)
    result = work_calendar().add_working_days(start, n)
    return Response({"date": result.value.isoformat(), "provisional": result.provisional,
                     "provisional_years": list(result.provisional_years)})


urlpatterns = [path("workdays/add/", workdays_add, name="workdays-add")]
