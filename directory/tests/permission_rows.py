"""Who may open the forces' pages and call the directory's API operations (see core/matrix.py)."""

from core.tests.matrix import API_READ, SIGNED_IN

PAGES = {
    "directory:force-list": ("get", lambda w: {}, SIGNED_IN),
    "directory:force-detail": ("get", lambda w: {"code": "merseyside"}, SIGNED_IN),
}

OPERATIONS = {
    "directory_api_list_forces": (lambda w: {}, API_READ),
    "directory_api_get_force": (lambda w: {"code": "cheshire"}, API_READ),
}
