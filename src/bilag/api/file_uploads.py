"""Reading one uploaded file from a `multipart/form-data` body, streamed, with a size limit.

Any part name is accepted, and so is a part with no name. The file is the first part that
carries a filename (`filename*=` per RFC 5987 preferred over `filename=`); when no part does,
the first part with content is taken. The body is streamed into the blob store's temporary file
while it arrives, so memory stays small whatever the client sends; past `max_size` bytes of file
the upload stops with 413. The type comes from the content's first bytes (`detect_file_type`),
never from the name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from bilag.api.errors import DineroError, ErrorCode, validation_failure
from bilag.storage.files import BlobWriter, FileStorage

MAX_FILE_BYTES = 6 * 1024 * 1024
# Room for part headers and any small extra form fields next to the file.
BODY_ALLOWANCE = 256 * 1024


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    aliases: tuple[str, ...] = ()


PDF = FileType("application/pdf", "pdf")
JPEG = FileType("image/jpeg", "jpg", ("jpeg", "jpe", "jfif"))
PNG = FileType("image/png", "png")
GIF = FileType("image/gif", "gif")
TIFF = FileType("image/tiff", "tif", ("tiff",))
HEIC = FileType("image/heic", "heic", ("heif",))
WEBP = FileType("image/webp", "webp")
ALLOWED_TYPES = (PDF, JPEG, PNG, GIF, TIFF, HEIC, WEBP)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"heif")


def detect_file_type(head: bytes) -> FileType | None:
    """The allowed type whose signature starts `head`, or None."""
    if head.lstrip(b"\t\n\r ").startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIC
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    return None


def too_large() -> DineroError:
    message = f"The file is too large. A file may be at most 6 MB ({MAX_FILE_BYTES} bytes)."
    return DineroError(ErrorCode.LIMIT_EXCEEDED, message, 413, {"file": message})


def disposition_parameters(value: str) -> dict[str, str]:
    """Content-Disposition parameters by lowercased name, values unquoted and decoded."""
    parameters: dict[str, str] = {}
    for piece in _split_parameters(value)[1:]:
        name, _, raw = piece.partition("=")
        name = name.strip().lower().replace("\\*", "*")
        raw = raw.strip()
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if name.endswith("*"):
            charset, _, rest = raw.partition("'")
            _language, _, encoded = rest.partition("'")
            try:
                raw = unquote(encoded, encoding=charset or "utf-8", errors="strict")
            except (LookupError, UnicodeDecodeError):
                continue
        parameters[name] = raw
    return parameters


def _split_parameters(value: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


@dataclass
class ReceivedFile:
    writer: BlobWriter
    filename: str | None


@dataclass
class _Part:
    headers: dict[str, str] = field(default_factory=dict)
    filename: str | None = None
    writer: BlobWriter | None = None


class _UploadReader:
    """Callbacks for python-multipart's streaming parser; keeps at most two writers open."""

    def __init__(self, storage: FileStorage) -> None:
        self.storage = storage
        self.named: ReceivedFile | None = None  # the first part with a filename
        self.fallback: ReceivedFile | None = None  # the first part without one
        self.part = _Part()
        self._field = b""
        self._value = b""
        self.parts = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda data, start, end: self._add_field(data[start:end]),
            "on_header_value": lambda data, start, end: self._add_value(data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
        }

    def _begin(self) -> None:
        self.parts += 1
        self.part = _Part()

    def _add_field(self, data: bytes) -> None:
        self._field += data

    def _add_value(self, data: bytes) -> None:
        self._value += data

    def _header_end(self) -> None:
        name = self._field.decode("latin-1").strip().lower()
        self.part.headers[name] = self._value.decode("utf-8", errors="replace").strip()
        self._field = self._value = b""

    def _headers_finished(self) -> None:
        parameters = disposition_parameters(self.part.headers.get("content-disposition", ""))
        filename = parameters.get("filename*") or parameters.get("filename")
        has_filename = "filename*" in parameters or "filename" in parameters
        if has_filename and self.named is None:
            self.part.filename = filename
            self.part.writer = self.storage.writer()
            self.named = ReceivedFile(self.part.writer, filename)
        elif not has_filename and self.named is None and self.fallback is None:
            self.part.writer = self.storage.writer()
            self.fallback = ReceivedFile(self.part.writer, None)

    def _data(self, data: bytes, start: int, end: int) -> None:
        writer = self.part.writer
        if writer is None:
            return
        if writer.size + (end - start) > MAX_FILE_BYTES:
            raise too_large()
        writer.write(data[start:end])

    def chosen(self) -> ReceivedFile | None:
        if self.named is not None:
            if self.fallback is not None:
                self.fallback.writer.discard()
            return self.named
        return self.fallback

    def discard_all(self) -> None:
        for received in (self.named, self.fallback):
            if received is not None:
                received.writer.discard()


async def receive_file(request: Request, storage: FileStorage) -> ReceivedFile:
    """The uploaded file, written to a temporary blob; the caller commits or discards it."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if not content_type.lower().startswith(b"multipart/"):
        raise validation_failure(
            {"file": "Send the file as multipart/form-data with one file part."}
        )
    boundary = options.get(b"boundary")
    if not boundary:
        raise validation_failure({"file": "The multipart/form-data body has no boundary."})
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FILE_BYTES + BODY_ALLOWANCE:
        raise too_large()
    reader = _UploadReader(storage)
    received = 0
    try:
        parser = MultipartParser(boundary, reader.callbacks())  # type: ignore[arg-type]
        async for chunk in request.stream():
            received += len(chunk)
            if received > MAX_FILE_BYTES + BODY_ALLOWANCE:
                raise too_large()
            parser.write(chunk)
        parser.finalize()
    except DineroError:
        reader.discard_all()
        raise
    except Exception as problem:  # python-multipart raises its own errors on malformed bodies
        reader.discard_all()
        raise validation_failure({"file": f"The multipart body is malformed: {problem}"}) from None
    chosen = reader.chosen()
    if chosen is None:
        reader.discard_all()
        raise validation_failure({"file": "The multipart body contains no file part."})
    if chosen.writer.size == 0:
        chosen.writer.discard()
        raise validation_failure({"file": "The file part is empty."})
    return chosen
