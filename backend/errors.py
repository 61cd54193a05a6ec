"""Every way a request can be refused, with its wording for people."""
from flask_babel import lazy_gettext as _l

from . import goals

MESSAGES = {
    "invalid_json": _l("The request body is not valid JSON."),
    "not_an_object": _l("The request body must be a JSON object."),
    "unsupported_media_type": _l("Send the answers as JSON (Content-Type: application/json)."),
    "too_large": _l("The request is too large."),
    "unknown_field": _l("Unknown field: %(field)s."),
    "duplicate_field": _l("%(field)s is given more than once."),
    "missing_field": _l("This field is missing: %(field)s."),
    "not_integer": _l("%(field)s must be a whole number."),
    "not_boolean": _l("%(field)s must be true or false."),
    "not_text": _l("%(field)s must be text."),
    "not_list": _l("%(field)s must be a list."),
    "out_of_range": _l("%(field)s must be between %(low)s and %(high)s."),
    "empty_household": _l("A household needs at least one adult, child or infant."),
    "invalid_days": _l("Choose %(choices)s days."),
    "unknown_checklist": _l("There is no checklist with this name."),
    "unknown_item": _l("This checklist has no such item."),
    "duplicate_item": _l("An item is ticked twice."),
    "unknown_region": _l("This safety region does not exist."),
    "unknown_language": _l("This language is not offered."),
    "malformed_id": _l("This is not a valid code for saved answers."),
    "not_found": _l("Nothing was found here. Saved answers may have been forgotten."),
    "method_not_allowed": _l("This address does not accept this kind of request."),
    "bad_request": _l("The request could not be understood."),
    "stale_page": _l("This page is too old to save from. Nothing was saved: load the page again, then save."),
    "invalid_token": _l("This page's code for saving is missing or not valid. Nothing was saved: load the page again, "
                        "then save."),
    "used_token": _l("This code for saving was used already. Nothing was saved: save again."),
    "cross_site": _l("This came from another website. Nothing was saved: save on this website itself."),
    "honeypot": _l("A field that must stay empty was filled in. Nothing was saved."),
    "too_many_requests": _l("Too many changes came from your connection in a short time. Nothing was saved: wait a "
                            "minute, then try again."),
    "unavailable": _l("Answers cannot be saved or opened right now. Nothing was changed: try again in a few minutes."),
}

# Parameters read from the rule's home and worked out when the message is read, in the reader's language.
WORKED_OUT = {"invalid_days": {"choices": goals.spoken}}

# A refused page's heading: short, so it fits a phone; the message below it says what happened.
HEADINGS = {
    429: _l("Too many changes at once"),
    503: _l("Not available right now"),
}
REFUSED = _l("This did not work")

# How a field is named to people; the JSON keeps the technical name in "field".
FIELD_LABELS = {
    "household": _l("Your household"),
    "household.adults": _l("Adults"),
    "household.children": _l("Children"),
    "household.infants": _l("Babies"),
    "household.pets": _l("Pets"),
    "household.care": _l("Daily medicine or care"),
    "days": _l("Number of days"),
    "region": _l("Where you live"),
    "checked": _l("Ticked items"),
    "checklist": _l("Checklist"),
    "lang": _l("Language"),
}

STATUS = {
    "cross_site": 403,
    "invalid_token": 403,
    "stale_page": 403,
    "used_token": 403,
    "unsupported_media_type": 415,
    "too_large": 413,
    "not_found": 404,
    "method_not_allowed": 405,
    "malformed_id": 404,
    "too_many_requests": 429,
    "unavailable": 503,
}


# The officials' figures refuse in words of their own (the dashboard catalog), in the same JSON shape.
DASHBOARD_CODES = ("bad_query", "login_required")


def error_json(code, message, field=None):
    """The one JSON shape of every refusal: a code for programs, the words for people, the field if any."""
    return {"error": {"code": code, "message": message, "field": field}}


class InputError(ValueError):
    """Refused input: a code for programs, a field and the words for people."""

    def __init__(self, code, field=None, **params):
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params

    @property
    def status(self):
        return STATUS.get(self.code, 400)

    @property
    def message(self):
        label = FIELD_LABELS.get(self.field, self.field)
        params = {**{k: v() for k, v in WORKED_OUT.get(self.code, {}).items()}, **self.params}
        return str(MESSAGES[self.code]) % {"field": str(label), **params}

    @property
    def heading(self):
        return str(HEADINGS.get(self.status, REFUSED))

    def as_json(self):
        return error_json(self.code, self.message, self.field)
