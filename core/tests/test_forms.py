from django import forms

from core.forms import date_field


class Dated(forms.Form):
    on = date_field("Date received")


def test_the_date_boxes_have_the_ids_the_error_summary_links_to():
    form = Dated({"on_day": "31", "on_month": "2", "on_year": "2020"})
    assert not form.is_valid()
    html = str(form)
    for part in ("day", "month", "year"):
        assert f'id="id_on_{part}"' in html and f'for="id_on_{part}"' in html and f'name="on_{part}"' in html
    assert form.errors["on"] == ["Date received must be a real date"]


def test_a_width_the_widget_declares_is_kept():
    class Code(forms.Form):
        code = forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))

    assert 'class="govuk-input govuk-input--width-10"' in str(Code())


def test_a_date_outside_the_years_reports_are_written_in_is_refused():
    for day, month, year in [("31", "12", "9999"), ("1", "1", "1899"), ("3", "4", "3026"), ("1", "1", "0")]:
        form = Dated({"on_day": day, "on_month": month, "on_year": year})
        assert not form.is_valid()
        assert form.errors["on"] == ["Date received must be in a year from 1900 to 2100"], (day, month, year)
    for day, month, year in [("00000000000000000001", "1", "2020"), ("30", "2", "3026"), ("1", "13", "2020")]:
        form = Dated({"on_day": day, "on_month": month, "on_year": year})
        assert not form.is_valid() and form.errors["on"] == ["Date received must be a real date"]
    assert Dated({"on_day": "29", "on_month": "2", "on_year": "2024"}).is_valid()
