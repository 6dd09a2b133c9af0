from django.urls import path

from . import feeds, views

app_name = "guarantees"

urlpatterns = [
    path("", views.home, name="home"),
    path("taxonomy/", views.taxonomy, name="taxonomy"),
    path("guarantees/", views.GuaranteeListView.as_view(), name="guarantee-list"),
    path("guarantees/<slug:slug>/", views.guarantee_detail, name="guarantee"),
    path("guarantees/<slug:slug>/cite.<str:fmt>", views.cite_guarantee, name="cite-guarantee"),
    path("guarantees/<slug:slug>/<str:code>/cite.<str:fmt>", views.cite_cell, name="cite-cell"),
    path("instruments/<slug:slug>/articles/<int:pk>/cite.<str:fmt>", views.cite_provision, name="cite-provision"),
    path("guarantees/<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("guarantees/<slug:slug>/<str:code>/", views.cell_detail, name="cell"),
    path("jurisdictions/<str:code>/", views.jurisdiction_detail, name="jurisdiction"),
    path("jurisdictions/<str:code>/changes/", views.jurisdiction_changes, name="jurisdiction-changes"),
    path("feeds/amendments/<str:code>/", feeds.AmendmentFeed(), name="feed-amendments"),
    path("feeds/amendments/guarantee/<slug:slug>/", feeds.AmendmentFeed(), name="feed-guarantee-amendments"),
    path("feeds/changes/<str:code>/", feeds.CellChangeFeed(), name="feed-cells"),
    path("feeds/changes/guarantee/<slug:slug>/", feeds.CellChangeFeed(), name="feed-guarantee-cells"),
    path("instruments/<slug:slug>/", views.instrument_detail, name="instrument"),
    path("instruments/<slug:slug>/articles/<str:number>/", views.article_history, name="article"),
    path("compare/", views.compare, name="compare"),
    path("compare/changes/", views.compare_changes, name="compare-changes"),
    path("compare/<slug:slug>/", views.compare_texts, name="compare-texts"),
    path("sources/", views.sources, name="sources"),
    path("methodology/", views.methodology, name="methodology"),
    path("about/", views.about, name="about"),
    path("downloads/", views.downloads, name="downloads"),
    path("downloads/electoral-guarantees.json", views.download_json, name="download-json"),
    path("downloads/electoral-guarantees-csv.zip", views.download_csv_zip, name="download-csv"),
    path("search/", views.search, name="search"),
]
