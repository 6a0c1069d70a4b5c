"""Run risky parsers (pypdf, python-docx, BeautifulSoup) in a worker process that can be killed.

A parser bug must cost one file, never the bot. pypdf raises exception types
outside its own hierarchy and has had infinite-loop advisories; python-docx
inflates whatever a zip declares; deeply nested HTML costs seconds and hundreds
of MB. A thread cannot be stopped, so each parse runs in a child process with an
address-space cap (RLIMIT_AS), a CPU-time cap and a wall-clock timeout, which
starts when the worker has received the task; a child that overruns is killed.

One worker serves a whole walk of the folder (a `ParserSession`), so a folder of
many PDFs pays for one interpreter start, not one per file. A worker that timed
out, crashed or ran out of memory is discarded and the next file gets a fresh
one; a worker is also replaced after `tasks_per_worker` files, so that memory
it has fragmented never counts against a later file. Workers are started with
"spawn": the bot runs threads and an event loop, and fork is unsafe there.

The child receives only bytes (the parent has already opened the file safely)
and sends back plain values, or a reason to skip the file.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import signal
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

from bot.reading import SkipFile

log = logging.getLogger(__name__)

T = TypeVar("T")

_RECEIVE_GRACE = 30.0  # seconds for a worker to take a task (data transfer, imports)


@dataclass(frozen=True, slots=True)
class Limits:
    """How long and how much memory one file's parse may take."""

    timeout: float = 15.0  # seconds of wall-clock time per file
    memory: int = 1 << 30  # bytes of address space beyond the worker's start-up footprint
    tasks_per_worker: int = 200  # files before a worker is replaced by a fresh one


class _Worker:
    """One child process that parses files it is sent, one at a time."""

    def __init__(self, limits: Limits) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(
            target=_serve,
            args=(child_end, limits.memory),
            name="rapporteur-parser",
            daemon=True,  # never outlives the bot
        )
        try:
            self.process.start()
        finally:
            child_end.close()
        self.tasks = 0

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self, *, kill: bool = False) -> None:
        """Ask the worker to exit (or kill it), and reap it."""
        if not kill:
            try:
                self.connection.send(None)
            except (OSError, ValueError):
                kill = True
            else:
                self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()

    def how_it_ended(self) -> str:
        code = self.process.exitcode
        if code is None:
            return "no exit status"
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"


class ParserSession:
    """Runs parser functions in a reusable worker process; close it when done."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._worker: _Worker | None = None

    def run(self, func: Callable[[bytes], T], data: bytes) -> T:
        """`func(data)` in the worker; a timeout, crash or parser error raises SkipFile.

        `func` must be a module-level function (it is sent by name).
        """
        worker = self._ready_worker()
        worker.tasks += 1
        timeout = self.limits.timeout
        try:
            worker.connection.send((func, data, timeout))
            # The clock starts when the worker has the task: receiving it may import the
            # function's module, which is not the file's fault.
            reply = self._receive(worker, max(timeout, _RECEIVE_GRACE))
            if reply is not None and reply[0] == "started":
                reply = self._receive(worker, timeout)
        except (EOFError, OSError) as exc:  # the worker died mid-task
            worker.process.join(timeout=2)
            ended = worker.how_it_ended()
            self._discard(kill=True)
            # Killed from outside (the system's out-of-memory killer, an admin): not the
            # file's doing, so a later load tries it again; a crash of its own is remembered.
            outside = ended in ("killed by SIGKILL", "killed by SIGTERM")
            raise SkipFile(f"parser crashed ({ended})", transient=outside) from exc
        if reply is None:
            self._discard(kill=True)
            raise SkipFile(f"parser timed out (after {timeout:g} s)")
        status, value = reply
        if status == "ok":
            return cast(T, value)
        if status == "crash":
            self._discard(kill=True)
            raise SkipFile(f"parser crashed ({value})")
        raise SkipFile(str(value))

    @staticmethod
    def _receive(worker: _Worker, timeout: float) -> tuple[str, Any] | None:
        """The worker's next message, or None after `timeout` seconds."""
        if not worker.connection.poll(timeout):
            return None
        return cast(tuple[str, Any], worker.connection.recv())

    def close(self) -> None:
        """Stop the worker, if one was started."""
        self._discard(kill=False)

    def _ready_worker(self) -> _Worker:
        worker = self._worker
        if worker is not None and worker.alive() and worker.tasks < self.limits.tasks_per_worker:
            return worker
        self._discard(kill=False)  # a dead worker's pipe is broken, so stop() kills and reaps it
        try:
            self._worker = _Worker(self.limits)
        except OSError as exc:
            log.warning("could not start a parser process", exc_info=True)
            raise SkipFile("could not start a parser process", transient=True) from exc
        return self._worker

    def _discard(self, *, kill: bool) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop(kill=kill)


