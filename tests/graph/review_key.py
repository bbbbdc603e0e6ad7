"""What the filing-review audits' tests share (test_graph_review_audit.py, test_review_audit2.py): a group's
figures as the keys write them, and each keyed row's verdict checked against a review's lists."""


def figures(group: dict) -> list:
    """(should_file, filed, timely, compliant) of a group (overall, an issuer, a quarter)."""
    return [group["should_file"], group["filed"], group["timely"], group["compliant"]]


def assert_rows_match(result: dict, rows: list[dict]) -> None:
    """Each keyed row — verdict timely / late / unfiled / pending, the days of a late one, the due day of a
    pending one, 规范 or not — as :func:`fazhi.graph.review.review_rows` reports it."""
    pending = {x["title"]: x["due"] for x in result["pending"]}
    late = {x["title"]: x for x in result["late"]}
    noncompliant = {x["title"] for x in result["noncompliant"]}
    for row in rows:
        t = row["title"]
        if row["verdict"] == "pending":
            assert pending.get(t) == row["due"], t
            continue
        assert t not in pending, t
        if row["verdict"] == "timely":
            assert t not in late, t
        elif row["verdict"] == "unfiled":
            assert late[t]["filed"] is None, t
        else:
            assert late[t]["filed"] is not None and late[t]["days"] == row["days"], t
        if row["compliant"] is not None:
            assert (t not in noncompliant) == row["compliant"], t
