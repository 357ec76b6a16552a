"""Clocks and memory probes: wall time, CPU time of a process and its waited-for children
(tesseract runs as a child), and the peak RSS of a process tree."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass


@dataclass
class Span:
    wall: float = 0.0
    cpu: float = 0.0  # user + system, this process and its finished children


class Clock:
    """`with Clock() as c: ...` then c.span.wall / c.span.cpu."""

    def __enter__(self) -> "Clock":
        self._wall, self._cpu = time.perf_counter(), _cpu()
        self.span = Span()
        return self

    def __exit__(self, *exc) -> None:
        self.span = Span(time.perf_counter() - self._wall, _cpu() - self._cpu)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (shared pages counted in each,
    so this over-states a forked pool a little: an upper bound)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root] + root.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def run_sampling_rss(cmd: list[str], *, cwd=None, env=None, every: float = 0.1) -> tuple[int, float, int]:
    """Run `cmd`; return (exit code, wall seconds, peak tree RSS in bytes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            stop.wait(every)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    stop.set()
    thread.join()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return proc.returncode, time.perf_counter() - start, peak[0]


def have_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True
