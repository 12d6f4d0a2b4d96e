"""Bilagsoversigt, a voucher's page and its file route over real HTTP: vouchers made and booked
through the API with a token, then looked at by a user logged in through the login form."""

from __future__ import annotations

import re
import struct
import uuid
import zlib
from datetime import date
from decimal import Decimal
from typing import Any

import httpx

from bilag.storage.purchases import PurchaseContent, PurchaseDraftLine, add_purchase_draft
from tests.factories import World
from tests.web.conftest import Site

TODAY = date.today().isoformat()
GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def png(width: int = 16, height: int = 12, rgb: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A real, decodable PNG of one colour."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", checksum)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class Api:
    """The Dinero API over real HTTP as the test integration, with the org's legacy API key."""

    def __init__(self, base_url: str, world: World, org: int) -> None:
        self.org = org
        self.http = httpx.Client(base_url=base_url, timeout=30)
        key = world.api_keys[org]
        token = self.http.post(
            "/dineroapi/oauth/token",
            data={
                "grant_type": "password",
                "username": key,
                "password": key,
                "scope": "read write",
            },
            auth=(world.client_id, world.client_secret),
        )
        assert token.status_code == 200, token.text
        self.http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"

    def ok(self, response: httpx.Response) -> Any:
        assert response.status_code == 200, f"{response.request.url}: {response.text}"
        return response.json() if response.content else None

    def upload(self, content: bytes, name: str, content_type: str = "image/png") -> str:
        files = {"file": (name, content, content_type)}
        return str(self.ok(self.http.post(f"/v1/{self.org}/files", files=files))["FileGuid"])

    def purchase(
        self,
        amount: float,
        *,
        description: str = "Printerpapir",
        file_guid: str | None = None,
        book: bool = True,
    ) -> str:
        body = {
            "VoucherDate": TODAY,
            "PurchaseType": "cash",
            "DepositAccountNumber": 55000,
            "FileGuid": file_guid,
            "Lines": [{"Description": description, "AccountNumber": 6000, "Amount": amount}],
        }
        made = self.ok(self.http.post(f"/v1.2/{self.org}/vouchers/purchase", json=body))
        if book:
            path = f"/v1/{self.org}/vouchers/purchase/{made['Guid']}/book"
            self.ok(self.http.post(path, json={"Timestamp": made["Timestamp"]}))
        return str(made["Guid"])

    def manual(self, *, file_guid: str | None = None) -> str:
        line = {"Description": "Overførsel", "AccountNumber": 55010, "Amount": 300,
                "BalancingAccountNumber": 55000}  # fmt: skip
        body = {"VoucherDate": TODAY, "FileGuid": file_guid, "Lines": [line]}
        made = self.ok(self.http.post(f"/v1/{self.org}/vouchers/manuel", json=body))
        return str(made["Guid"])

    def invoice(self) -> str:
        """A booked invoice of 2 hours at 800 to a new customer (2,000.00 incl. VAT)."""
        contact = {"Name": "Kunde ApS", "CountryKey": "DK", "IsPerson": False, "IsMember": False,
                   "UseCvr": False}  # fmt: skip
        made = self.ok(self.http.post(f"/v1/{self.org}/contacts", json=contact))
        line = {"Description": "Rådgivning", "Quantity": 2, "Unit": "hours", "AccountNumber": 1000,
                "BaseAmountValue": 800, "LineType": "Product"}  # fmt: skip
        body = {"ContactGuid": made["ContactGuid"], "Date": TODAY, "ProductLines": [line]}
        invoice = self.ok(self.http.post(f"/v1/{self.org}/invoices", json=body))
        path = f"/v1/{self.org}/invoices/{invoice['Guid']}/book"
        self.ok(self.http.post(path, json={"Timestamp": invoice["TimeStamp"]}))
        return str(invoice["Guid"])

    def close(self) -> None:
        self.http.close()


def api_for(site: Site, org: int) -> Api:
    api = Api(site.base_url, site.world, org)
    site.opened.append(api)  # type: ignore[arg-type]  # closed with the site's browsers
    return api


