"""Dinero's own OpenAPI document, and bilag's, run against bilag with schemathesis.

For every operation of Dinero's document that bilag serves, schemathesis generates requests from
Dinero's parameter and body schemas; every answer must be a non-5xx, and every 2xx JSON answer
must validate against Dinero's response schema, because existing clients were written against it.

Dinero's `fields` parameter projects each item onto the requested properties, spelled as asked,
which the document's schemas cannot describe (their `required` lists would fail on Dinero's own
default projection). So the check asks for every property the parameter's description allows,
in the schema's spelling, and validates against the schema with `required` narrowed to them.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from bilag.config import Settings
from tests.factories import World

DINERO_OPENAPI = Path(__file__).resolve().parents[3] / "shared/reference/dinero-openapi.json"
EXAMPLES_PER_OPERATION = 8


def _template(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path).lower()


def _served_operations(app: Any) -> set[tuple[str, str]]:
    """The operations bilag's own OpenAPI document says it serves."""
    return {
        (method.upper(), _template(path))
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }


def _allowed_fields(operation: dict[str, Any]) -> list[str] | None:
    for parameter in operation.get("parameters", []):
        if parameter.get("name") == "fields":
            text = " ".join(parameter.get("description", "").split())
            match = re.search(r"Possible values are:? (.+?)(?:\.\s|\. Notice|$)", text)
            if match:
                names = re.split(r",\s*|\s+and\s+|\s+", match.group(1))
                return [name for name in names if re.fullmatch(r"[A-Z][A-Za-z]+", name)]
    return None


def _response_schema(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    for media_type in ("application/json", "text/json", "text/plain"):
        if "schema" in content.get(media_type, {}):
            return copy.deepcopy(content[media_type]["schema"])
    return None


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = copy.deepcopy(document["components"]["schemas"][name])
    return schema


def _project(document: dict[str, Any], schema: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """The schema of a response whose items were projected onto `fields`."""
    schema = _resolve(document, schema)
    target = schema
    if schema.get("type") == "array":
        target = schema["items"] = _resolve(document, schema["items"])
    elif "Collection" in schema.get("properties", {}):
        collection = _resolve(document, schema["properties"]["Collection"])
        schema["properties"]["Collection"] = collection
        if "items" not in collection:  # a loose collection schema requires nothing
            return schema
        collection["items"] = _resolve(document, collection["items"])
        target = collection["items"]
    target["required"] = [name for name in target.get("required", []) if name in fields]
    return schema


def _response_validator(
    document: dict[str, Any], operation: dict[str, Any]
) -> tuple[Any, list[str] | None]:
    """A validator of the operation's 200 answer (None if it has no schema), and the `fields`
    to ask for (None if the operation has no `fields`)."""
    fields = _allowed_fields(operation)
    schema = _response_schema(document, operation)
    if schema is None:
        return None, fields
    if fields:
        schema = _project(document, schema, fields)
    validator = jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]})
    return validator, fields


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """The app under test, without the rate limit: it would answer most examples with 429."""
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        rate_limit_per_minute=10**9,
    )


@pytest.fixture(scope="module")
def dinero_document() -> dict[str, Any]:
    # Dinero's document spells the upload media type `multipart/formdata`; clients send
    # `multipart/form-data`, and so must the generated requests.
    text = DINERO_OPENAPI.read_text().replace('"multipart/formdata"', '"multipart/form-data"')
    document: dict[str, Any] = json.loads(text)
    return document


