"""Dispute signals and emerging-dispute scanning for analysts (指挥中心、研判).

* :mod:`fazhi.scan.classify` — dispute type (retrainable, explains itself);
* :mod:`fazhi.scan.risk` — escalation cues with severity, negation, hypotheticals and urgency;
* :mod:`fazhi.scan.scanner` — counts, bursts, new terms, near-duplicate clusters, repeat parties, statutes;
* :mod:`fazhi.scan.report` — the offline HTML report.
"""
