"""Reports for rma.Engine: statistics of cases, the return rate, CSV and XLSX exports
(docs/reports.md)."""

from collections.abc import Mapping
from typing import Any, Callable, Dict, List, Optional, Sequence, cast

from ._convert import check_text, decode, encode
from ._errors import Error, core_call
from ._warranty import _Progress

Json = Dict[str, Any]
ExportProgress = Callable[[int, int], Any]


def _report_request(measures: Sequence[str], dimensions: Sequence[str], subject: Optional[str],
                    period: Optional[str], time_zone: Optional[str], filters: Optional[Mapping[str, Any]],
                    sort: Optional[str], descending: bool, limit: Optional[int]) -> Json:
    if isinstance(measures, str) or isinstance(dimensions, str):
        raise TypeError("measures and dimensions are lists of names, not one string")
    request: Json = {"measures": list(measures), "dimensions": list(dimensions)}
    for key, value in (("subject", subject), ("period", period), ("time_zone", time_zone),
                       ("sort", sort), ("limit", limit)):
        if value is not None:
            request[key] = value
    if filters is not None:
        request["filters"] = dict(filters)
    if descending:
        request["descending"] = True
    return request


def _rows_as_dicts(report: Json) -> Json:
    names = [column["name"] for column in report["columns"]]
    report["rows"] = [dict(zip(names, row)) for row in report["rows"]]
    report["totals"] = dict(zip(names, report["totals"]))
    return report


class Reports:
    """The report commands of :class:`rma.Engine`. Needs ``call`` and ``_live`` from Engine."""

    call: Callable[..., Any]
    _live: Callable[[], Any]

    def run_report(self, actor: str, measures: Sequence[str], dimensions: Sequence[str] = (), *,
                   subject: Optional[str] = None, period: Optional[str] = None,
                   time_zone: Optional[str] = None, filters: Optional[Mapping[str, Any]] = None,
                   sort: Optional[str] = None, descending: bool = False,
                   limit: Optional[int] = None) -> Json:
        """Groups cases (or, with ``subject="return_rate"``, sold and returned units) by up to
        three ``dimensions`` and computes ``measures`` for each group (docs/reports.md lists both).

        Returns ``{"columns": [{"name", "type", "dimension", "currency"?}], "rows": [one dict per
        group, keyed by column name], "totals": {column: value}, "groups", "period",
        "time_zone"}``. Money is text such as ``"12.34 EUR"`` (one column per currency), periods
        are labels such as ``"2026-W48"``, durations are seconds, rates are percentages.

        ``filters`` takes case.query's filters (customer_id, status, sku, created_from, ...).
        Staff only, except a customer's own report (status, kind, ... of its cases). Raises
        :class:`rma.ValidationError` naming the field for an unknown dimension or measure, more
        than three dimensions, a period without a time zone (name one here or in the engine's
        options) or a report with more groups than ``limits.max_report_groups``.
        """
        request = _report_request(measures, dimensions, subject, period, time_zone, filters, sort,
                                  descending, limit)
        return _rows_as_dicts(self.call(actor, "report.run", request))

    def export_report(self, actor: str, path: str, format: str, measures: Sequence[str],
                      dimensions: Sequence[str] = (), *, subject: Optional[str] = None,
                      period: Optional[str] = None, time_zone: Optional[str] = None,
                      filters: Optional[Mapping[str, Any]] = None, sort: Optional[str] = None,
                      descending: bool = False, limit: Optional[int] = None,
                      sheet: Optional[str] = None, title: Optional[str] = None,
                      progress: Optional[ExportProgress] = None,
                      progress_every: Optional[int] = None) -> Json:
        """Runs the report of :meth:`run_report` and writes it to ``path`` as ``format`` "csv"
        (RFC 4180) or "xlsx" (typed cells, frozen header, autofilter, a chart of the first
        measure); returns ``{"path", "format", "rows", "bytes"}``.

        ``progress(rows_done, rows_total)`` is called every ``progress_every`` rows (librma's
        default 10000) and once at the end; returning ``False`` cancels: the file is removed and
        :class:`rma.ValidationError` is raised with field ``"progress"``. An exception raised by
        ``progress`` cancels it too and is raised from here.
        """
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be a callable or None, got {type(progress).__name__}")
        request: Json = {
            "report": _report_request(measures, dimensions, subject, period, time_zone, filters, sort,
                                      descending, limit),
            "format": check_text(format, "format"),
            "path": check_text(str(path), "path"),
        }
        for key, value in (("sheet", sheet), ("title", title), ("progress_every", progress_every)):
            if value is not None:
                request[key] = value
        actor_text = check_text(actor, "actor")
        core = self._live()
        reporter = None if progress is None else _Progress(progress, core)
        try:
            result = core_call(core.report_export, actor_text, encode(request), reporter)
        except Error:
            if reporter is not None and reporter.error is not None:
                raise reporter.error from None
            raise
        return cast(Json, decode(result))