_active: ContextVar[ParserSession | None] = ContextVar("parser_session", default=None)


@contextmanager
def parser_session(limits: Limits | None = None) -> Iterator[ParserSession]:
    """Within this block, isolated parses share one worker, which is stopped at the end.

    Inside a session that is already open, this joins it (and its limits).
    """
    active = _active.get()
    if active is not None:
        yield active
        return
    session = ParserSession(limits)
    token = _active.set(session)
    try:
        yield session
    finally:
        _active.reset(token)
        session.close()


def run_isolated(func: Callable[[bytes], T], data: bytes) -> T:
    """`func(data)` in a killable worker: the current session's, or a one-off one."""
    with parser_session() as session:
        return session.run(func, data)


# --- in the worker process ---------------------------------------------------------------


def _serve(connection: Connection, memory: int) -> None:
    """The worker's loop: receive (function, bytes, timeout); reply "started", then the result.

    A result is ("ok", value), ("skip", reason) or ("crash", reason).
    """
    _cap_memory(memory)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # Parser libraries warn and log about every odd file; the parent reports outcomes instead.
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return  # the parent has gone
        except MemoryError:
            _reply(connection, ("crash", "out of memory"))
            return
        except Exception as exc:  # a function that cannot be imported here
            _reply(connection, ("skip", f"could not read: {type(exc).__name__}"))
            continue
        if task is None:
            return
        func, data, timeout = task
        if not _reply(connection, ("started", None)):
            return
        _cap_cpu(timeout)
        reply: tuple[str, Any]
        try:
            reply = ("ok", func(data))
        except SkipFile as exc:
            reply = ("skip", str(exc))
        except MemoryError:
            reply = ("crash", "out of memory")
        except RecursionError:
            reply = ("skip", "nested too deeply")
        except Exception as exc:  # parsers raise any type (KeyError, TypeError, …)
            reply = ("skip", f"could not read: {type(exc).__name__}")
        del task, func, data
        if not _reply(connection, reply) or reply[0] == "crash":
            return


def _reply(connection: Connection, reply: tuple[str, Any]) -> bool:
    """Send a reply; False when even that failed (the worker then exits)."""
    try:
        connection.send(reply)
        return True
    except MemoryError:
        return False
    except (OSError, ValueError):
        return False
    except Exception as exc:  # a result that cannot be pickled
        try:
            connection.send(("skip", f"could not read: {type(exc).__name__}"))
            return True
        except Exception:
            return False


def _cap_memory(extra: int) -> None:
    """Limit the address space to what the worker has mapped now plus `extra` bytes.

    Relative, not absolute: the interpreter's own footprint (which varies with
    what the main program imported) must not eat the parser's budget.
    """
    try:
        import resource
    except ImportError:  # not a POSIX system: timeouts still apply
        return
    limit = _mapped_bytes() + extra
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _cap_cpu(timeout: float) -> None:
    """A CPU-time limit a little past this task's timeout.

    The parent kills a worker that overruns; this also ends a runaway parse if
    the parent itself was killed and can no longer do so.
    """
    try:
        import resource
    except ImportError:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + 2 * timeout + 5)
    _old, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _mapped_bytes() -> int:
    """This process's current virtual size (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")
