"""Fixtures shared by every app's tests."""

import pytest
from django.test import override_settings
from pytest_django.plugin import blocking_manager_key

from accounts.testing import make_user
from directory.services import load_reference_data


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashes():
    """Argon2 is slow on purpose; tests sign in hundreds of people, so they hash with MD5. The one test
    of the production hasher sets Argon2 back."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def tasks_run_at_once():
    """Background tasks run inside the request that starts them, so tests see their outcome at once;
    the tests of the worker itself switch the database backend back on."""
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):  # django_tasks resets its backends when TASKS changes
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data once per test database: every test sees the real 43 forces."""
    with django_db_blocker.unblock():
        load_reference_data()


# A test reaches the database through pytest-django's marker or one of these fixtures; any other access
# is refused ("Database access not allowed"), and the tests that start commands in a subprocess run them
# on a SQLite data folder of their own. So a test without them gives the same answer on every database.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Run only the tests whose outcome can depend on the database: `make test`'s second pass.",
    )


def depends_on_the_database(item) -> bool:
    """Whether the test reaches the database and checks what the database decides. The browser tests
    reach it but check what the browser makes of the pages (scripts, focus, accessibility, layout): the
    same HTML whichever database served it, and every page they open is requested on each database by the
    permission matrix and the page tests."""
    reaches = item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )
    return reaches and item.get_closest_marker("browser") is None


# The modules that take longest, longest first (from `--durations`): pytest-xdist hands modules to its
# workers in collection order, so these go first and the short ones fill in at the end, instead of one
# long module starting last while the other worker sits idle. Order only: what runs is unchanged.
LONGEST_FIRST = (
    "tests/test_browser.py",
    "scrutiny/tests/test_officers_day.py",
    "custody/tests/test_differencing.py",
    "scrutiny/tests/test_api_schemathesis.py",
    "scrutiny/tests/test_permission_matrix.py",
    "scrutiny/tests/test_history_intake.py",
    "scrutiny/tests/test_cli.py",
    "reports/tests/test_document_kind.py",
    "tests/test_browser_demo.py",
    "reports/tests/test_extraction_quality.py",
)


def pytest_collection_modifyitems(config, items):
    if config.getoption("database_tests_only"):
        kept = {item: depends_on_the_database(item) for item in items}
        config.hook.pytest_deselected(items=[item for item, keep in kept.items() if not keep])
        items[:] = [item for item, keep in kept.items() if keep]
    rank = {path: n for n, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: else as collected


def transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    uses = set(getattr(item, "fixturenames", ()))
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        uses & {"transactional_db", "live_server"}
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (the browser tests) ends by emptying every table, reference data included;
    put the reference data back once its teardown is over, so the next test on this worker has it."""
    yield
    if transactional(item) and nextitem is not None:  # after the last, the test database is gone
        with item.config.stash[blocking_manager_key].unblock():
            load_reference_data()


@pytest.fixture
def user(db):
    return make_user()


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def a_fresh_cache():
    """Each test starts with an empty cache: no rate-limit count or cached document from another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path):
    """Files that tests store go to a folder of their own, never the real data directory."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


def pytest_terminal_summary(terminalreporter):
    """Figures a test records with record_property("figure", text) are printed at the end of the run
    (from every xdist worker): how many writes schemathesis made per role, for instance."""
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == "figure" and getattr(report, "when", "") == "call"
    ]
    if lines:
        terminalreporter.section("figures")
        for line in sorted(lines):
            terminalreporter.write_line(line)
