"""URLs of the organisation's certificates (under /applicant/recognitions/<pk>/)."""

from django.urls import path

from shifan.applicant import certificates

urlpatterns = [
    path("recognitions/<int:pk>/certificate.pdf", certificates.certificate_pdf_view, name="certificate-pdf"),
    path("recognitions/<int:pk>/certificate.docx", certificates.certificate_docx_view, name="certificate-docx"),
]
