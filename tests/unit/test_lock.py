"""The lock files hold the whole installed tree, with hashes, at the versions pyproject.toml pins."""
import re
import tomllib

from backend import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;]+)")


def locked(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    found = dict(re.findall(r"^([a-z0-9_.-]+)==(\S+) \\\n", text, re.M))
    hashed = re.findall(r"^[a-z0-9_.-]+==\S+ \\\n(?:    --hash=sha256:[0-9a-f]{64}(?: \\\n|\n))+", text, re.M)
    return found, len(hashed)


def normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_pin_of_pyproject_is_in_the_lock_at_its_version_and_every_package_has_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for lock, wanted in (("requirements.lock", project["dependencies"]),
                         ("requirements-test.lock", project["dependencies"] + project["optional-dependencies"]["test"])):
        versions, hashed = locked(lock)
        versions = {normal(k): v for k, v in versions.items()}
        assert hashed == len(versions) > len(wanted), lock
        for requirement in wanted:
            name, version = PIN.match(requirement).groups()
            assert versions.get(normal(name)) == version, (lock, requirement)
