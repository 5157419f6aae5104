"""``make dev``: the Dagster UI and the daemon (schedules, sensors) on the instance in DAGSTER_HOME, as the
superseded ``dagster dev`` started them; Ctrl-C (or SIGTERM) stops both."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
CODE = ["-m", "orchestration.definitions"]


def main(host: str = "127.0.0.1", port: str = "3000") -> int:
    daemon = subprocess.Popen([str(BIN / "dagster-daemon"), "run", *CODE])
    webserver = subprocess.Popen([str(BIN / "dagster-webserver"), "-h", host, "-p", port, *CODE])
    signal.signal(signal.SIGTERM, lambda *_: webserver.terminate())
    try:
        return webserver.wait()
    except KeyboardInterrupt:
        webserver.terminate()
        return webserver.wait()
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=20)
        except subprocess.TimeoutExpired:
            daemon.kill()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
