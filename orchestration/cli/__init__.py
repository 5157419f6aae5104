"""The command-line entry points behind the Makefile: ``run`` (make run, make docs) with its progress lines,
``rebuild``, ``dev`` (the UI and the daemon), ``bench`` and ``bench_scale``, ``snapshot_refresh``."""
