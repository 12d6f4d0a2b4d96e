"""The usage page's texts, Danish first, every key in both languages."""

from __future__ import annotations

from bilag.web.templating import Texts

USAGE_TEXTS: Texts = {
    "da": {
        "title": "Forbrug",
        "intro": "API-kald fra denne applikation pr. time og virksomhed, fordelt på svar "
        "(de seneste 24 timer, UTC). Tallene kan halte et par sekunder bagefter.",
        "budget": "Grænse lige nu",
        "budget_intro": "Højst 100 kald i minuttet pr. virksomhed for hver Client ID.",
        "of": "af",
        "this_minute": "i dette minut",
        "no_budget": "Ingen kald i det seneste minut.",
        "organization_label": "Virksomhed",
        "no_organization": "Uden virksomhed (ingen gyldig token eller organisationslisten)",
        "chart_title": "Kald pr. time",
        "chart_desc": "Stablede søjler pr. time efter svarklasse; tabellen herunder viser tallene.",
        "hour": "Time (UTC)",
        "total": "I alt",
        "no_usage": "Ingen API-kald fra denne applikation de seneste 24 timer.",
        "warning_title": "Mange afviste kald",
        "warning": "Denne applikation har fået {refused} svar med 400, 401 eller 403 ud af "
        "{calls} kald i den nuværende og forrige time. Dinero kan skride ind over for klienter "
        "med mange 400-, 401- og 403-svar: ret årsagen hos jer. Se fejlene i",
        "debugger_link": "Debuggeren",
        "legend": "Forklaring",
        "peak": "højest",
        "client_id": "Client ID",
    },
    "en": {
        "title": "Usage",
        "intro": "This application's API calls per hour and organization, by answer "
        "(the last 24 hours, UTC). The figures may lag a few seconds behind.",
        "budget": "Rate limit now",
        "budget_intro": "At most 100 calls a minute per organization for each Client ID.",
        "of": "of",
        "this_minute": "this minute",
        "no_budget": "No calls in the last minute.",
        "organization_label": "Organization",
        "no_organization": "No organization (no valid token, or the organization list)",
        "chart_title": "Calls per hour",
        "chart_desc": "Stacked bars per hour by status class; the table below gives the figures.",
        "hour": "Hour (UTC)",
        "total": "Total",
        "no_usage": "No API calls from this application in the last 24 hours.",
        "warning_title": "Many refused calls",
        "warning": "This application got {refused} answers of 400, 401 or 403 out of {calls} "
        "calls in the current and the previous hour. Dinero may act against clients that cause "
        "many 400, 401 and 403 responses: fix the cause on your side. See the failures in the",
        "debugger_link": "Debugger",
        "legend": "Legend",
        "peak": "peak",
        "client_id": "Client ID",
    },
}