def test_the_list_shows_an_api_booking_with_its_client_id_and_receipt(site: Site) -> None:
    org = site.world.pro_org
    api = api_for(site, org)
    receipt = api.upload(png(), "kvittering.png")
    guid = api.purchase(125, file_guid=receipt, description="Kontorartikler til mødet")
    draft = api.manual()
    alice = site.logged_in_as(site.world.alice_email)
    page = alice.client.get(f"/app/{org}/vouchers")
    assert page.status_code == 200, page.text
    assert f'href="/app/{org}/vouchers/purchase/{guid}"' in page.text
    assert f'href="/app/{org}/vouchers/manual/{draft}"' in page.text
    assert f"API ({site.world.client_id})" in page.text
    assert "Kontorartikler til mødet" in page.text and "125,00" in page.text
    assert "Betalt" in page.text and "Kladde" in page.text
    assert 'aria-current="page"' in page.text and ">Bilagsoversigt<" in page.text


def test_filters_narrow_the_list_and_bad_ones_are_named(site: Site) -> None:
    org = site.world.pro_org
    api = api_for(site, org)
    booked = api.purchase(80, description="Frimærker")
    draft = api.manual()
    alice = site.logged_in_as(site.world.alice_email)

    def listed(**params: str) -> str:
        page = alice.client.get(f"/app/{org}/vouchers", params=params)
        assert page.status_code == 200, page.text
        return page.text

    assert booked not in listed(type="manual") and draft in listed(type="manual")
    assert draft in listed(status="draft") and booked not in listed(status="draft")
    assert booked in listed(status="paid")
    assert booked in listed(q="FRIMÆR") and draft not in listed(q="frimær")
    assert booked in listed(**{"from": TODAY, "to": TODAY})
    assert booked not in listed(**{"from": "2099-01-01"})
    for params, named in (
        ({"from": "26-11-2026"}, "Fra dato"),
        ({"type": "trade-offer"}, "trade-offer"),
        ({"status": "lost"}, "lost"),
        ({"page": "0"}, "Siden"),
    ):
        refused = alice.client.get(f"/app/{org}/vouchers", params=params)
        assert refused.status_code == 400, params
        assert named in refused.text and 'role="alert"' in refused.text
    too_long = alice.client.get(f"/app/{org}/vouchers", params={"q": "x" * 101})
    assert too_long.status_code == 400


def test_pages_of_fifty_link_to_each_other(site: Site) -> None:
    org = site.world.pro_org
    with site.database.write() as session:
        for number in range(52):
            line = PurchaseDraftLine(amount=Decimal(number + 1), account=6000)
            add_purchase_draft(
                session, org, "purchase", PurchaseContent(voucher_date=None, lines=[line])
            )
    alice = site.logged_in_as(site.world.alice_email)
    first = alice.client.get(f"/app/{org}/vouchers", params={"type": "purchase"})
    assert "Side 1 af 2 (52 bilag)" in first.text
    assert len(re.findall(f'href="/app/{org}/vouchers/purchase/{GUID}"', first.text)) == 50
    next_link = re.search(r'href="([^"]+)" rel="next"', first.text)
    assert next_link is not None
    second = alice.client.get(next_link.group(1).replace("&amp;", "&"))
    assert "Side 2 af 2 (52 bilag)" in second.text
    assert len(re.findall(f'href="/app/{org}/vouchers/purchase/{GUID}"', second.text)) == 2
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text


def test_other_organizations_vouchers_and_files_are_refused(site: Site) -> None:
    world = site.world
    bob_api = api_for(site, world.other_org)
    bob_file = bob_api.upload(png(), "bob.png")
    bob_voucher = bob_api.purchase(10, file_guid=bob_file)
    alice = site.logged_in_as(world.alice_email)
    assert alice.client.get(f"/app/{world.other_org}/vouchers").status_code == 403
    own = f"/app/{world.pro_org}"
    assert alice.client.get(f"{own}/vouchers/purchase/{bob_voucher}").status_code == 404
    assert alice.client.get(f"{own}/files/{bob_file}").status_code == 404
    assert alice.client.get(f"/app/{world.other_org}/files/{bob_file}").status_code == 403
    listed = alice.client.get(f"{own}/vouchers").text
    assert bob_voucher not in listed and "bob.png" not in listed
    for path in ("purchase/not-a-guid", f"nonsense/{bob_voucher}", f"invoice/{uuid.uuid4()}"):
        assert alice.client.get(f"{own}/vouchers/{path}").status_code == 404, path


