"""Sweeps on a real Ray: local (4 trials; Ctrl+C) and against a throw-away head.

Each sweep runs ``digit-lab sweep`` as its own process (as a user or the app would), so
Ray's processes are that process's children and end with it. Ray starts slowly on a busy
2-core machine: these tests take 30-90 s each.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.helpers.datasets import write_idx_dataset
from training_core.checkpoints import load_checkpoint
from training_core.run_record import read_run
from training_core.runs import list_runs

pytest.importorskip("ray")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]


@pytest.fixture
def data_root(tmp_path) -> Path:
    write_idx_dataset(tmp_path / "data", "MNIST", n_train=400, n_test=100)
    return tmp_path / "data"


def _sweep(data_root: Path, runs: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "training_core.cli",
        "sweep",
        "--model",
        "softmax",
        "--device",
        "cpu",
        "--data-root",
        str(data_root),
        "--runs-root",
        str(runs),
        "--json",
        "--events",
        str(runs.parent / "events.jsonl"),
        *args,
    ]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1", **(env or {})},
    )


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = {pid}, [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _listening(pids: set[int]) -> set[str]:
    """The addresses the processes ``pids`` listen on (TCP, from /proc)."""
    inodes = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] == "0A" and parts[9] in inodes:  # 0A: LISTEN
                addresses.add(parts[1].rsplit(":", 1)[0])
    return addresses


LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}


def _events(runs: Path) -> list[dict]:
    path = runs.parent / "events.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _max_overlap(trials: list[dict]) -> int:
    moments = sorted([(t["started"], 1) for t in trials] + [(t["ended"], -1) for t in trials])
    now = most = 0
    for _when, step in moments:
        now += step
        most = max(most, now)
    return most


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_local_sweep_runs_four_trials_as_runs_on_loopback_only(data_root, tmp_path):
    runs = tmp_path / "runs"
    proc = _sweep(
        data_root,
        runs,
        "--epochs",
        "1",
        "--grid",
        "lr=0.01,0.1",
        "--grid",
        "optimizer=sgd,adam",
        "--name",
        "four",
    )
    seen: set[str] = set()
    while proc.poll() is None:  # every listening socket of the sweep and its Ray processes
        seen |= _listening(_descendants(proc.pid))
        time.sleep(0.5)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert seen and seen <= LOOPBACK, seen
    lines = [json.loads(line) for line in out.splitlines()]
    trials, summary = lines[:-1], lines[-1]
    assert sorted(t["trial"] for t in trials) == ["t01", "t02", "t03", "t04"]
    assert {(t["config"]["lr"], t["config"]["optimizer"]) for t in trials} == {
        (0.01, "sgd"),
        (0.01, "adam"),
        (0.1, "sgd"),
        (0.1, "adam"),
    }
    assert all(t["status"] == "completed" and 0 <= t["test_acc"] <= 1 for t in trials)
    best = max(trials, key=lambda t: t["test_acc"])
    assert summary["best"]["test_acc"] == best["test_acc"] and summary["summary"]["completed"] == 4
    record = json.loads((runs / "four.sweep.json").read_text())
    cores = len(os.sched_getaffinity(0))
    assert record["state"] == "completed" and 1 <= _max_overlap(record["trials"]) <= cores
    listed = {run.name: run for run in list_runs(runs)}
    assert sorted(listed) == ["four-t01", "four-t02", "four-t03", "four-t04"]
    for t in trials:
        run = read_run(t["run"])
        assert run.state == "completed" and not run.problems
        assert run.metrics[-1]["test_acc"] == pytest.approx(t["test_acc"])
        assert load_checkpoint(Path(t["run"]) / "checkpoint.pt").config == t["config"]
    kinds = [e["event"] for e in _events(runs)]
    assert kinds[0] == "sweep_started" and kinds[-1] == "sweep_finished"
    assert kinds.count("trial_started") == kinds.count("trial_finished") == 4


def test_interrupting_a_sweep_keeps_the_finished_trials(data_root, tmp_path):
    runs = tmp_path / "runs"
    # t01, t02: 1 epoch (finish at once); t03, t04: 500 epochs (still running when stopped)
    proc = _sweep(
        data_root,
        runs,
        "--grid",
        "epochs=1,500",
        "--grid",
        "lr=0.05,0.1",
        "--name",
        "cut",
        "--max-concurrent",
        "2",
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            events = _events(runs)
            done = {e["trial"] for e in events if e["event"] == "trial_finished"}
            long_going = {e["trial"] for e in events if e["event"] == "trial_result"} - done
            if {"t01", "t02"} <= done and long_going:
                break
            time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    record = json.loads((runs / "cut.sweep.json").read_text())
    states = {t["trial"]: t["status"] for t in record["trials"]}
    assert record["state"] == "stopped"
    assert states["t01"] == states["t02"] == "completed"
    assert {states["t03"], states["t04"]} <= {"stopped", "pending"} and "stopped" in {
        states["t03"],
        states["t04"],
    }
    for trial in ("t01", "t02"):
        assert read_run(runs / f"cut-{trial}").state == "completed"
        load_checkpoint(runs / f"cut-{trial}" / "checkpoint.pt")
    for trial in ("t03", "t04"):
        if states[trial] == "stopped":
            run = read_run(runs / f"cut-{trial}")
            assert run.state == "stopped" and 1 <= len(run.metrics) < 500
            assert load_checkpoint(runs / f"cut-{trial}" / "checkpoint.pt").epoch == len(
                run.metrics
            )
    printed = [json.loads(line) for line in out.splitlines()]
    assert printed[-1]["summary"]["state"] == "stopped"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, head: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and head.poll() is None:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise AssertionError(f"the Ray head did not start listening on port {port}")


def test_sweep_on_an_existing_ray_head(data_root, tmp_path):
    port = _free_port()
    temp = tempfile.mkdtemp(prefix="dlray-", dir="/tmp")  # short: Ray's socket paths
    ray_bin = Path(sys.executable).parent / "ray"
    env = {**os.environ, "RAY_AUTH_MODE": "disabled", "OMP_NUM_THREADS": "1"}
    head = subprocess.Popen(
        [
            str(ray_bin),
            "start",
            "--head",
            "--port",
            str(port),
            "--node-ip-address",
            "127.0.0.1",
            "--num-cpus",
            "2",
            "--include-dashboard=false",
            "--disable-usage-stats",
            "--temp-dir",
            temp,
            "--block",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    runs = tmp_path / "runs"
    try:
        _wait_for_port(port, head)
        proc = _sweep(
            data_root,
            runs,
            "--epochs",
            "2",
            "--asha",  # ASHA ends a trial at its last epoch's report: it must still complete
            "--grid",
            "lr=0.01,0.1",
            "--address",
            f"127.0.0.1:{port}",
            "--name",
            "remote",
            env={"RAY_AUTH_MODE": "disabled"},
        )
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        trials = [json.loads(line) for line in out.splitlines()][:-1]
        assert sorted(t["trial"] for t in trials) == ["t01", "t02"]
        for t in trials:  # the files came back from the workers into the local runs folder
            assert Path(t["run"]).parent == runs
            run = read_run(t["run"])
            assert run.state == t["status"] and not run.problems
            assert t["status"] == ("completed" if len(run.metrics) == 2 else "stopped")
            assert load_checkpoint(Path(t["run"]) / "checkpoint.pt").epoch == len(run.metrics)
        assert "completed" in {t["status"] for t in trials}  # ASHA keeps the better one going
        assert head.poll() is None  # the cluster is left running for its owner
    finally:
        group = os.getpgid(head.pid)
        ours = _descendants(head.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            head.wait()
        for pid in ours:  # anything of this head that left the group
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def test_an_address_with_nothing_listening_fails_in_one_line_quickly(data_root, tmp_path):
    """Ray's own connect retries for minutes, printing C++ log lines; the sweep checks the
    port first."""
    runs = tmp_path / "runs"
    start = time.monotonic()
    proc = _sweep(data_root, runs, "--grid", "lr=0.1,0.2", "--address", f"127.0.0.1:{_free_port()}")
    out, err = proc.communicate(timeout=35)
    assert proc.returncode != 0
    assert time.monotonic() - start < 35
    errors = [line for line in err.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and "cannot reach Ray at 127.0.0.1:" in errors[0], err
    assert "rpc_client" not in err and "Traceback" not in err
