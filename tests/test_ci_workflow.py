"""The forge's CI workflow runs what ``.ci/run`` runs: every tool the tests need, and no
test skipped for a missing one."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

CHECKOUT = Path(__file__).parents[1]


def workflow() -> dict:
    return yaml.safe_load((CHECKOUT / ".github/workflows/ci.yml").read_text(encoding="utf8"))


def test_the_test_job_requires_every_tool_as_ci_run_does():
    flow = workflow()
    assert flow["env"]["CALLPOSTS_REQUIRE_ALL"] == "1"
    steps = flow["jobs"]["tests"]["steps"]
    script = "\n".join(step.get("run", "") for step in steps)
    installed = set(re.findall(r"[\w.+-]+", script.split("apt-get install", 1)[1].split("\n\n")[0]))
    # what .ci/run installs, by the same names
    ci_run = (CHECKOUT / ".ci/run").read_text(encoding="utf8")
    for package in ("latexmk", "texlive-latex-extra", "tex-gyre", "nginx", "apache2"):
        assert package in ci_run and package in installed, package
    # Ubuntu's chromium-browser is a snap stub: a real browser, under a name tests find
    assert "chromium-browser" not in script
    assert any(step.get("uses", "").startswith("browser-actions/setup-chrome@") for step in steps)
    assert "/usr/local/bin/chromium" in script
    # the corpus is the one skip allowed, as in .ci/run, and any other fails the job
    assert "../shared/corpus/gardener-blog" in script and "CALLPOSTS_REQUIRE_ALL=0" in script
    assert "grep -v 'Gardener corpus'" in script