def test_every_served_dinero_operation_answers_within_dinero_schemas(
    app: Any, alice: dict[str, str], world: World, dinero_document: dict[str, Any]
) -> None:
    served = _served_operations(app)
    known = {**_seed_contact(app, alice, world), **_seed_reminder(app, alice, world)}
    schema = schemathesis.openapi.from_dict(copy.deepcopy(dinero_document))
    schema.app = app
    checked: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), _template(operation.path)) not in served:
            continue
        raw = dinero_document["paths"][operation.path][operation.method.lower()]
        validator, fields = _response_validator(dinero_document, raw)
        label = f"{operation.method.upper()} {operation.path}"
        checked[label] = _exercise(operation, validator, fields, alice, world, known)
    print("validated 2xx answers per operation:", json.dumps(checked, indent=1))
    assert checked["GET /v1/organizations"] > 0
    assert checked["GET /v1/{organizationId}/contacts"] > 0
    assert checked["GET /v1/{organizationId}/products"] > 0
    assert checked["GET /v1/{organizationId}/products/{guid}"] > 0
    assert checked["GET /v1/{organizationId}/tradeoffers"] > 0
    assert checked["GET /v1/{organizationId}/tradeoffers/{guid}"] > 0
    reminders = "/v1/{organizationId}/invoices/{voucherGuid}/reminders"
    for path in (
        reminders,
        reminders + "/{id}",
        reminders + "/next",
        reminders + "/email/template",
    ):
        assert checked[f"GET {path}"] > 0
    assert checked["GET /v1/{organizationId}/attachments/{documentGuid}"] > 0
    assert checked["GET /v1/{organizationId}/state-of-account/{guid}"] > 0


def _seed_contact(app: Any, headers: dict[str, str], world: World) -> dict[str, str]:
    """A contact with a note, a product, a trade offer, and a booked invoice (sharing the
    contact's guid, so `{guid}` finds one of each) with a payment, a bound attachment and a
    booked credit note, so that lists and lookups have something to answer with. Keys
    "<path part>:<parameter>" give one resource its own value."""
    from starlette.testclient import TestClient

    with TestClient(app) as client:
        created = client.post(
            f"/v1/{world.pro_org}/contacts",
            headers=headers,
            json={"Name": "Jens Hansen", "CountryKey": "DK", "IsPerson": True,
                  "IsMember": False, "UseCvr": False, "Email": "jens@example.dk"},
        )  # fmt: skip
        assert created.status_code == 200, created.text
        guid = created.json()["ContactGuid"]
        note = client.post(
            f"/v1/{world.pro_org}/contacts/{guid}/notes", headers=headers, json={"Text": "Hej"}
        )
        assert note.status_code == 200, note.text
        product = client.post(
            f"/v1/{world.pro_org}/products",
            headers=headers,
            json={"Name": "Konsulenttime", "BaseAmountValue": 800, "Quantity": 1,
                  "AccountNumber": 1000, "Unit": "hours"},
        )  # fmt: skip
        assert product.status_code == 200, product.text
        sales = _seed_sales(client, headers, world, guid)
        sales["/products/:guid"] = product.json()["ProductGuid"]
        line = {"Description": "Tag", "Quantity": 1, "Unit": "parts", "AccountNumber": 1000,
                "BaseAmountValue": 100, "Discount": 0, "LineType": "Product"}  # fmt: skip
        offer = client.post(
            f"/v1/{world.pro_org}/tradeoffers",
            headers=headers,
            json={"ContactGuid": guid, "ProductLines": [line]},
        )
        assert offer.status_code == 200, offer.text
        sales["/tradeoffers/:guid"] = offer.json()["Guid"]
    year = str(date.today().year)  # the seeded accounting year, for the reports
    return {"guid": guid, "contactguid": guid, "accountingyear": year, **sales}


