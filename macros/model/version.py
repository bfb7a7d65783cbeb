"""The edition a reader holds: a date-based version (« 2026.11.27 ») of each publication.

One number for the footer, the data package, the PDF covers and the offline zip's name, so
that a reader can say which edition they read. It is the day of the last commit, given by
SOURCE_DATE_EPOCH (the Makefile sets it from git, as reproducible builds do), else read from
git, else today: two builds of one commit carry the same version.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros import french


@dataclass(frozen=True)
class Version:
    moment: datetime.datetime  # UTC

    @property
    def numero(self) -> str:
        """« 2026.11.27 »: sorts as text, reads as a date."""
        return self.moment.strftime("%Y.%m.%d")

    @property
    def jour(self) -> str:
        """ISO date, « 2026-11-27 »."""
        return self.moment.date().isoformat()

    @property
    def jour_fr(self) -> str:
        """« 27 novembre 2026 »."""
        return french.date(self.jour)

    @property
    def horodatage(self) -> str:
        """RFC 3339 time (Atom's « updated », the data package's « created »)."""
        return self.moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def as_extra(self) -> dict:
        """What the templates read (config.extra.edition)."""
        return {"numero": self.numero, "jour": self.jour, "jour_fr": self.jour_fr}


def _epoch(project_dir: Path) -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project_dir, capture_output=True, text=True, timeout=10)
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return int(result.stdout.strip())
    except (OSError, subprocess.TimeoutExpired):
        pass
    return int(datetime.datetime.now(datetime.timezone.utc).timestamp())


def current_edition(project_dir: Path) -> Version:
    """The edition of the project's current state."""
    return Version(datetime.datetime.fromtimestamp(_epoch(project_dir), datetime.timezone.utc))
