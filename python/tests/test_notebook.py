"""Captures from a Jupyter notebook: a real ipykernel run through nbclient, as JupyterLab runs it."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, SRC, btsnap, python

CAPTURE_CELL = textwrap.dedent("""\
    out = {}
    for mode, p in (("entry", 1), ("imports", 1), ("imports", 2), ("loaded", 1)):
        run = btsnap.capture(params={"p": p}, mode=mode)
        out["%s/%d" % (mode, p)] = {"id": run.id, "manifest": run.manifest, "warnings": run.warnings,
                                    "files": {f["path"]: f["hash"] for f in run.files}}
    print(json.dumps(out))""")
CELLS = [
    "import json\nimport btsnap\nimport signals",
    "%time x = signals.score(3)\n!echo shell\nfor i in range(2):\n    %time y = i\nlisting = !ls\nsignals.score?",
    "%%timeit -n1 -r1\nz = signals.score(1)",
    CAPTURE_CELL,
]


KERNEL = "btsnap-test-python"


@pytest.fixture
def nb(tmp_path_factory, monkeypatch):
    """nbclient and nbformat, and a kernel spec that runs ipykernel on this test's Python (a
    ``python3`` spec elsewhere on the machine could name another); with CI=true the absence of
    nbclient, nbformat or ipykernel fails the test instead of skipping it."""
    modules = _notebook_modules()
    specs = tmp_path_factory.mktemp("jupyter")
    (specs / "kernels" / KERNEL).mkdir(parents=True)
    (specs / "kernels" / KERNEL / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "btsnap tests", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(specs))
    return modules


def _notebook_modules():
    if os.environ.get("CI") == "true":
        try:
            import ipykernel  # noqa: F401
            import nbclient
            import nbformat
        except ImportError as e:
            pytest.fail("the notebook tests need ipykernel, nbclient and nbformat (%s)" % e)
    else:
        pytest.importorskip("ipykernel")
        nbclient = pytest.importorskip("nbclient")
        nbformat = pytest.importorskip("nbformat")
    return nbclient, nbformat


def write_project(top: Path, nbformat) -> Path:
    top.mkdir(parents=True)
    (top / "pyproject.toml").write_text("")
    (top / "signals.py").write_text("import risk\n\n\ndef score(p):\n    return p * risk.LIMIT\n")
    (top / "risk.py").write_text("LIMIT = 2\n")
    (top / "unused.py").write_text("X = 1\n")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = top / "analysis.ipynb"
    nbformat.write(notebook, str(path))
    return path


class Kernel:
    """A real ipykernel in ``folder`` running cells of ``notebook``; ``session`` is what Jupyter
    puts in ``JPY_SESSION_NAME`` (the notebook's path), None for a kernel that does not know it."""

    def __init__(self, nb, notebook, folder: Path, session=None):
        nbclient, _ = nb
        self.notebook = notebook
        env = dict(os.environ)
        env["PYTHONPATH"] = str(SRC)
        env.pop("JPY_SESSION_NAME", None)
        if session is not None:
            env["JPY_SESSION_NAME"] = str(session)
        self.client = nbclient.NotebookClient(notebook, timeout=180, kernel_name=KERNEL,
                                              resources={"metadata": {"path": str(folder)}})
        self.context = self.client.setup_kernel(env=env)

    def __enter__(self):
        self.context.__enter__()
        return self

    def __exit__(self, *exc):
        return self.context.__exit__(*exc)

    def run(self, index: int) -> str:
        cell = self.notebook.cells[index]
        self.client.execute_cell(cell, index)
        return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")


def run_all(nb, path: Path, session=True):
    notebook = nb[1].read(str(path), as_version=4)
    with Kernel(nb, notebook, path.parent, path if session else None) as kernel:
        printed = [kernel.run(i) for i in range(len(notebook.cells))]
    return notebook, json.loads(printed[-1].strip().splitlines()[-1])


def test_a_notebook_run_holds_the_cells_that_ran_its_modules_and_the_notebook_without_outputs(nb, store, cli, tmp_path):
    path = write_project(tmp_path / "proj", nb[1])
    _, out = run_all(nb, path)

    assert sorted(out["entry/1"]["files"]) == ["analysis.cells.py", "analysis.ipynb"]
    assert sorted(out["imports/1"]["files"]) == ["analysis.cells.py", "analysis.ipynb", "risk.py", "signals.py"]
    assert sorted(out["loaded/1"]["files"]) == ["analysis.cells.py", "analysis.ipynb", "risk.py", "signals.py"]
    assert out["imports/1"]["manifest"] == out["imports/2"]["manifest"], "one sweep in one cell: one manifest"
    assert all(r["warnings"] == [] for r in out.values()), out

    run = out["imports/1"]["id"]
    cells = btsnap(cli, store, "cat", run, "analysis.cells.py").stdout
    order = ["# In[1]:", "import signals", "# In[2]:", "# %time x = signals.score(3)", "# !echo shell",
             "    pass  # %time y = i", "# listing = !ls", "# signals.score?", "# In[3]:", "# %%timeit -n1 -r1",
             "# z = signals.score(1)", "# In[4]:", "btsnap.capture("]
    positions = [cells.find(text) for text in order]
    assert -1 not in positions and positions == sorted(positions), cells
    assert "\nx = signals" not in cells and "\n!echo" not in cells

    stored = json.loads(btsnap(cli, store, "cat", run, "analysis.ipynb").stdout)
    assert ["".join(c["source"]) for c in stored["cells"]] == CELLS
    assert all(c["outputs"] == [] and c["execution_count"] is None and "id" not in c for c in stored["cells"])

    restored = tmp_path / "restored"
    btsnap(cli, store, "restore", run, str(restored))
    assert not (restored / "unused.py").exists()
    done = python(["analysis.cells.py"], cwd=restored)
    assert json.loads(done.stdout.strip().splitlines()[-1])["imports/1"]["files"]["signals.py"] == \
        out["imports/1"]["files"]["signals.py"]


def test_saving_the_notebook_with_its_outputs_leaves_the_manifest_unchanged(nb, store, tmp_path):
    path = write_project(tmp_path / "proj", nb[1])
    executed, before = run_all(nb, path)
    # What JupyterLab adds on saving a notebook it ran: the kernel's language, cell timings, view state.
    executed.metadata["language_info"] = {"name": "python", "version": sys.version.split()[0]}
    executed.cells[1].metadata["execution"] = {"iopub.execute_input": "2026-12-03T08:00:00.000001Z"}
    executed.cells[2].metadata["scrolled"] = True
    nb[1].write(executed, str(path))
    saved = json.loads(path.read_text())
    assert any(c["outputs"] for c in saved["cells"]) and saved["cells"][0]["execution_count"] == 1

    _, after = run_all(nb, path)
    for mode in ("entry/1", "imports/1", "loaded/1"):
        assert after[mode]["manifest"] == before[mode]["manifest"], mode
    assert after["entry/1"]["warnings"] == []


def test_a_saved_notebook_that_differs_from_what_ran_is_a_warning(nb, store, tmp_path):
    path = write_project(tmp_path / "proj", nb[1])
    notebook = nb[1].read(str(path), as_version=4)
    with Kernel(nb, notebook, path.parent, path) as kernel:
        kernel.run(0)
        kernel.run(1)
        kernel.run(2)
        edited = nb[1].read(str(path), as_version=4)
        edited.cells[1].source = "x = signals.score(4)"
        nb[1].write(edited, str(path))
        out = json.loads(kernel.run(3).strip().splitlines()[-1])
    warnings = out["entry/1"]["warnings"]
    assert warnings == ["the saved notebook analysis.ipynb differs from what the kernel ran: 1 of 4 executed cells"
                        " are not in it as saved; the code that ran is in analysis.cells.py"], warnings


def test_without_the_notebooks_path_the_cells_alone_make_the_run(nb, store, cli, tmp_path):
    path = write_project(tmp_path / "proj", nb[1])
    _, out = run_all(nb, path, session=False)
    assert sorted(out["entry/1"]["files"]) == ["notebook.cells.py"]
    assert sorted(out["imports/1"]["files"]) == ["notebook.cells.py", "risk.py", "signals.py"]
    shown = json.loads(btsnap(cli, store, "show", "--json", out["entry/1"]["id"]).stdout)
    assert shown["entry"] == "notebook.cells.py"
    assert "jupyter kernel: notebook path unknown" in shown["files"][0]["reason"]


def test_the_notebook_example_runs_and_captures_each_backtest(nb, store, tmp_path):
    import shutil

    top = tmp_path / "notebook"
    shutil.copytree(REPO / "examples" / "notebook", top, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    path = top / "sweep.ipynb"
    notebook = nb[1].read(str(path), as_version=4)
    with Kernel(nb, notebook, top, path) as kernel:
        for i in range(len(notebook.cells)):
            kernel.run(i)
    printed = "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []) if o.get("name") == "stdout")
    runs = [json.loads(line) for line in printed.splitlines() if line.startswith("{")]
    errors = "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []) if o.get("name") == "stderr")
    assert "btsnap" not in errors, errors
    assert len(runs) >= 3, printed
    assert len({r["manifest"] for r in runs}) == 1, "a sweep in one cell shares one manifest"
    assert all(sorted(r["files"]) == ["momentum.py", "sweep.cells.py", "sweep.ipynb"] for r in runs), runs


def test_without_ipythons_rules_the_line_rule_still_gives_a_runnable_file(tmp_path):
    # The client falls back to it when IPython's transformers are not what it expects.
    code = textwrap.dedent("""\
        import json, sys
        from btsnap import _cells
        text = _cells.script(["x = 1\\n%time y = 2\\nfor i in range(2):\\n    !ls\\nz = !pwd\\nx?",
                              "%%bash\\necho hi", "%%time\\nw = x + 1\\n%ls"])
        exec(compile(text, "cells", "exec"), {})
        print(json.dumps(text))""")
    text = json.loads(python(["-c", code], cwd=tmp_path).stdout)
    for line in ("# %time y = 2", "    pass  # !ls", "# z = !pwd", "# x?", "# %%bash", "# echo hi", "# %%time",
                 "w = x + 1", "# %ls"):
        assert "\n" + line + "\n" in text, (line, text)
