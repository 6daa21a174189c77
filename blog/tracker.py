"""The "100 actions signifiantes" tracker: how many are accompanied, at which stage, where, and which stall.

An action counts as accompanied as soon as its initiative is flagged "action signifiante", published or
still a draft (the federation accompanies it before its story is told); aliases are not counted twice.
Its current stage is its latest dated follow-up stage. It is "stalled" when that stage, or, without any
stage, its first publication, is more than six months old; transferred actions (the last stage) have
finished their course and never stall. The département of an action is that of its organising centres'
communes: an action organised by centres of two départements counts in both.

The summary costs three queries, whatever the number of actions.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Department

from .models import FollowUpStage, FollowUpStageName, InitiativeOrganiser, InitiativePage

TARGET = 100
STALE_AFTER_MONTHS = 6
NO_STAGE = "sans-etape"
NO_STAGE_LABEL = _("Sans étape")


def months_before(day, months):
    """The same day `months` months earlier (the month's last day when it has no such day)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last_day))


def significant_actions():
    """Every significant initiative, live or draft, annotated with `current_stage` and `last_stage_date`."""
    last_date = FollowUpStage.objects.filter(page=OuterRef("pk")).order_by("-date").values("date")[:1]
    return (
        InitiativePage.objects.significant()
        .filter(alias_of__isnull=True)
        .with_current_stage()
        .annotate(last_stage_date=Subquery(last_date))
    )


def stage_label(value):
    return FollowUpStageName(value).label if value else NO_STAGE_LABEL


def last_movement(last_stage_date, first_published_at):
    """The date an action last moved: its latest stage, else its first publication, else None."""
    if last_stage_date:
        return last_stage_date
    if first_published_at:
        return timezone.localdate(first_published_at)
    return None


def is_stalled(current_stage, moved_on, today):
    if current_stage == FollowUpStageName.TRANSFERRED or moved_on is None:
        return False
    return moved_on < months_before(today, STALE_AFTER_MONTHS)


@dataclass
class StalledAction:
    pk: int
    title: str
    stage: str
    moved_on: date
    live: bool

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.pk])


@dataclass
class TrackerSummary:
    total: int = 0
    target: int = TARGET
    by_stage: list = field(default_factory=list)  # (value, label, count) in the stages' order, "sans étape" last
    by_department: list = field(default_factory=list)  # (Department, count) for every département
    without_department: int = 0
    stalled: list = field(default_factory=list)  # StalledAction, longest stalled first

    @property
    def percent(self):
        return min(round(100 * self.total / self.target), 100) if self.target else 100

    @property
    def remaining(self):
        return max(self.target - self.total, 0)


def tracker_summary(today=None):
    """The figures of the dashboard panel (three queries)."""
    today = today or timezone.localdate()
    actions = list(
        significant_actions().values("pk", "title", "live", "current_stage", "last_stage_date", "first_published_at")
    )
    organised = (
        InitiativeOrganiser.objects.filter(page__in=significant_actions().values("pk"))
        .values_list("page_id", "centre__commune__department_id")
        .distinct()
    )
    departments_of = {}
    for page_id, department_id in organised:
        departments_of.setdefault(page_id, set()).add(department_id)

    summary = TrackerSummary(total=len(actions))
    stage_counts = dict.fromkeys([*FollowUpStageName.values, NO_STAGE], 0)
    department_counts = {}
    for action in actions:
        stage_counts[action["current_stage"] or NO_STAGE] += 1
        departments = departments_of.get(action["pk"], set())
        if not departments:
            summary.without_department += 1
        for department_id in departments:
            department_counts[department_id] = department_counts.get(department_id, 0) + 1
        moved_on = last_movement(action["last_stage_date"], action["first_published_at"])
        if is_stalled(action["current_stage"], moved_on, today):
            summary.stalled.append(
                StalledAction(
                    action["pk"], action["title"], stage_label(action["current_stage"]), moved_on, action["live"]
                )
            )
    summary.by_stage = [
        (value, stage_label(value if value != NO_STAGE else None), count) for value, count in stage_counts.items()
    ]
    summary.by_department = [
        (department, department_counts.get(department.pk, 0)) for department in Department.objects.order_by("code")
    ]
    summary.stalled.sort(key=lambda action: (action.moved_on, action.title))
    return summary


def filter_by_stage(queryset, value):
    """Significant actions (annotated by significant_actions()) whose current stage is `value` or NO_STAGE."""
    if value == NO_STAGE:
        return queryset.filter(current_stage__isnull=True)
    return queryset.filter(current_stage=value)


def filter_by_department(queryset, department):
    organised_there = InitiativeOrganiser.objects.filter(centre__commune__department=department).values("page_id")
    return queryset.filter(pk__in=organised_there)


def filter_by_theme(queryset, theme):
    return queryset.filter(themes=theme)


def department_codes(action):
    """The codes of the départements of an action's organising centres (organisers prefetched)."""
    codes = {organiser.centre.commune.department.code for organiser in action.organisers.all()}
    return sorted(codes)


STAGE_CHOICES = [*FollowUpStageName.choices, (NO_STAGE, NO_STAGE_LABEL)]
