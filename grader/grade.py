"""Pipeline of one submission: read, execute, probe, compare, score.

Student faults become failed checks; a notebook that cannot be run at all becomes a result
with status "error" and the reason. Only a fault of the grader itself propagates.
"""

from __future__ import annotations

import asyncio
import time

from grader import plan_cache
from grader.checks import judge, plan_assignment
from grader.combine import combine
from grader.checks.markdown import is_written, markdown_sources, written_outcome
from grader.compare import Verdict
from grader.diagnose import diagnose
from grader.errors import KernelFailure, SubmissionError, UndeterminedAssignment, UnreadableNotebook
from grader.execute import FAULTS, CellRun, KernelSession, run_cells
from grader.kernel_setup import setup_source
from grader.discover import Submission
from grader.messages import say
from grader.notebook import code_sources
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome, probe_batch
from grader.results import CellSummary, CheckResult, SubmissionResult
from grader.rubric import Assignment
from grader.sandbox import Sandbox, choose
from grader.score import score_check, total
from grader.warm import WarmKernels
from grader.workspace import Workspace

MAX_KERNEL_STARTS = 6
_PLANS: dict[tuple[str, str, int], list[CheckPlan]] = {}


def plans_for(assignment: Assignment, seed: int) -> list[CheckPlan]:
    """The checks of an assignment for a seed, computed once per process (and, in the students'
    distribution, kept on disk for the next run: grader/plan_cache.py)."""
    key = (assignment.name, assignment.rubric_sha256, seed)
    if key not in _PLANS:
        _PLANS[key] = _stored_plans(assignment, seed) if plan_cache.cacheable(assignment) \
            else plan_assignment(assignment, seed)
    return _PLANS[key]


def _stored_plans(assignment: Assignment, seed: int) -> list[CheckPlan]:
    folder, name = plan_cache.cache_dir(), plan_cache.key(assignment, seed)
    plans = plan_cache.load(folder, name, assignment)
    if plans is None:
        plans = plan_assignment(assignment, seed)
        try:
            plan_cache.save(folder, name, plans)
        except OSError:  # a read-only home only costs the next run the same time
            pass
    return plans


class _Notebook:
    """The student's code in a kernel that can be brought back after a fault."""

    def __init__(self, session: KernelSession, sources: list[str], assignment: Assignment, lang: str):
        self.session, self.sources, self.assignment, self.lang = session, sources, assignment, lang
        self.faults: dict[int, CellRun] = {}
        self.runs: list[CellRun] = []
        self.ran_in: int | None = None
        """The kernel start (session.starts) whose kernel has the student's cells run."""

    async def ready(self) -> None:
        """Bring a kernel up with the student's cells run, skipping cells that hang or crash;
        a live kernel that already ran them is ready as it is."""
        while True:
            if self.session.alive and self.ran_in == self.session.starts:
                return
            if not self.session.alive:
                if self.session.starts >= MAX_KERNEL_STARTS:
                    raise KernelFailure(say("restarts_exhausted", self.lang, count=self.session.starts))
                await self.session.start()
            a = self.assignment
            await self._set_up()
            self.runs = await run_cells(self.session, self.sources, set(self.faults),
                                        a.cell_timeout, a.notebook_timeout)
            last = self.runs[-1] if self.runs else None
            if last is None or last.status not in FAULTS:
                self.ran_in = self.session.starts
                return
            self.faults[last.index] = last

    async def _set_up(self) -> None:
        """The hidden setup cell (grader/kernel_setup.py) before the student's first one."""
        source = setup_source(self.assignment)
        if source is None:
            return
        run = await self.session.run(-1, source, self.assignment.cell_timeout)
        if run.status != "ok":
            raise KernelFailure(say("setup_failed", self.lang, status=run.status, ename=run.ename or "",
                                    evalue=run.evalue or ""))

    def cell_summary(self) -> tuple[CellSummary, ...]:
        merged = {r.index: r for r in self.runs} | self.faults
        return tuple(CellSummary(r.index, r.status, r.ename, r.evalue)
                     for _, r in sorted(merged.items()) if r.status != "ok")


def _functions_of(plan: CheckPlan) -> list[str]:
    """The student's names a probe calls: the graded one, and its forward for a backward pass."""
    forward = plan.request.get("forward")
    return [plan.graded.name] + ([forward["name"]] if forward else [])


