"""Pipeline of one submission: read, execute, probe, compare, score.

Student faults become failed checks; a notebook that cannot be run at all becomes a result
with status "error" and the reason. Only a fault of the grader itself propagates.
"""

from __future__ import annotations

import asyncio
import time

from grader import infra, plan_cache
from grader.checks import judge, plan_assignment
from grader.combine import combine
from grader.checks.markdown import is_written, markdown_sources, written_outcome
from grader.compare import Verdict
from grader.diagnose import diagnose
from grader.charging import calls_of, needs
from grader.diagnose.source import attach_sources
from grader.errors import (InfrastructureFailure, KernelFailure, SubmissionError, UndeterminedAssignment,
                           UnreadableNotebook)
from grader.execute import FAULTS, CellRun, KernelSession, run_cells
from grader.kernel_setup import setup_source
from grader.discover import Submission, reason_in
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

MAX_KERNEL_STARTS = 16
"""Kernel starts per submission (each fault costs one); the time budget (budget_of) is the
bound that matters: after it no kernel is started again."""
OWN_MEMORY_LIMIT = "MemoryLimit"
"""The `ename` of a kernel its own control group stopped (grader/execute.py): the student's."""
BUDGET_CELLS, BUDGET_CALLS = 4, 4
"""A submission's default time budget: the notebook's limit plus this many cell and call limits."""
PUBLIC_SEED = 0
"""What public cases are planned with: they carry their own inputs, whatever the seed."""
_PUBLIC: dict[tuple[str, str, str], list[CheckPlan]] = {}


def budget_of(assignment: Assignment) -> float:
    """Seconds one submission may take in all, restarts included: the rubric's
    `submission_timeout`, else the notebook's limit plus a few cell and call limits."""
    if assignment.submission_timeout is not None:
        return assignment.submission_timeout
    return (assignment.notebook_timeout + BUDGET_CELLS * assignment.cell_timeout
            + BUDGET_CALLS * assignment.call_timeout)


def plans_for(assignment: Assignment, seed: int) -> list[CheckPlan]:
    """The checks of one submission in rubric order: the public ones computed once per process
    (and, in the students' distribution, kept on disk for the next run: grader/plan_cache.py),
    the hidden ones drawn from this submission's `seed` and never kept."""
    key = (assignment.name, assignment.rubric_sha256, str(assignment.reference))
    if key not in _PUBLIC:
        _PUBLIC[key] = _stored_plans(assignment) if plan_cache.cacheable(assignment) \
            else plan_assignment(assignment, PUBLIC_SEED, public=True)
    return _in_rubric_order(assignment, _PUBLIC[key] + plan_assignment(assignment, seed, public=False))


def _in_rubric_order(assignment: Assignment, plans: list[CheckPlan]) -> list[CheckPlan]:
    """`plans` sorted as the rubric lists graded names and their cases."""
    place = {}
    for g, graded in enumerate(assignment.graded):
        place[graded.name] = (g, -1)
        place |= {f"{graded.name}/{case.name}": (g, c) for c, case in enumerate(graded.cases)}
    return sorted(plans, key=lambda p: place.get(p.check_id, (len(place), 0)))


def _stored_plans(assignment: Assignment) -> list[CheckPlan]:
    folder, name = plan_cache.cache_dir(), plan_cache.key(assignment)
    plans = plan_cache.load(folder, name, assignment)
    if plans is None:
        plans = plan_assignment(assignment, PUBLIC_SEED, public=True)
        try:
            plan_cache.save(folder, name, plans)
        except OSError:  # a read-only home only costs the next run the same time
            pass
    return plans


class _BudgetSpent(Exception):
    """The submission's time budget ran out while its notebook was being run again."""


