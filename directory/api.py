"""Reference data over the API: forces with their bodies and local authorities."""

from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from directory.models import Force, LocalPolicingBody

router = Router(tags=["forces"])


class BodyOut(Schema):
    name: str
    kind: str
    starts_on: date
    ends_on: date | None


class AuthorityOut(Schema):
    code: str
    name: str
    kind: str


class ForceOut(Schema):
    code: str
    name: str
    area: str
    country: str
    current_body: BodyOut | None

    @staticmethod
    def resolve_current_body(force):
        return force.current_bodies[0] if force.current_bodies else None


class ForceDetailOut(ForceOut):
    bodies: list[BodyOut]
    local_authorities: list[AuthorityOut]

    @staticmethod
    def resolve_bodies(force):
        return force.bodies.order_by("starts_on")

    @staticmethod
    def resolve_local_authorities(force):
        return force.local_authorities.order_by("name")


def visible_forces(user):
    current = Prefetch("bodies", queryset=LocalPolicingBody.objects.current(), to_attr="current_bodies")
    return Force.objects.visible_to(user).prefetch_related(current).order_by("name")


@router.get("/forces", response=list[ForceOut], summary="List forces with their current local policing body")
def list_forces(request):
    return visible_forces(request.user)


@router.get("/forces/{code}", response=ForceDetailOut, summary="One force, its bodies and local authorities")
def get_force(request, code: str):
    return get_object_or_404(visible_forces(request.user), code=code)
