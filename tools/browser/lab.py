"""A real JupyterLab in a real (headless) Chromium, for the browser suite and `make bench`.

`JupyterLab` starts a server on 127.0.0.1 (free port, random token) over a *copy* of the
notebooks, so nothing the browser does (running cells, autosave) can touch the committed
files. Its user settings live in a temporary folder: the UI language (pt-BR through the
language pack, or English), no news or update checks, no autosave, and no notebook
windowing (every cell stays in the page, so selectors see them all).

`browser()` launches Debian's Chromium through playwright (no browser download), and
`NotebookPage` does what a student does: open a notebook, clear all outputs, run all, and
wait until every code cell has an execution count. Menus are found by their command
(`data-command`), not their text, because the pt-BR pack translates only part of the UI.

`ClassicNotebook` and `ClassicNotebookPage` do the same in the classic Notebook 6.5 with
ipywidgets 7.7.1 (widgetsnbextension 3.6) of the Colab-like environment
(`RNN_LESSONS_FRONTEND=classic`, `make test-colab-browser`): the ipywidgets-7 front end,
the closest stand-in for Colab's that runs here. Its UI has no pt-BR translation; the
notebooks are still the pt and en ones.

Classroom conditions: the window is a projector's 1280×720, and the Portuguese server uses
JupyterLab's dark theme while the English one uses the light theme, so every row is seen in
both themes. `NotebookPage.unreadable_text()` measures the contrast of our widgets' text as
the browser draws it, `too_tall_widgets()` what does not fit the notebook's visible area.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tools.build_notebooks import EXECUTION_ENV
from tools.lab_settings import OVERRIDES, TRANSLATION, UI_LOCALES

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "browser" / "fixtures"  # notebooks made for the suite
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("RNN_LESSONS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
THEMES = {"pt": "JupyterLab Dark", "en": "JupyterLab Light"}
PROJECTOR = {"width": 1280, "height": 720}  # a common classroom projector
MIN_CONTRAST = 4.5                          # WCAG AA for normal text

# User settings of the test server: plugin id -> settings.
SETTINGS = {
    **OVERRIDES,  # what `make lab` sets too: no news, no update checks
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}

SERVER_START_TIMEOUT = 60      # seconds
RUN_ALL_TIMEOUT = 300          # seconds for one notebook's "Run all"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterLab:
    """One JupyterLab server whose UI speaks `lang` ("pt" or "en"); use it as a context."""

    frontend = "lab"

    def __init__(self, lang: str):
        self.lang = lang
        self.theme = THEMES[lang]
        self.token = secrets.token_hex(24)
        self.port = free_port()
        self.tmp = Path(tempfile.mkdtemp(prefix=f"rnn-lab-{lang}-"))
        self.root = self.tmp / "root"
        self.log_path = self.tmp / "jupyterlab.log"
        self.process: subprocess.Popen | None = None

    # -- files the server sees -------------------------------------------------------
    def _copy_notebooks(self) -> None:
        shutil.copytree(ROOT / "notebooks", self.root / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        shutil.copytree(FIXTURES, self.root / "fixtures",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))

    def _write_settings(self) -> Path:
        settings_dir = self.tmp / "settings"
        wanted = dict(SETTINGS)
        wanted[TRANSLATION] = {"locale": UI_LOCALES[self.lang]}
        wanted["@jupyterlab/apputils-extension:themes"] = {"theme": THEMES[self.lang]}
        for plugin, values in wanted.items():
            package, name = plugin.split(":")
            path = settings_dir / package / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        return settings_dir

    # -- life cycle ------------------------------------------------------------------
    bin_dir = Path(sys.executable).parent  # the environment the server and kernels run in

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "JUPYTERLAB_SETTINGS_DIR": str(self._write_settings()),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.tmp / "workspaces"),
            "JUPYTER_RUNTIME_DIR": str(self.tmp / "runtime"),
            "PATH": f"{self.bin_dir}{os.pathsep}{env.get('PATH', '')}",
            # Kernels inherit these: CPU like CI, helpers' default language = the UI's.
            **{k: EXECUTION_ENV[k] for k in ("RNN_LESSONS_DEVICE", "PYTHONHASHSEED")},
            "RNN_LESSONS_LANGUAGE": self.lang,
        })
        return env

    def _command(self) -> list[str]:
        return [str(self.bin_dir / "jupyter"), "lab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                "--LabApp.expose_app_in_browser=True"]

    def start(self) -> JupyterLab:
        self._copy_notebooks()
        env = self._env()
        command = self._command()
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(command, env=env, stdout=log,
                                        stderr=subprocess.STDOUT, cwd=self.tmp)
        self._log = log
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{command[1]} exited at start:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                self.api("GET", "/api/status")
                return self
            time.sleep(0.2)
        raise RuntimeError(f"{command[1]} not ready after {SERVER_START_TIMEOUT} s:\n"
                           f"{self.log_tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.delete_sessions()
            self.process.terminate()  # the server shuts its kernels down on SIGTERM
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            self._log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> JupyterLab:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()

    def log_tail(self, chars: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        return ""

    # -- REST API --------------------------------------------------------------------
    def api(self, method: str, path: str):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def delete_sessions(self) -> int:
        """Shut down every kernel session (kernels outlive the page that started them)."""
        sessions = self.api("GET", "/api/sessions")
        for session in sessions:
            self.api("DELETE", f"/api/sessions/{session['id']}")
        return len(sessions)

    def url(self, path: str, workspace: str) -> str:
        """The page that opens `path` (relative to the server root) in a fresh workspace."""
        return (f"http://127.0.0.1:{self.port}/lab/workspaces/{workspace}/tree/{path}"
                f"?token={self.token}")


class ClassicNotebook(JupyterLab):
    """The classic Notebook 6.5 server of the Colab-like environment (ipywidgets 7.7.1).

    Its environment is RNN_LESSONS_CLASSIC_BIN (`make test-colab-browser` sets it to
    .venv-colab/bin); the helpers are not installed there, so kernels find them on
    PYTHONPATH, as in `make test-colab`.
    """

    frontend = "classic"

    def __init__(self, lang: str):
        super().__init__(lang)
        self.theme = "light"  # the classic Notebook has one theme
        self.bin_dir = Path(os.environ.get("RNN_LESSONS_CLASSIC_BIN", "")).resolve()
        if not (self.bin_dir / "jupyter-notebook").exists():
            raise RuntimeError(f"no classic Notebook in {self.bin_dir}: set "
                               "RNN_LESSONS_CLASSIC_BIN (make test-colab-browser does)")

    def _env(self) -> dict[str, str]:
        env = super()._env()
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT),
                                                          env.get("PYTHONPATH", "")]))
        env["JUPYTER_CONFIG_DIR"] = str(self.tmp / "config")  # no user nbconfig leaks in
        return env

    def _command(self) -> list[str]:
        return [str(self.bin_dir / "jupyter-notebook"), "--no-browser",
                "--NotebookApp.ip=127.0.0.1", f"--NotebookApp.port={self.port}",
                "--NotebookApp.port_retries=0", f"--NotebookApp.token={self.token}",
                f"--NotebookApp.notebook_dir={self.root}",
                "--NotebookApp.show_banner=False"]  # no "migrate to Notebook 7" banner

    def url(self, path: str, workspace: str) -> str:
        return f"http://127.0.0.1:{self.port}/notebooks/{path}?token={self.token}"


def server(lang: str) -> JupyterLab:
    """The server the suite runs against: JupyterLab, or the classic Notebook when
    RNN_LESSONS_FRONTEND=classic."""
    frontend = os.environ.get("RNN_LESSONS_FRONTEND", "lab")
    if frontend not in ("lab", "classic"):
        raise RuntimeError(f"RNN_LESSONS_FRONTEND must be lab or classic, not {frontend!r}")
    return ClassicNotebook(lang) if frontend == "classic" else JupyterLab(lang)


@contextlib.contextmanager
def browser(lang: str = "en") -> Iterator:
    """A headless Chromium context with a fresh profile (a playwright BrowserContext)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium "
                           "(apt-get install -y chromium) or set RNN_LESSONS_CHROMIUM")
    profile = tempfile.mkdtemp(prefix="rnn-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                viewport=PROJECTOR,
                locale="pt-BR" if lang == "pt" else "en-US")
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# The open notebook's code cells, read from JupyterLab's own model (the server runs with
# expose_app_in_browser): a prompt in the page is empty for a cell whose input is collapsed
# (the lessons' solutions), so the page alone cannot say whether every cell ran.
_CELLS_JS = """() => {
    const cells = window.jupyterapp.shell.currentWidget.content.widgets
        .filter(cell => cell.model.type === 'code');
    const errors = [];
    for (const [i, cell] of cells.entries()) {
        const tags = cell.model.getMetadata('tags') || [];
        for (const out of cell.model.outputs.toJSON()) {
            if (out.output_type === 'error' && !tags.includes('raises-exception'))
                errors.push(`code cell ${i + 1}: ${out.ename}: ${out.evalue}`);
        }
    }
    return {total: cells.length,
            done: cells.filter(c => c.model.executionCount !== null
                                    && c.model.executionState !== 'running').length,
            running: cells.filter(c => c.model.executionState === 'running').length,
            errors};
}"""


