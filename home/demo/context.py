"""What the demo builder's steps share: the editor, today's date, look-up tables and the tally of changes."""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .content.common import SEED


@dataclass
class DemoContext:
    """State passed from step to step; `created` and `existing` count objects by kind ("pages", "images"…).

    `new_objects` lists what this run created, for the reference index to be brought up to date once at the end.
    """

    user: object
    today: date
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    collection: object = None
    themes: dict = field(default_factory=dict)
    audiences: dict = field(default_factory=dict)
    pictures: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    centres: dict = field(default_factory=dict)
    new_objects: list = field(default_factory=list)

    def rng(self, key):
        """A random generator of its own for each object, so that one object's content never depends on others."""
        return random.Random(f"{SEED}:{key}")  # noqa: S311 - demo content, not security

    def count(self, kind, created):
        (self.created if created else self.existing)[kind] += 1
