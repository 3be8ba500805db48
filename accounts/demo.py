"""The demo's people: who signs in to explore the scenario."""

from accounts.models import Role, User

DEMO_USERNAME = "demo-officer"
DEMO_PASSWORD = "scrutiny-demo-2020"  # demo data only; printed by `scrutiny demo`


def load(demo: dict) -> None:
    demo["officer"] = demo_officer(demo["office"])


def demo_officer(office) -> User:
    """The person the demo signs in as: an officer of the Cheshire office (administrators and custody
    users must also use two-factor sign-in, which a demo cannot set up for them)."""
    officer = User.objects.filter(username=DEMO_USERNAME).first()
    if officer is None:
        officer = User.objects.create_user(
            username=DEMO_USERNAME,
            password=DEMO_PASSWORD,
            email="demo-officer@example.org",
            first_name="Demo",
            last_name="Officer",
            office=office,
            role=Role.OPCC_OFFICER,
        )
    return officer
