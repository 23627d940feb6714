"""Return labels for rma.Engine: the RMA number as a QR or DataMatrix barcode, the addresses,
the lines and an instruction, as SVG, PNG, PDF or ZPL (docs/labels.md)."""

import base64
from typing import Any, Callable, Dict, Optional, Tuple

Json = Dict[str, Any]


class Labels:
    """The label commands of :class:`rma.Engine`. Needs ``call`` from Engine."""

    call: Callable[..., Any]

    def render_label(self, actor: str, case_id: int, format: str = "pdf", *, symbology: str = "qr",
                     page: str = "label", line_no: Optional[int] = None, language: Optional[str] = None,
                     dpi: Optional[int] = None) -> bytes:
        """The return label of case ``case_id`` as the bytes of a file: ``format`` is ``"svg"``,
        ``"png"``, ``"pdf"`` or ``"zpl"``; ``symbology`` ``"qr"`` or ``"datamatrix"``; ``page``
        ``"label"`` (100 x 150 mm) or ``"a4"`` (the label inside a cut line, not for ZPL).
        ``line_no`` gives one line's label (its barcode is ``"<number>/<line_no>"``);
        ``language`` (a BCP 47 tag) overrides the customer's; ``dpi`` (100 to 600, default 203)
        sets the PNG's resolution and the printer's for ZPL.

        Staff, or the customer of the case. Raises :class:`rma.NotFound` for an unknown case or
        line, :class:`rma.ValidationError` naming the field for a bad request or a text too long
        for the label, :class:`rma.PermissionDenied` for a supplier.
        """
        return self.render_label_info(actor, case_id, format, symbology=symbology, page=page, line_no=line_no,
                                      language=language, dpi=dpi)[0]

    def render_label_info(self, actor: str, case_id: int, format: str = "pdf", *, symbology: str = "qr",
                          page: str = "label", line_no: Optional[int] = None, language: Optional[str] = None,
                          dpi: Optional[int] = None) -> Tuple[bytes, Json]:
        """:meth:`render_label`, with the answer's facts as well: ``(content, {"format",
        "media_type", "payload", "language", "bytes"})``; ``payload`` is what the barcode
        encodes."""
        request: Json = {"case_id": case_id, "format": format, "symbology": symbology, "page": page}
        for key, value in (("line_no", line_no), ("language", language), ("dpi", dpi)):
            if value is not None:
                request[key] = value
        answer: Json = dict(self.call(actor, "label.render", request))
        content = base64.b64decode(answer.pop("content_base64"), validate=True)
        return content, answer
