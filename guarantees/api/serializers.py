"""Read-only representations: stable identifiers (codes, slugs, keys), links between resources."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Assessment, Category, Guarantee, Instrument, Jurisdiction, Provision, Source

OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


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
        return {
            language: {name: getattr(obj, f"{name}_{language}") or None for name in self.translated_fields}
            for language in OTHER_LANGUAGES
        }


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
            "checked_on",
        ]

    def get_reference(self, provision) -> str:
        return f"{provision.instrument.short_title} {provision.reference}"


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

    class Meta:
        model = Source
        fields = ["url", "key", "kind", "authors", "year", "title", "title_en", "container", "pages", "note"]
        extra_kwargs = {"url": {"lookup_field": "key"}}


class AssessmentSerializer(serializers.ModelSerializer):
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    commentary = serializers.CharField(source="commentary_en")
    translations = TranslationsField(["commentary"])
    provisions = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "jurisdiction",
            "status",
            "commentary",
            "translations",
            "assessed_on",
            "valid_from",
            "valid_to",
            "provisions",
        ]

    def get_provisions(self, assessment) -> list[dict]:
        return [
            {
                "id": provision.pk,
                "reference": f"{provision.instrument.short_title} {provision.reference}",
                "verification": provision.verification,
            }
            for provision in assessment.provisions.all()
        ]


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
    assessments = AssessmentSerializer(source="current_assessments", many=True, read_only=True)
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
