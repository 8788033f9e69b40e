"""Start the production server as deployed (gunicorn with deploy/gunicorn.conf.py) on a free local port and
wait until it accepts connections. Used by the deployment test (core/tests/test_serving.py) and by
bench/portal_bench.py's served measurement."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict, log_path: Path, *, extra_args: tuple[str, ...] = (),
                   timeout: float = 60) -> tuple[subprocess.Popen, int]:
    """gunicorn bound to 127.0.0.1 on a free port (GONGKAI_BIND added to `env`, the server's whole
    environment); its output goes to `log_path`. Returns the process and the port; raises RuntimeError with the log if
    the server exits or does not listen within `timeout` seconds."""
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", *extra_args],
            cwd=REPO_DIR, env={**env, "GONGKAI_BIND": f"127.0.0.1:{port}"},
            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("gunicorn did not start:\n" + Path(log_path).read_text(errors="replace")) from None
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> int:
    """Stop gracefully (SIGTERM, as systemd does) and return the exit status."""
    process.terminate()
    return process.wait(timeout=30)
