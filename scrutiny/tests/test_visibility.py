"""Visibility fails closed: every model the project owns says who sees its rows, and one that does not
shows nothing to anyone but a deployment administrator."""

import pytest
from django.apps import apps
from django.conf import settings

from accounts.testing import make_people
from core.models import VisibleQuerySet
from directory.models import Force

pytestmark = pytest.mark.django_db

OWN_APPS = {app for app in settings.INSTALLED_APPS if "." not in app and (settings.BASE_DIR / app).is_dir()}


def own_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OWN_APPS and not model._meta.auto_created
    ]


def test_the_walk_finds_every_app_the_project_owns():
    labels = {model._meta.app_label for model in own_models()}
    assert {"accounts", "directory", "reports", "responses"} <= labels


@pytest.mark.parametrize("model", own_models(), ids=lambda model: model._meta.label)
def test_every_model_has_a_rule_of_its_own(model):
    queryset = model._default_manager.get_queryset()
    assert isinstance(queryset, VisibleQuerySet), (
        f"{model._meta.label}: build its manager on core.models (VisibleQuerySet and its kinds)"
    )
    assert type(queryset).visible_to is not VisibleQuerySet.visible_to, (
        f"{model._meta.label} has no visibility rule: give its queryset a visible_to, or use "
        "ReferenceQuerySet, PrivateQuerySet or visible_through()"
    )


def test_a_model_without_a_rule_shows_nothing_but_to_a_deployment_administrator():
    people = make_people()
    no_rule = VisibleQuerySet(model=Force)  # what a model that forgot its rule would get
    assert no_rule.visible_to(people["officer"]).count() == 0
    assert no_rule.visible_to(people["admin"]).count() == 0
    assert no_rule.visible_to(None).count() == 0
    assert no_rule.visible_to(people["superuser"]).count() == 43


def test_a_child_is_seen_through_its_parent():
    from responses.models import ResponseSection
    from responses.services import prepare_response
    from responses.testing import make_obligation

    people = make_people()
    obligation = make_obligation()
    prepare_response(obligation=obligation)
    assert ResponseSection.objects.visible_to(people["officer"]).count() == obligation.sections.count()
    assert ResponseSection.objects.visible_to(people["other-office"]).count() == 0
    assert ResponseSection.objects.visible_to(people["force"]).count() == 0
