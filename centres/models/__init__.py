from .centre import (
    ApprovalType,
    CentrePage,
    CentrePhoto,
    ManagementMode,
    OpeningHours,
    StructureType,
    TerritoryType,
    Weekday,
)
from .corrections import CorrectionRequest, CorrectionStatus
from .directory import DepartmentContact, DepartmentPage, DirectoryPage, KeyEvent
from .partner import Partner, PartnerType

__all__ = [
    "ApprovalType",
    "CentrePage",
    "CentrePhoto",
    "CorrectionRequest",
    "CorrectionStatus",
    "DepartmentContact",
    "DepartmentPage",
    "DirectoryPage",
    "KeyEvent",
    "ManagementMode",
    "OpeningHours",
    "Partner",
    "PartnerType",
    "StructureType",
    "TerritoryType",
    "Weekday",
]
