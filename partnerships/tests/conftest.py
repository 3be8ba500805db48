import pytest


@pytest.fixture
def scenario(db):
    """The demo scenario up to and with the partnerships' step (the Cheshire office, its officer, the
    report, the four referrals and the Cheshire coverage), without the apps beside this one."""
    from accounts import demo as accounts_demo
    from directory import demo as directory_demo
    from partnerships import demo as partnerships_demo
    from reports import demo as reports_demo

    demo: dict = {}
    for step in (directory_demo.load, accounts_demo.load, reports_demo.load, partnerships_demo.load):
        step(demo)
    return demo
