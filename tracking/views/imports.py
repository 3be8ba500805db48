"""Importing an existing tracker: upload, confirm the columns (guessed from the headings, or as the office
last confirmed them) with a preview and every row checked, import in the worker, then what it did."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render

from accounts import access
from core.forms import refusal
from documents import DocumentError
from tracking import imports
from tracking.models import ImportBatch
from tracking.tasks import import_later
from tracking.views.office import own_office


class UploadForm(forms.Form):
    file = forms.FileField(
        label="The tracker",
        help_text="An Excel workbook (.xlsx; its first sheet) or a CSV file, with a heading row.",
    )


class MappingForm(forms.Form):
    """A select for each of the tracker's fields, offering the file's columns; only they are accepted."""

    def __init__(self, *args, columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in the file"), *((column, column) for column in columns)]
        for key, label, needed in imports.FIELDS:
            self.fields[key] = forms.ChoiceField(
                choices=choices,
                required=needed,
                label=label,
                error_messages={"required": f"Choose the column for: {label.split(' (')[0].lower()}"},
            )

    def clean(self):
        data = super().clean()
        chosen = [column for column in data.values() if column]
        for key, column in list(data.items()):
            if column and chosen.count(column) > 1:
                self.add_error(key, f"{column} is chosen for more than one field; choose it once")
        return data


@access.office_staff_required
def upload(request):
    office = own_office(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.stage(upload=form.cleaned_data["file"], office=office, user=request.user)
            return redirect(batch)
        except DocumentError as error:
            refused = refusal(str(error))
    return render(request, "tracking/import_upload.html", {"form": refused or form, "upload": form})


@access.office_staff_required
def mapping(request, pk):
    batch = get_object_or_404(
        ImportBatch.objects.visible_to(request.user), pk=pk, state=ImportBatch.State.MAPPING
    )
    form = MappingForm(request.POST or None, columns=batch.columns, initial=batch.mapping)
    if request.method == "POST" and form.is_valid():
        batch.mapping = {key: column for key, column in form.cleaned_data.items() if column}
        batch.save(update_fields=["mapping"])
        if request.POST.get("do") == "import":
            checked = imports.check(batch, request.user)
            if not checked.errors:
                imports.remember(batch=batch, user=request.user)
                job = import_later(batch=batch, user=request.user)
                return redirect("core:job", pk=job.pk)
        return redirect(batch)
    checked = imports.check(batch, request.user)
    mapping = batch.mapping
    index = {column: n for n, column in enumerate(batch.columns)}
    preview = [
        [row[index[mapping[key]]] if mapping.get(key) in index else "" for key, _, _ in imports.FIELDS]
        for row in batch.rows[:10]
    ]
    return render(
        request,
        "tracking/import_map.html",
        {
            "batch": batch,
            "mapping_form": form,
            "form": form,
            "remembered": imports.remembered(batch.office, batch.columns),
            "fields": [label for _, label, _ in imports.FIELDS],
            "preview": preview,
            "checked": checked,
            "errors": checked.errors[:200],
        },
    )


@access.office_staff_required
def summary(request, pk):
    """What the import did (rows added, updated and unchanged), or every problem that stopped it."""
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)
    if batch.state == ImportBatch.State.MAPPING and not batch.problem_count:
        return redirect(batch)
    return render(request, "tracking/import_summary.html", {"batch": batch})
