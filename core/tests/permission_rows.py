"""Who may follow a background job's progress (see core/matrix.py): the person who started it."""

from core.tests.matrix import LOGIN, MISSING, OK, ROLES, UNAUTHENTICATED

OWNER_ONLY = dict.fromkeys(ROLES, MISSING) | {"anonymous": LOGIN, "officer": OK, "superuser": OK}

PAGES = {
    "core:job": ("get", lambda w: {"pk": w["job"].pk}, OWNER_ONLY),
}


API_OWNER_ONLY = OWNER_ONLY | {"anonymous": UNAUTHENTICATED}
OPERATIONS = {"core_api_get_job": (lambda w: {"job_id": w["job"].pk}, API_OWNER_ONLY)}


def world(world: dict) -> None:
    from core.models import Job

    world["job"] = Job.objects.create(kind="test", label="Reading a report", owner=world["people"]["officer"])
