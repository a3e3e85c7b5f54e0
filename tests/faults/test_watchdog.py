"""The worker watchdog: a consumer that stopped taking tasks while they wait is detected, and a
busy worker or an empty queue never is."""

from __future__ import annotations

from typing import Any

from kagaz.worker.watchdog import EXIT_CODE, ConsumerWatchdog


class _App:
    """Stands in for the Celery app: only the queue length is read through it."""

    def __init__(self) -> None:
        self.waiting: int | Exception = 0

    def connection_for_write(self) -> Any:
        app = self

        class Conn:
            def __enter__(self) -> Any:
                return self

            def __exit__(self, *exc: Any) -> None:
                return None

            class default_channel:  # noqa: N801
                @staticmethod
                def _size(queue: str) -> int:
                    if isinstance(app.waiting, Exception):
                        raise app.waiting
                    return app.waiting

        return Conn()


def test_stall_is_detected_only_after_stall_seconds_of_idle_waiting() -> None:
    app, busy = _App(), [False]
    dog = ConsumerWatchdog(app, "q", stall_seconds=10, idle=lambda: not busy[0])
    assert not dog.check(now=0)  # nothing waiting
    app.waiting = 3
    assert not dog.check(now=1) and not dog.check(now=10.9)
    assert dog.check(now=11)
    busy[0] = True  # a worker with a task in hand is not stalled, however long tasks wait
    assert not dog.check(now=100)
    busy[0] = False
    assert not dog.check(now=101) and dog.check(now=111.5)
    app.waiting = ConnectionError("broker away")  # the broker down is not our stall
    assert not dog.check(now=200) and not dog.check(now=300)


def test_the_watchdog_thread_exits_the_process_with_its_code() -> None:
    app = _App()
    app.waiting = 1
    codes: list[int] = []
    dog = ConsumerWatchdog(app, "q", stall_seconds=0.2, interval=0.05, idle=lambda: True,
                           exit=codes.append)
    dog._run()  # returns once it has "exited"
    assert codes == [EXIT_CODE]


def test_worker_start_waits_for_a_database_that_is_restarting() -> None:
    import pytest
    import sqlalchemy as sa

    from kagaz.services.wiring import upgrade_when_reachable as _upgrade_when_reachable

    calls: list[int] = []

    def upgrade(_db: object) -> None:
        calls.append(1)
        if len(calls) < 3:
            raise sa.exc.OperationalError("connect", {}, ConnectionRefusedError())

    _upgrade_when_reachable(object(), upgrade, wait=10)
    assert len(calls) == 3

    def down(_db: object) -> None:
        raise sa.exc.OperationalError("connect", {}, ConnectionRefusedError())

    with pytest.raises(sa.exc.OperationalError):  # gives up after ``wait``
        _upgrade_when_reachable(object(), down, wait=0.1)
