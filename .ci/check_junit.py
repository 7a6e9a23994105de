"""Fail when tests whose id contains a required word were skipped or did not run at all."""

import argparse
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("junit")
    parser.add_argument("--require", action="append", default=[])
    args = parser.parse_args()
    cases = ET.parse(args.junit).getroot().iter("testcase")  # noqa: S314 -- our own pytest output
    seen = {word: [0, 0] for word in args.require}  # ran, skipped
    for case in cases:
        ident = f"{case.get('classname')}.{case.get('name')}"
        for word in args.require:
            if word in ident:
                seen[word][1 if case.find("skipped") is not None else 0] += 1
    failed = False
    for word, (ran, skipped) in seen.items():
        print(f"{word}: {ran} ran, {skipped} skipped")
        if ran == 0 or skipped:
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
