"""When each line of the project last changed, from git: the « Mis à jour le … » of a page.

A few git commands per build, never one per page (the build stays linear):
- one `git log --name-only` over the whole project: the last commit of every file, for the
  files a page uses whole (its Markdown, a monograph's prose, a whole data file);
- one `git blame --porcelain` per data file whose lines are asked for (a record's lines):
  the commit of every line, then the latest over a record's range.
- one `git status`: files with changes not committed yet.

Fallback, said here and in `History.source`: with no git (a tarball, a copy of the project),
or for a file or line not committed yet, the time is SOURCE_DATE_EPOCH when it is set
(`make build` sets it to the last commit's time), or else the file's modification time.
Builds of one commit under one SOURCE_DATE_EPOCH therefore give the same dates.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import cast

from macros.pages.provenance import Span

_UNCOMMITTED = "0" * 40
# A line's header in `git blame --porcelain`: commit, original line, final line.
_BLAME_HEADER = re.compile(r"([0-9a-f]{40}) \d+ \d+")


def _git(project_dir: Path, *arguments: str) -> str | None:
    """A git command's output, or None when git or the repository is not there."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", *arguments],
            cwd=project_dir,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


class History:
    """Last-change times (Unix seconds) of files and line ranges of a project."""

    def __init__(self, project_dir: Path, folders: tuple[str, ...] = (".",)):
        self.project_dir = Path(project_dir).resolve()
        # Only the history of these folders is read (the pages are made from them).
        self.folders = folders
        self._file_times: dict[str, int] | None = None
        self._line_times: dict[str, list[int | None]] = {}
        self._dirty: set[str] = set()
        top = _git(self.project_dir, "rev-parse", "--show-toplevel")
        self.top = Path(top.strip()).resolve() if top else None
        self.source = "git" if self.top else "SOURCE_DATE_EPOCH ou date du fichier (pas de dépôt git)"

    # --- Public API -------------------------------------------------------------------

    def span_time(self, span: Span) -> int:
        """The last change over a span: the whole file's, or the latest of its lines."""
        if span.record is None:
            return self.file_time(span.file)
        times = self._lines_of(span.file)
        chosen = times[span.first_line - 1 : span.last_line]
        if not chosen or any(time is None for time in chosen):
            return self._fallback(span.file)
        return max(cast(list[int], chosen))  # none is None: checked just above

    def file_time(self, path: str) -> int:
        """The last commit touching a file (the fallback when not committed, or changed since)."""
        times = self._files()
        key = self._key(path)
        if key is None or key not in times or key in self._dirty:
            return self._fallback(path)
        return times[key]

    def latest(self, spans: list[Span]) -> int:
        return max(self.span_time(span) for span in spans)

    # --- git, once per build or per data file ------------------------------------------------

    def _key(self, path: str) -> str | None:
        """A project path as git names it (relative to the repository's top)."""
        if self.top is None:
            return None
        try:
            return (self.project_dir / path).resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None

    def _files(self) -> dict[str, int]:
        if self._file_times is None:
            self._file_times = {}
            if self.top is not None:
                log = _git(self.project_dir, "log", "--format=%x01%ct", "--name-only", "--no-renames", "--", *self.folders) or ""
                time = 0
                for line in log.splitlines():
                    if line.startswith("\x01"):
                        time = int(line[1:])
                    elif line:
                        # Newest commits come first: the first time a file is seen is its last change.
                        self._file_times.setdefault(line, time)
                status = _git(self.top, "status", "--porcelain=v1", "-z", "--untracked-files=all") or ""
                entries = status.split("\0")
                for entry in entries:
                    if len(entry) > 3:
                        self._dirty.add(entry[3:])
        return self._file_times

    def _lines_of(self, path: str) -> list[int | None]:
        """The commit time of every line of a file (None: not committed)."""
        if path not in self._line_times:
            self._files()
            key = self._key(path)
            # A key means a repository (see _key). -M: a line moved within its file (make trier
            # puts entries in id order) keeps the date it was written, not the move's.
            blame = _git(self.top, "blame", "-M", "--porcelain", "--", key) if key and self.top is not None else None
            times: list[int | None] = []
            if blame:
                commit_times: dict[str, int] = {}
                commit = ""  # each record starts with its header line, which sets it
                for line in blame.splitlines():
                    if line.startswith("\t"):
                        # The line's content ends its record: one line of the file.
                        times.append(None if commit == _UNCOMMITTED else commit_times.get(commit))
                    elif line.startswith("committer-time "):
                        commit_times[commit] = int(line[15:])
                    else:
                        header = _BLAME_HEADER.match(line)
                        if header:
                            commit = header.group(1)
            self._line_times[path] = times
        return self._line_times[path]

    def _fallback(self, path: str) -> int:
        """Not from git: SOURCE_DATE_EPOCH, or else the file's modification time."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            return int(epoch)
        try:
            return int((self.project_dir / path).stat().st_mtime)
        except OSError:
            return 0
