"""What runs a refresh without a person: the refresh job and its yearly schedule, the inbox and failure sensors,
and the outcome record every refresh leaves (``last_refresh.json``, the run's failure tags)."""
