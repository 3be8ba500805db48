"""Downloads: the filtered tracker as Excel or CSV."""

from django.utils import timezone

from tracking import exports
from tracking.access import tracker_reader_required
from tracking.views import listed


@tracker_reader_required
def export(request, kind):
    """The same list, with the same filters, as the tracker page shows the person."""
    _, _, actions = listed(request)
    return exports.download(actions, timezone.localdate(), kind)
