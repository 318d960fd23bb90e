"""An installed quotebot carries its bundled data: it answers from any directory (issue 11)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from bot.core.sources import tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_the_package_list_names_every_package_of_the_source_tree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = set(project["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "bot").rglob("__init__.py")}
    assert declared == found | {"bot.bundled"}


def test_an_installed_wheel_answers_from_another_directory(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for part in ("bot", "data"):
        shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3*"))
    for part in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / part, source / part)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("quotebot-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)  # a wheel's pure-Python files, installed as pip would lay them out

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(site),
        "QUOTEBOT_MEANING": "off",
        "QUOTEBOT_DB": str(elsewhere / "index.sqlite3"),
    }
    where = subprocess.run(
        [sys.executable, "-c", "import bot, bot.config; print(bot.__file__); print(bot.config.BUNDLED_DATA)"],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )
    module, bundled = where.stdout.split()
    assert Path(module).is_relative_to(site) and Path(bundled) == site / "bot" / "bundled"

    asked = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "merci"], capture_output=True, text=True, cwd=elsewhere, env=env
    )
    assert asked.returncode == 0, asked.stderr
    assert "Traceback" not in asked.stderr and "«" in asked.stdout
