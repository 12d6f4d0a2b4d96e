"""The demo's sample books, booked into the test world's Pro organization through the API of a
live server, as an integration with the organization's API key would."""

from __future__ import annotations

import httpx

from bilag.cli.demo_books import book_sample_books
from tests.factories import World


async def book_samples(base_url: str, world: World) -> None:
    key = world.api_keys[world.pro_org]
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        token = await http.post(
            "/dineroapi/oauth/token",
            data={"grant_type": "password", "username": key, "password": key},
            auth=(world.client_id, world.client_secret),
        )
        assert token.status_code == 200, token.text
        http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        await book_sample_books(http, world.pro_org)
