"""Every form people fill in, given generated input (control characters, huge and negative numbers,
impossible dates, long text, lists where one value is expected): it is valid or it names what is
wrong; it never raises, and what it accepts is within the bounds the database holds."""

import os
import re

import pytest
from django import forms
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts import audit
from accounts import forms as account_forms
from reports import forms as report_forms
from reports.testing import make_finding, make_report
from responses import forms as response_forms
from responses.views.outputs import PublishForm

pytestmark = pytest.mark.django_db

NAME = re.compile(r'name="([^"]+)"')
VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),  # control characters
    st.sampled_from(["0", "-1", "31", "13", "29", "2100", "9999", "1899", "1" * 25, "1e9", "NaN", "০১"]),
    st.sampled_from(["true", "false", "on", "", " ", "\x00", "recommendation", "opcc-officer", "1"]),
    st.integers(-(10**20), 10**20).map(str),
    st.text(min_size=600, max_size=12000).filter(lambda text: text.strip()),
)


def factories():
    """(name, make(data) -> form) for each form, with the context its view gives it."""
    report = make_report()
    finding = make_finding(report=report)
    return [
        (
            "AuditFilterForm",
            lambda data: account_forms.AuditFilterForm(data, types=audit.audited_types()),
        ),
        ("TokenForm", lambda data: account_forms.TokenForm(data)),
        ("InviteForm", lambda data: account_forms.InviteForm(data)),
        ("ChangePersonForm", lambda data: account_forms.ChangePersonForm(data)),
        ("CodeForm", lambda data: account_forms.CodeForm(data)),
        ("SetUpCodeForm", lambda data: account_forms.SetUpCodeForm(data, replacing=True)),
        ("ReportForm", lambda data: report_forms.ReportForm(data)),
        ("ReportForm (edit)", lambda data: report_forms.ReportForm(data, instance=report)),
        ("FindingForm", lambda data: report_forms.FindingForm(data)),
        ("FindingEditForm", lambda data: report_forms.FindingEditForm(data, instance=finding, report=report)),
        ("ReportFilterForm", lambda data: report_forms.ReportFilterForm(data, years=[2024, 2025])),
        ("SplitFindingForm", lambda data: report_forms.SplitFindingForm(data, finding=finding)),
        ("NotApplicableForm", lambda data: response_forms.NotApplicableForm(data)),
        ("StatutoryForm", lambda data: response_forms.StatutoryForm(data, default=True)),
        ("InvitationForm", lambda data: response_forms.InvitationForm(data)),
        ("SectionForm", lambda data: response_forms.SectionForm(data)),
        ("FreeSectionForm", lambda data: response_forms.FreeSectionForm(data)),
        ("CommentLinkForm", lambda data: response_forms.CommentLinkForm(data)),
        ("OfficeSettingsForm", lambda data: response_forms.OfficeSettingsForm(data)),
        ("PublishForm", lambda data: PublishForm(data)),
    ]


def check(make, values):
    names = sorted(set(NAME.findall(str(make(None)))) - {"csrfmiddlewaretoken"})
    assert names, "the form renders no inputs"
    data = MultiValueDict({name: values[index % len(values)] for index, name in enumerate(names)})
    form = make(data)
    if form.is_valid():
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if isinstance(field, forms.CharField) and field.max_length and isinstance(value, str):
                assert len(value) <= field.max_length, f"{name} accepted {len(value)} characters"
    else:
        for name, messages in form.errors.items():
            assert messages and all(isinstance(message, str) and message for message in messages), name
    str(form)  # the page that shows the form again, with its errors, renders


@settings(
    max_examples=int(os.environ.get("SCRUTINY_FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize="SCRUTINY_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.lists(st.lists(VALUES, min_size=1, max_size=3), min_size=1, max_size=12))
def test_every_form_takes_any_input_without_error(values):
    for _name, make in FORMS:
        check(make, values)


FORMS = []


@pytest.fixture(autouse=True)
def forms_with_their_context(db):
    FORMS[:] = factories()


@pytest.mark.parametrize("value", ["99999999999999999999", "9223372036854775808", "-3", "1.5", "٣"])
def test_a_choice_that_cannot_be_an_id_is_not_one_of_the_choices(value):
    """Found by the fuzz run above with more examples: a 20-digit id overflowed SQLite's integer."""
    for name in ("ReportForm", "FindingEditForm", "InviteForm"):
        make = dict(FORMS)[name]
        data = MultiValueDict(
            {
                "report_type": [value],
                "linked_reports": [value],
                "inspectorates": [value],
                "forces": [value],
                "parent": [value],
                "force": [value],
                "partnership": [value],
            }
        )
        form = make(data)
        assert not form.is_valid()
        assert any("valid choice" in message for messages in form.errors.values() for message in messages), (
            name
        )
