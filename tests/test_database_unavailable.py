"""A database that cannot be reached gets the friendly 503, whichever layer raised the error."""

import sqlite3

import psycopg2
import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from toolkit_portal.views import server_error


def answer_to(error: Exception):
    try:
        raise error
    except Exception:
        return server_error(RequestFactory().get("/search/"))


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection refused"),
        InterfaceError("connection already closed"),
        # raised by the driver itself, e.g. closing a cursor on a dropped connection
        psycopg2.OperationalError("server closed the connection unexpectedly"),
        psycopg2.InterfaceError("cursor already closed"),
        sqlite3.OperationalError("database is locked"),
    ],
)
def test_every_database_unavailable_error_gets_a_503_with_retry_after(error):
    response = answer_to(error)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()


def test_other_errors_get_the_500_page():
    response = answer_to(KeyError("bug"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_an_error_raised_while_handling_a_lost_connection_gets_the_503():
    try:
        raise psycopg2.OperationalError("server closed the connection unexpectedly")
    except psycopg2.OperationalError:
        try:
            raise RuntimeError("the template could not finish")  # noqa: TRY301
        except RuntimeError as error:
            assert answer_to(error).status_code == 503