class _Notebook:
    """The student's code in a kernel that can be brought back after a fault."""

    def __init__(self, session: KernelSession, sources: list[str], assignment: Assignment, lang: str,
                 watch: infra.Watch):
        self.session, self.sources, self.assignment, self.lang = session, sources, assignment, lang
        self.watch = watch
        self.budget = budget_of(assignment)
        self.deadline = time.monotonic() + self.budget
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
                await _start(self.session, self.watch, self.lang)
            a = self.assignment
            await self._set_up()
            limit = min(a.notebook_timeout, self.left())
            if limit <= 0:
                raise _BudgetSpent()
            self.runs = await run_cells(self.session, self.sources, set(self.faults), a.cell_timeout, limit)
            if limit < a.notebook_timeout and (self.left() <= 0 or any(r.ename == "NotebookTimeout" for r in self.runs)):
                raise _BudgetSpent()  # the budget, not the notebook's own limit, cut this run short
            last = self.runs[-1] if self.runs else None
            if last is not None and last.status == "died" and last.ename != OWN_MEMORY_LIMIT:
                self.watch.check(self.session.exit_code)
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

    def left(self) -> float:
        """Seconds left of the submission's time budget."""
        return self.deadline - time.monotonic()

    def cell_summary(self) -> tuple[CellSummary, ...]:
        merged = {r.index: r for r in self.runs} | self.faults
        return tuple(CellSummary(r.index, r.status, r.ename, r.evalue)
                     for _, r in sorted(merged.items()) if r.status != "ok")


def _score(nb: _Notebook, plan: CheckPlan, outcome: ProbeOutcome) -> CheckResult:
    """The scored check, with the diagnose stage's hint when it failed."""
    verdict = judge(plan, outcome, nb.assignment.call_timeout, nb.lang)
    return score_check(plan, verdict, diagnose(nb.assignment, plan, outcome, verdict, nb.lang))


def _charged(plan: CheckPlan, faulted: CheckPlan, result: CheckResult, lang: str) -> CheckResult:
    """`plan`'s result when it needs a call that already hung or crashed in `faulted`."""
    function = calls_of(faulted)[-1][0]
    return score_check(plan, Verdict(result.status, say("not_again", lang, function=function,
                                                         first=faulted.check_id, what=result.message)))


def _out_of_time(plans: list[CheckPlan], todo: list[int], budget: float, lang: str) -> dict[int, CheckResult]:
    spent = Verdict("timeout", say("budget_spent", lang, seconds=f"{budget:g}"))
    return {i: score_check(plans[i], spent) for i in todo}


async def _probe_all(nb: _Notebook, plans: list[CheckPlan], markdown: list[str]) -> list[CheckResult]:
    """Probe every check, in order, as many at a time as the kernel allows: a batch ends early
    at a call that hung, killed the kernel or broke the probe cell, and the rest go again (in a
    restarted kernel after a fault). A fault is charged to its case and to the cases that need
    the same call (same function, same inputs), nothing else; once the submission's time budget
    is spent, the checks not probed yet end as timeouts. Checks of the written answers
    (`markdown`) are judged on the notebook's text, not probed."""
    results: dict[int, CheckResult] = {}
    faulted: list[int] = []
    written = {i for i, plan in enumerate(plans) if is_written(plan)}
    for i in sorted(written):
        results[i] = _score(nb, plans[i], written_outcome(markdown))
    todo = [i for i in range(len(plans)) if i not in written]
    while todo:
        batch = []
        for i in todo:
            cause = next((j for j in faulted if needs(plans[i], plans[j])), None)
            if cause is not None:
                results[i] = _charged(plans[i], plans[cause], results[cause], nb.lang)
            else:
                batch.append(i)
        if not batch:
            break
        if nb.left() <= 0:
            results |= _out_of_time(plans, batch, nb.budget, nb.lang)
            break
        try:
            await nb.ready()
        except _BudgetSpent:
            results |= _out_of_time(plans, batch, nb.budget, nb.lang)
            break
        except KernelFailure as exc:
            not_run = Verdict("error", say("not_run", nb.lang, reason=exc.text(nb.lang)))
            results[batch[0]] = score_check(plans[batch[0]], not_run)
            todo = batch[1:]
            continue
        outcomes = await probe_batch(nb.session, [plans[i] for i in batch], nb.assignment.call_timeout)
        if any(o.kind == "died" and o.detail.get("ename") != OWN_MEMORY_LIMIT for o in outcomes):
            nb.watch.check(nb.session.exit_code)
        for i, outcome in zip(batch, outcomes):
            results[i] = _score(nb, plans[i], outcome)
            if outcome.kind in FAULTS:
                faulted.append(i)
        todo = batch[len(outcomes):]
    return [results[i] for i in range(len(plans))]


