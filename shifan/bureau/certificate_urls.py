"""URLs of the certificates in the bureau back office (under /bureau/recognitions/<pk>/)."""

from django.urls import path

from shifan.bureau import certificates

urlpatterns = [
    path("recognitions/<int:pk>/certificate.pdf", certificates.certificate_pdf_view, name="certificate-pdf"),
    path("recognitions/<int:pk>/certificate.docx", certificates.certificate_docx_view, name="certificate-docx"),
]
