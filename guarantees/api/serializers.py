"""Read-only representations: stable identifiers (codes, slugs, keys), links between resources."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..amendments import FIELDS as AMENDMENT_FIELDS
from ..cell_documents import cell_documents
from ..models import Amendment, Category, Guarantee, Instrument, Jurisdiction, Provision, Source
from ..representations import provision_reference, translations


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string", "nullable": True}},
    }
)
class TranslationsField(serializers.Field):
    """{"ru": {...}, "kk": {...}}: the project's translations of the named fields, where they exist."""

    def __init__(self, fields: list[str], **kwargs):
        self.translated_fields = fields
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj) -> dict:
        return translations(obj, self.translated_fields)


class JurisdictionSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:jurisdiction-detail", lookup_field="code")
    name = serializers.CharField(source="name_en")

    class Meta:
        model = Jurisdiction
        fields = ["url", "code", "name", "name_local"]


class InstrumentSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:instrument-detail", lookup_field="slug")
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    replaced_by = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    provisions = serializers.SerializerMethodField()

    class Meta:
        model = Instrument
        fields = [
            "url",
            "slug",
            "jurisdiction",
            "kind",
            "short_title",
            "title_original",
            "title_en",
            "number",
            "date_adopted",
            "in_force_from",
            "in_force_to",
            "status",
            "replaced_by",
            "official_url",
            "language",
            "note",
            "provisions",
        ]

    def get_provisions(self, instrument) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(f"/api/provisions/?instrument={instrument.slug}")


class ProvisionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:provision-detail")
    instrument = serializers.HyperlinkedRelatedField(
        view_name="api:instrument-detail", lookup_field="slug", read_only=True
    )
    reference = serializers.SerializerMethodField()

    class Meta:
        model = Provision
        fields = [
            "url",
            "id",
            "reference",
            "instrument",
            "number",
            "paragraph",
            "heading_original",
            "heading_local",
            "heading_en",
            "text_original",
            "text_kind",
            "text_en",
            "text_en_kind",
            "valid_from",
            "valid_to",
            "verification",
            "where_read",
            "edition",
            "edition_date",
            "checked_on",
        ]

    def get_reference(self, provision) -> str:
        return provision_reference(provision)


class CategorySerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:category-detail", lookup_field="slug")
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="name_en")
    description = serializers.CharField(source="description_en")
    translations = TranslationsField(["name", "description"])
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Category
        fields = ["url", "slug", "kind", "parent", "name", "description", "translations", "order", "sources"]

    def get_sources(self, category) -> list[dict]:
        return [{"source": c.source.key, "pages": c.pages} for c in category.citations.all()]


class SourceSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:source-detail", lookup_field="key")
    known_through = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Source
        fields = [
            "url",
            "key",
            "kind",
            "authors",
            "authors_transliterated",
            "year",
            "title",
            "title_transliterated",
            "title_en",
            "container",
            "pages",
            "reference",
            "known_through",
            "note",
        ]
        extra_kwargs = {"url": {"lookup_field": "key"}}


CELL_SCHEMA = {
    "type": "object",
    "description": "The assessment in force on the date (status `unassessed` when none), with the provisions in force.",
}


class GuaranteeSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:guarantee-detail", lookup_field="slug")
    category = serializers.HyperlinkedRelatedField(view_name="api:category-detail", lookup_field="slug", read_only=True)
    kind = serializers.CharField(source="category.kind", read_only=True, allow_null=True)
    name = serializers.CharField(source="name_en")
    summary = serializers.CharField(source="summary_en")
    description = serializers.CharField(source="description_en")
    translations = TranslationsField(["name", "summary", "description"])
    rights = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    stages = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    principles = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    assessments = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Guarantee
        fields = [
            "url",
            "slug",
            "name",
            "summary",
            "description",
            "translations",
            "kind",
            "category",
            "rights",
            "stages",
            "principles",
            "sources",
            "assessments",
        ]

    def get_sources(self, guarantee) -> list[dict]:
        return [{"source": c.source.key, "pages": c.pages, "purpose": c.purpose} for c in guarantee.citations.all()]

    @extend_schema_field({"type": "array", "items": CELL_SCHEMA})
    def get_assessments(self, guarantee) -> list[dict]:
        """The cells of every guarantee listed with this one, read once as tuples (`cell_documents`)."""
        cells = self.context.get("cells")
        if cells is None:
            listed = self.parent.instance if self.parent is not None else [guarantee]
            cells = self.context["cells"] = cell_documents(self.context["on_date"], [item.pk for item in listed])
        return cells.get(guarantee.pk, [])


class AmendmentSerializer(serializers.ModelSerializer):
    """An amending act, with the published wordings it brought (provision ids) and the published cells whose
    period it opened or closed."""

    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    provisions = serializers.SerializerMethodField()
    cells = serializers.SerializerMethodField()

    class Meta:
        model = Amendment
        fields = ["key", "jurisdiction", *AMENDMENT_FIELDS, "provisions", "cells"]  # the act's own, as loaded

    def get_provisions(self, obj) -> list[int]:
        return [provision.pk for provision in obj.brought]

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_cells(self, obj) -> list[dict]:
        return [
            {
                "guarantee": period.guarantee.slug,
                "jurisdiction": period.jurisdiction.code,
                "valid_from": period.valid_from.isoformat() if period.valid_from else None,
                "valid_to": period.valid_to.isoformat() if period.valid_to else None,
                "status": period.status,
            }
            for period in obj.periods
        ]
