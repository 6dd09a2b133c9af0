"""requirements.lock pins the whole tree with hashes, and agrees with the direct pins it was made from."""

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\\;]+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[normal(match[1])] = match[2]
    return found


def lock_entries() -> dict[str, list[str]]:
    """Each locked requirement with its hash options."""
    entries, current = {}, None
    for line in (PROJECT / "requirements.lock").read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = f"{normal(match[1])}=={match[2]}"
            entries[current] = []
        elif current and line.strip().startswith("--hash=sha256:"):
            entries[current].append(line.strip())
    return entries


def test_every_direct_pin_is_locked_at_its_version():
    locked = pins(PROJECT / "requirements.lock")
    for file in ["requirements.txt", "requirements-dev.txt"]:
        for name, version in pins(PROJECT / file).items():
            assert locked.get(name) == version, f"{file} pins {name}=={version}; run `make lock`"


def test_every_locked_requirement_is_pinned_with_a_hash():
    entries = lock_entries()
    assert len(entries) > len(pins(PROJECT / "requirements.txt")) + len(pins(PROJECT / "requirements-dev.txt"))
    for requirement, hashes in entries.items():
        assert hashes, f"{requirement} has no hash"


def test_make_installs_from_the_lock_with_hashes_required():
    makefile = (PROJECT / "Makefile").read_text()
    install = makefile.split("$(BIN)/.installed:", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes -r requirements.lock" in install
    assert "requirements-dev.txt" not in install.split("\n", 1)[1]
