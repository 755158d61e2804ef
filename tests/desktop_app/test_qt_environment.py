"""PySide6 6.12.0 drops a reference to None per void Qt call and to True per emit(): on
CPython 3.11 a live view then aborts the app within a minute ("none_dealloc"). pyproject
excludes that release; this test fails if such a build is installed again."""

import sys

import pytest
from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None and True are immortal from Python 3.12: the leak can neither crash nor be seen",
)
def test_installed_pyside_keeps_its_references_to_none_and_true():
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        probe.setObjectName("probe")
        probe.ping.emit()
    assert sys.getrefcount(None) > none_before - 100
    assert sys.getrefcount(True) > true_before - 100
