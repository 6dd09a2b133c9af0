from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("jurisdictions", views.JurisdictionViewSet, basename="jurisdiction")
router.register("instruments", views.InstrumentViewSet, basename="instrument")
router.register("provisions", views.ProvisionViewSet, basename="provision")
router.register("categories", views.CategoryViewSet, basename="category")
router.register("guarantees", views.GuaranteeViewSet, basename="guarantee")
router.register("sources", views.SourceViewSet, basename="source")
router.register("amendments", views.AmendmentViewSet, basename="amendment")

urlpatterns = [
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    re_path(r"^.*$", views.not_found),
]
