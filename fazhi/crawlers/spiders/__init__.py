"""The fazhi spiders: ``flk`` (national law database), ``judgments``, ``posts`` and ``generic``
(any list → detail site described by a YAML profile)."""
