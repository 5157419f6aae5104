"""The dbt project as dagster-dbt sees it. The manifest is prepared by ``make manifest`` (``dbt parse``) or by the
test session, never at import time."""

from __future__ import annotations

from dagster_dbt import DbtProject

from orchestration.config import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def require_manifest() -> None:
    if not dbt_project.manifest_path.exists():
        raise FileNotFoundError(
            f"dbt manifest not found at {dbt_project.manifest_path}: run `make manifest` "
            "(dbt parse --project-dir dbt_project --profiles-dir dbt_project) first"
        )
