"""The read-only JSON API: published content only, the pages' own FilterSet, strict query strings."""

from django.db.models import Prefetch
from django.http import JsonResponse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from ..cell_documents import row_documents
from ..changes import ChangeRequestError, change_document, changed_cells, changes_head, parse_change_request
from ..choices import InstrumentKind, InstrumentStatus, PublicationStatus, Verification
from ..compare import CompareError, matrix_rows, parse_compare_request
from ..filters import GuaranteeFilterSet
from ..models import (
    Amendment,
    Assessment,
    Category,
    CategoryCitation,
    Guarantee,
    GuaranteeCitation,
    Instrument,
    Jurisdiction,
    Provision,
    Source,
)
from ..representations import jurisdiction_summary
from . import serializers


class Pagination(PageNumberPagination):
    """At most 100 rows a page: at 30 jurisdictions that is 3,000 cells, within a worker's 150 MB."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


class StrictQueryString:
    """A parameter the endpoint does not know is an error (400), not silently ignored."""

    extra_params: set[str] = set()

    def known_params(self) -> set[str]:
        known = {"page", "page_size", "format", *self.extra_params}
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
        return known

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.known_params())
        if unknown:
            raise ValidationError({"unknown_parameters": unknown, "allowed": sorted(self.known_params())})


class ReadOnly(StrictQueryString, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    filter_backends = [filters.DjangoFilterBackend]


class JurisdictionViewSet(ReadOnly):
    queryset = Jurisdiction.objects.order_by("order", "code")
    serializer_class = serializers.JurisdictionSerializer
    lookup_field = "code"


class InstrumentFilterSet(filters.FilterSet):
    jurisdiction = filters.ModelChoiceFilter(queryset=Jurisdiction.objects.all(), to_field_name="code")
    kind = filters.ChoiceFilter(choices=InstrumentKind.choices)
    status = filters.ChoiceFilter(choices=InstrumentStatus.choices)

    class Meta:
        model = Instrument
        fields = ["jurisdiction", "kind", "status"]


class InstrumentViewSet(ReadOnly):
    queryset = Instrument.objects.select_related("jurisdiction", "replaced_by").order_by("jurisdiction__order", "slug")
    serializer_class = serializers.InstrumentSerializer
    filterset_class = InstrumentFilterSet
    lookup_field = "slug"


class ProvisionFilterSet(filters.FilterSet):
    instrument = filters.ModelChoiceFilter(queryset=Instrument.objects.all(), to_field_name="slug")
    jurisdiction = filters.ModelChoiceFilter(
        field_name="instrument__jurisdiction", queryset=Jurisdiction.objects.all(), to_field_name="code"
    )
    verification = filters.ChoiceFilter(choices=Verification.choices)
    number = filters.CharFilter(max_length=30)

    class Meta:
        model = Provision
        fields = ["instrument", "jurisdiction", "verification", "number"]


class ProvisionViewSet(ReadOnly):
    queryset = Provision.objects.published().select_related("instrument")
    serializer_class = serializers.ProvisionSerializer
    filterset_class = ProvisionFilterSet


class CategoryViewSet(ReadOnly):
    queryset = (
        Category.objects.select_related("parent")
        .prefetch_related(Prefetch("citations", CategoryCitation.objects.select_related("source")))
        .order_by("kind", "order", "slug")
    )
    serializer_class = serializers.CategorySerializer
    lookup_field = "slug"


class SourceViewSet(ReadOnly):
    queryset = Source.objects.select_related("known_through").order_by("key")
    serializer_class = serializers.SourceSerializer
    lookup_field = "key"


class GuaranteeViewSet(ReadOnly):
    """`as_of` is a filter of the FilterSet: the status filters and the cells shown read the same date."""

    serializer_class = serializers.GuaranteeSerializer
    filterset_class = GuaranteeFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Guarantee.objects.published()
            .select_related("category")
            .prefetch_related(
                "rights",
                "stages",
                "principles",
                Prefetch("citations", GuaranteeCitation.objects.select_related("source")),
            )
            .order_by("slug")
        )

    def get_serializer_context(self):
        """The filter's date, on which the serializer reads the cells of the guarantees it lists."""
        on_date = GuaranteeFilterSet(self.request.query_params, queryset=Guarantee.objects.none()).on_date
        return {**super().get_serializer_context(), "on_date": on_date}


