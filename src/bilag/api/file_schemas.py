"""Wire schemas of the files endpoints (reference §3.10), as Dinero's OpenAPI names them."""

from __future__ import annotations

from bilag.api.schemas import WireModel


class FileSavedReadModel(WireModel):
    FileGuid: str | None = None


class FileLinkReadModel(WireModel):
    VoucherId: int
    VoucherGuid: str
    LinkedAt: str | None = None


class FilteredFileReadModel(WireModel):
    FileGuid: str | None = None
    Name: str | None = None
    Extension: str | None = None
    Size: int
    UploadedAt: str
    Note: str | None = None
    NumberOfPages: int | None = None
    Linked: list[FileLinkReadModel] | None = None
    UploadedBy: str | None = None
