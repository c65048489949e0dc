"""Mode loaded: what the process really imported, dynamic imports included."""

from __future__ import annotations

import json
import textwrap

from conftest import python


def test_loaded_takes_dynamically_imported_plugins_that_imports_mode_cannot_see(store, tmp_path):
    top = tmp_path / "proj"
    (top / "plugins").mkdir(parents=True)
    (top / "pyproject.toml").write_text("")
    (top / "plugins" / "__init__.py").write_text("")
    (top / "plugins" / "momentum.py").write_text("SIGNAL = 'momentum'\n")
    (top / "plugins" / "unused.py").write_text("SIGNAL = 'unused'\n")
    (top / "venv" / "lib").mkdir(parents=True)
    (top / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (top / "venv" / "lib" / "vendored.py").write_text("X = 1\n")
    (top / "main.py").write_text(textwrap.dedent("""
        import importlib, json, sys
        import btsnap
        sys.path.append("venv/lib")
        import vendored
        plugin = importlib.import_module("plugins." + "momentum")
        out = {}
        for mode in ("imports", "loaded", "imports+loaded"):
            run = btsnap.capture(mode=mode)
            out[mode] = sorted(f["path"] for f in run.files)
        print(json.dumps(out))
    """))
    out = json.loads(python(["main.py"], cwd=top).stdout)
    assert out["imports"] == ["main.py"]
    assert out["loaded"] == ["main.py", "plugins/__init__.py", "plugins/momentum.py"]
    assert out["imports+loaded"] == out["loaded"]


def test_a_module_edited_after_the_process_started_is_a_warning(store, tmp_path):
    top = tmp_path / "proj"
    top.mkdir()
    (top / "pyproject.toml").write_text("")
    (top / "risk.py").write_text("LIMIT = 1\n")
    (top / "main.py").write_text(textwrap.dedent("""
        import json, os, time, warnings
        import btsnap
        import risk
        time.sleep(1.2)  # past the start time's one-second grain
        with open("risk.py", "w") as f:
            f.write("LIMIT = 2\\n")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            run = btsnap.capture(mode="loaded")
        print(json.dumps({"warnings": run.warnings, "shown": [str(w.message) for w in caught]}))
    """))
    out = json.loads(python(["main.py"], cwd=top).stdout)
    assert any("risk.py" in w for w in out["warnings"]), out
    assert any(w.startswith("btsnap: ") and "risk.py" in w for w in out["shown"]), out
