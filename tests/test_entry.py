"""Ctrl-C while dscheck is still starting up ends as one line and exit 130, like Ctrl-C anywhere else."""

from __future__ import annotations

import signal
import subprocess
import sys
import time


def test_ctrl_c_during_start_up_is_not_a_traceback(tmp_path):
    # The hook makes importing the CLI slow enough that the interrupt lands during start-up.
    hook = tmp_path / "sitecustomize.py"
    hook.write_text(
        "import builtins, time\n"
        "_real = builtins.__import__\n"
        "def _slow(name, *a, **k):\n"
        "    if name == 'dscheck.cli':\n"
        "        time.sleep(30)\n"
        "    return _real(name, *a, **k)\n"
        "builtins.__import__ = _slow\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "dscheck", "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    time.sleep(2)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in err and err.strip() == "dscheck: interrupted"