def test_the_voucher_page_shows_lines_entries_and_the_receipt(site: Site) -> None:
    org = site.world.pro_org
    api = api_for(site, org)
    receipt = api.upload(png(), "kvittering.png")
    guid = api.purchase(125, file_guid=receipt)
    alice = site.logged_in_as(site.world.alice_email)
    page = alice.client.get(f"/app/{org}/vouchers/purchase/{guid}")
    assert page.status_code == 200, page.text
    assert "6000 Kontorartikler" in page.text and "Printerpapir" in page.text
    for account in ("6000 Kontorartikler", "64010 Købsmoms", "55000 Bank"):
        assert account in page.text
    assert "100,00" in page.text and "25,00" in page.text and "125,00" in page.text
    assert f'<img src="/app/{org}/files/{receipt}"' in page.text
    policy = page.headers["content-security-policy"]
    assert "frame-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert 'name="timestamp"' not in page.text  # booked: nothing to book


def test_the_file_route_serves_only_attached_files_framable_by_its_own_pages(site: Site) -> None:
    org = site.world.pro_org
    api = api_for(site, org)
    image = png()
    receipt = api.upload(image, "kvittering.png")
    api.purchase(125, file_guid=receipt)
    invoice_pdf = api.upload(PDF, "faktura.pdf", "application/pdf")
    manual = api.manual(file_guid=invoice_pdf)
    loose = api.upload(png(), "løs.png")
    assert site.browser.client.get(f"/app/{org}/files/{receipt}").status_code == 302
    alice = site.logged_in_as(site.world.alice_email)
    served = alice.client.get(f"/app/{org}/files/{receipt}")
    assert served.status_code == 200 and served.content == image
    assert served.headers["content-type"] == "image/png"
    assert "frame-ancestors 'self'" in served.headers["content-security-policy"]
    assert served.headers["x-frame-options"] == "SAMEORIGIN"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert "kvittering.png" in served.headers["content-disposition"]
    pdf = alice.client.get(f"/app/{org}/files/{invoice_pdf}")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    page = alice.client.get(f"/app/{org}/vouchers/manual/{manual}")
    assert f'<iframe src="/app/{org}/files/{invoice_pdf}"' in page.text
    assert alice.client.get(f"/app/{org}/files/{loose}").status_code == 404
    assert alice.client.get(f"/app/{org}/files/{'x' * 32}").status_code == 404
    listed = alice.client.get(f"/app/{org}/vouchers").text
    assert loose not in listed and "løs.png" not in listed


def test_invoices_are_listed_with_their_lines_entries_and_sales_page(site: Site) -> None:
    org = site.world.pro_org
    guid = api_for(site, org).invoice()
    alice = site.logged_in_as(site.world.alice_email)
    listed = alice.client.get(f"/app/{org}/vouchers", params={"type": "invoice"}).text
    assert f'href="/app/{org}/vouchers/invoice/{guid}"' in listed
    assert "Kunde ApS" in listed and "2.000,00" in listed and "Bogført" in listed
    page = alice.client.get(f"/app/{org}/vouchers/invoice/{guid}")
    assert page.status_code == 200, page.text
    assert "Rådgivning" in page.text and "1000 Salg af varer og ydelser m/moms" in page.text
    assert "Beløb ekskl. moms" in page.text and "1.600,00" in page.text
    for account in ("57000 Debitorer", "64000 Salgsmoms"):
        assert account in page.text
    assert f'href="/app/{org}/sales/invoices/{guid}"' in page.text
    toggled = alice.client.get("/app/language", params={"to": "en", "next": f"/app/{org}/vouchers"})
    english = alice.follow(toggled)
    assert "<h1>Vouchers</h1>" in english.text and "Booked by" in english.text
    assert "2,000.00" in english.text and ">Invoice<" in english.text