def _seed_sales(client: Any, headers: dict[str, str], world: World, guid: str) -> dict[str, str]:
    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = client.post(f"/v1/{world.pro_org}/{path}", headers=headers, json=body)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    lines = [{"Description": "Rådgivning", "Quantity": 2, "Unit": "hours", "AccountNumber": 1000,
              "BaseAmountValue": 800, "Discount": 0}]  # fmt: skip
    invoice = post("invoices", {"Guid": guid, "ContactGuid": guid, "ProductLines": lines})
    booked = post(f"invoices/{guid}/book", {"Timestamp": invoice["TimeStamp"]})
    payment = post(
        f"invoices/{guid}/payments",
        {"Timestamp": booked["TimeStamp"], "DepositAccountNumber": 55000, "Amount": 100,
         "Description": "Delbetaling", "RemainderIsFee": False},
    )  # fmt: skip
    note = post("sales/creditnotes", {"ContactGuid": guid, "ProductLines": lines})
    post(f"sales/creditnotes/{note['Guid']}/book", {"Timestamp": note["TimeStamp"]})
    uploaded = client.post(
        f"/v1/{world.pro_org}/files/attachment",
        headers=headers,
        files={"file": ("terms.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert uploaded.status_code == 200, uploaded.text
    attachment = uploaded.json()["FileGuid"]
    bound = client.post(
        f"/v1/{world.pro_org}/attachments/{guid}/{attachment}/terms.pdf", headers=headers
    )
    assert bound.status_code == 200, bound.text
    return {
        "paymentguid": payment["Guid"],
        "voucherguid": guid,
        "documentguid": guid,
        "/attachments/:fileguid": attachment,
        "/sales/creditnotes/:guid": note["Guid"],
    }


def _path_value(path: str, name: str, known: dict[str, str]) -> str | None:
    for key, value in known.items():
        part, _, parameter = key.rpartition(":")
        if part and parameter == name and part in path.lower():
            return value
    return known.get(name)


def _seed_reminder(app: Any, headers: dict[str, str], world: World) -> dict[str, str]:
    """An overdue invoice (due 9 January) with a booked reminder, for the reminder paths."""
    from starlette.testclient import TestClient

    from tests.api.sales_helpers import booked_invoice

    new_year = date(date.today().year, 1, 1)
    with TestClient(app) as client:
        invoice = booked_invoice(
            client, world, headers, Date=new_year.isoformat(), PaymentConditionType="Netto",
            PaymentConditionNumberOfDays=8,
        )  # fmt: skip
        path = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/reminders"
        body = {"Timestamp": invoice["TimeStamp"], "Date": f"{new_year.year}-01-20",
                "WithDebtCollectionWarning": True, "WithFee": True, "WithInterestFee": False,
                "WithCompensationFee": True}  # fmt: skip
        added = client.post(path, json=body, headers=headers)
        assert added.status_code == 200, added.text
        reminder = added.json()
        stamp = {"Timestamp": reminder["Timestamp"]}
        booked = client.post(f"{path}/{reminder['Id']}/book", json=stamp, headers=headers)
        assert booked.status_code == 200, booked.text
    return {"voucherguid": invoice["Guid"], "id": str(reminder["Id"])}


def _exercise(
    operation: Any,
    validator: Any,
    fields: list[str] | None,
    headers: dict[str, str],
    world: World,
    known: dict[str, str],
) -> int:
    """Send generated requests, and for a GET one with no optional parameters (so that a read
    is checked whatever the generated ones hold); return how many 2xx answers were validated."""
    validated = 0

    def send(case: Any) -> None:
        nonlocal validated
        for name in list(case.path_parameters or {}):
            value = _path_value(operation.path, name.lower(), known)
            if name.lower() == "organizationid":
                case.path_parameters[name] = str(world.pro_org)
            elif value is not None:
                case.path_parameters[name] = value
        if fields is not None:
            case.query = {**(case.query or {}), "fields": ",".join(fields)}
        response = case.call(headers=headers)
        label = f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}"
        assert response.status_code < 500, f"{label}: {response.text[:500]}"
        content_type = response.headers.get("content-type") or [""]
        is_json = content_type[0].startswith("application/json")
        if 200 <= response.status_code < 300 and validator is not None and is_json:
            errors = [str(error) for error in validator.iter_errors(response.json())]
            assert not errors, f"{label}: {errors[:3]}"
            validated += 1

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        send(case)

    check()
    names = re.findall(r"\{(\w+)\}", operation.path)
    unknown = [
        name
        for name in names
        if name != "organizationId" and _path_value(operation.path, name.lower(), known) is None
    ]
    if operation.method.upper() == "GET" and not unknown:
        send(operation.Case(path_parameters={name: "" for name in names}))
    return validated


def test_bilag_own_openapi_document_holds_for_its_api(
    app: Any, alice: dict[str, str], world: World
) -> None:
    """The document bilag serves at /openapi.json, run the same way against bilag itself."""
    document = copy.deepcopy(app.openapi())
    document["paths"] = {
        path: operations
        for path, operations in document["paths"].items()
        if path.startswith(("/v1", "/v2"))
    }
    known = _seed_contact(app, alice, world)
    schema = schemathesis.openapi.from_dict(copy.deepcopy(document))
    schema.app = app
    checked: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        raw = document["paths"][operation.path][operation.method.lower()]
        label = f"{operation.method.upper()} {operation.path}"
        validator, fields = _response_validator(document, raw)
        checked[label] = _exercise(operation, validator, fields, alice, world, known)
    assert checked["GET /v1/organizations"] > 0
