"""The public site's filter forms, read with the shared filter declarations of home.filtering.

The partner API answers 400 to a malformed filter; a reader's form must not. Here each parameter is
parsed on its own: a malformed one is dropped and explained in French next to the form, the others
still apply, and parameters the form does not know (a tracking tag, an old bookmark) are ignored.
The filtering itself stays in the apps' `filter_*` functions, shared with the API and the feeds.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.utils import formats, timezone

from home.filtering import InvalidFilter, Parser, parse_filters

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MONTHS_AHEAD = 12


@dataclass
class FilterForm:
    """A submitted filter form: `values` as typed (to refill the form), `filters` parsed, `errors` by name."""

    values: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)

    @property
    def is_filtered(self):
        return bool(self.values)


def read_filters(query_params, declarations):
    """Read the parameters of `declarations` ({name: parser}) from a query string, one by one."""
    form = FilterForm()
    for name, parser in declarations.items():
        raws = query_params.getlist(name) if hasattr(query_params, "getlist") else [query_params.get(name, "")]
        # A bookmarked URL may repeat a parameter: the last value wins, as in a form.
        raw = (raws[-1] if raws else "").strip()
        if not raw:
            continue
        form.values[name] = raw
        try:
            form.filters.update(parse_filters({name: raw}, {name: parser}))
        except InvalidFilter as error:
            form.errors[name] = error.message
    return form


class Month(Parser):
    """A month "AAAA-MM", read as the date range of the shared `starts_after` / `starts_before` filters."""

    description = "Mois au format AAAA-MM."
    schema = {"type": "string", "pattern": MONTH_RE.pattern}
    example = "2026-09"

    def __call__(self, raw):
        match = MONTH_RE.match(raw)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError("attendu un mois au format AAAA-MM, par exemple 2026-09.")
        year, month = int(match.group(1)), int(match.group(2))
        first = datetime.date(year, month, 1)
        last = first.replace(day=calendar.monthrange(year, month)[1])
        return {"starts_after": first, "starts_before": last}


def month_filters(form):
    """The date filters of a form's `month` value: {"starts_after": …, "starts_before": …} or {}."""
    return dict(form.filters.get("month") or {})


def upcoming_months(count=MONTHS_AHEAD, today=None):
    """The current month and the next ones as ("2026-09", "septembre 2026") pairs, for a month select."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        first = datetime.date(year, month, 1)
        months.append((f"{year:04d}-{month:02d}", f"{formats.date_format(first, 'F')} {year}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
