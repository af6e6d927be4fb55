"""The sample plan bundled with the package: the default document of every command."""

from importlib import resources
from pathlib import Path

SAMPLE_NAME = "jiangyang-14th-2022.txt"


def sample_path() -> Path:
    """Path of the bundled sample plan (Jiangyang district, Luzhou, 14th plan, 2022 update).

    >>> sample_path().name
    'jiangyang-14th-2022.txt'
    """
    return Path(str(resources.files("planwatch") / "data" / "samples" / SAMPLE_NAME))
