"""Write a centre's opening rows in OpenStreetMap's opening_hours syntax ("Mo-Fr 09:00-12:00; Sa 09:00-12:00")."""

OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def _merge(intervals):
    """Sort (opens, closes) pairs and merge those that overlap or touch."""
    merged = []
    for opens, closes in sorted(intervals):
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def _day_selector(days):
    """Day ranges as OSM writes them: Mo-Fr for three consecutive days or more, Mo,Tu for two."""
    runs = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{OSM_DAYS[run[0]]}-{OSM_DAYS[run[-1]]}")
        else:
            parts.extend(OSM_DAYS[day] for day in run)
    return ",".join(parts)


def to_osm_opening_hours(rows):
    """The OSM opening_hours value of (weekday, opens, closes) rows, weekday 0 = Monday; None when empty.

    Days sharing the same hours are grouped ("Mo-Fr"); days without a row are closed, as OSM reads them.
    """
    by_day = {}
    for weekday, opens, closes in rows:
        if opens is None or closes is None or closes <= opens:
            continue
        by_day.setdefault(int(weekday), []).append((opens, closes))
    if not by_day:
        return None
    schedules = {}
    for day in sorted(by_day):
        hours = ",".join(f"{opens:%H:%M}-{closes:%H:%M}" for opens, closes in _merge(by_day[day]))
        schedules.setdefault(hours, []).append(day)
    rules = sorted(schedules.items(), key=lambda item: item[1][0])
    return "; ".join(f"{_day_selector(days)} {hours}" for hours, days in rules)


def centre_opening_hours(centre):
    """The OSM opening_hours value of a centre, from its (prefetched) opening rows."""
    return to_osm_opening_hours((row.weekday, row.opens, row.closes) for row in centre.opening_hours.all())
