"""Requests no part of Scrutiny can store or search: refused once, here, before any view."""

from django.http import HttpResponseBadRequest, JsonResponse

MESSAGE = "A NUL character (\\x00) is not allowed in {where}; remove it and try again."


def refuse_nul_characters(get_response):
    """A NUL in a query string or a form field can be in no text column (PostgreSQL refuses it with an
    error, SQLite stores a string cut short): the request is a 400 that says so, whatever view it was
    for. Uploaded files and JSON bodies are not read here."""

    def middleware(request):
        sources = [("the address", request.GET)]
        # A plain form's fields are read here (Django keeps the body for the view). A multipart upload's
        # stream can be read only once, so its fields are left to the forms, which refuse NULs themselves.
        if request.content_type == "application/x-www-form-urlencoded":
            sources.append(("the form", request.POST))
        for where, values in sources:
            if any("\x00" in key or any("\x00" in value for value in values.getlist(key)) for key in values):
                message = MESSAGE.format(where=where)
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": message}, status=400)
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
