"""The standard Open311 client (PyPI's georeport) against a served council, with no key:
it lists the street problems, reads one, and is given nothing about a home or a person.

Usage: python3 .ci/open311_client.py http://127.0.0.1:PORT
"""

import sys

import requests
from georeport import GeoReport

HOMES = {"missed-bin", "new-bin", "bulky-waste", "housing-repair", "damp-mould", "asb", "noise", "pests"}
PERSONAL = {"first_name", "last_name", "email", "phone", "device_id", "account_id"}

base = sys.argv[1].rstrip("/") + "/open311/v2"
for output in ("json", "xml"):
    client = GeoReport(base, output_format=output)
    offered = {s["service_code"] for s in client.get_service_list()}
    listed = client.get_service_requests()
    if isinstance(listed, dict):  # xmltodict gives one request as a dict, not a list
        listed = [listed]
    assert listed, f"{output}: no street requests listed without a key"
    for r in listed:
        assert r["service_code"] in offered, r
        assert r["service_code"] not in HOMES, f"{output}: a home's request was listed without a key: {r}"
        assert not PERSONAL & {k for k, v in r.items() if v}, f"{output}: personal data without a key: {r}"
        assert not r.get("address_id"), f"{output}: a property number without a key: {r}"
    one = client.get_service_request(listed[0]["service_request_id"])
    if isinstance(one, list):
        one = one[0]
    assert one["service_request_id"] == listed[0]["service_request_id"], one
    print(f"open311 client ({output}): {len(listed)} street requests listed and one read, without a key")

# An unknown request is not found, with or without a key.
missing = requests.get(f"{base}/requests/NOPE-000000.json")
assert missing.status_code == 404, missing.status_code