class NotebookPage:
    """A notebook open in JupyterLab, driven as a student drives it."""

    def __init__(self, page, lab: JupyterLab, path: str, workspace: str):
        self.page = page
        self.lab = lab
        self.path = path
        self.workspace = workspace

    def open(self) -> None:
        self.page.goto(self.lab.url(self.path, self.workspace))
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        self.page.wait_for_selector(".jp-Notebook-ExecutionIndicator", timeout=60_000)

    def html_lang(self) -> str:
        return self.page.evaluate("document.documentElement.lang") or ""

    def menu(self, command: str) -> None:
        """Click the menu entry that runs `command`, whatever the menu bar's language."""
        entry = self.page.locator(f".lm-Menu-item[data-command='{command}']")
        for item in self.page.locator(".lm-MenuBar-item").all():
            item.click()
            if entry.first.is_visible():
                entry.first.click()
                return
            self.page.keyboard.press("Escape")
        raise AssertionError(f"no menu entry runs {command!r}")

    def cells(self) -> dict:
        """Code cells: total, done (ran), running (queued or running), errors (texts)."""
        return self.page.evaluate(_CELLS_JS)

    def clear_all_outputs(self) -> None:
        self.page.locator(".jp-Notebook").first.click()  # the notebook takes the focus
        self.menu("editmenu:clear-all")
        self.page.wait_for_function(
            "() => !document.querySelector('.jp-Notebook .jp-OutputArea-output')",
            timeout=30_000)
        counts = self.cells()
        assert counts["done"] == 0, f"cells still show execution counts: {counts}"

    def run_all(self, timeout: float = RUN_ALL_TIMEOUT) -> float:
        """Run all cells; wait until each code cell has run. Returns the seconds it took."""
        start = time.monotonic()
        self.menu("runmenu:run-all")
        started = False
        while time.monotonic() - start < timeout:
            counts = self.cells()
            started = started or counts["running"] > 0 or counts["done"] > 0
            if counts["errors"] or (started and counts["running"] == 0):
                assert not counts["errors"], f"{self.path}: " + "\n".join(counts["errors"])
                assert counts["done"] == counts["total"], (
                    f"{self.path}: Run all stopped after {counts['done']} of "
                    f"{counts['total']} code cells")
                self.page.wait_for_selector(
                    ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
                return time.monotonic() - start
            time.sleep(0.2)
        raise AssertionError(f"{self.path}: Run all did not finish in {timeout} s "
                             f"({self.cells()})")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


# The classic Notebook's code cells, from its own model (`Jupyter.notebook`): a prompt is
# '*' while a cell waits or runs, a number once it ran.
_CLASSIC_CELLS_JS = """() => {
    const cells = Jupyter.notebook.get_cells().filter(cell => cell.cell_type === 'code');
    const errors = [];
    for (const [i, cell] of cells.entries()) {
        const tags = cell.metadata.tags || [];
        for (const out of cell.output_area.outputs) {
            if (out.output_type === 'error' && !tags.includes('raises-exception'))
                errors.push(`code cell ${i + 1}: ${out.ename}: ${out.evalue}`);
        }
    }
    return {total: cells.length,
            done: cells.filter(c => typeof c.input_prompt_number === 'number').length,
            running: cells.filter(c => c.input_prompt_number === '*').length,
            errors};
}"""


class ClassicNotebookPage(NotebookPage):
    """A notebook open in the classic Notebook, driven through its menus."""

    def open(self) -> None:
        self.page.goto(self.lab.url(self.path, self.workspace))
        self.page.wait_for_selector("#notebook-container .cell", timeout=60_000)
        self.page.wait_for_selector("#kernel_indicator_icon.kernel_idle_icon",
                                    timeout=60_000)

    def menu(self, *ids: str) -> None:
        """Open a menu and follow entries by their element ids (e.g. 'celllink',
        'all_outputs', 'clear_all_output'): the same in every UI language."""
        first, *rest = ids
        self.page.click(f"#{first}")
        for entry in rest[:-1]:
            self.page.hover(f"#{entry}")
        self.page.click(f"#{rest[-1]}")

    def cells(self) -> dict:
        return self.page.evaluate(_CLASSIC_CELLS_JS)

    def clear_all_outputs(self) -> None:
        self.menu("celllink", "all_outputs", "clear_all_output")
        self.page.wait_for_function(
            "() => !document.querySelector('#notebook-container .output_area')",
            timeout=30_000)
        # Cleared outputs keep their prompt numbers in the classic Notebook; a restart
        # clears them, so that "ran" below means ran now.
        self.page.evaluate("() => Jupyter.notebook.get_cells().forEach("
                           "c => c.cell_type === 'code' && c.set_input_prompt(null))")
        counts = self.cells()
        assert counts["done"] == 0, f"cells still show execution counts: {counts}"

    def run_all(self, timeout: float = RUN_ALL_TIMEOUT) -> float:
        start = time.monotonic()
        self.menu("celllink", "run_all_cells")
        while time.monotonic() - start < timeout:
            counts = self.cells()
            if counts["errors"] or (counts["running"] == 0 and counts["done"] > 0):
                assert not counts["errors"], f"{self.path}: " + "\n".join(counts["errors"])
                assert counts["done"] == counts["total"], (
                    f"{self.path}: Run all stopped after {counts['done']} of "
                    f"{counts['total']} code cells")
                self.page.wait_for_selector("#kernel_indicator_icon.kernel_idle_icon",
                                            timeout=60_000)
                return time.monotonic() - start
            time.sleep(0.2)
        raise AssertionError(f"{self.path}: Run all did not finish in {timeout} s "
                             f"({self.cells()})")


def notebook_page(page, server: JupyterLab, path: str, workspace: str) -> NotebookPage:
    """The page object for `server`'s front end."""
    kind = ClassicNotebookPage if server.frontend == "classic" else NotebookPage
    return kind(page, server, path, workspace)