async def _start(session: KernelSession, watch: infra.Watch, lang: str) -> None:
    """Start a kernel; one that cannot be started is the machine's failure (no student code
    has run in it yet)."""
    try:
        await session.start()
    except KernelFailure as exc:
        raise infra.start_failed(exc.text(lang), lang) from exc
    watch.kernel_started()


async def _grade(sources: list[str], assignment: Assignment, seed: int, workspace: Workspace, sandbox: Sandbox,
                 lang: str, warm: WarmKernels | None, markdown: list[str] = ()):
    session = KernelSession(workspace, sandbox, warm, assignment.preload, assignment.forbidden)
    plans_task = asyncio.create_task(asyncio.to_thread(plans_for, assignment, seed))
    watch = infra.Watch(warm, (assignment.preload, assignment.forbidden), lang)
    try:
        await _start(session, watch, lang)
        plans = await plans_task
        nb = _Notebook(session, sources, assignment, lang, watch)
        probed = attach_sources(await _probe_all(nb, plans, list(markdown)), plans, sources)  # runs the notebook first
        checks = combine(assignment, tuple(probed), lang)
    finally:
        await session.stop()
        if not plans_task.done():
            plans_task.cancel()
    return tuple(checks), nb.cell_summary()


def _readable_sources(submission: Submission, assignment: Assignment | None) -> list[str]:
    """The code to run; an unreadable file is reported as such before anything else."""
    if submission.problem:
        raise UnreadableNotebook(submission.problem)
    sources = code_sources(submission.read())
    if assignment is None:
        raise UndeterminedAssignment(submission.path)
    return sources


def grade_submission(submission: Submission, assignments: dict[str, Assignment], seed: int,
                     sandbox: Sandbox | None = None, lang: str = "en",
                     warm: WarmKernels | None = None) -> SubmissionResult:
    """Grade one submission end to end in a fresh, sandboxed kernel and a private scratch folder;
    every message and hint is in `lang`. With `warm`, the kernel is forked from a pre-warmed
    process when possible (same verdicts, less time). A failure of the machine (grader/infra.py)
    is tried again after a pause, infra.RETRIES times; then the result says "not graded" and
    has `retry` set, so the gradebook does not keep it."""
    sandbox = sandbox or choose()
    started = time.monotonic()
    for attempt in range(infra.RETRIES + 1):
        try:
            return _grade_once(submission, assignments, seed, sandbox, lang, warm, started)
        except InfrastructureFailure as exc:
            failure = exc
            if attempt < infra.RETRIES:
                time.sleep(infra.BACKOFF_SECONDS[min(attempt, len(infra.BACKOFF_SECONDS) - 1)])
    assignment = assignments.get(submission.assignment) if submission.assignment else None
    return SubmissionResult(student=submission.student, assignment=submission.assignment, path=submission.path,
                            sha256=submission.sha256, isolation=sandbox.layers(), status="error", score=0.0,
                            max_score=assignment.max_score if assignment else 0.0, retry=True,
                            message=say("infra.not_graded", lang, reason=failure.message),
                            seconds=round(time.monotonic() - started, 3))


def _grade_once(submission: Submission, assignments: dict[str, Assignment], seed: int, sandbox: Sandbox,
                lang: str, warm: WarmKernels | None, started: float) -> SubmissionResult:
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
                                message=reason_in(exc.text(lang), lang), seconds=round(time.monotonic() - started, 3))
    finally:
        workspace.remove()
    return SubmissionResult(**base, status="graded", score=total(checks), max_score=max_score,
                            checks=checks, cells=cells, seconds=round(time.monotonic() - started, 3))
