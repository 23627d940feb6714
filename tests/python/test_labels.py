"""Return labels from Python: bytes of each format, barcodes read back by zbarimg (QR) and
dmtxread (DataMatrix), who may print, and the errors naming their field."""

import shutil
import subprocess

import pytest

import rma
from conftest import CUSTOMER, STAFF, new_location, seed

OPTIONS = {"labels": {"return_name": "Magazzino Resi", "return_address": {
    "line1": "Via dell'Industria 12", "postal_code": "20121", "city": "Milano", "country": "IT"}}}


@pytest.fixture
def labelled(clock, tmp_path):
    with rma.Engine(new_location(tmp_path), OPTIONS, clock=clock) as opened:
        seed(opened)
        yield opened


def _case(engine):
    return engine.create_case(STAFF, {"kind": "return", "channel": "b2c", "customer_id": "C1",
                                      "lines": [{"sku": "PHONE-1", "quantity": 1, "reason_code": "defective"}]})


def _decoded(tmp_path, png: bytes, symbology: str) -> str:
    path = tmp_path / "label.png"
    path.write_bytes(png)
    command = ["zbarimg", "--raw", "-q", str(path)] if symbology == "qr" else ["dmtxread", "-N1", str(path)]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("dmtxread") is None,
                    reason="zbar-tools and dmtx-utils (scripts/setup) decode the barcodes")
@pytest.mark.parametrize("symbology", ["qr", "datamatrix"])
def test_png_barcode_decodes_to_the_number(labelled, tmp_path, symbology):
    case = _case(labelled)
    png, info = labelled.render_label_info(CUSTOMER, case["id"], "png", symbology=symbology)
    assert png.startswith(b"\x89PNG")
    assert info["payload"] == case["number"] and info["bytes"] == len(png)
    assert info["media_type"] == "image/png"
    assert _decoded(tmp_path, png, symbology) == case["number"]


def test_every_format_is_bytes(labelled):
    case = _case(labelled)
    assert labelled.render_label(STAFF, case["id"], "pdf").startswith(b"%PDF-")
    assert labelled.render_label(STAFF, case["id"], "pdf", page="a4").startswith(b"%PDF-")
    assert b"<svg" in labelled.render_label(STAFF, case["id"], "svg")
    zpl = labelled.render_label(STAFF, case["id"], "zpl", line_no=1)
    assert zpl.startswith(b"^XA") and ("^FDQA," + case["number"] + "/1^FS").encode() in zpl


def test_bad_requests_name_their_field(labelled):
    case = _case(labelled)
    with pytest.raises(rma.ValidationError) as e:
        labelled.render_label(STAFF, case["id"], "gif")
    assert e.value.field == "format"
    with pytest.raises(rma.ValidationError) as e:
        labelled.render_label(STAFF, case["id"], "png", dpi=601)
    assert e.value.field == "dpi"
    with pytest.raises(rma.NotFound):
        labelled.render_label(STAFF, case["id"] + 1000, "png")
    with pytest.raises(rma.NotFound) as e:
        labelled.render_label(STAFF, case["id"], "png", line_no=2)
    assert e.value.field == "line_no"


def test_only_staff_and_the_claimant_print(labelled):
    case = _case(labelled)
    with pytest.raises(rma.NotFound):
        labelled.render_label("customer:C2", case["id"], "zpl")
    with pytest.raises(rma.PermissionDenied):
        labelled.render_label("supplier:S1", case["id"], "zpl")


def test_an_unprintable_return_address_refuses_to_open(tmp_path):
    with pytest.raises(rma.ValidationError) as e:
        rma.Engine(new_location(tmp_path), {"labels": {"return_name": "x" * 81}})
    assert e.value.field == "labels.return_name"
