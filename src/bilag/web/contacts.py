"""Kontakter: the organization's contacts, searched by name, e-mail or CVR a page at a time; one
contact with its invoices; creating and editing one through the contacts endpoints."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.models import Contact
from bilag.web.api_client import call_api
from bilag.web.contacts_form import (
    CONDITION_TYPES,
    api_body,
    blank_values,
    contact_values,
    field_errors,
    posted_values,
)
from bilag.web.contacts_reads import PAGE_SIZE, get_live_contact, search_contacts
from bilag.web.contacts_texts import CONTACT_TEXTS
from bilag.web.forms import read_query, single
from bilag.web.sales_format import formatters, page_link, query_page
from bilag.web.sales_reads import ListRow, contact_documents
from bilag.web.sales_texts import SALES_TEXTS
from bilag.web.security import PageError, redirect, services_of
from bilag.web.shell import OrgContext, app_page, org_context, read_app_form

router = APIRouter(include_in_schema=False)
TEXTS = {language: SALES_TEXTS[language] | CONTACT_TEXTS[language] for language in SALES_TEXTS}
BASE = "/app/{organization_id}/contacts"


def _search(
    request: Request, organization_id: int, text: str, page: int
) -> tuple[list[Contact], int]:
    with services_of(request).database.read() as session:
        found, count = search_contacts(session, organization_id, text, page)
        session.expunge_all()
    return found, count


def _contact(
    request: Request, organization_id: int, guid: str, with_documents: bool
) -> tuple[Contact, list[ListRow]]:
    try:
        wanted = str(uuid.UUID(guid))
    except ValueError:
        wanted = ""
    with services_of(request).database.read() as session:
        contact = get_live_contact(session, organization_id, wanted) if wanted else None
        if contact is None:
            raise PageError(404, f"No contact {guid} is in this organization.", title="Not found")
        documents = []
        if with_documents:
            documents = contact_documents(session, organization_id, wanted, date.today())
        session.expunge_all()
    return contact, documents


@router.get(BASE)
async def contacts_page(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    query = read_query(request)
    text = (single(query, "q", max_length=200) or "").strip()
    page = query_page(query)
    contacts, count = await run_in_threadpool(_search, request, ctx.organization_id, text, page)
    base = f"/app/{ctx.organization_id}/contacts"
    pages = max(1, -(-count // PAGE_SIZE))
    return app_page(
        request,
        ctx,
        "contacts/list.html",
        texts=TEXTS,
        active="contacts",
        title=TEXTS[ctx.language]["contacts_title"],
        contacts=contacts,
        text=text,
        count=count,
        page=page,
        pages=pages,
        previous_link=page_link(base, {"q": text}, page - 1) if page > 0 else None,
        next_link=page_link(base, {"q": text}, page + 1) if page + 1 < pages else None,
    )


@router.get(BASE + "/new")
async def new_contact_page(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    return _form(request, ctx, blank_values(), None)


@router.post(BASE + "/new")
async def create_contact(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    values = posted_values(await read_app_form(request, ctx))
    reply = await call_api(
        request, ctx, "POST", f"/v1/{ctx.organization_id}/contacts", json=api_body(values, None)
    )
    if not reply.ok:
        errors = field_errors(reply.json)
        return _form(request, ctx, values, None, reply.problem, errors, reply.status)
    guid = (reply.json or {}).get("ContactGuid", "")
    return redirect(f"/app/{ctx.organization_id}/contacts/{guid}?done=created")


@router.get(BASE + "/{guid}")
async def contact_page(request: Request, organization_id: str, guid: str) -> Response:
    ctx = await org_context(request, organization_id)
    done = single(read_query(request), "done", max_length=20)
    contact, documents = await run_in_threadpool(_contact, request, ctx.organization_id, guid, True)
    return app_page(
        request,
        ctx,
        "contacts/view.html",
        texts=TEXTS,
        active="contacts",
        title=contact.name,
        contact=contact,
        documents=documents,
        done=done if done in ("created", "saved") else None,
        **formatters(ctx.language),
    )


@router.get(BASE + "/{guid}/edit")
async def edit_contact_page(request: Request, organization_id: str, guid: str) -> Response:
    ctx = await org_context(request, organization_id)
    contact, _none = await run_in_threadpool(_contact, request, ctx.organization_id, guid, False)
    return _form(request, ctx, contact_values(contact), contact)


@router.post(BASE + "/{guid}/edit")
async def update_contact(request: Request, organization_id: str, guid: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = await read_app_form(request, ctx)
    contact, _none = await run_in_threadpool(_contact, request, ctx.organization_id, guid, False)
    values = posted_values(fields)
    path = f"/v2/{ctx.organization_id}/contacts/{contact.guid}"
    reply = await call_api(request, ctx, "PUT", path, json=api_body(values, contact))
    if not reply.ok:
        return _form(
            request, ctx, values, contact, reply.problem, field_errors(reply.json), reply.status
        )
    return redirect(f"/app/{ctx.organization_id}/contacts/{contact.guid}?done=saved")


def _form(
    request: Request,
    ctx: OrgContext,
    values: dict[str, str],
    contact: Contact | None,
    problem: str = "",
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    texts = TEXTS[ctx.language]
    title = texts["edit_contact"] if contact else texts["new_contact"]
    return app_page(
        request,
        ctx,
        "contacts/form.html",
        texts=TEXTS,
        active="contacts",
        title=f"{title}: {contact.name}" if contact else title,
        status_code=status if 400 <= status < 500 else (200 if status < 400 else 502),
        values=values,
        contact=contact,
        problem=problem,
        errors=errors or {},
        condition_types=CONDITION_TYPES,
    )
