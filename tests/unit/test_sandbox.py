"""The sandbox stage: level choice, the wrapped command line, and what reports say."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader import sandbox
from grader.errors import UsageError
from grader.workspace import Workspace


def test_levels_are_ordered_strongest_first():
    assert sandbox.LEVELS == ("bubblewrap", "unshare", "limits")


def test_a_weaker_level_may_be_chosen_a_stronger_unavailable_one_may_not(monkeypatch):
    monkeypatch.setattr(sandbox, "strongest_level", lambda: "unshare")
    assert sandbox.choose("limits").level == "limits"
    assert sandbox.choose().level == "unshare"
    with pytest.raises(UsageError, match="not available"):
        sandbox.choose("bubblewrap")


@pytest.mark.parametrize("level", sandbox.LEVELS)
def test_every_level_runs_a_command_with_limits_and_without_the_grader_environment(tmp_path, level, request):
    if sandbox.LEVELS.index(level) < sandbox.LEVELS.index(sandbox.strongest_level()):
        pytest.skip(f"{level} is not available on this machine")
    box = sandbox.Sandbox(level, sandbox.Limits(memory_bytes=512 * sandbox.MIB))
    space = Workspace.create(box, tmp_path)
    request.addfinalizer(space.remove)  # as root, its tmpfs is unmounted
    code = ("import resource, os; print(resource.getrlimit(resource.RLIMIT_DATA)[0], "
            "os.environ.get('JPY_PARENT_PID'), os.getuid())")
    argv = box.wrap([sys.executable, "-S", "-c", code], space.binds(), space.uid)
    done = subprocess.run(argv, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "JPY_PARENT_PID": "1"})
    assert done.returncode == 0, done.stderr
    limit, parent, uid = done.stdout.split()
    assert int(limit) == 512 * sandbox.MIB
    assert parent == "None"
    assert int(uid) == (box.kernel_uid(space.root) if box.drops_uid else os.getuid())


def test_bubblewrap_hides_the_repository_and_the_network(tmp_path, request):
    if sandbox.strongest_level() != "bubblewrap":
        pytest.skip("bubblewrap is not available on this machine")
    box = sandbox.Sandbox("bubblewrap", sandbox.Limits())
    space = Workspace.create(box, tmp_path)
    request.addfinalizer(space.remove)  # as root, its tmpfs is unmounted
    solutions = os.path.join(os.path.dirname(os.path.dirname(sandbox.__file__)), "solutions")
    code = (f"import os, socket; print(os.path.exists({solutions!r}), len(socket.if_nameindex()), "
            "os.listdir('/tmp'))")
    done = subprocess.run(box.wrap([sys.executable, "-S", "-c", code], space.binds(), space.uid),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    exists, interfaces, listing = done.stdout.split(" ", 2)
    assert exists == "False"
    assert int(interfaces) == 1  # loopback only
    # a private /tmp: only the workspace's folders, and the Python install when it lives under /tmp
    visible = {tmp_path.relative_to('/tmp').parts[0]}
    visible |= {Path(r).relative_to('/tmp').parts[0] for r in sandbox._python_roots() if r.startswith('/tmp/')}
    assert sorted(ast.literal_eval(listing.strip())) == sorted(visible)


def test_layers_name_the_level_and_the_limits():
    layers = sandbox.Sandbox("limits", sandbox.Limits(memory_bytes=2 * sandbox.GIB)).layers()
    assert any("memory 2048 MiB" in layer for layer in layers)
    assert not any("namespace" in layer for layer in layers)
    assert any("network namespace" in layer for layer in sandbox.Sandbox("unshare", sandbox.Limits()).layers())


def test_without_bubblewrap_the_strongest_level_is_found_among_the_others(monkeypatch):
    real_which = sandbox.shutil.which
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None if name == "bwrap" else real_which(name))
    found = sandbox.strongest_level.__wrapped__()
    assert found in ("unshare", "limits")
    assert found == "unshare" or real_which("unshare") is None or not sandbox._works(sandbox._unshare_args() + ["true"])


def test_package_folders_outside_python_are_shown_to_the_kernel_and_nothing_else(tmp_path, monkeypatch):
    other_env = tmp_path / "other-venv" / "lib" / "python3.11" / "site-packages"
    other_env.mkdir(parents=True)
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.setattr(sandbox.sys, "path", [*sandbox.sys.path, str(other_env), str(project), ""])
    assert sandbox.package_folders() == [str(other_env)]
    args = sandbox._bwrap_args([(str(tmp_path / "scratch"), True)], False)
    assert args[args.index(str(other_env)) - 1] == "--ro-bind" and str(project) not in args


def test_a_package_folder_holding_the_solutions_is_never_shown(tmp_path, monkeypatch):
    from grader import paths

    holder = tmp_path / "site-packages"
    (holder / "solutions").mkdir(parents=True)
    monkeypatch.setattr(paths, "SOLUTIONS_DIR", holder / "solutions")
    monkeypatch.setattr(sandbox.sys, "path", [*sandbox.sys.path, str(holder)])
    assert str(holder) not in sandbox.package_folders()


def test_a_python_folder_closed_to_other_users_is_named_before_any_kernel_starts(tmp_path, monkeypatch):
    closed = tmp_path / "venv"
    closed.mkdir(mode=0o700)
    monkeypatch.setattr(sandbox, "_python_roots", lambda: [str(closed)])
    assert sandbox.unreachable_folders() == [str(closed)]
    if sandbox.Sandbox(sandbox.strongest_level(), sandbox.Limits()).drops_uid:
        with pytest.raises(UsageError, match=r"cannot enter .*venv \(mode 700\): `chmod o\+rx"):
            sandbox.choose()
    closed.chmod(0o755)
    assert sandbox.unreachable_folders() == []


def test_the_kernel_writes_only_its_work_folder_and_reads_the_graders(tmp_path, request):
    if sandbox.strongest_level() != "bubblewrap":
        pytest.skip("bubblewrap is not available on this machine")
    box = sandbox.Sandbox("bubblewrap", sandbox.Limits())
    space = Workspace.create(box, tmp_path)
    request.addfinalizer(space.remove)  # as root, its tmpfs is unmounted
    (space.grader / "requests.json").write_text("[]")
    code = ("import os\n"
            "def tries(path):\n"
            "    try:\n"
            "        os.rename(path, path + '.moved'); return 'renamed'\n"
            "    except OSError as exc:\n"
            "        return exc.strerror\n"
            f"print(open({str(space.grader / 'requests.json')!r}).read(), "
            f"tries({str(space.grader / 'requests.json')!r}), tries({str(space.grader)!r}), "
            f"tries({str(space.kernel)!r}), sep='|')\n"
            "open('mine.txt', 'w').write('ok')")
    done = subprocess.run(box.wrap([sys.executable, "-S", "-c", code], space.binds(), space.uid),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    content, request, grader_folder, kernel_folder = done.stdout.strip().split("|")
    assert content == "[]" and "renamed" not in (request, grader_folder, kernel_folder)
    assert (space.work / "mine.txt").read_text() == "ok"
