"""CPU time spent by the server side of the benchmark (gunicorn's processes, the PostgreSQL backends of the
benchmark's database, Redis) while a scenario runs, read from /proc (Linux).

Requests per second depend on what else the machine is doing; the CPU time a request costs hardly does.
Dividing the machine's cores by it gives what the site could serve on a quiet machine.
"""

import os
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid):
    """(parent pid, user + system CPU seconds) of a process, or None if it is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (command) "
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def _command_line(pid):
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def available():
    return (PROC / "self" / "stat").exists()


class ServerCpu:
    """The server side's CPU seconds: `parents` and their children, and the backends of `database`.
    The children of `server` (gunicorn's workers) are also told apart, to see how they shared the work."""

    def __init__(self, parents, database, server=None):
        self.parents = {pid for pid in parents if pid}
        self.database = f" {database} "
        self.server = server
        self.workers = set()

    def pids(self):
        found, workers = set(), set()
        for entry in PROC.iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            stat = _stat(pid)
            if stat is None:
                continue
            ours = pid in self.parents or stat[0] in self.parents
            if ours or self.is_backend(_command_line(pid)):
                found.add(pid)
            if stat[0] == self.server:
                workers.add(pid)
        self.workers = workers
        return found

    def is_backend(self, command_line):
        """Whether a process is a PostgreSQL backend connected to the benchmark's database."""
        return command_line.startswith("postgres:") and self.database in command_line

    def snapshot(self):
        """{pid: CPU seconds} of every process of the server side now."""
        times = {}
        for pid in self.pids():
            stat = _stat(pid)
            if stat is not None:
                times[pid] = stat[1]
        return times

    @staticmethod
    def spent(before, after):
        """CPU seconds spent between two snapshots (processes started meanwhile count from zero)."""
        return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())

    def imbalance(self, before, after):
        """How much more CPU time the busiest worker spent than the workers' average between two snapshots
        (1.0: they shared the work evenly; 2.0 with two workers: one did it all), or None with one worker."""
        spent = [after[pid] - before.get(pid, 0.0) for pid in self.workers if pid in after]
        if len(spent) < 2 or not sum(spent):
            return None
        return max(spent) / (sum(spent) / len(spent))
