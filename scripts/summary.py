"""Prints run-tests' closing line, `tests: N passed, N failed, N skipped`, from the Surefire
reports and the unittest output tox wrote (stdlib only)."""
import glob
import re
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for report in glob.glob("target/surefire-reports/TEST-*.xml"):
    suite = ET.parse(report).getroot()
    tests, fail = int(suite.get("tests")), int(suite.get("failures")) + int(suite.get("errors"))
    skip = int(suite.get("skipped"))
    passed += tests - fail - skip
    failed += fail
    skipped += skip
if len(sys.argv) > 1:
    with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
        text = log.read()
    # one unittest run per tox environment: "Ran N tests" then "OK" or "FAILED (failures=F, errors=E)"
    for ran, outcome in re.findall(r"^Ran (\d+) tests? in [\d.]+s\n\n(OK.*|FAILED.*)$", text, re.M):
        bad = sum(int(n) for n in re.findall(r"(?:failures|errors)=(\d+)", outcome))
        skip = sum(int(n) for n in re.findall(r"skipped=(\d+)", outcome))
        passed += int(ran) - bad - skip
        failed += bad
        skipped += skip
print("tests: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
