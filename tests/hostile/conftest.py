"""Hostile-input tests: small bad files built by the tests themselves, plus fuzzing.

The Hypothesis profile is derandomized (the same cases every run, so CI cannot flake on a
new random example), keeps no example database in the repository, and has no per-example
deadline (a loaded 2-core CI machine is slow); each fuzz test bounds its own case count.
"""

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers.checkpoint_files import write_base

settings.register_profile(
    "digit-lab",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("digit-lab")


@pytest.fixture(scope="module")
def base_file(tmp_path_factory):
    """A real tiny checkpoint file (tests.helpers.checkpoint_files), written once per module."""
    path = tmp_path_factory.mktemp("base") / "base.pt"
    write_base(path)
    return path
