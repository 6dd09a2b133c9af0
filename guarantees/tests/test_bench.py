"""The benchmark script still runs (at a sliver of its scale), so that it cannot rot unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_compare_bench_runs_at_a_small_scale(tmp_path):
    environment = {
        **os.environ,
        "BENCH_SCALE": "0.02",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    script = Path(settings.BASE_DIR) / "bench" / "compare_bench.py"
    result = subprocess.run([sys.executable, script], env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "/en/compare/" in result.stdout
    assert "30000 assessments" not in result.stdout  # the small scale, not the stated one
