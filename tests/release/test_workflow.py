"""The release workflow publishes every distribution, the core first, with trusted publishing and
attestations; only the publish jobs may ask for an OIDC token. (actionlint, in `nox -s lint`,
checks that it is a valid workflow; this checks that it is the release we mean.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from release.clients import select

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
PUBLISH_ACTION = "pypa/gh-action-pypi-publish@"


def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def publish_jobs() -> dict[str, dict[str, Any]]:
    return {
        name: job
        for name, job in workflow()["jobs"].items()
        if any(str(step.get("uses", "")).startswith(PUBLISH_ACTION) for step in job.get("steps", []))
    }


def test_it_runs_on_release_tags_and_reads_only_by_default() -> None:
    loaded = workflow()
    on = loaded.get("on", loaded.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert on == {"push": {"tags": ["grantwire-*-v*"]}}
    assert loaded["permissions"] == {"contents": "read"}


def test_one_publish_job_per_distribution_with_attestations_core_first() -> None:
    jobs = publish_jobs()
    by_folder = {}
    for name, job in jobs.items():
        (step,) = [step for step in job["steps"] if str(step.get("uses", "")).startswith(PUBLISH_ACTION)]
        assert step["with"]["attestations"] is True
        by_folder[step["with"]["packages-dir"]] = name
    distributions = select([], ROOT)
    assert sorted(by_folder) == sorted(f"upload/{d.distribution}/" for d in distributions)
    core_job = by_folder["upload/grantwire-core/"]
    for folder, name in by_folder.items():
        distribution = folder.split("/")[1]
        assert f"'{distribution}-v'" in str(jobs[name]["if"])  # runs only when its tag is on the commit
        if name != core_job:
            assert core_job in jobs[name]["needs"]


def test_only_publish_jobs_get_an_id_token() -> None:
    jobs = workflow()["jobs"]
    publishers = publish_jobs()
    for name, job in jobs.items():
        permissions = job.get("permissions", {})
        if name in publishers:
            assert permissions == {"id-token": "write"}
            assert job["environment"]["name"] == "pypi"
        else:
            assert "id-token" not in permissions


def test_tests_the_drift_check_and_the_rehearsal_come_before_the_build() -> None:
    jobs = workflow()["jobs"]
    check_runs = [step.get("run", "") for step in jobs["check"]["steps"]]
    assert "nox -s generate -- --check" in check_runs
    assert any(run.startswith("nox -s lint typecheck tests") for run in check_runs)
    assert "nox -s release-rehearsal" in check_runs
    assert jobs["build"]["needs"] == "check"
    build_runs = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "nox -s release-plan" in build_runs
    assert 'nox -s build -- "${arguments[@]}"' in build_runs
