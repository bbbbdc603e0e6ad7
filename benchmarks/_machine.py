"""What the benchmark scripts report about the machine they ran on."""
from __future__ import annotations

import platform
import subprocess


def cpu_model() -> str:
    """The processor's model name from lscpu ("AMD EPYC"), else platform's guess, else "unknown"."""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
