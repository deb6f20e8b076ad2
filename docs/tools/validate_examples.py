#!/usr/bin/env python3
"""Checks docs/examples/*.json against the contract, offline (no broker, no Swift).

For every example file:
  * JSON without duplicate keys, valid against docs/contract/envelope.schema.json (which selects
    the data schema by the event type), every schema itself valid JSON Schema 2020-12;
  * the envelope checks of EnvelopeCodec.decode (required non-empty string attributes,
    specversion 1.0, schemaversion 1.x, RFC 3339 time with offset, W3C traceparent, data present,
    applicationid charset and length).
For application-*.json in addition, the checks of intake (ApplicationReception.swift):
  * type kz.qyzmet.application.submitted, a known application.channel (else application.invalid),
    application.applicationId == applicationid;
  * the Ed25519 signature over "qyzmet.application.v1\\n" + canonical JSON of data.application,
    with the key named by signature.keyId in compose/dev-keys/trust.json, which must be trusted
    for channel:<application.channel>; the signature method allowed on that channel;
  * no number with a fraction anywhere in the application (else a refusal invalid-application);
  * the package check (a port of PackageCheck.swift against the catalogue directory), predicting the
    receipt: accepted for identification, or refused with a code.
application-bad-signature.json must FAIL the signature check, application-incomplete.json must
be refused with incomplete-package, every other application must pass everything.
gateway-response.json: the gateway signature and the request hash are checked too.

Prints one line per file; exits 1 on any unexpected result.

    python3 docs/tools/validate_examples.py [--examples DIR] [--trust FILE]
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import json
import pathlib
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "docs" / "contract"
CATALOGUE = ROOT / "Shared" / "Rules" / "Resources" / "catalogue"
ENVELOPE_ID = "https://qyzmet.kz/schemas/v1/envelope.schema.json"
KZ = dt.timezone(dt.timedelta(hours=5))

# What each application example must come to at intake.
EXPECTED = {
    "application-bad-signature.json": ("dead-letter", "signature.invalid"),
    "application-incomplete.json": ("refused", "incomplete-package"),
}
DEFAULT_EXPECTATION = ("accepted", None)  # signature good, package complete: on to identification


class Problem(Exception):
    pass


# --- the same canonical form as produce_example.py / JSONValue.canonicalData ---------------

def canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


# The canonical-JSON vector of Tests/DomainTests/ContractTests.swift ("canonical JSON: sorted keys,
# no spaces, minimal escapes, UTF-8 kept"): this Python form must give the same bytes as Swift.
SWIFT_VECTOR_IN = r'{ "b": [1, true, null], "a": "Қ\u0001\"\\/" , "c": {"z": 1, "y": 2} }'
SWIFT_VECTOR_OUT = r'{"a":"Қ\u0001\"\\/","b":[1,true,null],"c":{"y":2,"z":1}}'


def no_duplicates(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise Problem(f"duplicate key {k!r}")
        obj[k] = v
    return obj


# --- schemas --------------------------------------------------------------------------------

def load_validator() -> Draft202012Validator:
    resources = []
    for path in sorted(CONTRACT.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        expected_id = f"https://qyzmet.kz/schemas/v1/{path.name}"
        if schema.get("$id") != expected_id:
            raise SystemExit(f"{path.name}: $id must be {expected_id}")
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    envelope = registry.contents(ENVELOPE_ID)
    return Draft202012Validator(envelope, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(validator: Draft202012Validator, event) -> list[str]:
    errors = sorted(validator.iter_errors(event), key=lambda e: list(e.absolute_path))
    out = []
    for e in errors:
        # Report the deepest cause of anyOf/if-then failures.
        leaf = e
        while leaf.context:
            leaf = min(leaf.context, key=lambda c: len(list(c.absolute_path)) * -1)
        where = "/".join(str(p) for p in leaf.absolute_path) or "(root)"
        out.append(f"{where}: {leaf.message}")
    return out


# --- ports of the Swift checks ----------------------------------------------------------------

INSTANT = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")


def parse_instant(text: str) -> dt.datetime | None:
    """KazakhstanTime.parse: YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]."""
    m = INSTANT.match(text)
    if not m:
        return None
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    if h >= 24 or mi >= 60 or s >= 61:
        return None
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    zone = m.group(8)
    offset = dt.timedelta(0)
    if zone not in ("Z", "z"):
        sign = 1 if zone[0] == "+" else -1
        offset = sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    base = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) + dt.timedelta(hours=h, minutes=mi, seconds=s)
    return base - offset


def traceparent_valid(value: str) -> bool:
    parts = value.split("-")
    return (len(parts) == 4 and [len(p) for p in parts] == [2, 32, 16, 2]
            and all(re.fullmatch(r"[0-9A-Fa-f]+", p) for p in parts) and parts[1] != "0" * 32)


def schema_version_supported(v: str) -> bool:
    head = v.split(".")[0]
    try:
        return int(head) == 1
    except ValueError:
        return False


def envelope_problems(event) -> list[str]:
    """EnvelopeCodec.build for structured mode; each problem would be a dead letter envelope.*."""
    if not isinstance(event, dict):
        return ["envelope.not-json: top level is not an object"]
    def attr(name):
        v = event.get(name)
        return v if isinstance(v, str) and v != "" else None
    problems = []
    for name in ["specversion", "schemaversion", "time", "traceparent", "applicationid", "id", "type", "source", "correlationid"]:
        if attr(name) is None:
            problems.append(f"envelope.missing-attribute: {name}")
    if problems:
        return problems
    if event["specversion"] != "1.0":
        problems.append("envelope.unsupported-specversion")
    if not schema_version_supported(event["schemaversion"]):
        problems.append("envelope.unsupported-schema-version")
    if parse_instant(event["time"]) is None:
        problems.append("envelope.invalid-attribute: time")
    if not traceparent_valid(event["traceparent"]):
        problems.append("envelope.invalid-attribute: traceparent")
    if event.get("data") is None:
        problems.append("envelope.missing-attribute: data")
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", event["applicationid"]):
        problems.append("envelope.invalid-attribute: applicationid")
    return problems


def iin_check_digit(first11: list[int]) -> int | None:
    first = sum(d * w for d, w in zip(first11, range(1, 12))) % 11
    if first != 10:
        return first
    second = sum(d * w for d, w in zip(first11, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
    return None if second == 10 else second


def iin_valid(text: str) -> bool:
    """IIN.isValid."""
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{12}", text):
        return False
    d = [int(c) for c in text]
    if not 1 <= d[6] <= 6:
        return False
    century = 1800 + ((d[6] - 1) // 2) * 100
    try:
        dt.date(century + d[0] * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5])
    except ValueError:
        return False
    return iin_check_digit(d[:11]) == d[11]


def verify(trust: dict, signature: dict, content, prefix: str, key_purpose: str) -> None:
    """TrustStore.verify."""
    entry = trust.get(signature.get("keyId"))
    if entry is None:
        raise Problem(f"key {signature.get('keyId')} is not in the trust store")
    if entry["purpose"] != key_purpose:
        raise Problem(f"key {entry['keyId']} is not trusted for {key_purpose}")
    public_key = Ed25519PublicKey.from_public_bytes(base64.b64decode(entry["publicKey"]))
    try:
        public_key.verify(base64.b64decode(signature["value"], validate=True), (prefix + "\n").encode() + canonical_json(content))
    except (InvalidSignature, ValueError) as e:
        raise Problem(f"signature does not verify with key {entry['keyId']}") from e


def form_satisfies(given: str, required: str) -> bool:
    if required == "original":
        return given in ("original", "digital")
    if required == "copy":
        return given in ("original", "copy", "digital")
    if required == "electronic-copy":
        return given in ("electronic-copy", "digital")
    return given == required


def load_catalogue() -> dict:
    """The catalogue directory: act versions by service, and the offices."""
    # acts/<act>/<version>/act.json, with one file per service beside it (CatalogueLoader.swift).
    acts = []
    for path in sorted((CATALOGUE / "acts").glob("*/*/act.json")):
        act = json.loads(path.read_text(encoding="utf-8"))
        for service_file in sorted(path.parent.glob("*.json")):
            if service_file.name != "act.json":
                service = json.loads(service_file.read_text(encoding="utf-8"))
                if "code" in service:
                    act.setdefault("services", []).append(service)
        acts.append(act)
    offices = json.loads((CATALOGUE / "reference" / "offices.json").read_text(encoding="utf-8"))
    return {"acts": acts, "offices": {o["id"]: o for o in offices}}


def service_on(catalogue: dict, code: str, day: dt.date) -> dict | None:
    """Catalogue.service(_:on:): the version of the act in force on the day."""
    found = None
    for act in sorted(catalogue["acts"], key=lambda a: (a["act"], a["effectiveFrom"])):
        if dt.date.fromisoformat(act["effectiveFrom"]) <= day and (act.get("effectiveUntil") is None or day < dt.date.fromisoformat(act["effectiveUntil"])):
            found = next((s for s in act["services"] if s["code"] == code), found)
    return found


def holds(cond, ctx: dict) -> bool:
    """Condition.holds, for the kinds a package check meets."""
    if cond is None:
        return True
    (k, v), = cond.items()
    if k == "all": return all(holds(c, ctx) for c in v)
    if k == "any": return any(holds(c, ctx) for c in v)
    if k == "not": return not holds(v, ctx)
    if k in ("channel", "scenario", "purpose", "branchTier", "party"): return ctx.get(k) in v
    if k == "option": return ctx["form"].get(v) is True
    return False


def package_refusal(app: dict, catalogue: dict, filing_day: dt.date) -> tuple[str, str] | None:
    """PackageCheck.refusal: (code, reason) or None when the package can be accepted."""
    service = service_on(catalogue, app["service"], filing_day)
    if service is None:
        return "unknown-service", app["service"]
    offices = catalogue["offices"]
    branches = {i for i, o in offices.items() if o["kind"] == "state-corporation-branch"}
    channel, scenario, purpose = app["channel"], app["scenario"], app.get("purpose")
    applied_to = app.get("branchId") if channel == "state-corporation" else (app["delivery"].get("branchId") or app.get("branchId"))
    ctx = {"channel": channel, "scenario": scenario, "purpose": purpose, "party": app.get("party", "individual"),
           "branchTier": offices.get(applied_to, {}).get("tier"), "form": app["form"]}
    if channel not in [c["channel"] for c in service["channels"]]:
        return "channel-not-offered", channel
    if scenario not in [s["code"] for s in service["scenarios"]]:
        return "unknown-scenario", scenario
    if not iin_valid(app["applicant"]["iin"]):
        return "invalid-iin", "applicant"
    party = next((p for p in service["parties"] if p["kind"] == ctx["party"]), None)
    if party is None or party.get("served") is False or (party.get("channels") and channel not in party["channels"]):
        return "party-not-served", ctx["party"]
    if service.get("purposes") is not None and purpose not in [p["code"] for p in service["purposes"]]:
        return "invalid-application", "purpose"
    rule = next((r for r in service["results"] if r["outcome"] == "approved" and holds(r.get("when"), ctx)), None)
    delivery = app["delivery"]
    if rule is None:
        return "invalid-application", "no result for this channel and purpose"
    if channel == "state-corporation" and app.get("branchId") is None:
        return "invalid-application", "branchId missing"
    if app.get("branchId") is not None and app["branchId"] not in branches:
        return "invalid-application", "unknown branch"
    if rule["delivery"] == "branch" and (delivery.get("branchId") or app.get("branchId")) not in branches:
        return "invalid-application", "delivery.branchId must name a known branch"
    if delivery["method"] != rule["delivery"]:
        return "invalid-application", f"delivered to {rule['delivery']}, not {delivery['method']}"
    types = {"string": str, "boolean": bool, "office": str, "enum": str, "date": str, "integer": int}
    for field in service["fields"]:
        value = app["form"].get(field["name"])
        if value is None:
            continue
        if not isinstance(value, types[field["type"]]) or (field["type"] == "boolean") != isinstance(value, bool):
            return "invalid-application", f"form field {field['name']} must be a {field['type']}"
        if field["type"] == "enum" and value not in field["values"]:
            return "invalid-application", f"form field {field['name']} must be one of {', '.join(field['values'])}"
        if field["type"] == "office" and offices.get(value, {}).get("provider") != service["provider"]["code"]:
            return "invalid-application", f"form field {field['name']} must name an authority of {service['provider']['code']}"
    for option in service.get("options") or []:
        if app["form"].get(option["field"]) is True and not option.get("linkedService"):
            return "option-not-available", option["refusal"]
    missing_fields = []
    for field in service["fields"]:
        if not field["required"] or not holds(field.get("when"), ctx):
            continue
        value = app["form"].get(field["name"])
        if value is None or (isinstance(value, str) and not value.strip(" \t")) or \
                (isinstance(value, bool) and field.get("mustBeTrue") is True and not value):
            missing_fields.append(field["name"])
    missing_documents = []
    for req in service["documents"]:
        if not (req["attachedBy"] == "applicant" and req["required"] and not req.get("atCollection") and holds(req.get("when"), ctx)):
            continue
        if not any(d["type"] in req["anyOf"] and (req.get("form") is None or form_satisfies(d["form"], req["form"]))
                   for d in app["documents"]):
            missing_documents.append(" or ".join(req["anyOf"]))
    if missing_fields or missing_documents:
        return "incomplete-package", "; ".join(missing_documents + missing_fields)
    expired = [d["type"] for d in app["documents"] if d.get("validUntil") and dt.date.fromisoformat(d["validUntil"]) < filing_day]
    if expired:
        return "expired-documents", ", ".join(expired)
    subject = app.get("subject")
    if not subject or subject["iin"] == app["applicant"]["iin"]:
        return ("missing-consent", "no subject") if scenario == "third-party" else None
    rules = [c for c in service.get("consent") or [] if channel in c["channels"]]
    if not rules:
        return "missing-consent", "not provided about another person on this channel"
    if all(ctx["party"] in (c.get("exemptParties") or []) for c in rules):
        return None
    consent = app.get("consent")
    for c in rules:
        if c.get("document"):
            if any(d["type"] == c["document"] and form_satisfies(d["form"], "original") for d in app["documents"]):
                return None
            continue
        if iin_valid(subject["iin"]) and consent and consent.get("subjectIin") == subject["iin"] \
                and consent.get("method") in c["methods"] and consent.get("reference"):
            return None
    return "missing-consent", "consent"


def has_fraction(value) -> bool:
    """JSONValue.containsFractionalNumber."""
    if isinstance(value, float):
        return value != value or (abs(value) != float("inf") and value != int(value))
    if isinstance(value, list):
        return any(has_fraction(v) for v in value)
    if isinstance(value, dict):
        return any(has_fraction(v) for v in value.values())
    return False


def check_application(event: dict, trust: dict, catalogue: dict) -> tuple[str, str | None, str]:
    """Returns (outcome, code, detail): outcome dead-letter | refused | accepted."""
    if event["type"] != "kz.qyzmet.application.submitted":
        return "dead-letter", "event.unexpected-type", event["type"]
    app, signature = event["data"]["application"], event["data"]["signature"]
    channel = app.get("channel")
    if channel not in ("portal", "state-corporation"):
        return "dead-letter", "application.invalid", "application.channel must be one of portal, state-corporation"
    try:
        verify(trust, signature, app, "qyzmet.application.v1", f"channel:{channel}")
    except Problem as e:
        return "dead-letter", "signature.invalid", str(e)
    if has_fraction(app):
        # Checked after the signature and answered with a refusal, as ApplicationReception.swift does.
        return "refused", "invalid-application", "fractional numbers are not allowed in an application; use strings"
    if app["applicationId"] != event["applicationid"]:
        return "dead-letter", "application.id-mismatch", app["applicationId"]
    # Filing is when intake receives the application, never the sender's submittedAt.
    filing_day = dt.datetime.now(dt.timezone.utc).astimezone(KZ).date()
    service = service_on(catalogue, app["service"], filing_day)
    channel_rule = next((c for c in (service or {}).get("channels", []) if c["channel"] == channel), None)
    if channel_rule and signature["method"] not in channel_rule["signatureMethods"]:
        return "dead-letter", "signature.method-not-allowed", signature["method"]
    refusal = package_refusal(app, catalogue, filing_day)
    if refusal:
        return "refused", refusal[0], refusal[1]
    return "accepted", None, f"signature ok ({signature['keyId']}, {signature['method']}), package complete"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Validate docs/examples against docs/contract.")
    parser.add_argument("--examples", type=pathlib.Path, default=ROOT / "docs" / "examples")
    parser.add_argument("--trust", type=pathlib.Path, default=ROOT / "compose" / "dev-keys" / "trust.json")
    args = parser.parse_args(argv)

    validator = load_validator()
    if canonical_json(json.loads(SWIFT_VECTOR_IN)).decode("utf-8") != SWIFT_VECTOR_OUT:
        print("FAIL  canonical JSON differs from the Swift test vector")
        return 1
    trust = {k["keyId"]: k for k in json.loads(args.trust.read_text())["keys"]}
    catalogue = load_catalogue()
    files = sorted(args.examples.glob("*.json"))
    if not files:
        print(f"no examples in {args.examples}")
        return 1
    failures = 0
    events = {}
    for path in files:
        name = path.name
        try:
            event = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)
        except (ValueError, Problem) as e:
            print(f"FAIL  {name}: not valid JSON: {e}")
            failures += 1
            continue
        events[name] = event
        problems = schema_errors(validator, event) + envelope_problems(event)
        if problems:
            print(f"FAIL  {name}: " + "; ".join(problems[:5]))
            failures += 1
            continue
        if name.startswith("application-"):
            outcome, code, detail = check_application(event, trust, catalogue)
            expected = EXPECTED.get(name, DEFAULT_EXPECTATION)
            got = (outcome, code)
            verdict = "PASS" if got == expected else "FAIL"
            failures += verdict == "FAIL"
            if outcome == "accepted":
                what = f"schema ok, {detail} -> intake identifies the applicant"
            elif outcome == "refused":
                what = f"schema ok, signature ok -> receipt refused, refusal.code {code} ({detail})"
            else:
                what = f"schema ok, {code}: {detail} -> dead letter {code}, no receipt"
            if verdict == "FAIL":
                what += f"  [expected {expected[0]}{' ' + expected[1] if expected[1] else ''}]"
            print(f"{verdict}  {name}: {what}")
        elif event["type"] == "kz.qyzmet.gateway.responded":
            try:
                verify(trust, event["data"]["signature"], event["data"]["response"], "qyzmet.gateway-response.v1", "gateway")
                request = events.get("gateway-request.json") or json.loads((args.examples / "gateway-request.json").read_text())
                if event["data"]["response"]["requestHash"] != hashlib.sha256(canonical_json(request["data"])).hexdigest():
                    raise Problem("requestHash is not the SHA-256 of the request's canonical data")
                print(f"PASS  {name}: schema ok ({event['type']}), gateway signature ok, request hash ok")
            except (Problem, OSError) as e:
                print(f"FAIL  {name}: {e}")
                failures += 1
        else:
            note = ", signature and digest are placeholders (not verified)" if event["type"] == "kz.qyzmet.result.issued" else ""
            print(f"PASS  {name}: schema ok ({event['type']}){note}")
    print(f"{len(files) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
