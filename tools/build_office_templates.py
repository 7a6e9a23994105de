"""Build the Word templates of shifan/documents/templates_office/ from tools/office_templates/.

    .venv/bin/python tools/build_office_templates.py          # write the .docx files
    .venv/bin/python tools/build_office_templates.py --check  # exit 1 if a committed file is stale

Entry dates inside the files are fixed, so an unchanged template rebuilds to the same bytes.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from shifan.documents.docx import TEMPLATES_DIR
from shifan.documents.docx.authoring import docx_parts, stable_docx_bytes
from tools.office_templates import TEMPLATES


def built() -> dict[str, bytes]:
    """Each template's file name and the bytes its builder gives now."""
    return {name: stable_docx_bytes(build()) for name, build in TEMPLATES.items()}


def stale() -> list[str]:
    """The committed templates whose parts differ from a fresh build (or that are missing)."""
    names = []
    for name, data in built().items():
        path = TEMPLATES_DIR / name
        if not path.exists() or docx_parts(path.read_bytes()) != docx_parts(data):
            names.append(name)
    return names


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale templates")
    if parser.parse_args(argv).check:
        names = stale()
        for name in names:
            print(f"stale: {name}")
        return 1 if names else 0
    TEMPLATES_DIR.mkdir(parents=True, exist_ok=True)
    for name, data in built().items():
        (TEMPLATES_DIR / name).write_bytes(data)
        print(f"wrote {TEMPLATES_DIR / name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
