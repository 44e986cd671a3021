"""Isolation stage, files: the folders one submission's kernel and the grader share, laid out
so that nothing the grader writes or reads lies where the kernel can change it.

    SESSION/        the grader's, 0755: the kernel may pass through, not write
    ├── work/       the kernel's own (its uid, 0700): cwd, HOME and TMPDIR of the student's code
    ├── grader/     the grader's, read-only to the kernel (and a read-only mount in the sandbox):
    │               connection files, each probe batch's requests.json and inputs.npz
    └── kernel/     the grader's, group of the kernel's uid: group-writable only while a kernel
                    starts (it binds its sockets there), and each probe batch's outputs folder,
                    made by the grader and handed to the kernel's uid through a descriptor

The grader creates files only in folders the kernel cannot write (O_EXCL, O_NOFOLLOW), and
reads what the kernel wrote through descriptors (grader/readback.py). As a non-root grader the
kernel has the grader's own uid: there the read-only mount protects grader/, and kernel/ holds
nothing the grader writes into.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from grader.sandbox import Sandbox

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
MS_NOSUID, MS_NODEV, MS_BIND, MS_SHARED, MNT_DETACH = 2, 4, 4096, 1 << 20, 2


@dataclass(frozen=True)
class Workspace:
    """One submission's folders (see the module's docstring); `uid` is the kernel's, -1 when
    the kernel keeps the grader's own."""

    root: Path
    uid: int

    @classmethod
    def create(cls, sandbox: Sandbox, parent: Path | None = None) -> Workspace:
        """A new workspace under `parent` (default: the system's temporary folder)."""
        root = Path(tempfile.mkdtemp(prefix="cnn-grader-", dir=parent))
        sized = sized_scratch_available() and mount_sized(root, sandbox.limits.disk_bytes)
        root.chmod(0o755)
        space = cls(root, sandbox.kernel_uid(root))
        for folder, mode in ((space.work, 0o700), (space.grader, 0o755), (space.kernel, 0o750)):
            folder.mkdir()
            if sized and folder == space.grader:  # a full workspace never stops the grader's own writes
                mount_sized(folder, None)
            folder.chmod(mode)
        if space.uid >= 0:
            os.chown(space.work, space.uid, space.uid)
            os.chown(space.kernel, -1, space.uid)
        return space

    @property
    def work(self) -> Path:
        return self.root / "work"

    @property
    def grader(self) -> Path:
        return self.root / "grader"

    @property
    def kernel(self) -> Path:
        return self.root / "kernel"

    def binds(self) -> list[tuple[str, bool]]:
        """What the sandbox shows of the workspace, as (folder, writable); the first is the cwd."""
        return [(str(self.work), True), (str(self.kernel), True), (str(self.grader), False)]

    @contextlib.contextmanager
    def kernel_starting(self) -> Iterator[None]:
        """kernel/ is group-writable while a kernel binds its sockets there, and only then."""
        fd = os.open(self.kernel, _DIR_FLAGS)
        try:
            os.fchmod(fd, 0o770)
            yield
        finally:
            os.fchmod(fd, 0o750)
            os.close(fd)

    def share_with_kernel(self, path: Path) -> None:
        """Let the kernel's uid read a file the grader made in grader/ (a connection file)."""
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            if self.uid >= 0:
                os.fchown(fd, -1, self.uid)
            os.fchmod(fd, 0o640)
        finally:
            os.close(fd)

    def new_batch(self) -> tuple[Path, Path, int]:
        """A probe batch's folders: its inputs folder in grader/ and its outputs folder in
        kernel/ (the kernel's to write), the latter also as an open descriptor (the caller
        closes it)."""
        inputs = Path(tempfile.mkdtemp(prefix="probe-", dir=self.grader))
        inputs.chmod(0o755)
        name = "out-" + inputs.name.removeprefix("probe-")
        parent = os.open(self.kernel, _DIR_FLAGS)
        try:
            os.mkdir(name, 0o700, dir_fd=parent)
            outputs_fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
        finally:
            os.close(parent)
        if self.uid >= 0:
            os.fchown(outputs_fd, self.uid, self.uid)
        return inputs, self.kernel / name, outputs_fd

    def remove(self) -> None:
        unmount(self.root)  # a sized workspace's tmpfs
        shutil.rmtree(self.root, ignore_errors=True)  # fd-based on Linux: links are not followed


@functools.lru_cache(maxsize=None)
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def mount_sized(folder: Path, size: int | None) -> bool:
    """Mount a tmpfs of at most `size` bytes (None: the system's default, half the memory) on
    the empty `folder`; False where this process may not (not root, or no CAP_SYS_ADMIN)."""
    options = ("mode=0755" if size is None else f"size={int(size)},mode=0755").encode()
    return _libc().mount(b"tmpfs", bytes(folder), b"tmpfs", MS_NOSUID | MS_NODEV, options) == 0


def share_mounts(folder: Path) -> bool:
    """Make `folder` a mount point that passes the workspaces later mounted in it on to the
    sandboxes that bind it (a warm zygote's view, grader/warm.py); False where not possible."""
    libc = _libc()
    return (sized_scratch_available() and libc.mount(bytes(folder), bytes(folder), None, MS_BIND, None) == 0
            and libc.mount(None, bytes(folder), None, MS_SHARED, None) == 0)


def unmount(folder: Path) -> None:
    """Detach what is mounted on `folder`, if anything (sized workspaces, share_mounts)."""
    _libc().umount2(bytes(folder), MNT_DETACH)


@functools.lru_cache(maxsize=None)
def sized_scratch_available() -> bool:
    """Whether workspaces get a sized file system of their own here (tried once, as root)."""
    if os.geteuid() != 0:
        return False
    probe = Path(tempfile.mkdtemp(prefix="cnn-grader-probe-"))
    try:
        return mount_sized(probe, 1024 * 1024)
    finally:
        unmount(probe)
        probe.rmdir()


def write_new(folder: Path, name: str, data: bytes) -> None:
    """Create `folder/name` (never an existing file, never through a link), readable by all."""
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
