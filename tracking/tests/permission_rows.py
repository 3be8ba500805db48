"""Who may open each of tracking's pages and call its API operations (see core/matrix.py)."""

from datetime import date

from django.core.files.base import ContentFile

from core.tests.matrix import ADMINS_ONLY, DENIED, MISSING, OK, PUBLIC, UNAUTHENTICATED, outcomes
from tracking.models import Action, ActionUpdate, Evidence, ImportBatch

READS = outcomes(partnership=DENIED)  # the office's staff and panel, and a force contributor its force's
ONE_ACTION = outcomes(partnership=DENIED, other_office=MISSING)
STAFF = outcomes(force=DENIED, partnership=DENIED, panel=DENIED)
STAFF_ONE = outcomes(force=DENIED, partnership=DENIED, panel=DENIED, other_office=MISSING)
ADMINS_EVIDENCE = outcomes(
    officer=DENIED, force=DENIED, partnership=DENIED, panel=DENIED, other_office=DENIED
)
PANEL_REPORT = outcomes(force=DENIED, partnership=DENIED, superuser=MISSING)  # one office's report
API_READS = outcomes(anonymous=UNAUTHENTICATED, partnership=DENIED)
API_ONE = outcomes(anonymous=UNAUTHENTICATED, partnership=DENIED, other_office=MISSING)

PAGES = {
    "tracking:action-list": ("get", lambda w: {}, READS),
    "tracking:force-actions": ("get", lambda w: {}, READS),
    "tracking:export": ("get", lambda w: {"kind": "csv"}, READS),
    "tracking:action-detail": ("get", lambda w: {"pk": w["action"].pk}, ONE_ACTION),
    "tracking:bulk-edit": ("post", lambda w: {}, STAFF),
    "tracking:evidence-download": (
        "get",
        lambda w: {"pk": w["evidence"].pk},
        ONE_ACTION | {"panel": MISSING},
    ),
    "tracking:evidence-remove": ("get", lambda w: {"pk": w["evidence"].pk}, ADMINS_EVIDENCE),
    "tracking:panel-report": ("get", lambda w: {}, PANEL_REPORT),
    "tracking:dashboard": ("get", lambda w: {}, READS),
    "tracking:panel-report-download": ("get", lambda w: {"quarter": "2020Q4", "kind": "docx"}, PANEL_REPORT),
    "tracking:import": ("get", lambda w: {}, STAFF | {"superuser": MISSING}),
    "tracking:import-map": ("get", lambda w: {"pk": w["import"].pk}, STAFF_ONE | {"superuser": OK}),
    "tracking:import-summary": ("get", lambda w: {"pk": w["import"].pk}, STAFF_ONE | {"superuser": OK}),
    "tracking:statuses": ("get", lambda w: {}, ADMINS_ONLY | {"superuser": MISSING}),  # no office
    "tracking:publish": ("post", lambda w: {"pk": w["report"].pk}, STAFF | {"superuser": MISSING}),
    "tracking:public-tracker": ("get", lambda w: {"office": w["office"].pk}, PUBLIC),
    "tracking:public-tracker-csv": ("get", lambda w: {"office": w["office"].pk}, PUBLIC),
    "tracking:open-actions": ("get", lambda w: {"pk": w["report"].pk}, STAFF | {"superuser": MISSING}),
}

OPERATIONS = {
    "tracking_api_list_actions": (lambda w: {}, API_READS),
    "tracking_api_export_actions": (lambda w: {}, API_READS),
    "tracking_api_get_action": (lambda w: {"action_id": w["action"].pk}, API_ONE),
    "tracking_api_add_update": (
        lambda w: {"action_id": w["action"].pk},
        # the action is found (another office's is a 404) before the body, and any file, is read
        outcomes(anonymous=UNAUTHENTICATED, partnership=DENIED, panel=DENIED, other_office=MISSING),
    ),
    "tracking_api_change_target": (
        lambda w: {"action_id": w["action"].pk},
        outcomes(anonymous=UNAUTHENTICATED, partnership=DENIED, panel=DENIED, force=DENIED),
    ),
}

ADMIN_SAMPLE = [("admin:tracking_action_change", lambda w: {"object_id": w["action"].pk})]


def world(world: dict) -> None:
    action = Action.objects.get(office=world["office"], finding__label="Recommendation 1")
    world["action"] = action
    item = Evidence.objects.filter(
        update__action=action, update__public=False, removed_at__isnull=True
    ).first()
    if item is None:
        update = ActionUpdate.objects.create(
            action=action,
            author=world["people"]["officer"],
            author_name="Officer",
            effective_on=date(2020, 6, 1),
        )
        item = Evidence(
            update=update, original_name="plan.txt", media_type="text/plain", size=9, sha256="0" * 64
        )
        item.file.save("plan.txt", ContentFile(b"The plan."), save=False)
        item.save()
    world["evidence"] = item
    world["import"] = ImportBatch.objects.get_or_create(
        office=world["office"],
        original_name="tracker.csv",
        defaults={"uploaded_by": world["people"]["officer"], "columns": ["Report"], "rows": [["A report"]]},
    )[0]
