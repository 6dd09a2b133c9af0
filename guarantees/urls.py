from django.urls import path

from . import views

app_name = "guarantees"

urlpatterns = [
    path("", views.home, name="home"),
]