def _score(nb: _Notebook, plan: CheckPlan, outcome: ProbeOutcome, broken: dict[str, Verdict]) -> CheckResult:
    """The scored check, with the diagnose stage's hint when it failed; a function that hung or
    killed the kernel goes into `broken`."""
    timeout, lang = nb.assignment.call_timeout, nb.lang
    verdict = judge(plan, outcome, timeout, lang)
    if outcome.kind in FAULTS:
        broken[plan.graded.name] = Verdict(verdict.status, say("not_again", lang, function=plan.graded.name,
                                                               first=plan.check_id, what=verdict.message))
    return score_check(plan, verdict, diagnose(nb.assignment, plan, outcome, verdict, lang))


async def _probe_all(nb: _Notebook, plans: list[CheckPlan], markdown: list[str]) -> list[CheckResult]:
    """Probe every check, in order, as many at a time as the kernel allows: a batch ends early
    at a call that hung, killed the kernel or broke the probe cell, and the rest go again (in a
    restarted kernel after a fault). A function that hung or killed the kernel is not called again.
    Checks of the written answers (`markdown`) are judged on the notebook's text, not probed."""
    results: dict[int, CheckResult] = {}
    broken: dict[str, Verdict] = {}
    written = [i for i, plan in enumerate(plans) if is_written(plan)]
    for i in written:
        results[i] = _score(nb, plans[i], written_outcome(markdown), broken)
    todo = [i for i in range(len(plans)) if i not in set(written)]
    while todo:
        batch = []
        for i in todo:
            earlier = next((broken[f] for f in _functions_of(plans[i]) if f in broken), None)
            if earlier is not None:
                results[i] = score_check(plans[i], earlier)
            else:
                batch.append(i)
        if not batch:
            break
        try:
            await nb.ready()
        except KernelFailure as exc:
            not_run = Verdict("error", say("not_run", nb.lang, reason=exc.message))
            results[batch[0]] = score_check(plans[batch[0]], not_run)
            todo = batch[1:]
            continue
        outcomes = await probe_batch(nb.session, [plans[i] for i in batch], nb.assignment.call_timeout)
        for i, outcome in zip(batch, outcomes):
            results[i] = _score(nb, plans[i], outcome, broken)
        todo = batch[len(outcomes):]
    return [results[i] for i in range(len(plans))]


async def _grade(sources: list[str], assignment: Assignment, seed: int, workspace: Workspace, sandbox: Sandbox,
                 lang: str, warm: WarmKernels | None, markdown: list[str] = ()):
    session = KernelSession(workspace, sandbox, warm, assignment.preload, assignment.forbidden)
    plans_task = asyncio.create_task(asyncio.to_thread(plans_for, assignment, seed))
    try:
        await session.start()
        plans = await plans_task
        nb = _Notebook(session, sources, assignment, lang)
        await nb.ready()
        checks = combine(assignment, tuple(await _probe_all(nb, plans, list(markdown))), lang)
    finally:
        await session.stop()
        if not plans_task.done():
            plans_task.cancel()
    return tuple(checks), nb.cell_summary()


def _readable_sources(submission: Submission, assignment: Assignment | None) -> list[str]:
    """The code to run; an unreadable file is reported as such before anything else."""
    if submission.problem:
        raise UnreadableNotebook(submission.problem)
    sources = code_sources(submission.data)
    if assignment is None:
        raise UndeterminedAssignment(submission.path)
    return sources


def grade_submission(submission: Submission, assignments: dict[str, Assignment], seed: int,
                     sandbox: Sandbox | None = None, lang: str = "en",
                     warm: WarmKernels | None = None) -> SubmissionResult:
    """Grade one submission end to end in a fresh, sandboxed kernel and a private scratch folder;
    every message and hint is in `lang`. With `warm`, the kernel is forked from a pre-warmed
    process when possible (same verdicts, less time)."""
    sandbox = sandbox or choose()
    started = time.monotonic()
    base = dict(student=submission.student, assignment=submission.assignment,
                path=submission.path, sha256=submission.sha256, isolation=sandbox.layers())
    assignment = assignments.get(submission.assignment) if submission.assignment else None
    max_score = assignment.max_score if assignment else 0.0
    workspace = warm.workspace() if warm is not None and not warm.disabled else Workspace.create(sandbox)
    try:
        sources = _readable_sources(submission, assignment)
        checks, cells = asyncio.run(_grade(sources, assignment, seed, workspace, sandbox, lang, warm,
                                           markdown_sources(submission.data)))
    except SubmissionError as exc:
        return SubmissionResult(**base, status="error", score=0.0, max_score=max_score,
                                message=exc.message, seconds=round(time.monotonic() - started, 3))
    finally:
        workspace.remove()
    return SubmissionResult(**base, status="graded", score=total(checks), max_score=max_score,
                            checks=checks, cells=cells, seconds=round(time.monotonic() - started, 3))
