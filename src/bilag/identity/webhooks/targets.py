"""Which addresses a webhook may be sent to.

A subscriber chooses the URL, so without a check any integration could make the server POST to
its own loopback interface, the local network or a cloud metadata service. Unless private
targets are allowed (`BILAG_WEBHOOK_PRIVATE_TARGETS`, or sandbox mode, where receivers usually
run beside bilag), a delivery goes only to public addresses: the host name is resolved, every
address it has must be public, and the request is sent to the address that was checked (with the
URL's host in `Host` and in TLS's SNI), so that a second DNS answer cannot swap in another one.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

Resolver = Callable[[str, int], Sequence[str]]
LOCAL_NAMES = ("localhost", "localhost.localdomain")


class RefusedTarget(ValueError):
    """The target is not a public address."""


def resolve(host: str, port: int) -> list[str]:
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(answer[4][0]) for answer in answers]


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def literal_refusal(host: str) -> str | None:
    """Why a URL host that needs no lookup is not public, or None: for refusing a subscription
    early. Names are only resolved when a delivery is sent."""
    name = host.strip("[]").rstrip(".").lower()
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return f"{host} is this machine"
    try:
        public = is_public(name)
    except ValueError:
        return None  # a name
    return None if public else f"{host} is not a public address"


def public_address(host: str, port: int, resolver: Resolver = resolve) -> str:
    """The address to send to: `host` itself or what it resolves to, all of it public."""
    refusal = literal_refusal(host)
    if refusal is not None:
        raise RefusedTarget(refusal)
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host.strip("[]")
    except ValueError:
        pass
    try:
        addresses = list(resolver(host, port))
    except OSError as error:
        raise RefusedTarget(f"{host} could not be resolved ({error})") from None
    private = [address for address in addresses if not is_public(address)]
    if not addresses or private:
        shown = ", ".join(private) or "nothing"
        raise RefusedTarget(f"{host} resolves to {shown}, not a public address")
    return addresses[0]
