#!/usr/bin/env python3
"""Reference producer for the Qyzmet message contract v1 (docs/message-contract.md).

Builds applications for both services and both channels exactly as the Swift demo does
(Shared/Load/ApplicationFactory.swift), signs them as the portal or a front office would
(Shared/Load/ChannelSigner.swift) with the development keys in compose/dev-keys, wraps each in a
CloudEvents 1.0 structured-mode envelope and writes it to docs/examples/.

It also writes example events a producer *receives* (receipts, status, case, decision, result,
deadline alert, gateway request/response), shaped exactly like the Swift types. Their ids,
registration numbers and times are illustrative; the result's signature and digest are
placeholders (see docs/examples/README.md).

Only the Python standard library and `cryptography` are needed.

    python3 docs/tools/produce_example.py            # rewrite docs/examples/ (stable ids)
    python3 docs/tools/produce_example.py --fresh --out /tmp/fresh
        # new application ids, event ids and traceparents and submittedAt = now, so the
        # applications can be sent again to a stack that has already seen the stable ones

The persons are real members of the identity gateway's synthetic population (seed 20261123;
they are generated first, population indexes 0-6, so they exist in any population of that seed).
The intake identifies the applicant by IIN and compares last and first name, so a made-up person
is refused with unknown-person or identity-mismatch.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import pathlib
import sys
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_KEYS = ROOT / "compose" / "dev-keys"
DEFAULT_OUT = ROOT / "docs" / "examples"

# --- contract constants (Topics.swift, EnvelopeCodec.swift, Ed25519Signer.swift) -------------

TOPIC_APPLICATIONS = "qyzmet.applications.v1"
CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"
TYPE_APPLICATION_SUBMITTED = "kz.qyzmet.application.submitted"
SCHEMA_VERSION = "1.0"
PREFIX_APPLICATION = "qyzmet.application.v1"
PREFIX_GATEWAY_RESPONSE = "qyzmet.gateway-response.v1"

EMIGRATION = "mod.emigration-certificate"
CRIMINAL_RECORD = "gp.criminal-record-certificate"

KZ = dt.timezone(dt.timedelta(hours=5))  # Kazakhstan keeps UTC+5 (KazakhstanTime.swift)


# --- canonical JSON and signing ------------------------------------------------------------

def _check_signable(value, path="$"):
    """Canonical form is only defined alike in Swift and Python for null, booleans, integers,
    strings, arrays and objects: refuse floats (Swift prints doubles its own way)."""
    if isinstance(value, float):
        raise ValueError(f"{path}: floating-point numbers are not allowed in signed content; use a string")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise ValueError(f"{path}: object keys must be strings")
            _check_signable(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_signable(v, f"{path}[{i}]")


def canonical_json(value) -> bytes:
    """JSONValue.canonicalData(): keys sorted, no whitespace, only the escapes JSON requires, UTF-8."""
    _check_signable(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def signing_message(purpose_prefix: str, content) -> bytes:
    """SigningPurpose.message(for:): prefix, a newline, then the canonical JSON."""
    return (purpose_prefix + "\n").encode("utf-8") + canonical_json(content)


def load_key(keys_dir: pathlib.Path, name: str) -> tuple[str, Ed25519PrivateKey]:
    """A key file is JSON {"keyId": ..., "privateKey": base64 of the raw 32-byte Ed25519 seed}."""
    data = json.loads((keys_dir / f"{name}.key").read_text())
    raw = base64.b64decode(data["privateKey"].strip())
    return data.get("keyId", name), Ed25519PrivateKey.from_private_bytes(raw)


def sign(key: tuple[str, Ed25519PrivateKey], purpose_prefix: str, content, method: str) -> dict:
    key_id, private_key = key
    value = private_key.sign(signing_message(purpose_prefix, content))
    return {"method": method, "keyId": key_id, "value": base64.b64encode(value).decode("ascii")}


# --- time -------------------------------------------------------------------------------------

def instant(t: dt.datetime) -> str:
    """KazakhstanTime.format: RFC 3339, whole seconds, +05:00. Seconds and offset are mandatory."""
    return t.astimezone(KZ).replace(microsecond=0).isoformat()


def local_date(t: dt.datetime) -> dt.date:
    return t.astimezone(KZ).date()


# --- the synthetic persons (identity gateway population, seed 20261123) ----------------------
# As the state database of individuals (PersonRecord) and the military register know them.

PERSONS = {
    "conscript": {
        "person": {
            "iin": "990117384021", "lastName": "Бекмұхамбетов", "firstName": "Әлихан",
            "birthDate": "1999-01-17", "birthPlace": "Almaty, Almaty", "sex": "male", "citizenship": "KZ",
            "maritalStatus": "married", "childrenCount": 0,
            "address": {"region": "Almaty", "locality": "Almaty", "street": "Сейфуллин көшесі", "building": "124"},
            "idDocument": {"type": "id-card", "number": "070454355", "issuedOn": "2021-09-24", "validUntil": "2031-09-24"},
            "photoReference": "photo-registry:384021-2",
        },
        "military": {"status": "conscript", "documentType": "registration-certificate", "documentNumber": "TK9554112",
                     "office": "LMAB Almaty (Almaty)"},
    },
    "reservist": {
        "person": {
            "iin": "880903307622", "lastName": "Нұрланов", "firstName": "Алмас", "patronymic": "Санжарұлы",
            "birthDate": "1988-09-03", "birthPlace": "Bulaevo, North Kazakhstan region", "sex": "male", "citizenship": "KZ",
            "maritalStatus": "married", "childrenCount": 2,
            "address": {"region": "Jetisu region", "locality": "Tekeli", "street": "Достық даңғылы", "building": "82", "flat": "2"},
            "idDocument": {"type": "id-card", "number": "033241482", "issuedOn": "2019-08-07", "validUntil": "2029-08-06"},
            "photoReference": "photo-registry:307622-6",
        },
        "military": {"status": "reservist", "documentType": "military-id", "documentNumber": "AB2650122",
                     "office": "LMAB Tekeli (Jetisu region)", "category": "sergeant"},
    },
    "clear1": {
        "person": {
            "iin": "881207454203", "lastName": "Жұмабаева", "firstName": "Ақмарал", "patronymic": "Ерланқызы",
            "birthDate": "1988-12-07", "birthPlace": "Petropavl, North Kazakhstan region", "sex": "female", "citizenship": "KZ",
            "maritalStatus": "married", "childrenCount": 3,
            "address": {"region": "North Kazakhstan region", "locality": "Petropavl", "street": "Әл-Фараби даңғылы", "building": "28", "flat": "144"},
            "idDocument": {"type": "id-card", "number": "020670888", "issuedOn": "2026-03-14", "validUntil": "2036-03-13"},
            "photoReference": "photo-registry:454203-0",
        },
        "military": {"status": "not-registered"},
    },
    "clear2": {
        "person": {
            "iin": "030905665574", "lastName": "Серікбаева", "firstName": "Әсем", "patronymic": "Алмасқызы",
            "birthDate": "2003-09-05", "birthPlace": "Shymkent, Shymkent", "sex": "female", "citizenship": "KZ",
            "maritalStatus": "single", "childrenCount": 0,
            "address": {"region": "Shymkent", "locality": "Shymkent", "street": "Төле би көшесі", "building": "182"},
            "idDocument": {"type": "id-card", "number": "052235098", "issuedOn": "2018-05-25", "validUntil": "2028-05-24"},
            "photoReference": "photo-registry:665574-1",
        },
        "military": {"status": "not-registered"},
    },
    "clear3": {
        "person": {
            "iin": "570818439958", "lastName": "Есенова", "firstName": "Әсем", "patronymic": "Бауыржанқызы",
            "birthDate": "1957-08-18", "birthPlace": "Karatau, Jambyl region", "sex": "female", "citizenship": "KZ",
            "maritalStatus": "married", "childrenCount": 0,
            "address": {"region": "Jambyl region", "locality": "Karatau", "street": "Төле би көшесі", "building": "93"},
            "idDocument": {"type": "id-card", "number": "084822401", "issuedOn": "2020-12-20", "validUntil": "2030-12-20"},
            "photoReference": "photo-registry:439958-5",
        },
        "military": {"status": "not-registered"},
    },
}


FIELD_ORDER = ["applicationId", "service", "scenario", "channel", "submittedAt", "applicant", "subject", "consent",
               "purpose", "branchId", "delivery", "form", "documents"]


def ordered(application: dict) -> dict:
    """Declaration order of ApplicationSubmission, for readers; the signature does not depend on it."""
    return {k: application[k] for k in FIELD_ORDER if k in application} | {k: v for k, v in application.items() if k not in FIELD_ORDER}


def stated_person(record: dict) -> dict:
    """ApplicationSubmission.Person; a nil patronymic is omitted, as the Swift encoder does."""
    p = {"iin": record["iin"], "lastName": record["lastName"], "firstName": record["firstName"]}
    if record.get("patronymic") is not None:
        p["patronymic"] = record["patronymic"]
    return p


def address_line(a: dict) -> str:
    """PersonRecord.Address.line."""
    parts = [a["region"], a["locality"], a["street"] + " " + a["building"]]
    if a.get("flat") is not None:
        parts.append("apt. " + a["flat"])
    return ", ".join(parts)


def id_card(record: dict) -> dict:
    d = record["idDocument"]
    return {"type": "id-card", "number": d["number"], "issuedOn": d["issuedOn"], "validUntil": d["validUntil"], "form": "original"}


# --- applications, mirroring ApplicationFactory.swift ----------------------------------------

def new_application_id() -> str:
    """APP- and 20 upper-case hex digits, like ApplicationFactory.newApplicationId()."""
    return "APP-" + uuid.uuid4().hex[:20].upper()


OFFICES = json.loads((pathlib.Path(__file__).resolve().parents[2] / "Shared/Rules/Resources/catalogue/reference/offices.json").read_text())


def authority_for(region: str) -> str:
    """The defence affairs department of the region, which App 48 is addressed to (L2040-2045)."""
    return next(o["id"] for o in OFFICES if o["kind"] == "authority" and o.get("provider") == "LMAB" and o["region"] == region)


def branch_in(region: str, fallback: str) -> str:
    """A State Corporation branch of the applicant's region: the emigration certificate is filed at
    the place of residence (L1861)."""
    return next((o["id"] for o in OFFICES if o["kind"] == "state-corporation-branch" and o["region"] == region), fallback)


def emigration(p: dict, channel: str, branch_id: str, submitted_at: dt.datetime, application_id: str,
               scenario: str | None = None) -> dict:
    record, military = p["person"], p["military"]
    if channel == "state-corporation":
        branch_id = branch_in(record["address"]["region"], branch_id)
    scenario = scenario or ("reservist" if military["status"] == "reservist" else "conscript")
    military_type = military.get("documentType") or ("military-id" if scenario == "reservist" else "registration-certificate")
    military_number = military.get("documentNumber") or "TK0000000"
    exit_proof = {
        "type": "emigration-proof",
        "number": "PMR-" + record["iin"][-6:],
        "issuedOn": (local_date(submitted_at) - dt.timedelta(days=20)).isoformat(),
        "form": "electronic-copy" if channel == "portal" else "original",
    }
    if channel == "state-corporation":
        documents = [id_card(record), {"type": military_type, "number": military_number, "form": "original"}]
    else:
        documents = [{"type": military_type, "number": military_number, "form": "electronic-copy"}]
    documents.append(exit_proof)
    application = {
        "applicationId": application_id,
        "service": EMIGRATION,
        "scenario": scenario,
        "channel": channel,
        "submittedAt": instant(submitted_at),
        "applicant": stated_person(record),
        "delivery": {"method": "personal-cabinet"} if channel == "portal" else {"method": "branch", "branchId": branch_id},
        "form": {
            "birthPlace": record["birthPlace"],
            "maritalStatus": record["maritalStatus"],
            "registeredAddress": address_line(record["address"]),
            "lastWorkplace": 'LLP "Dala Logistics", driver',
            "addresseeOffice": authority_for(record["address"]["region"]),
            "secretInformationConsent": True,
        },
        "documents": documents,
    }
    if channel == "state-corporation":
        application["branchId"] = branch_id
    return ordered(application)


def criminal_record(applicant: dict, channel: str, purpose: str, branch_id: str, submitted_at: dt.datetime,
                    application_id: str, subject: dict | None = None) -> dict:
    record = applicant["person"]
    # The general certificate is electronic on both channels; paper is for travel abroad (003 L18).
    paper = purpose == "travel-abroad"
    application = {
        "applicationId": application_id,
        "service": CRIMINAL_RECORD,
        "scenario": "self" if subject is None else "third-party",
        "channel": channel,
        "submittedAt": instant(submitted_at),
        "applicant": stated_person(record),
        "purpose": purpose,
        "delivery": {"method": "branch", "branchId": branch_id} if paper else {"method": "personal-cabinet"},
        "form": {"apostille": False},
        "documents": [id_card(record)] if channel == "state-corporation" else [],
    }
    if subject is not None:
        s = subject["person"]
        application["subject"] = stated_person(s)
        application["consent"] = {
            "subjectIin": s["iin"],
            "method": "sms",
            "givenAt": instant(submitted_at - dt.timedelta(seconds=120)),
            "reference": f"SMS-{s['iin'][-4:]}-{int(submitted_at.timestamp())}",
        }
    if channel == "state-corporation" or paper:
        application["branchId"] = branch_id
    return ordered(application)


# --- the envelope (ChannelSigner.envelope, EnvelopeCodec.encode) ------------------------------

def application_event(application: dict, keys: dict, event_id: str, traceparent: str, method: str | None = None) -> dict:
    portal = application["channel"] == "portal"
    key = keys["portal"] if portal else keys["state-corporation"]
    method = method or ("eds" if portal else "operator")
    signature = sign(key, PREFIX_APPLICATION, application, method)
    source = "/egov.kz/portal" if portal else f"/gov4c.kz/branches/{application.get('branchId') or 'unknown'}"
    return {
        "specversion": "1.0",
        "id": event_id,
        "type": TYPE_APPLICATION_SUBMITTED,
        "source": source,
        "time": application["submittedAt"],
        "datacontenttype": "application/json",
        "applicationid": application["applicationId"],
        "correlationid": application["applicationId"],
        "traceparent": traceparent,
        "schemaversion": SCHEMA_VERSION,
        "data": {"application": application, "signature": signature},
    }


def kafka_message(event: dict) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """What to hand to a Kafka client: key, value, headers (ApplicationPublisher.message).
    Any JSON serialisation of the event will do; the compact canonical one is what Qyzmet writes."""
    return (event["applicationid"].encode("utf-8"), canonical_json(event),
            [("content-type", CONTENT_TYPE.encode()), ("ce_type", event["type"].encode()),
             ("ce_id", event["id"].encode()), ("traceparent", event["traceparent"].encode())])


# --- stable ids for the documentation ---------------------------------------------------------

_NS = uuid.UUID("5d1f7e0a-2c4b-4f7e-9a51-6b0c3d2e1f00")


def stable_application_id(name: str) -> str:
    return "APP-" + hashlib.sha256(f"qyzmet-docs:{name}".encode()).hexdigest()[:20].upper()


def stable_event_id(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


def stable_traceparent(name: str, span: str = "") -> str:
    trace = hashlib.sha256(f"trace:{name}".encode()).hexdigest()[:32]
    span_id = hashlib.sha256(f"span:{name}:{span}".encode()).hexdigest()[:16]
    return f"00-{trace}-{span_id}-01"


def random_traceparent() -> str:
    return f"00-{os.urandom(16).hex()}-{os.urandom(8).hex()}-01"


# --- the examples -----------------------------------------------------------------------------

def at(hour: int, minute: int, second: int = 0, day: int = 23) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, second, tzinfo=KZ)


def build_applications(keys: dict, fresh: bool) -> dict[str, dict]:
    """file name -> CloudEvent. Monday 2026-11-23 is a working day; all within 09:00-18:00."""
    now = dt.datetime.now(KZ).replace(microsecond=0)

    def ids(name: str, when: dt.datetime):
        if fresh:
            return new_application_id(), str(uuid.uuid4()), random_traceparent(), now
        return stable_application_id(name), stable_event_id(name), stable_traceparent(name), when

    p = PERSONS
    out: dict[str, dict] = {}

    app_id, ev, tp, t = ids("emigration-portal", at(10, 15))
    out["application-emigration-portal.json"] = application_event(
        emigration(p["conscript"], "portal", "ALA-01", t, app_id), keys, ev, tp)

    app_id, ev, tp, t = ids("emigration-front-office", at(10, 20))
    out["application-emigration-front-office.json"] = application_event(
        emigration(p["reservist"], "state-corporation", "ALA-01", t, app_id), keys, ev, tp)

    app_id, ev, tp, t = ids("criminal-record-portal", at(10, 30))
    out["application-criminal-record-portal.json"] = application_event(
        criminal_record(p["clear1"], "portal", "general", "AST-01", t, app_id), keys, ev, tp)

    app_id, ev, tp, t = ids("criminal-record-travel-abroad", at(10, 35))
    out["application-criminal-record-travel-abroad.json"] = application_event(
        criminal_record(p["clear2"], "portal", "travel-abroad", "AST-01", t, app_id), keys, ev, tp)

    app_id, ev, tp, t = ids("criminal-record-third-party", at(10, 40))
    out["application-criminal-record-third-party.json"] = application_event(
        criminal_record(p["clear3"], "portal", "general", "AST-01", t, app_id, subject=p["clear1"]), keys, ev, tp)

    # Incomplete: the emigration proof is missing (DemoPlan roll 0). Correctly signed; intake
    # answers with a refusal receipt incomplete-package.
    app_id, ev, tp, t = ids("incomplete", at(10, 45))
    incomplete = emigration(p["conscript"], "portal", "ALA-01", t, app_id)
    incomplete["documents"] = [d for d in incomplete["documents"] if d["type"] != "emigration-proof"]
    out["application-incomplete.json"] = application_event(incomplete, keys, ev, tp)

    # Bad signature: a valid application whose signature value has one bit flipped. Intake
    # dead-letters it (dlq-code signature.invalid) and sends no receipt.
    app_id, ev, tp, t = ids("bad-signature", at(10, 50))
    bad = application_event(criminal_record(p["clear3"], "portal", "general", "AST-01", t, app_id), keys, ev, tp)
    raw = bytearray(base64.b64decode(bad["data"]["signature"]["value"]))
    raw[0] ^= 0x01
    bad["data"]["signature"]["value"] = base64.b64encode(bytes(raw)).decode("ascii")
    out["application-bad-signature.json"] = bad
    return out


def follow(cause: dict, name: str, type_: str, source: str, time: str, data) -> dict:
    """EventEnvelope.following: same application, correlation and trace, a new span."""
    trace_id = cause["traceparent"].split("-")[1]
    span = hashlib.sha256(f"span:{name}".encode()).hexdigest()[:16]
    return {
        "specversion": "1.0",
        "id": stable_event_id(name),
        "type": type_,
        "source": source,
        "time": time,
        "datacontenttype": "application/json",
        "applicationid": cause["applicationid"],
        "correlationid": cause["correlationid"],
        "causationid": cause["id"],
        "traceparent": f"00-{trace_id}-{span}-01",
        "schemaversion": SCHEMA_VERSION,
        "data": data,
    }


def build_received(apps: dict[str, dict], keys: dict) -> dict[str, dict]:
    """Events a producer or ops consumer receives, for the applications above (illustrative)."""
    out: dict[str, dict] = {}
    emg = apps["application-emigration-portal.json"]
    emg_app = emg["data"]["application"]
    conscript = PERSONS["conscript"]["person"]

    # Intake identifies the applicant through the gateway.
    request = {
        "requestId": stable_event_id("gateway-request-id"), "client": "intake", "applicationId": emg_app["applicationId"],
        "query": "persons.identity", "subjectIin": conscript["iin"], "requesterIin": conscript["iin"],
        "replyTo": "qyzmet.gateway.replies.intake.v1", "requestedAt": "2026-11-23T10:15:01+05:00", "attempt": 1,
    }
    req_event = follow(emg, "gateway-request", "kz.qyzmet.gateway.requested", "/qyzmet/intake", "2026-11-23T10:15:01+05:00", request)
    out["gateway-request.json"] = req_event
    response = {
        "requestId": request["requestId"], "requestHash": hashlib.sha256(canonical_json(request)).hexdigest(),
        "client": "intake", "applicationId": emg_app["applicationId"], "query": "persons.identity", "outcome": "found",
        "respondedAt": "2026-11-23T10:15:01+05:00", "person": conscript,
    }
    signed = {"response": response, "signature": sign(keys["identity"], PREFIX_GATEWAY_RESPONSE, response, "service")}
    resp_event = follow(req_event, "gateway-response", "kz.qyzmet.gateway.responded", "/qyzmet/identity", "2026-11-23T10:15:01+05:00", signed)
    out["gateway-response.json"] = resp_event

    # Accepted: receipt, case for the authority, status. Emigration: 1 working day, due at the
    # provider's closing time (18:00) of the next working day.
    registration = "EMG-20261123-000001"
    out["receipt-accepted.json"] = follow(resp_event, "receipt-accepted", "kz.qyzmet.receipt.issued", "/qyzmet/intake",
                                          "2026-11-23T10:15:02+05:00", {
        "applicationId": emg_app["applicationId"], "service": EMIGRATION, "channel": "portal", "outcome": "accepted",
        "issuedAt": "2026-11-23T10:15:02+05:00", "registrationNumber": registration, "acceptedOn": "2026-11-23",
        "dueAt": "2026-11-24T18:00:00+05:00", "dueDate": "2026-11-24",
    })
    out["case-opened.json"] = follow(resp_event, "case-opened", "kz.qyzmet.case.opened", "/qyzmet/intake",
                                     "2026-11-23T10:15:02+05:00", {
        "applicationId": emg_app["applicationId"], "registrationNumber": registration, "service": EMIGRATION,
        "scenario": emg_app["scenario"], "channel": "portal", "acceptedAt": "2026-11-23T10:15:00+05:00",
        "acceptedOn": "2026-11-23", "dueAt": "2026-11-24T18:00:00+05:00", "dueDate": "2026-11-24",
        "applicant": conscript, "delivery": emg_app["delivery"], "form": emg_app["form"], "documents": emg_app["documents"],
    })
    out["status-changed-accepted.json"] = follow(resp_event, "status-accepted", "kz.qyzmet.status.changed", "/qyzmet/intake",
                                                 "2026-11-23T10:15:02+05:00", {
        "applicationId": emg_app["applicationId"], "status": "accepted", "at": "2026-11-23T10:15:02+05:00", "actor": "intake",
        "service": EMIGRATION, "registrationNumber": registration, "dueAt": "2026-11-24T18:00:00+05:00", "dueDate": "2026-11-24",
        "location": "handed to Local military administration body (district)",
        "detail": "accepted on 2026-11-23, handed to the provider",
    })

    # Refused to accept: the incomplete package (decided by the package check, before the gateway).
    inc = apps["application-incomplete.json"]
    out["receipt-refused.json"] = follow(inc, "receipt-refused", "kz.qyzmet.receipt.issued", "/qyzmet/intake",
                                         "2026-11-23T10:45:01+05:00", {
        "applicationId": inc["applicationid"], "service": EMIGRATION, "channel": "portal", "outcome": "refused",
        "issuedAt": "2026-11-23T10:45:01+05:00",
        "refusal": {
            "code": "incomplete-package",
            "reason": "the document package is incomplete (missing documents: emigration-proof)",
            "missingDocuments": ["emigration-proof"], "expiredDocuments": [], "missingFields": [], "form": "App 30",
        },
    })

    # Criminal record, portal, general purpose: decided automatically, 10-minute term,
    # electronic certificate to the personal cabinet.
    crc = apps["application-criminal-record-portal.json"]
    crc_app = crc["data"]["application"]
    crc_case = dict(crc, id=stable_event_id("crc-case-opened"))  # stands for its case.opened event
    out["decision-approved.json"] = follow(crc_case, "decision", "kz.qyzmet.decision.made", "/qyzmet/review",
                                           "2026-11-23T10:30:04+05:00", {
        "applicationId": crc_app["applicationId"], "registrationNumber": "CRC-20261123-000001",
        "service": CRIMINAL_RECORD, "channel": "portal", "purpose": "general", "outcome": "approved",
        "decidedAt": "2026-11-23T10:30:04+05:00", "decidedBy": {"kind": "automatic"}, "grounds": [],
        "facts": {"criminalRecord": "none"}, "holder": PERSONS["clear1"]["person"],
        "delivery": {"method": "personal-cabinet"}, "dueAt": "2026-11-23T10:40:00+05:00",
    })
    out["result-issued.json"] = follow(out["decision-approved.json"], "result", "kz.qyzmet.result.issued", "/qyzmet/issuance",
                                       "2026-11-23T10:30:05+05:00", {
        "applicationId": crc_app["applicationId"], "registrationNumber": "CRC-20261123-000001",
        "documentNumber": "CRC-C-2026-0000001", "service": CRIMINAL_RECORD, "kind": "certificate", "form": "Rules App 4",
        "format": "electronic", "copies": 1, "delivery": {"method": "personal-cabinet"},
        "issuedAt": "2026-11-23T10:30:05+05:00",
        "digest": "0" * 64,  # PLACEHOLDER: SHA-256 of the canonical result document
        "signature": {"method": "eds", "keyId": "provider-dev-2026", "value": "A" * 86 + "=="},  # PLACEHOLDER
        "verificationPath": "/documents/CRC-C-2026-0000001",
    })

    # Emigration at a front office waits for an executor; a warning two hours before the
    # executor deadline (1 working day after registration, 18:00).
    fo = apps["application-emigration-front-office.json"]
    fo_case = dict(fo, id=stable_event_id("fo-case-opened"))
    out["deadline-alert.json"] = follow(fo_case, "deadline-warning", "kz.qyzmet.deadline.alert", "/qyzmet/review",
                                        "2026-11-24T16:00:00+05:00", {
        "applicationId": fo["applicationid"], "registrationNumber": "EMG-20261123-000002", "service": EMIGRATION,
        "kind": "warning", "deadline": "executor-deadline", "dueAt": "2026-11-24T18:00:00+05:00",
        "at": "2026-11-24T16:00:00+05:00", "holder": "lmab-officer-1",
    })
    return out


def write(out_dir: pathlib.Path, name: str, event: dict) -> None:
    # Pretty-printed for readers. The signature covers the canonical form of the parsed
    # `application` object, not these bytes, so the file is valid as it is.
    (out_dir / name).write_text(json.dumps(event, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=pathlib.Path, default=DEFAULT_KEYS, help="directory with portal.key, state-corporation.key (and identity.key)")
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, help="where to write the examples")
    parser.add_argument("--fresh", action="store_true", help="new ids and submittedAt=now; writes the applications only")
    args = parser.parse_args(argv)

    keys = {"portal": load_key(args.keys, "portal"), "state-corporation": load_key(args.keys, "state-corporation")}
    args.out.mkdir(parents=True, exist_ok=True)
    apps = build_applications(keys, fresh=args.fresh)
    files = dict(apps)
    if not args.fresh:
        keys["identity"] = load_key(args.keys, "identity")
        files.update(build_received(apps, keys))
    for name, event in files.items():
        write(args.out, name, event)
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
