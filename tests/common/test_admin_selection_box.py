"""Every changelist's selection box is Django's own markup, written at once
(common.admin.CheckedActionSelectionMixin) rather than drawn through the form widgets'
templates, which cost about a quarter of a 100-row changelist."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.utils import translation

from common.admin import CheckedActionSelectionMixin
from tests.factories import GroupApplicationFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_selection_box_is_djangos_own(language):
    NationalGroupFactory(name_en='PauseAI "Q" & <T>', name_fr="PauseAI « Q » & <T>")
    GroupApplicationFactory()
    shown = [
        (model_admin, model._default_manager.first())
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, CheckedActionSelectionMixin)
    ]
    shown = [(model_admin, row) for model_admin, row in shown if row is not None]
    assert len(shown) == 2

    with translation.override(language):
        for model_admin, row in shown:
            assert model_admin.action_checkbox(row) == ModelAdmin.action_checkbox(model_admin, row)