class CompareView(StrictQueryString, APIView):
    """The comparison matrix: the same parameters and rows as /compare/ and its CSV and JSON exports."""

    extra_params = {"j", "as_of", "diff", *GuaranteeFilterSet.base_filters}

    @extend_schema(
        parameters=[
            OpenApiParameter("j", OpenApiTypes.STR, many=True, description="Jurisdiction codes, in column order."),
            OpenApiParameter("as_of", OpenApiTypes.DATE),
            OpenApiParameter("diff", OpenApiTypes.STR, enum=["0", "1"], description="1: only rows that differ."),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        params = request.query_params.copy()
        params.pop("format", None)
        try:
            compare = parse_compare_request(params, Guarantee.objects.published())
        except CompareError as error:
            raise ValidationError({"errors": error.problems}) from None
        paginator = Pagination()
        page = paginator.paginate_queryset(matrix_rows(compare).select_related("category"), request, view=self)
        rows = row_documents(page, compare.jurisdictions, compare.as_of)
        response = paginator.get_paginated_response(rows)
        response.data = {
            "as_of": compare.as_of.isoformat(),
            "jurisdictions": [jurisdiction_summary(j) for j in compare.jurisdictions],
            "differences_only": compare.differences_only,
            **response.data,
        }
        return Response(response.data)


class AmendmentFilterSet(filters.FilterSet):
    jurisdiction = filters.ModelChoiceFilter(queryset=Jurisdiction.objects.all(), to_field_name="code")
    in_force_after = filters.DateFilter(field_name="in_force_on", lookup_expr="gt")
    in_force_until = filters.DateFilter(field_name="in_force_on", lookup_expr="lte")

    class Meta:
        model = Amendment
        fields = ["jurisdiction"]


class AmendmentViewSet(ReadOnly):
    """The amending acts from the statute registers, oldest first; each with what the registers say it brought."""

    serializer_class = serializers.AmendmentSerializer
    filterset_class = AmendmentFilterSet
    lookup_field = "key"

    def get_queryset(self):
        periods = (
            Assessment.objects.published()
            .filter(guarantee__publication_status=PublicationStatus.PUBLISHED)
            .select_related("guarantee", "jurisdiction")
            .order_by("guarantee__slug", "valid_from")
        )
        return (
            Amendment.objects.select_related("jurisdiction")
            .prefetch_related(
                Prefetch("provisions", Provision.objects.published().order_by("pk"), to_attr="brought"),
                Prefetch("assessments", periods, to_attr="periods"),
            )
            .order_by("jurisdiction__order", "jurisdiction__code", "in_force_on", "key")
        )


class ChangesView(StrictQueryString, APIView):
    """The cells whose status or cited wording changed between `since` and `as_of`: the change view's list."""

    extra_params = {"j", "since", "as_of"}

    @extend_schema(
        parameters=[
            OpenApiParameter("since", OpenApiTypes.DATE, description="The earlier day (default: a year before as_of)."),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="The later day (default: today)."),
            OpenApiParameter("j", OpenApiTypes.STR, many=True, description="Jurisdiction codes (default: all)."),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        params = request.query_params.copy()
        params.pop("format", None)
        try:
            window = parse_change_request(params)
        except ChangeRequestError as error:
            raise ValidationError({"errors": error.problems}) from None
        document = changes_head(window, request.build_absolute_uri())
        changes = changed_cells(window.since, window.as_of, window.jurisdictions)
        document["changes"] = [change_document(change) for change in changes]
        return Response(document)


def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "No API endpoint at this address; see /api/ for the list."}, status=404)
