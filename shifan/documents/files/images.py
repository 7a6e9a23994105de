"""Images: parsed by Pillow within a pixel cap, then re-encoded (T34, T37).

Re-encoding keeps only the pixels (and the colour profile and transparency, which change how
they look): EXIF with its GPS position, comments, text chunks and any bytes riding after the
image are gone from the stored file.
"""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from shifan.documents.files import messages
from shifan.documents.files.errors import FileRefused

MAX_PIXELS = 40_000_000
# Pillow's own bomb guard, checked by Image.open from the header alone, before any decoding:
# above this a warning (made an error below), above twice this an error. Process-wide on purpose:
# no other code path may decode a bigger image either. _check_pixels repeats it, in our words.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_FORMATS = {"jpg": ("JPEG", "MPO"), "png": ("PNG",)}  # MPO: phones' multi-picture JPEGs
_TOO_MANY_PIXELS = messages.IMAGE_TOO_MANY_PIXELS.format(limit=MAX_PIXELS // 10_000)
_KEPT_INFO = ("icc_profile", "transparency")
_TRANSPARENCY_MODES = ("1", "L", "P", "RGB", "I", "I;16")  # a tRNS chunk is valid only for these


def reencode_image(data: bytes, kind: str) -> bytes:
    """The image's pixels re-encoded as `kind` (jpg or png); FileRefused if it is not a sound image."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return _reencode(data, kind)
        except FileRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise FileRefused(_TOO_MANY_PIXELS) from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
            raise FileRefused(messages.IMAGE_BROKEN) from exc


def _reencode(data: bytes, kind: str) -> bytes:
    formats = _FORMATS[kind]
    with Image.open(io.BytesIO(data), formats=list(formats)) as probe:
        _check_pixels(probe.size)  # from the header: nothing decoded yet
        probe.verify()
    with Image.open(io.BytesIO(data), formats=list(formats)) as image:
        image.load()
        return _encode(ImageOps.exif_transpose(image), kind)


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width * height > MAX_PIXELS:
        raise FileRefused(_TOO_MANY_PIXELS)


def _encode(image: Image.Image, kind: str) -> bytes:
    # The EXIF orientation was applied above, so the picture stays upright once EXIF is dropped.
    kept = {key: image.info[key] for key in _KEPT_INFO if key in image.info}
    if image.mode not in _TRANSPARENCY_MODES or kind == "jpg":
        kept.pop("transparency", None)
    clean = image.copy()
    clean.info = {}  # Pillow carries some info (a JPEG comment) into the saved file unless cleared
    out = io.BytesIO()
    if kind == "jpg":
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=90, **kept)
    else:
        clean.save(out, "PNG", **kept)
    return out.getvalue()
