"""Warm kernels (grader/warm.py): forked from a pre-warmed process, isolated like a cold start,
same verdicts; a zygote that cannot start only costs speed."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import pytest

from grader import warm as warm_module
from grader.discover import discover
from grader.execute import KernelSession
from grader.grade import grade_submission
from grader.rubric import load_all
from grader.sandbox import choose, readonly_folders
from grader.warm import WarmKernels, supported
from grader.workspace import Workspace
from helpers import REPO, SEED

SANDBOX = choose()
PYTHON_UNDER_TMP = {Path(f).parts[2] for f in readonly_folders() if Path(f).is_relative_to("/tmp")}
pytestmark = pytest.mark.skipif(not supported(SANDBOX), reason="warm kernels need bubblewrap and a root grader")

# What a kernel can see of its surroundings, written to a file in its scratch folder.
SURROUNDINGS = r'''
import json, os, socket, sys
status = dict(l.split(":\t", 1) for l in open("/proc/self/status").read().splitlines() if ":\t" in l)
seen = dict(uid=os.getuid(), pid=os.getpid(), processes=sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
            host=socket.gethostname(), cwd=os.getcwd(), path=sys.path, env=sorted(os.environ),
            cap_eff=status["CapEff"].strip(), no_new_privs=status["NoNewPrivs"].strip(),
            tmp=sorted(os.listdir("/tmp")), preloaded="json" in sys.modules and "torch" in sys.modules)
try:
    open(os.path.join(sys.prefix, "planted.py"), "w").close()
    seen["python_writable"] = True
except OSError:
    seen["python_writable"] = False
try:
    socket.create_connection(("1.1.1.1", 80), timeout=2)
    seen["network"] = "reached"
except OSError:
    seen["network"] = "unreachable"
open("surroundings.json", "w").write(json.dumps(seen))
'''


async def _surroundings(workspace: Workspace, warm: WarmKernels | None, preload=("numpy",)) -> dict:
    session = KernelSession(workspace, SANDBOX, warm, preload)
    await session.start()
    try:
        run = await session.run(0, SURROUNDINGS, 60)
        assert run.status == "ok", run
    finally:
        await session.stop()
    return json.loads((workspace.work / "surroundings.json").read_text())


def test_a_warm_kernel_sees_what_a_cold_one_sees():
    warm = WarmKernels(SANDBOX)
    cold_workspace = Workspace.create(SANDBOX)
    try:
        first, second = (asyncio.run(_surroundings(warm.workspace(), warm)) for _ in range(2))
        cold = asyncio.run(_surroundings(cold_workspace, None))
    finally:
        warm.remove()
        cold_workspace.remove()
    for seen in (first, second, cold):
        assert seen["uid"] >= 200000 and seen["cap_eff"] == "0000000000000000"
        assert seen["processes"] == [1, 2] and seen["pid"] == 2  # own PID namespace
        assert seen["network"] == "unreachable" and seen["host"] == "sandbox" and not seen["python_writable"]
        # /tmp holds only the way to its own folder (and to Python, when that lies under /tmp)
        assert set(seen["tmp"]) == {Path(seen["cwd"]).parts[2]} | PYTHON_UNDER_TMP
    assert first["no_new_privs"] == "1"
    assert first["uid"] != second["uid"] and first["cwd"] != second["cwd"]
    for field in ("path", "env", "host", "network", "processes"):
        assert first[field] == cold[field], field


def test_a_warm_kernel_has_its_preloads_imported_already():
    warm = WarmKernels(SANDBOX)
    try:
        seen = asyncio.run(_surroundings(warm.workspace(), warm, ("json", "torch")))
        assert not warm.disabled
    finally:
        warm.remove()
    assert seen["preloaded"]


def test_a_zygote_started_by_a_passing_thread_outlives_it():
    """As in a Dask worker, which grades in pool threads."""
    warm = WarmKernels(SANDBOX)
    try:
        seen = {}
        worker = threading.Thread(target=lambda: seen.update(asyncio.run(_surroundings(warm.workspace(), warm))))
        worker.start()
        worker.join()
        assert seen["pid"] == 2 and not warm.disabled
        zygote = warm.zygotes[(("numpy",), ())]
        time.sleep(0.5)  # bubblewrap would be gone by now had it died with that thread
        assert zygote.alive
        asyncio.run(_surroundings(warm.workspace(), warm))
        assert warm.zygotes[(("numpy",), ())] is zygote and not warm.disabled
    finally:
        warm.remove()


def test_a_dead_zygote_is_replaced_and_a_broken_one_means_cold_starts(monkeypatch):
    warm = WarmKernels(SANDBOX)
    try:
        asyncio.run(_surroundings(warm.workspace(), warm))
        warm.zygotes[(("numpy",), ())].close()  # as if it had crashed
        assert asyncio.run(_surroundings(warm.workspace(), warm))["uid"] >= 200000
        assert not warm.disabled
        warm.close()
        monkeypatch.setattr(warm_module, "_ZYGOTE_SOURCE", "raise SystemExit(3)")
        seen = asyncio.run(_surroundings(warm.workspace(), warm))
        assert warm.disabled and seen["processes"] == [1, 2]  # started cold, as sandboxed
    finally:
        warm.remove()


def test_warm_and_cold_kernels_give_the_same_results():
    assignments = load_all()
    submissions, _ = discover([str(REPO / "assignments" / "conv_numpy" / "examples")], assignments)
    warm = WarmKernels(SANDBOX)
    try:
        warm_results = [grade_submission(s, assignments, SEED, SANDBOX, "en", warm) for s in submissions]
        assert not warm.disabled
    finally:
        warm.remove()
    cold_results = [grade_submission(s, assignments, SEED, SANDBOX, "en") for s in submissions]
    assert [r.to_json() for r in warm_results] == [r.to_json() for r in cold_results]
    assert {r.score for r in warm_results} != {0.0}
