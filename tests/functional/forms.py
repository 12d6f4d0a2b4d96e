"""Drives the identity provider's real HTML forms the way a browser does, without knowing their
field names in advance: it reads each <form>, keeps its hidden fields, fills the e-mail and
password inputs by type, and presses the button whose label or value is asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    inputs: list[dict[str, str]] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._button: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form(values.get("action", ""), values.get("method", "get").lower()))
        elif not self.forms:
            return
        elif tag == "input":
            kind = values.get("type", "text").lower()
            if kind == "submit":
                self.forms[-1].buttons.append({**values, "label": values.get("value", "")})
            else:
                self.forms[-1].inputs.append(values)
                if values.get("name"):
                    self.forms[-1].fields[values["name"]] = values.get("value", "")
        elif tag == "button":
            self._button = {**values, "label": ""}
            self.forms[-1].buttons.append(self._button)

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button["label"] += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "button":
            self._button = None


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def submit(
    client: httpx.Client,
    page: httpx.Response,
    *,
    button: str | None = None,
    email: str | None = None,
    password: str | None = None,
) -> httpx.Response:
    """Fill and submit the form on `page` that has the wanted button (or credentials)."""
    for form in forms_in(page.text):
        labels = [b for b in form.buttons if button and button.lower() in b["label"].lower()]
        if button and not labels:
            continue
        data = dict(form.fields)
        for entry in form.inputs:
            kind = entry.get("type", "text").lower()
            name = entry.get("name", "")
            if kind == "email" or name in {"email", "username"}:
                data[name] = email or ""
            elif kind == "password":
                data[name] = password or ""
        if labels and labels[0].get("name"):
            data[labels[0]["name"]] = labels[0].get("value", "")
        if not button and email is None:
            continue
        target = urljoin(str(page.url), form.action or str(page.url))
        return client.request(form.method.upper(), target, data=data)
    raise AssertionError(f"no form with button {button!r} on {page.url}:\n{page.text[:2000]}")
