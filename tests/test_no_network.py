"""The suite runs offline: pytest-socket refuses network sockets, and the local socketpair asyncio needs still works."""

from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketBlockedError


def test_a_tcp_connection_is_refused() -> None:
    # SocketBlockedError also warns; under filterwarnings=error the warning alone would be raised instead.
    with pytest.warns(UserWarning, match="getaddrinfo"), pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 80), timeout=1)
    with pytest.warns(UserWarning, match="socket.socket"), pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 80))


def test_a_unix_socketpair_still_works() -> None:
    # asyncio's and qasync's loops wake themselves through one of these.
    left, right = socket.socketpair()
    with left, right:
        assert left.family == socket.AF_UNIX
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
